package org.purecodec.h264.kernels;

/** A motion vector packed into one int: x in the low 16 bits, y in the high 16 bits (quarter samples). */
public final class Mv {
    private Mv() {
    }

    public static int pack(int x, int y) {
        return (y << 16) | (x & 0xffff);
    }

    public static int x(int mv) {
        return (short) mv;
    }

    public static int y(int mv) {
        return mv >> 16;
    }

    /** The sum of two vectors, component by component (each kept in 16 bits, as {@link #pack}). */
    public static int add(int a, int b) {
        return pack(x(a) + x(b), y(a) + y(b));
    }
}
