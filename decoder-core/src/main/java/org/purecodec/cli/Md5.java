package org.purecodec.cli;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** md5 of frames as FFmpeg's framemd5 computes it for yuv420p (the I420 bytes of VideoDecoder's YUV output). */
final class Md5 {
    private final MessageDigest md;

    Md5() {
        try {
            md = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String bytes(byte[] data, int off, int len) {
        md.update(data, off, len);
        return hex(md.digest());
    }

    static String hex(byte[] d) {
        StringBuilder sb = new StringBuilder(32);
        for (byte b : d) {
            sb.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
        }
        return sb.toString();
    }
}
