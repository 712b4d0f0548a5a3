package org.purecodec.h264.kernels;

/** Plane layout helpers: border padding by edge replication and sample clipping. */
public final class Planes {
    /** Border width, in samples, that reference luma planes carry on each side. */
    public static final int LUMA_PAD = 32;
    /** Border width, in samples, that reference chroma planes (4:2:0) carry on each side. */
    public static final int CHROMA_PAD = 16;

    private Planes() {
    }

    /** Clip1 for 8-bit samples: clamps {@code v} to [0, 255]. */
    public static int clip1(int v) {
        return v < 0 ? 0 : (v > 255 ? 255 : v);
    }

    /** Clip3(lo, hi, v). */
    public static int clip3(int lo, int hi, int v) {
        return v < lo ? lo : (v > hi ? hi : v);
    }

    /**
     * Fills the borders of a plane by edge replication: each of the {@code padX} samples left (right) of a
     * row takes the value of the row's first (last) sample, and each of the {@code padY} rows above (below)
     * the picture is a copy of the first (last) padded row, corners included.
     *
     * @param buf    the plane's array
     * @param off    offset of picture sample (0, 0); {@code off - padY * stride - padX} must be &gt;= 0
     * @param stride distance between rows, at least {@code width + 2 * padX}
     * @param width  picture width in samples (&gt;= 1)
     * @param height picture height in samples (&gt;= 1)
     */
    public static void padBorders(byte[] buf, int off, int stride, int width, int height, int padX, int padY) {
        if (width < 1 || height < 1 || padX < 0 || padY < 0 || stride < width + 2 * padX
                || off - padY * stride - padX < 0
                || off + (height - 1 + padY) * stride + width + padX > buf.length) {
            throw new IllegalArgumentException("plane layout out of bounds: off=" + off + " stride=" + stride
                    + " size=" + width + "x" + height + " pad=" + padX + "x" + padY + " length=" + buf.length);
        }
        padSides(buf, off, stride, width, 0, height, padX);
        extendUp(buf, off, stride, width, padX, padY);
        extendDown(buf, off, stride, width, height, padX, padY);
    }

    /** Replicates the first and last sample of rows [y0, y1) into padX samples left and right. */
    public static void padSides(byte[] buf, int off, int stride, int width, int y0, int y1, int padX) {
        for (int y = y0; y < y1; y++) {
            int row = off + y * stride;
            byte l = buf[row];
            byte r = buf[row + width - 1];
            for (int x = 1; x <= padX; x++) {
                buf[row - x] = l;
            }
            for (int x = 0; x < padX; x++) {
                buf[row + width + x] = r;
            }
        }
    }

    /** Copies row 0, with its side borders, into the padY rows above it. */
    public static void extendUp(byte[] buf, int off, int stride, int width, int padX, int padY) {
        int first = off - padX;
        for (int y = 1; y <= padY; y++) {
            System.arraycopy(buf, first, buf, first - y * stride, width + 2 * padX);
        }
    }

    /** Copies the last row, with its side borders, into the padY rows below it. */
    public static void extendDown(byte[] buf, int off, int stride, int width, int height, int padX, int padY) {
        int last = off + (height - 1) * stride - padX;
        for (int y = 1; y <= padY; y++) {
            System.arraycopy(buf, last, buf, last + y * stride, width + 2 * padX);
        }
    }
}
