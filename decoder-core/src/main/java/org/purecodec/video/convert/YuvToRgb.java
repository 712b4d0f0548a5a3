package org.purecodec.video.convert;

import org.purecodec.h264.kernels.Mem;

/**
 * YUV 4:2:0 (8-bit) to RGB24 conversion that reproduces FFmpeg's default {@code -pix_fmt rgb24}
 * output bit for bit (libswscale's unscaled path as run on x86: chroma repeated over each 2x2 block,
 * 13-bit coefficients applied with a high-half 16-bit multiply, then saturation to 0..255).
 *
 * <p>Every term is a table lookup: {@code R = clip(Y'[y] + Rv[v])}, {@code G = clip(Y'[y] + Gu[u] + Gv[v])},
 * {@code B = clip(Y'[y] + Bu[u])}, where each table entry is {@code floor(x * c / 65536)} with
 * {@code x = 8*sample - 8*offset} and {@code c = round(coefficient * 8192)}. Integer only, one pass, no
 * per-pixel calls. Instances are immutable and thread-safe; rows can be converted in parallel.
 *
 * <p>The loops take the two luma rows of a chroma row together, so each chroma sample's three terms are
 * looked up once for its 2x2 pixels, and saturate through {@link #SATURATE}, a table indexed by the sum's
 * low 11 bits: no branch on the picture content (which mispredicts in saturated regions: about a quarter of
 * the 2x2 blocks of the embedded sample's frame 100 have a value out of range) and, as the mask keeps the index
 * inside the constant table, no bounds check either. Against the per-pixel loops they replaced (2026-12-05,
 * frame 100 of the sample, both in one JVM, 16 timed rounds each, several JVMs): 1.86x as fast to
 * interleaved RGB on JDK 17 and 1.95x-1.99x on JDK 25; 1.65x-1.66x and 1.70x-1.72x to planes. Tried and
 * slower or no better: one test of the twelve sums with clipping only when one is out of range (a quarter
 * of that frame's blocks saturate, and the branch mispredicts), saturation by min / max, one row at a
 * time, one table for all terms, and per-chroma-sample 2-D tables with the saturation built in.
 *
 * <p>The planar loop then takes four columns at a time and stores each plane row's four bytes as one
 * {@code int}: 1.07x-1.09x as fast on JDK 17 and 1.27x-1.28x on JDK 25 (2026-12-05, same frame, old and new
 * build in one JVM, three JVMs each). Tried and left out: eight columns and {@code long} stores (slower: more
 * values live than registers), an {@code int} saturation table (1.01x-1.02x), and the interleaved loop with
 * one {@code long} and one {@code int} store per row of four pixels (0.94x on JDK 17, 1.03x-1.04x on JDK 25).
 */
public final class YuvToRgb {
    /** The YUV to RGB matrix. */
    public enum Matrix {
        /** ITU-R BT.601 (Kr = 0.299, Kb = 0.114): the default when nothing is signalled. */
        BT601(0.299, 0.114),
        /** ITU-R BT.709 (Kr = 0.2126, Kb = 0.0722). */
        BT709(0.2126, 0.0722),
        /** ITU-R BT.2020 non-constant luminance (Kr = 0.2627, Kb = 0.0593). */
        BT2020(0.2627, 0.0593),
        /** SMPTE 240M (Kr = 0.212, Kb = 0.087). */
        SMPTE240M(0.212, 0.087),
        /** FCC (Kr = 0.30, Kb = 0.11). */
        FCC(0.30, 0.11);

        final double kr;
        final double kb;

        Matrix(double kr, double kb) {
            this.kr = kr;
            this.kb = kb;
        }

        /**
         * The matrix for an H.264 VUI / ISO 23091-2 {@code matrix_coefficients} value; BT.601 for
         * unspecified (2), reserved or unknown values, as FFmpeg does.
         */
        public static Matrix fromCode(int matrixCoefficients) {
            switch (matrixCoefficients) {
                case 1:
                    return BT709;
                case 4:
                    return FCC;
                case 7:
                    return SMPTE240M;
                case 9:
                case 10:
                    return BT2020;
                default:
                    return BT601;
            }
        }
    }

