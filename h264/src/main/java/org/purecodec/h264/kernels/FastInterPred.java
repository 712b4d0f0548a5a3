package org.purecodec.h264.kernels;

/**
 * Fast inter prediction. Luma: every fractional position is one or two one-dimensional 6-tap passes, a
 * centre pass over horizontal intermediates, and a rounding average (8-250 to 8-261) folded into the pass
 * that writes the output. Passes on blocks 4 wide slide a window of six samples along a row or down a
 * column (one load per output sample). Passes on blocks 8 or 16 wide work on eight samples at once in SWAR
 * style: 8-byte loads ({@link Mem}; vertical: one per row, horizontal: six overlapping ones), split into
 * the even and the odd positions as four 16-bit lanes of a {@code long} each, filtered and clipped lane-wise
 * ({@link #tap6}), merged back into one 8-byte store; the centre pass keeps the horizontal intermediates
 * unclipped in 16-bit lanes and filters them vertically in 32-bit lanes ({@link #centre8}). Chroma: the
 * bilinear filter with its weights hoisted, the same SWAR scheme for blocks 4 or 8 wide and a sliding pair
 * of samples for 2 wide. With {@code avg} the prediction is averaged into the samples already in dst
 * (default bi-prediction, 8-271) in the same pass. Holds scratch: one instance per thread.
 *
 * <p>Measured (2026-12-02): in micro-benchmarks the vertical SWAR pass is twice as fast as the column-wise
 * scalar one and the chroma SWAR filter 2.2x on 8x8 blocks; the whole decoder 1.018 ± 0.011 across 14 JVMs
 * (JDK 17), 0.993 ± 0.018 across 12 JVMs on JDK 25 (no measurable change) while the loads went through
 * {@code ByteBuffer} views; the decoder became 8% and 11% faster once they went through {@code VarHandle}s
 * ({@link Mem}), and only then did the SWAR horizontal pass beat the sliding window.
 */
public final class FastInterPred implements InterPred {
    private static final int MAX = 16;
    private final byte[] tmp = new byte[MAX * MAX];
    private final int[] mid = new int[(MAX + 5) * MAX];
    /** The low byte of each 16-bit lane of a long; 1 and 32 in each lane. */
    private static final long LO = 0x00ff00ff00ff00ffL;
    private static final long ONES = 0x0001000100010001L;
    private static final long ROUND32 = 32 * ONES;
    /** The 6-tap filter's rounding term 16 plus a bias of 256 * 32 in each lane; ten bits of each lane. */
    private static final long BIAS6 = (16 + 256 * 32) * ONES;
    private static final long LANE10 = 0x03ff03ff03ff03ffL;

