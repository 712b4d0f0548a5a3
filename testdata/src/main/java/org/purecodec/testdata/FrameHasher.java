package org.purecodec.testdata;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Computes FFmpeg-compatible frame checksums: the md5 of the cropped planes written one after the
 * other, row by row, one byte per 8-bit sample (what {@code -f framemd5} prints for yuv420p).
 */
public final class FrameHasher {
    private final MessageDigest md5;

    /** A new hasher; not thread-safe. */
    public FrameHasher() {
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Adds a plane region: {@code height} rows of {@code width} bytes, the first at {@code offset},
     * each {@code stride} bytes after the previous.
     */
    public FrameHasher plane(byte[] data, int offset, int stride, int width, int height) {
        for (int y = 0; y < height; y++) {
            md5.update(data, offset + y * stride, width);
        }
        return this;
    }

    /** Adds bytes as they are (e.g. a packed RGB frame). */
    public FrameHasher bytes(byte[] data, int offset, int length) {
        md5.update(data, offset, length);
        return this;
    }

    /** Finishes and returns the lower-case hex digest; the hasher is reset for the next frame. */
    public String hex() {
        return toHex(md5.digest());
    }

    /** md5 of a 4:2:0 frame whose planes are tightly packed (stride = width). */
    public static String yuv420(byte[] y, byte[] u, byte[] v, int width, int height) {
        int cw = (width + 1) / 2;
        int ch = (height + 1) / 2;
        return new FrameHasher().plane(y, 0, width, width, height).plane(u, 0, cw, cw, ch).plane(v, 0, cw, cw, ch).hex();
    }

    /** md5 of a whole array. */
    public static String md5(byte[] data) {
        return new FrameHasher().bytes(data, 0, data.length).hex();
    }

    static String toHex(byte[] d) {
        StringBuilder sb = new StringBuilder(d.length * 2);
        for (byte b : d) {
            sb.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
        }
        return sb.toString();
    }
}
