package org.purecodec.cli;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.purecodec.h264.DecodedFrame;

/** md5 of pictures as FFmpeg's framemd5 computes it for yuv420p: cropped Y, U, V planes, row by row. */
final class Md5 {
    private final MessageDigest md;

    Md5() {
        try {
            md = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String picture(DecodedFrame f) {
        plane(f.y(), f.yOffset(), f.yStride(), f.width(), f.height());
        plane(f.u(), f.uOffset(), f.uStride(), f.chromaWidth(), f.chromaHeight());
        plane(f.v(), f.vOffset(), f.vStride(), f.chromaWidth(), f.chromaHeight());
        return hex(md.digest());
    }

    String bytes(byte[] data, int off, int len) {
        md.update(data, off, len);
        return hex(md.digest());
    }

    private void plane(byte[] data, int offset, int stride, int width, int height) {
        for (int y = 0; y < height; y++) {
            md.update(data, offset + y * stride, width);
        }
    }

    static String hex(byte[] d) {
        StringBuilder sb = new StringBuilder(32);
        for (byte b : d) {
            sb.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
        }
        return sb.toString();
    }
}