    /** The low bits of a sum that {@link #SATURATE} takes: sums lie in -1024..1023 (checked per instance). */
    private static final int SATURATE_MASK = 2047;
    /**
     * Saturation to 0..255 of any {@code v} in -1024..1023 as {@code SATURATE[v & SATURATE_MASK]}: entries
     * 0..1023 are v itself (255 from 255 up), entries 1024..2047 the negative values (0).
     */
    private static final byte[] SATURATE = new byte[SATURATE_MASK + 1];

    static {
        for (int i = 0; i <= SATURATE_MASK; i++) {
            SATURATE[i] = (byte) (i >= 1024 ? 0 : Math.min(i, 255));
        }
    }

    private final Matrix matrix;
    private final boolean fullRange;
    private final int[] yTab = new int[256];
    private final int[] rv = new int[256];
    private final int[] gu = new int[256];
    private final int[] gv = new int[256];
    private final int[] bu = new int[256];

    private YuvToRgb(Matrix matrix, boolean fullRange) {
        this.matrix = matrix;
        this.fullRange = fullRange;
        double kr = matrix.kr;
        double kb = matrix.kb;
        double kg = 1 - kr - kb;
        double ys = fullRange ? 1.0 : 255.0 / 219.0;
        double cs = fullRange ? 1.0 : 255.0 / 224.0;
        int yOffset8 = fullRange ? 0 : 16 * 8;
        int yc = q13(ys);
        int vrc = q13(2 * (1 - kr) * cs);
        int ubc = q13(2 * (1 - kb) * cs);
        int ugc = -q13(2 * kb * (1 - kb) / kg * cs);
        int vgc = -q13(2 * kr * (1 - kr) / kg * cs);
        for (int i = 0; i < 256; i++) {
            int c8 = i * 8 - 1024;
            yTab[i] = (i * 8 - yOffset8) * yc >> 16;
            rv[i] = c8 * vrc >> 16;
            gu[i] = c8 * ugc >> 16;
            gv[i] = c8 * vgc >> 16;
            bu[i] = c8 * ubc >> 16;
        }
        // every sum the loops saturate must lie in SATURATE's range (all matrices are far inside it: about -280..540)
        int[] sums = sumRange();
        if (sums[0] < -1024 || sums[1] > 1023) {
            throw new IllegalStateException("sums out of the saturation table's range: " + sums[0] + ".." + sums[1]);
        }
    }