    @Override
    public void lumaMc(byte[] dst, int dstOff, int dstStride, byte[] src, int srcOff, int srcStride, int w, int h,
            int xFrac, int yFrac, boolean avg) {
        switch (yFrac * 4 + xFrac) {
            case 0: // G
                copy(dst, dstOff, dstStride, src, srcOff, srcStride, w, h, avg);
                return;
            case 1: // a = (G + b + 1) >> 1
                h6(dst, dstOff, dstStride, src, srcOff, srcStride, w, h, src, srcOff, srcStride, avg);
                return;
            case 2: // b
                h6(dst, dstOff, dstStride, src, srcOff, srcStride, w, h, null, 0, 0, avg);
                return;
            case 3: // c = (H + b + 1) >> 1
                h6(dst, dstOff, dstStride, src, srcOff, srcStride, w, h, src, srcOff + 1, srcStride, avg);
                return;
            case 4: // d = (G + h + 1) >> 1
                v6(dst, dstOff, dstStride, src, srcOff, srcStride, w, h, src, srcOff, srcStride, avg);
                return;
            case 8: // h
                v6(dst, dstOff, dstStride, src, srcOff, srcStride, w, h, null, 0, 0, avg);
                return;
            case 12: // n = (M + h + 1) >> 1
                v6(dst, dstOff, dstStride, src, srcOff, srcStride, w, h, src, srcOff + srcStride, srcStride, avg);
                return;
            case 10: // j
                centre(dst, dstOff, dstStride, src, srcOff, srcStride, w, h, null, 0, avg);
                return;
            case 5: // e = (b + h + 1) >> 1
            case 7: // g = (b + m + 1) >> 1
            case 13: // p = (h + s + 1) >> 1
            case 15: // r = (m + s + 1) >> 1
                // b (row y, or y + 1 for s) into tmp, then h (column x, or x + 1 for m) averaged with it
                h6(tmp, 0, MAX, src, srcOff + (yFrac == 3 ? srcStride : 0), srcStride, w, h, null, 0, 0, false);
                v6(dst, dstOff, dstStride, src, srcOff + (xFrac == 3 ? 1 : 0), srcStride, w, h, tmp, 0, MAX, avg);
                return;
            case 6: // f = (b + j + 1) >> 1
            case 14: // q = (j + s + 1) >> 1
                h6(tmp, 0, MAX, src, srcOff + (yFrac == 3 ? srcStride : 0), srcStride, w, h, null, 0, 0, false);
                centre(dst, dstOff, dstStride, src, srcOff, srcStride, w, h, tmp, MAX, avg);
                return;
            case 9: // i = (h + j + 1) >> 1
            case 11: // k = (j + m + 1) >> 1
                v6(tmp, 0, MAX, src, srcOff + (xFrac == 3 ? 1 : 0), srcStride, w, h, null, 0, 0, false);
                centre(dst, dstOff, dstStride, src, srcOff, srcStride, w, h, tmp, MAX, avg);
                return;
            default:
                throw new IllegalArgumentException("fraction " + xFrac + "," + yFrac);
        }
    }

    /** Clip1 for 8-bit samples. */
    private static int clip(int v) {
        return (v & ~0xff) == 0 ? v : (~v >>> 31) * 255;
    }

