package org.purecodec.h264.nal;

import java.io.ByteArrayOutputStream;

/** Emulation prevention (7.4.1): removal of the 0x03 in {@code 00 00 03} and its inverse. */
public final class Rbsp {
    private Rbsp() {
    }

    /**
     * Removes emulation prevention bytes: every {@code 03} that follows two zero bytes (counted in the
     * escaped data) is dropped.
     */
    public static byte[] unescape(byte[] src, int off, int len) {
        byte[] out = new byte[len];
        int n = unescape(src, off, len, out);
        if (n == len) {
            return out;
        }
        byte[] r = new byte[n];
        System.arraycopy(out, 0, r, 0, n);
        return r;
    }

    /**
     * Removes emulation prevention bytes from {@code src[off..off+len)} into {@code dst} (at least
     * {@code len} bytes long, so that buffers can be reused); returns the RBSP's length.
     */
    public static int unescape(byte[] src, int off, int len, byte[] dst) {
        int n = 0;
        int zeros = 0;
        int end = off + len;
        for (int i = off; i < end; i++) {
            byte b = src[i];
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            dst[n++] = b;
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return n;
    }

    /** Unescapes a whole array. */
    public static byte[] unescape(byte[] src) {
        return unescape(src, 0, src.length);
    }

    /**
     * Inserts emulation prevention bytes so that no {@code 00 00 0x} with x &lt;= 3 occurs, and appends
     * {@code 03} when the payload ends in {@code 00 00} (an RBSP ending in cabac_zero_words). A valid RBSP
     * never ends in a single zero byte (rbsp_stop_one_bit), so such input is not made unambiguous.
     */
    public static byte[] escape(byte[] rbsp) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rbsp.length + rbsp.length / 64 + 4);
        int zeros = 0;
        for (byte b : rbsp) {
            if (zeros >= 2 && (b & 0xff) <= 3) {
                out.write(3);
                zeros = 0;
            }
            out.write(b);
            zeros = b == 0 ? zeros + 1 : 0;
        }
        if (zeros >= 2) {
            out.write(3);
        }
        return out.toByteArray();
    }
}