    private static int min(int[] a) {
        int m = a[0];
        for (int x : a) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static int max(int[] a) {
        int m = a[0];
        for (int x : a) {
            m = Math.max(m, x);
        }
        return m;
    }

    /** The smallest and largest sum the loops can saturate: {@code {min, max}} (yTab grows with its index). */
    int[] sumRange() {
        return new int[] {yTab[0] + Math.min(min(rv), Math.min(min(gu) + min(gv), min(bu))),
                yTab[255] + Math.max(max(rv), Math.max(max(gu) + max(gv), max(bu)))};
    }

    private static int q13(double c) {
        return (int) Math.round(c * 8192);
    }

    /** A converter for that matrix and range. */
    public static YuvToRgb of(Matrix matrix, boolean fullRange) {
        return new YuvToRgb(matrix, fullRange);
    }

    /** The matrix. */
    public Matrix matrix() {
        return matrix;
    }

    /** Whether the input is full range (0..255) rather than limited (16..235 / 16..240). */
    public boolean fullRange() {
        return fullRange;
    }

    /** Saturation to 0..255 (for the reference formula and the last column of odd widths). */
    private static int clip(int v) {
        return Math.min(Math.max(v, 0), 255);
    }

    /**
     * Converts rows {@code [row0, row1)} of a {@code width x height} 4:2:0 picture to interleaved RGB
     * ({@code R G B} per pixel): pixel (x, row) goes to {@code dst[dstOff + row * dstStride + 3 * x]}.
     * Nothing outside those rows' {@code 3 * width} bytes is written.
     */
    public void toInterleaved(byte[] y, int yOff, int yStride, byte[] u, int uOff, int uStride, byte[] v, int vOff,
                              int vStride, int width, int row0, int row1, byte[] dst, int dstOff, int dstStride) {
        for (int row = row0; row < row1; ) {
            // the two rows of a chroma row at once; a row without its partner in [row0, row1) goes twice
            int next = (row & 1) == 0 && row + 1 < row1 ? row + 1 : row;
            int c = row >> 1;
            interleavedPair(y, yOff + row * yStride, yOff + next * yStride, u, uOff + c * uStride, v,
                    vOff + c * vStride, width, dst, dstOff + row * dstStride, dstOff + next * dstStride);
            row = next + 1;
        }
    }

    /**
     * The two luma rows at {@code y0} and {@code y1} (the same row twice is allowed) that share the chroma row
     * at {@code cu} / {@code cv}: each chroma sample's three terms are looked up once for its 2x2 pixels.
     */
    private void interleavedPair(byte[] y, int y0, int y1, byte[] u, int cu, byte[] v, int cv, int width,
                                 byte[] dst, int d0, int d1) {
        int[] yt = yTab;
        int[] rt = rv;
        int[] gut = gu;
        int[] gvt = gv;
        int[] bt = bu;
        int half = width >> 1;
        for (int i = 0; i < half; i++) {
            int uu = u[cu + i] & 0xff;
            int vv = v[cv + i] & 0xff;
            int r = rt[vv];
            int g = gut[uu] + gvt[vv];
            int b = bt[uu];
            int x = 2 * i;
            int la = yt[y[y0 + x] & 0xff];
            int lb = yt[y[y0 + x + 1] & 0xff];
            int lc = yt[y[y1 + x] & 0xff];
            int ld = yt[y[y1 + x + 1] & 0xff];
            int ra = la + r;
            int ga = la + g;
            int ba = la + b;
            int rb = lb + r;
            int gb = lb + g;
            int bb = lb + b;
            int rc = lc + r;
            int gc = lc + g;
            int bc = lc + b;
            int rd = ld + r;
            int gd = ld + g;
            int bd = ld + b;
            // indices from the loop counter rather than a second induction variable (the form C2 hoists checks for)
            int p = d0 + 6 * i;
            int q = d1 + 6 * i;
            dst[p] = SATURATE[ra & SATURATE_MASK];
            dst[p + 1] = SATURATE[ga & SATURATE_MASK];
            dst[p + 2] = SATURATE[ba & SATURATE_MASK];
            dst[p + 3] = SATURATE[rb & SATURATE_MASK];
            dst[p + 4] = SATURATE[gb & SATURATE_MASK];
            dst[p + 5] = SATURATE[bb & SATURATE_MASK];
            dst[q] = SATURATE[rc & SATURATE_MASK];
            dst[q + 1] = SATURATE[gc & SATURATE_MASK];
            dst[q + 2] = SATURATE[bc & SATURATE_MASK];
            dst[q + 3] = SATURATE[rd & SATURATE_MASK];
            dst[q + 4] = SATURATE[gd & SATURATE_MASK];
            dst[q + 5] = SATURATE[bd & SATURATE_MASK];
        }
        d0 += 6 * half;
        d1 += 6 * half;
        if ((width & 1) != 0) { // the last column has a chroma sample of its own
            int uu = u[cu + half] & 0xff;
            int vv = v[cv + half] & 0xff;
            int l = yt[y[y0 + width - 1] & 0xff];
            dst[d0] = (byte) clip(l + rt[vv]);
            dst[d0 + 1] = (byte) clip(l + gut[uu] + gvt[vv]);
            dst[d0 + 2] = (byte) clip(l + bt[uu]);
            l = yt[y[y1 + width - 1] & 0xff];
            dst[d1] = (byte) clip(l + rt[vv]);
            dst[d1 + 1] = (byte) clip(l + gut[uu] + gvt[vv]);
            dst[d1 + 2] = (byte) clip(l + bt[uu]);
        }
    }

    /**
     * Converts rows {@code [row0, row1)} to three planes (R, G, B) of {@code planeSize} bytes each,
     * starting at {@code dstOff}: pixel (x, row) of channel c goes to
     * {@code dst[dstOff + c * planeSize + row * dstStride + x]}. Nothing outside those rows' {@code width}
     * bytes of each plane is written.
     */
    public void toPlanar(byte[] y, int yOff, int yStride, byte[] u, int uOff, int uStride, byte[] v, int vOff,
                         int vStride, int width, int row0, int row1, byte[] dst, int dstOff, int dstStride,
                         int planeSize) {
        for (int row = row0; row < row1; ) {
            int next = (row & 1) == 0 && row + 1 < row1 ? row + 1 : row; // as in toInterleaved
            int c = row >> 1;
            planarPair(y, yOff + row * yStride, yOff + next * yStride, u, uOff + c * uStride, v, vOff + c * vStride,
                    width, dst, dstOff + row * dstStride, dstOff + next * dstStride, planeSize);
            row = next + 1;
        }
    }

    /**
     * {@link #interleavedPair} for three planes, four columns (two chroma samples) at a time: each plane row's
     * four bytes are put together in an {@code int} and stored at once ({@link Mem#putInt}, one store instead
     * of four: the byte stores were what limited this loop). {@code r0} / {@code r1}: the two rows in the R
     * plane. The last one to three columns go one at a time.
     */
    private void planarPair(byte[] y, int y0, int y1, byte[] u, int cu, byte[] v, int cv, int width, byte[] dst,
                            int r0, int r1, int planeSize) {
        int[] yt = yTab;
        int[] rt = rv;
        int[] gut = gu;
        int[] gvt = gv;
        int[] bt = bu;
        int g0 = r0 + planeSize;
        int g1 = r1 + planeSize;
        int b0 = g0 + planeSize;
        int b1 = g1 + planeSize;
        int quads = width >> 2;
        for (int i = 0; i < quads; i++) {
            int c = 2 * i;
            int ua = u[cu + c] & 0xff;
            int va = v[cv + c] & 0xff;
            int ub = u[cu + c + 1] & 0xff;
            int vb = v[cv + c + 1] & 0xff;
            int ra = rt[va];
            int ga = gut[ua] + gvt[va];
            int ba = bt[ua];
            int rb = rt[vb];
            int gb = gut[ub] + gvt[vb];
            int bb = bt[ub];
            int x = 4 * i;
            int l0 = yt[y[y0 + x] & 0xff];
            int l1 = yt[y[y0 + x + 1] & 0xff];
            int l2 = yt[y[y0 + x + 2] & 0xff];
            int l3 = yt[y[y0 + x + 3] & 0xff];
            Mem.putInt(dst, r0 + x, four(l0, l1, l2, l3, ra, rb));
            Mem.putInt(dst, g0 + x, four(l0, l1, l2, l3, ga, gb));
            Mem.putInt(dst, b0 + x, four(l0, l1, l2, l3, ba, bb));
            l0 = yt[y[y1 + x] & 0xff];
            l1 = yt[y[y1 + x + 1] & 0xff];
            l2 = yt[y[y1 + x + 2] & 0xff];
            l3 = yt[y[y1 + x + 3] & 0xff];
            Mem.putInt(dst, r1 + x, four(l0, l1, l2, l3, ra, rb));
            Mem.putInt(dst, g1 + x, four(l0, l1, l2, l3, ga, gb));
            Mem.putInt(dst, b1 + x, four(l0, l1, l2, l3, ba, bb));
        }
        for (int x = 4 * quads; x < width; x++) {
            int c = x >> 1;
            int uu = u[cu + c] & 0xff;
            int vv = v[cv + c] & 0xff;
            int la = yt[y[y0 + x] & 0xff];
            int lc = yt[y[y1 + x] & 0xff];
            int g = gut[uu] + gvt[vv];
            dst[r0 + x] = (byte) clip(la + rt[vv]);
            dst[r1 + x] = (byte) clip(lc + rt[vv]);
            dst[g0 + x] = (byte) clip(la + g);
            dst[g1 + x] = (byte) clip(lc + g);
            dst[b0 + x] = (byte) clip(la + bt[uu]);
            dst[b1 + x] = (byte) clip(lc + bt[uu]);
        }
    }

    /**
     * Four saturated samples of one plane row as the bytes of an {@code int}, first pixel lowest: luma terms
     * {@code l0..l3}, chroma term {@code a} for the first two, {@code b} for the last two.
     */
    private static int four(int l0, int l1, int l2, int l3, int a, int b) {
        return (SATURATE[(l0 + a) & SATURATE_MASK] & 0xff) | (SATURATE[(l1 + a) & SATURATE_MASK] & 0xff) << 8
                | (SATURATE[(l2 + b) & SATURATE_MASK] & 0xff) << 16 | SATURATE[(l3 + b) & SATURATE_MASK] << 24;
    }

    /** The reference formula for one pixel (R, G, B), used by tests; same result as the tables. */
    public int[] pixel(int yv, int uv, int vv) {
        int l = yTab[yv];
        return new int[] {clip(l + rv[vv]), clip(l + gu[uv] + gv[vv]), clip(l + bu[uv])};
    }
}
