package org.purecodec.h264.nal;

import org.purecodec.h264.H264Exception;

/**
 * MSB-first bit reader over an RBSP with Exp-Golomb codes (9.1). Reading past the end throws a
 * TRUNCATED {@link H264Exception} naming {@code what} (the unit being parsed).
 */
public final class BitReader {
    private final byte[] data;
    private final int end;
    private long bit;
    private final String what;
    private final Object context;

    /** Reads {@code data[0..length)}; {@code what} names the unit in error messages. */
    public BitReader(byte[] data, int length, String what) {
        this(data, length, what, null);
    }

    /**
     * Reads {@code data[0..length)}; error messages name the unit as {@code what} followed by
     * {@code context} (a {@link NalUnit} names its position), turned into text only when an error is
     * reported.
     */
    public BitReader(byte[] data, int length, String what, Object context) {
        this.data = data;
        this.end = length;
        this.what = what;
        this.context = context;
    }

    private String what() {
        return context == null ? what : what + context;
    }

    /** Reads a whole array. */
    public BitReader(byte[] data, String what) {
        this(data, data.length, what);
    }

    /** Reads one bit. */
    public int u1() {
        if (bit >= (long) end * 8) {
            throw new H264Exception(H264Exception.Kind.TRUNCATED, what() + ": ends inside a syntax element at bit " + bit);
        }
        int v = (data[(int) (bit >>> 3)] >> (7 - (int) (bit & 7))) & 1;
        bit++;
        return v;
    }

    /** Reads a flag. */
    public boolean flag() {
        return u1() != 0;
    }

    /** Reads {@code n} bits (0..32) as an unsigned value. */
    public long u(int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 1) | u1();
        }
        return v;
    }

    /** Reads {@code n} bits (0..31) as an int. */
    public int ui(int n) {
        return (int) u(n);
    }

    /** ue(v), limited to 32 leading zeros. */
    public int ue() {
        int zeros = 0;
        while (u1() == 0) {
            if (++zeros > 31) {
                throw new H264Exception(H264Exception.Kind.INVALID_DATA, what() + ": Exp-Golomb code longer than 32 bits at bit " + bit);
            }
        }
        long v = (1L << zeros) - 1 + u(zeros);
        if (v > Integer.MAX_VALUE) {
            throw new H264Exception(H264Exception.Kind.INVALID_DATA, what() + ": ue(v) value " + v + " too large at bit " + bit);
        }
        return (int) v;
    }

    /** se(v). */
    public int se() {
        int k = ue();
        return (k & 1) != 0 ? (k + 1) / 2 : -(k / 2);
    }

    /** ue(v) that must lie in [min, max]; otherwise INVALID_DATA naming {@code field}. */
    public int ue(String field, int min, int max) {
        int v = ue();
        if (v < min || v > max) {
            throw new H264Exception(H264Exception.Kind.INVALID_DATA, what() + ": " + field + " = " + v + " out of range [" + min + ", " + max + "]");
        }
        return v;
    }

    /** Bits consumed so far. */
    public long position() {
        return bit;
    }

    /** Bits left. */
    public long remaining() {
        return (long) end * 8 - bit;
    }
}