    private void copy(byte[] dst, int dOff, int dStride, byte[] src, int sOff, int sStride, int w, int h, boolean avg) {
        if ((w & 3) == 0) {
            copy4(dst, dOff, dStride, src, sOff, sStride, w, h, avg);
            return;
        }
        if (!avg) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(src, sOff + y * sStride, dst, dOff + y * dStride, w);
            }
            return;
        }
        for (int y = 0; y < h; y++) {
            int s = sOff + y * sStride;
            int d = dOff + y * dStride;
            for (int x = 0; x < w; x++) {
                dst[d + x] = (byte) (((dst[d + x] & 0xff) + (src[s + x] & 0xff) + 1) >> 1);
            }
        }
    }

    /** {@link #copy} of a block whose width is a multiple of 4, eight (or four) bytes per load and store. */
    private static void copy4(byte[] d, int dOff, int dStride, byte[] s, int sOff, int sStride, int w, int h,
            boolean avg) {
        if (w == 4) {
            for (int y = 0; y < h; y++, sOff += sStride, dOff += dStride) {
                int v = Mem.getInt(s, sOff);
                Mem.putInt(d, dOff, avg ? average4(v, Mem.getInt(d, dOff)) : v);
            }
            return;
        }
        // columns of eight bytes outermost (see h6x8)
        for (int x = 0; x < w; x += 8) {
            for (int y = 0, p = sOff + x, q = dOff + x; y < h; y++, p += sStride, q += dStride) {
                long v = Mem.getLong(s, p);
                Mem.putLong(d, q, avg ? average8(v, Mem.getLong(d, q)) : v);
            }
        }
    }

    /**
     * Horizontal half samples b (8-241, 8-243), a window of six samples sliding along each row; each
     * averaged with {@code o} at the same position when o is not null, then with dst when {@code avg}.
     */
    private static void h6(byte[] dst, int dOff, int dStride, byte[] src, int sOff, int sStride, int w, int h,
            byte[] o, int oOff, int oStride, boolean avg) {
        if ((w & 7) == 0) {
            // o is null or the source itself at the same row (G or H: a, c)
            h6x8(dst, dOff, dStride, src, sOff, sStride, w, h, o == null ? -1 : oOff - sOff, avg);
            return;
        }
        for (int y = 0; y < h; y++) {
            int s = sOff + y * sStride - 2;
            int d = dOff + y * dStride;
            int oi = oOff + y * oStride;
            int a0 = src[s] & 0xff;
            int a1 = src[s + 1] & 0xff;
            int a2 = src[s + 2] & 0xff;
            int a3 = src[s + 3] & 0xff;
            int a4 = src[s + 4] & 0xff;
            for (int x = 0; x < w; x++) {
                int a5 = src[s + 5 + x] & 0xff;
                int v = clip((a0 + a5 - 5 * (a1 + a4) + 20 * (a2 + a3) + 16) >> 5);
                if (o != null) {
                    v = (v + (o[oi + x] & 0xff) + 1) >> 1;
                }
                if (avg) {
                    v = (v + (dst[d + x] & 0xff) + 1) >> 1;
                }
                dst[d + x] = (byte) v;
                a0 = a1;
                a1 = a2;
                a2 = a3;
                a3 = a4;
                a4 = a5;
            }
        }
    }

    /** Vertical half samples h (8-242, 8-244), a window sliding down each column; o and avg as for {@link #h6}. */
    private void v6(byte[] dst, int dOff, int dStride, byte[] src, int sOff, int sStride, int w, int h,
            byte[] o, int oOff, int oStride, boolean avg) {
        if ((w & 7) == 0) {
            v6x8(dst, dOff, dStride, src, sOff, sStride, w, h, o, oOff, oStride, avg);
            return;
        }
        for (int x = 0; x < w; x++) {
            int s = sOff + x - 2 * sStride;
            int a0 = src[s] & 0xff;
            int a1 = src[s + sStride] & 0xff;
            int a2 = src[s + 2 * sStride] & 0xff;
            int a3 = src[s + 3 * sStride] & 0xff;
            int a4 = src[s + 4 * sStride] & 0xff;
            int p = s + 5 * sStride;
            int d = dOff + x;
            int oi = oOff + x;
            for (int y = 0; y < h; y++, p += sStride, d += dStride, oi += oStride) {
                int a5 = src[p] & 0xff;
                int v = clip((a0 + a5 - 5 * (a1 + a4) + 20 * (a2 + a3) + 16) >> 5);
                if (o != null) {
                    v = (v + (o[oi] & 0xff) + 1) >> 1;
                }
                if (avg) {
                    v = (v + (dst[d] & 0xff) + 1) >> 1;
                }
                dst[d] = (byte) v;
                a0 = a1;
                a1 = a2;
                a2 = a3;
                a3 = a4;
                a4 = a5;
            }
        }
    }

    /**
     * The 6-tap half-sample filter, rounded and clipped (8-241 to 8-244 with Clip1), on four 16-bit lanes at
     * once. The sum is biased by 256 * 32 so that no lane is ever negative (it lies in 5658..18918 before the
     * shift, so no lane borrows from or carries into the next); after the shift a lane holds the result plus
     * 256, in 176..591, and bits 8 and 9 say whether it is below 0, in range, or above 255.
     */
    private static long tap6(long a0, long a1, long a2, long a3, long a4, long a5) {
        long r = (a0 + a5 + 20 * (a2 + a3) + BIAS6 - 5 * (a1 + a4)) >>> 5 & LANE10;
        return r & (r >>> 8 & ONES) * 0xff | (r >>> 9 & ONES) * 0xff;
    }

    /**
     * The rounding average (a + b + 1) &gt;&gt; 1 of each of the eight bytes of a and b: a | b minus half of
     * a ^ b (the bits where exactly one is set), with the bit each byte would shift into its lower neighbour
     * masked off. Never borrows across bytes, as a | b &gt;= (a ^ b) &gt;&gt; 1 in every byte.
     */
    static long average8(long a, long b) {
        return (a | b) - ((a ^ b) >>> 1 & 0x7f7f7f7f7f7f7f7fL);
    }

    /** {@link #average8} on four bytes. */
    static int average4(int a, int b) {
        return (a | b) - ((a ^ b) >>> 1 & 0x7f7f7f7f);
    }

    /**
     * {@link #h6} for a block whose width is a multiple of 8: eight outputs at a time from six overlapping
     * 8-byte loads at offsets -2..3, whose even bytes are the six taps of the even outputs; the odd outputs' taps
     * are the even bytes of loads 1..5 and the odd bytes of load 5.
     * Columns of eight outputs are the outer loop and rows the inner one: with the rows outermost the inner
     * loop ran once or twice per row, and C2 checked the bounds of all its loads before each run of it
     * (loop predication: a dozen compares per row, more than the loop's own six loads). Reads exactly the
     * samples the sliding window reads. 1.3x-2x faster than the sliding window in
     * micro-benchmarks once loads went through {@link Mem} (it had been slower with {@code ByteBuffer} loads).
     * The quarter positions a and c average with the full sample G or H of the same row, loaded from the source
     * at offset {@code own} (0 or 1; -1: no such average) rather than through a second array, offset and stride,
     * which kept the loop counter on the stack.
     */
    private static void h6x8(byte[] d, int dOff, int dStride, byte[] s, int sOff, int sStride, int w, int h,
            int own, boolean avg) {
        for (int x = 0; x < w; x += 8) {
            for (int y = 0, p = sOff + x - 2, q = dOff + x; y < h; y++, p += sStride, q += dStride) {
                long t0 = Mem.getLong(s, p);
                long e1 = Mem.getLong(s, p + 1) & LO;
                long e2 = Mem.getLong(s, p + 2) & LO;
                long e3 = Mem.getLong(s, p + 3) & LO;
                long e4 = Mem.getLong(s, p + 4) & LO;
                long t5 = Mem.getLong(s, p + 5);
                long e5 = t5 & LO;
                // the odd positions of the load at k are the even positions of the load at k + 1
                long v = tap6(t0 & LO, e1, e2, e3, e4, e5) | tap6(e1, e2, e3, e4, e5, t5 >>> 8 & LO) << 8;
                if (own >= 0) {
                    v = average8(v, Mem.getLong(s, p + 2 + own));
                }
                if (avg) {
                    v = average8(v, Mem.getLong(d, q));
                }
                Mem.putLong(d, q, v);
            }
        }
    }

    /**
     * {@link #v6} for a block whose width is a multiple of 8: eight columns at a time, a window of six rows
     * (each an 8-byte load split into even and odd positions) sliding down. Each row is split once, when it
     * is loaded, hence the written-out window of twelve lanes; a window of six unsplit rows split at every
     * step was 15-25% slower in micro-benchmarks (JDK 17 and 25).
     */
    private static void v6x8(byte[] d, int dOff, int dStride, byte[] s, int sOff, int sStride, int w, int h,
            byte[] o, int oOff, int oStride, boolean avg) {
        for (int x = 0; x < w; x += 8) {
            int p = sOff + x - 2 * sStride;
            long t = Mem.getLong(s, p);
            long e0 = t & LO;
            long o0 = t >>> 8 & LO;
            t = Mem.getLong(s, p += sStride);
            long e1 = t & LO;
            long o1 = t >>> 8 & LO;
            t = Mem.getLong(s, p += sStride);
            long e2 = t & LO;
            long o2 = t >>> 8 & LO;
            t = Mem.getLong(s, p += sStride);
            long e3 = t & LO;
            long o3 = t >>> 8 & LO;
            t = Mem.getLong(s, p += sStride);
            long e4 = t & LO;
            long o4 = t >>> 8 & LO;
            int q = dOff + x;
            int oi = oOff + x;
            for (int y = 0; y < h; y++, q += dStride, oi += oStride) {
                t = Mem.getLong(s, p += sStride);
                long e5 = t & LO;
                long o5 = t >>> 8 & LO;
                long v = tap6(e0, e1, e2, e3, e4, e5) | tap6(o0, o1, o2, o3, o4, o5) << 8;
                if (o != null) {
                    v = average8(v, Mem.getLong(o, oi));
                }
                if (avg) {
                    v = average8(v, Mem.getLong(d, q));
                }
                Mem.putLong(d, q, v);
                e0 = e1;
                e1 = e2;
                e2 = e3;
                e3 = e4;
                e4 = e5;
                o0 = o1;
                o1 = o2;
                o2 = o3;
                o3 = o4;
                o4 = o5;
            }
        }
    }

    /**
     * Centre half samples j (8-245, 8-247): horizontal intermediates b1 of rows -2..h+2, then the vertical
     * 6-tap down each column, (+512) &gt;&gt; 10; o (stride {@code oStride}, offset 0) and avg as for {@link #h6}.
     */
    private void centre(byte[] dst, int dOff, int dStride, byte[] src, int sOff, int sStride, int w, int h,
            byte[] o, int oStride, boolean avg) {
        if ((w & 7) == 0) {
            centre8(dst, dOff, dStride, src, sOff, sStride, w, h, o, oStride, avg);
            return;
        }
        int[] m = mid;
        for (int y = 0; y < h + 5; y++) {
            int s = sOff + (y - 2) * sStride - 2;
            int r = y * MAX;
            int a0 = src[s] & 0xff;
            int a1 = src[s + 1] & 0xff;
            int a2 = src[s + 2] & 0xff;
            int a3 = src[s + 3] & 0xff;
            int a4 = src[s + 4] & 0xff;
            for (int x = 0; x < w; x++) {
                int a5 = src[s + 5 + x] & 0xff;
                m[r + x] = a0 + a5 - 5 * (a1 + a4) + 20 * (a2 + a3);
                a0 = a1;
                a1 = a2;
                a2 = a3;
                a3 = a4;
                a4 = a5;
            }
        }
        for (int x = 0; x < w; x++) {
            int c0 = m[x];
            int c1 = m[MAX + x];
            int c2 = m[2 * MAX + x];
            int c3 = m[3 * MAX + x];
            int c4 = m[4 * MAX + x];
            int p = 5 * MAX + x;
            int d = dOff + x;
            int oi = x;
            for (int y = 0; y < h; y++, p += MAX, d += dStride, oi += oStride) {
                int c5 = m[p];
                int v = clip((c0 + c5 - 5 * (c1 + c4) + 20 * (c2 + c3) + 512) >> 10);
                if (o != null) {
                    v = (v + (o[oi] & 0xff) + 1) >> 1;
                }
                if (avg) {
                    v = (v + (dst[d] & 0xff) + 1) >> 1;
                }
                dst[d] = (byte) v;
                c0 = c1;
                c1 = c2;
                c2 = c3;
                c3 = c4;
                c4 = c5;
            }
        }
    }

    /** Horizontal intermediates of {@link #centre8}: rows -2..h+2, per group of 8 columns, even / odd outputs. */
    private final long[] midEven = new long[(MAX + 5) * (MAX / 8)];
    private final long[] midOdd = new long[(MAX + 5) * (MAX / 8)];
    /** Results of {@link #vertical6} for one group: per row, the even or the odd outputs as bytes 0, 2, 4, 6. */
    private final long[] outEven = new long[MAX];
    private final long[] outOdd = new long[MAX];
    /** Bias of the horizontal intermediates b1, h1 (-2550..10710) in {@link #centre8}: 2560 per 16-bit lane. */
    private static final long BIAS_MID = 2560 * ONES;
    /** The low 16 bits of each 32-bit lane; 1 in each 32-bit lane. */
    private static final long L32 = 0x0000ffff0000ffffL;
    private static final long ONES32 = 0x0000000100000001L;
    /**
     * The vertical pass's rounding term 512 plus a bias of 256 * 1024, less the 32 * 2560 that six biased
     * intermediates bring: per 32-bit lane.
     */
    private static final long BIAS_J = (512 + 256 * 1024 - 32 * 2560) * ONES32;

    /**
     * {@link #centre} for a block whose width is a multiple of 8, in SWAR style: the horizontal intermediates
     * b1 (8-241) eight at a time as in {@link #h6x8}, unclipped and biased into 16-bit lanes (10..13270), then
     * the vertical 6-tap down each group of columns on 32-bit lanes (the sum reaches 20 bits), see
     * {@link #vertical6}. Reads exactly the samples the scalar passes read.
     */
    private void centre8(byte[] d, int dOff, int dStride, byte[] s, int sOff, int sStride, int w, int h,
            byte[] o, int oStride, boolean avg) {
        int groups = w >> 3;
        long[] me = midEven;
        long[] mo = midOdd;
        for (int g = 0; g < groups; g++) {
            for (int y = 0, i = g, p = sOff - 2 * sStride - 2 + g * 8; y < h + 5; y++, i += groups, p += sStride) {
                long t0 = Mem.getLong(s, p);
                long e1 = Mem.getLong(s, p + 1) & LO;
                long e2 = Mem.getLong(s, p + 2) & LO;
                long e3 = Mem.getLong(s, p + 3) & LO;
                long e4 = Mem.getLong(s, p + 4) & LO;
                long t5 = Mem.getLong(s, p + 5);
                long e5 = t5 & LO;
                me[i] = sum6(t0 & LO, e1, e2, e3, e4, e5);
                mo[i] = sum6(e1, e2, e3, e4, e5, t5 >>> 8 & LO);
            }
        }
        for (int g = 0; g < groups; g++) {
            vertical6(me, g, groups, h, outEven);
            vertical6(mo, g, groups, h, outOdd);
            int q = dOff + g * 8;
            int oi = g * 8;
            for (int y = 0; y < h; y++, q += dStride, oi += oStride) {
                long v = outEven[y] | outOdd[y] << 8;
                if (o != null) {
                    v = average8(v, Mem.getLong(o, oi));
                }
                if (avg) {
                    v = average8(v, Mem.getLong(d, q));
                }
                Mem.putLong(d, q, v);
            }
        }
    }

    /** The 6-tap sum of four 16-bit lanes, unrounded and unclipped, plus {@link #BIAS_MID}: 10..13270 per lane. */
    private static long sum6(long a0, long a1, long a2, long a3, long a4, long a5) {
        return a0 + a5 + 20 * (a2 + a3) + BIAS_MID - 5 * (a1 + a4);
    }

    /**
     * The vertical 6-tap over biased intermediates ({@link #sum6}) of group {@code g}, (+512) &gt;&gt; 10 and
     * clipped (8-245, 8-247): lanes 0 and 2 and lanes 1 and 3 of the 16-bit intermediates as two pairs of
     * 32-bit lanes, a window of six rows sliding down; out[y] gets the results of lanes 0..3 as bytes 0, 2, 4, 6.
     */
    private static void vertical6(long[] m, int g, int groups, int h, long[] out) {
        long v = m[g];
        long a0 = v & L32;
        long b0 = v >>> 16 & L32;
        v = m[groups + g];
        long a1 = v & L32;
        long b1 = v >>> 16 & L32;
        v = m[2 * groups + g];
        long a2 = v & L32;
        long b2 = v >>> 16 & L32;
        v = m[3 * groups + g];
        long a3 = v & L32;
        long b3 = v >>> 16 & L32;
        v = m[4 * groups + g];
        long a4 = v & L32;
        long b4 = v >>> 16 & L32;
        for (int y = 0, i = 5 * groups + g; y < h; y++, i += groups) {
            v = m[i];
            long a5 = v & L32;
            long b5 = v >>> 16 & L32;
            out[y] = tapJ(a0, a1, a2, a3, a4, a5) | tapJ(b0, b1, b2, b3, b4, b5) << 16;
            a0 = a1;
            a1 = a2;
            a2 = a3;
            a3 = a4;
            a4 = a5;
            b0 = b1;
            b1 = b2;
            b2 = b3;
            b3 = b4;
            b4 = b5;
        }
    }

    /**
     * The vertical 6-tap of {@link #vertical6} on two 32-bit lanes of biased intermediates: the sum plus
     * {@link #BIAS_J} lies in 48456..737976 (no lane borrows or carries), so after the shift by 10 bits 0..9 of
     * a lane hold the result plus 256 (47..720), clipped as in {@link #tap6}; the low byte of each lane.
     */
    private static long tapJ(long a0, long a1, long a2, long a3, long a4, long a5) {
        long r = (a0 + a5 + 20 * (a2 + a3) + BIAS_J - 5 * (a1 + a4)) >>> 10;
        return r & (r >>> 8 & ONES32) * 0xff | (r >>> 9 & ONES32) * 0xff;
    }

    @Override
    public void chromaMc(byte[] dstCb, byte[] dstCr, int dstOff, int dstStride, byte[] srcCb, byte[] srcCr, int srcOff,
            int srcStride, int w, int h, int xFrac, int yFrac, boolean avg) {
        if ((xFrac | yFrac) == 0) {
            copy(dstCb, dstOff, dstStride, srcCb, srcOff, srcStride, w, h, avg);
            copy(dstCr, dstOff, dstStride, srcCr, srcOff, srcStride, w, h, avg);
            return;
        }
        // 8-266 with the weights hoisted. With one fraction 0 two of the weights are 0 and the sum is exact all
        // the same.
        int wa = (8 - xFrac) * (8 - yFrac);
        int wb = xFrac * (8 - yFrac);
        int wc = (8 - xFrac) * yFrac;
        int wd = xFrac * yFrac;
        if ((w & 3) == 0) {
            if (w == 4) {
                bilinear4(dstCb, dstOff, dstStride, srcCb, srcOff, srcStride, h, wa, wb, wc, wd, avg);
                bilinear4(dstCr, dstOff, dstStride, srcCr, srcOff, srcStride, h, wa, wb, wc, wd, avg);
            } else {
                bilinear8(dstCb, dstOff, dstStride, srcCb, srcOff, srcStride, w, h, wa, wb, wc, wd, avg);
                bilinear8(dstCr, dstOff, dstStride, srcCr, srcOff, srcStride, w, h, wa, wb, wc, wd, avg);
            }
            return;
        }
        // 2 wide: both planes in one pass (same position, same weights), a sliding pair of samples per row
        for (int y = 0; y < h; y++) {
            int s = srcOff + y * srcStride;
            int s1 = s + srcStride;
            int d = dstOff + y * dstStride;
            int ua = srcCb[s] & 0xff;
            int uc = srcCb[s1] & 0xff;
            int va = srcCr[s] & 0xff;
            int vc = srcCr[s1] & 0xff;
            for (int x = 0; x < w; x++) {
                int ub = srcCb[s + x + 1] & 0xff;
                int ud = srcCb[s1 + x + 1] & 0xff;
                int vb = srcCr[s + x + 1] & 0xff;
                int vd = srcCr[s1 + x + 1] & 0xff;
                int u = (wa * ua + wb * ub + wc * uc + wd * ud + 32) >> 6;
                int v = (wa * va + wb * vb + wc * vc + wd * vd + 32) >> 6;
                if (avg) {
                    u = (u + (dstCb[d + x] & 0xff) + 1) >> 1;
                    v = (v + (dstCr[d + x] & 0xff) + 1) >> 1;
                }
                dstCb[d + x] = (byte) u;
                dstCr[d + x] = (byte) v;
                ua = ub;
                uc = ud;
                va = vb;
                vc = vd;
            }
        }
    }

    /**
     * The bilinear chroma filter on a block whose width is a multiple of 8, eight samples at a time: each
     * 8-byte load splits into the samples at even and at odd positions, four 16-bit lanes each (a weighted
     * sum is at most 64 * 255 + 32, so no lane carries into the next), and the two results merge back into
     * one 8-byte store. A row's loads serve as the next row's upper samples.
     */
    private static void bilinear8(byte[] d, int dOff, int dStride, byte[] s, int sOff, int sStride, int w, int h,
            int wa, int wb, int wc, int wd, boolean avg) {
        for (int x = 0; x < w; x += 8) {
            int p = sOff + x;
            int q = dOff + x;
            long t = Mem.getLong(s, p);
            long u = Mem.getLong(s, p + 1);
            long ae = t & LO;
            long ao = t >>> 8 & LO;
            long be = u & LO;
            long bo = u >>> 8 & LO;
            for (int y = 0; y < h; y++, q += dStride) {
                p += sStride;
                t = Mem.getLong(s, p);
                u = Mem.getLong(s, p + 1);
                long ce = t & LO;
                long co = t >>> 8 & LO;
                long de = u & LO;
                long dd = u >>> 8 & LO;
                long v = (wa * ae + wb * be + wc * ce + wd * de + ROUND32) >>> 6 & LO
                        | ((wa * ao + wb * bo + wc * co + wd * dd + ROUND32) >>> 6 & LO) << 8;
                if (avg) {
                    v = average8(v, Mem.getLong(d, q));
                }
                Mem.putLong(d, q, v);
                ae = ce;
                ao = co;
                be = de;
                bo = dd;
            }
        }
    }

    /** {@link #bilinear8} for a block 4 wide: a 4-byte load spread into the four 16-bit lanes of one long. */
    private static void bilinear4(byte[] d, int dOff, int dStride, byte[] s, int sOff, int sStride, int h,
            int wa, int wb, int wc, int wd, boolean avg) {
        int p = sOff;
        long a = spread(Mem.getInt(s, p));
        long b = spread(Mem.getInt(s, p + 1));
        for (int y = 0, q = dOff; y < h; y++, q += dStride) {
            p += sStride;
            long c = spread(Mem.getInt(s, p));
            long e = spread(Mem.getInt(s, p + 1));
            int v = pack((wa * a + wb * b + wc * c + wd * e + ROUND32) >>> 6 & LO);
            if (avg) {
                v = average4(v, Mem.getInt(d, q));
            }
            Mem.putInt(d, q, v);
            a = c;
            b = e;
        }
    }

    /** Four bytes into four 16-bit lanes: bytes 0 and 2 in the low half, 1 and 3 in the high half. */
    static long spread(int v) {
        return (v & 0x00ff00ffL) | (long) (v >>> 8 & 0x00ff00ff) << 32;
    }

    /** The inverse of {@link #spread} for lanes holding values 0..255. */
    static int pack(long v) {
        return (int) v | (int) (v >>> 32) << 8;
    }

    @Override
    public void average(byte[] dst, int dstOff, int dstStride, byte[] src, int srcOff, int srcStride, int w, int h) {
        for (int y = 0; y < h; y++) {
            int d = dstOff + y * dstStride;
            int s = srcOff + y * srcStride;
            for (int x = 0; x < w; x++) {
                dst[d + x] = (byte) (((dst[d + x] & 0xff) + (src[s + x] & 0xff) + 1) >> 1);
            }
        }
    }

    @Override
    public void weight(byte[] dst, int dstOff, int dstStride, int w, int h, int logWD, int weight, int offset) {
        // ((p * w + 2^(logWD-1)) >> logWD) + o == (p * w + 2^(logWD-1) + (o << logWD)) >> logWD, exactly,
        // and for logWD = 0 the rounding term is 0.
        int add = (logWD >= 1 ? 1 << (logWD - 1) : 0) + (offset << logWD);
        for (int y = 0; y < h; y++) {
            int d = dstOff + y * dstStride;
            for (int x = 0; x < w; x++) {
                dst[d + x] = (byte) Math.max(0, Math.min(255, ((dst[d + x] & 0xff) * weight + add) >> logWD));
            }
        }
    }

    @Override
    public void weightBi(byte[] dst, int dstOff, int dstStride, byte[] src, int srcOff, int srcStride, int w, int h,
            int logWD, int w0, int w1, int o0, int o1) {
        int sh = logWD + 1;
        int add = (1 << logWD) + (((o0 + o1 + 1) >> 1) << sh);
        for (int y = 0; y < h; y++) {
            int d = dstOff + y * dstStride;
            int s = srcOff + y * srcStride;
            for (int x = 0; x < w; x++) {
                int v = ((dst[d + x] & 0xff) * w0 + (src[s + x] & 0xff) * w1 + add) >> sh;
                dst[d + x] = (byte) Math.max(0, Math.min(255, v));
            }
        }
    }
}
