package org.purecodec.h264.kernels;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Inter prediction with the Vector API (the incubating {@code jdk.incubator.vector}), eight samples at a
 * time in 16-bit lanes: full-sample copies (8 bytes per move) and averages, the horizontal and vertical
 * half samples (b, h) and every quarter sample made from them (a, c, d, n, e, g, p, r), the centre sample j (its vertical pass
 * in 32-bit lanes) and the quarter samples made with it (f, i, k, q), and 8-wide chroma. Blocks 4 samples
 * wide go to {@link FastInterPred}, as do the weighted predictions. Bit-exact with {@link ReferenceInterPred} (see its test); the 6-tap sums fit
 * in 16 bits (-2550 to 10710) and so do the chroma ones (at most 64 * 255).
 *
 * <p>The vector operations are written out in each kernel rather than in small helper methods: with
 * helpers, C2 left some calls out of line in the larger compiled methods (its node limit), and an
 * operation not compiled as a vector instruction runs the API's Java fallback on boxed vectors, far
 * slower than scalar code. Check with {@code -XX:+PrintInlining} after changing them.
 *
 * <p>Only loaded when the running JVM has the module ({@link Simd}); holds scratch: one instance per thread.
 */
public final class VectorInterPred implements InterPred {
    private static final VectorSpecies<Byte> B8 = ByteVector.SPECIES_64;
    private static final VectorSpecies<Short> S8 = ShortVector.SPECIES_128;
    private static final VectorSpecies<Integer> I8 = IntVector.SPECIES_256;
    private static final int MAX = 16;

    private final FastInterPred scalar = new FastInterPred();
    private final byte[] tmp = new byte[MAX * MAX];
    /** Horizontal 6-tap sums (unrounded, -2550..10710) of rows -2..h+2 for the centre sample j. */
    private final short[] mid = new short[(MAX + 5) * MAX];

    @Override
    public void lumaMc(byte[] dst, int dstOff, int dstStride, byte[] src, int srcOff, int srcStride, int w, int h,
            int xFrac, int yFrac, boolean avg) {
        if ((w & 7) != 0) {
            scalar.lumaMc(dst, dstOff, dstStride, src, srcOff, srcStride, w, h, xFrac, yFrac, avg);
            return;
        }
        int c = yFrac * 4 + xFrac;
        if (c == 0) { // G
            if (avg) {
                average(dst, dstOff, dstStride, src, srcOff, srcStride, w, h);
            } else {
                copy(dst, dstOff, dstStride, src, srcOff, srcStride, w, h);
            }
            return;
        }
        if (xFrac == 2 && yFrac != 0 || yFrac == 2 && xFrac != 0) { // f, i, j, k, q: from the centre sample
            if (xFrac == 2 && yFrac != 2) { // f = (b + j + 1) >> 1, q = (j + s + 1) >> 1
                h6(tmp, 0, MAX, src, srcOff + (yFrac == 3 ? srcStride : 0), srcStride, w, h, null, 0, 0, false);
                centre(dst, dstOff, dstStride, src, srcOff, srcStride, w, h, tmp, MAX, avg);
            } else if (yFrac == 2 && xFrac != 2) { // i = (h + j + 1) >> 1, k = (j + m + 1) >> 1
                v6(tmp, 0, MAX, src, srcOff + (xFrac == 3 ? 1 : 0), srcStride, w, h, null, 0, 0, false);
                centre(dst, dstOff, dstStride, src, srcOff, srcStride, w, h, tmp, MAX, avg);
            } else { // j
                centre(dst, dstOff, dstStride, src, srcOff, srcStride, w, h, null, 0, avg);
            }
            return;
        }
        // one call site of each filter, parameters chosen here
        boolean horizontal = yFrac == 0; // a, b, c
        boolean vertical = xFrac == 0; // d, h, n
        if (!vertical) {
            // b: alone, averaged with G or H (a, c), or into tmp for the diagonal positions (row y + 1 for p, r)
            byte[] o = horizontal && xFrac != 2 ? src : null;
            h6(horizontal ? dst : tmp, horizontal ? dstOff : 0, horizontal ? dstStride : MAX, src,
                    srcOff + (yFrac == 3 ? srcStride : 0), srcStride, w, h, o, srcOff + (xFrac == 3 ? 1 : 0), srcStride,
                    horizontal && avg);
        }
        if (!horizontal) {
            // h: alone, averaged with G or M (d, n), or with b from tmp (e, g, p, r: column x + 1 for g, r)
            byte[] o = vertical ? (yFrac != 2 ? src : null) : tmp;
            int oOff = vertical ? srcOff + (yFrac == 3 ? srcStride : 0) : 0;
            v6(dst, dstOff, dstStride, src, srcOff + (!vertical && xFrac == 3 ? 1 : 0), srcStride, w, h, o, oOff,
                    vertical ? srcStride : MAX, avg);
        }
    }

    // h6, v6 and centre write the vector operations out instead of calling small helpers: with helpers, C2
    // left some calls out of line (node count limit) and those ran the Vector API's boxed Java fallback.
    // Written out, each is also over C2's 325-byte limit for inlining hot methods (460, 498, 743 bytes of
    // bytecode), so none is inlined into lumaMc and each gets a compilation of its own. The repeated loads
    // (h6 and centre's first pass) are deliberate: sharing them would bring h6 under the limit again.

    /** Horizontal half samples b of a block whose width is a multiple of 8; o and avg as in {@link FastInterPred}. */
    private static void h6(byte[] dst, int dOff, int dStride, byte[] src, int sOff, int sStride, int w, int h,
            byte[] o, int oOff, int oStride, boolean avg) {
        for (int x = 0; x < w; x += 8) { // columns of eight outermost: see FastInterPred.h6x8
            for (int y = 0; y < h; y++) {
                int p = sOff + y * sStride + x;
                int d = dOff + y * dStride;
                int oi = oOff + y * oStride;
                ShortVector a = ((ShortVector) ByteVector.fromArray(B8, src, p - 2).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
                ShortVector b = ((ShortVector) ByteVector.fromArray(B8, src, p - 1).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
                ShortVector c = ((ShortVector) ByteVector.fromArray(B8, src, p).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
                ShortVector e = ((ShortVector) ByteVector.fromArray(B8, src, p + 1).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
                ShortVector f = ((ShortVector) ByteVector.fromArray(B8, src, p + 2).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
                ShortVector g = ((ShortVector) ByteVector.fromArray(B8, src, p + 3).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
                ShortVector v = a.add(g).sub(b.add(f).mul((short) 5)).add(c.add(e).mul((short) 20)).add((short) 16)
                        .lanewise(VectorOperators.ASHR, 5).max((short) 0).min((short) 255);
                if (o != null) {
                    ShortVector q = ((ShortVector) ByteVector.fromArray(B8, o, oi + x).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
                    v = v.add(q).add((short) 1).lanewise(VectorOperators.ASHR, 1);
                }
                if (avg) {
                    ShortVector q = ((ShortVector) ByteVector.fromArray(B8, dst, d + x).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
                    v = v.add(q).add((short) 1).lanewise(VectorOperators.ASHR, 1);
                }
                ((ByteVector) v.convertShape(VectorOperators.S2B, B8, 0)).intoArray(dst, d + x);
            }
        }
    }

    /** Vertical half samples h, a window of six rows sliding down each 8-wide strip; o and avg as for {@link #h6}. */
    private static void v6(byte[] dst, int dOff, int dStride, byte[] src, int sOff, int sStride, int w, int h,
            byte[] o, int oOff, int oStride, boolean avg) {
        for (int x = 0; x < w; x += 8) {
            int s = sOff + x - 2 * sStride;
            ShortVector a0 = ((ShortVector) ByteVector.fromArray(B8, src, s).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
            ShortVector a1 = ((ShortVector) ByteVector.fromArray(B8, src, s + sStride).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
            ShortVector a2 = ((ShortVector) ByteVector.fromArray(B8, src, s + 2 * sStride).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
            ShortVector a3 = ((ShortVector) ByteVector.fromArray(B8, src, s + 3 * sStride).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
            ShortVector a4 = ((ShortVector) ByteVector.fromArray(B8, src, s + 4 * sStride).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
            int p = s + 5 * sStride;
            int d = dOff + x;
            int oi = oOff + x;
            for (int y = 0; y < h; y++, p += sStride, d += dStride, oi += oStride) {
                ShortVector a5 = ((ShortVector) ByteVector.fromArray(B8, src, p).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
                ShortVector v = a0.add(a5).sub(a1.add(a4).mul((short) 5)).add(a2.add(a3).mul((short) 20)).add((short) 16)
                        .lanewise(VectorOperators.ASHR, 5).max((short) 0).min((short) 255);
                if (o != null) {
                    ShortVector q = ((ShortVector) ByteVector.fromArray(B8, o, oi).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
                    v = v.add(q).add((short) 1).lanewise(VectorOperators.ASHR, 1);
                }
                if (avg) {
                    ShortVector q = ((ShortVector) ByteVector.fromArray(B8, dst, d).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
                    v = v.add(q).add((short) 1).lanewise(VectorOperators.ASHR, 1);
                }
                ((ByteVector) v.convertShape(VectorOperators.S2B, B8, 0)).intoArray(dst, d);
                a0 = a1;
                a1 = a2;
                a2 = a3;
                a3 = a4;
                a4 = a5;
            }
        }
    }

    /**
     * Centre half samples j (8-245, 8-247): horizontal 6-tap sums of rows -2..h+2 in 16-bit lanes, then the
     * vertical 6-tap on them in 32-bit lanes, (+512) >> 10, clipped; o (offset 0) and avg as for {@link #h6}.
     */
    private void centre(byte[] dst, int dOff, int dStride, byte[] src, int sOff, int sStride, int w, int h,
            byte[] o, int oStride, boolean avg) {
        short[] m = mid;
        for (int x = 0; x < w; x += 8) {
            for (int y = 0; y < h + 5; y++) {
                int p = sOff + (y - 2) * sStride + x;
                ShortVector a = ((ShortVector) ByteVector.fromArray(B8, src, p - 2).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
                ShortVector b = ((ShortVector) ByteVector.fromArray(B8, src, p - 1).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
                ShortVector c = ((ShortVector) ByteVector.fromArray(B8, src, p).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
                ShortVector e = ((ShortVector) ByteVector.fromArray(B8, src, p + 1).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
                ShortVector f = ((ShortVector) ByteVector.fromArray(B8, src, p + 2).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
                ShortVector g = ((ShortVector) ByteVector.fromArray(B8, src, p + 3).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
                a.add(g).sub(b.add(f).mul((short) 5)).add(c.add(e).mul((short) 20)).intoArray(m, y * MAX + x);
            }
        }
        for (int x = 0; x < w; x += 8) {
            IntVector c0 = (IntVector) ShortVector.fromArray(S8, m, x).convertShape(VectorOperators.S2I, I8, 0);
            IntVector c1 = (IntVector) ShortVector.fromArray(S8, m, MAX + x).convertShape(VectorOperators.S2I, I8, 0);
            IntVector c2 = (IntVector) ShortVector.fromArray(S8, m, 2 * MAX + x).convertShape(VectorOperators.S2I, I8, 0);
            IntVector c3 = (IntVector) ShortVector.fromArray(S8, m, 3 * MAX + x).convertShape(VectorOperators.S2I, I8, 0);
            IntVector c4 = (IntVector) ShortVector.fromArray(S8, m, 4 * MAX + x).convertShape(VectorOperators.S2I, I8, 0);
            int d = dOff + x;
            int oi = x;
            for (int y = 0; y < h; y++, d += dStride, oi += oStride) {
                IntVector c5 = (IntVector) ShortVector.fromArray(S8, m, (y + 5) * MAX + x).convertShape(VectorOperators.S2I, I8, 0);
                IntVector v = c0.add(c5).sub(c1.add(c4).mul(5)).add(c2.add(c3).mul(20)).add(512)
                        .lanewise(VectorOperators.ASHR, 10).max(0).min(255);
                if (o != null) {
                    IntVector q = ((IntVector) ByteVector.fromArray(B8, o, oi).convertShape(VectorOperators.B2I, I8, 0)).and(0xff);
                    v = v.add(q).add(1).lanewise(VectorOperators.ASHR, 1);
                }
                if (avg) {
                    IntVector q = ((IntVector) ByteVector.fromArray(B8, dst, d).convertShape(VectorOperators.B2I, I8, 0)).and(0xff);
                    v = v.add(q).add(1).lanewise(VectorOperators.ASHR, 1);
                }
                ((ByteVector) v.convertShape(VectorOperators.I2B, B8, 0)).intoArray(dst, d);
                c0 = c1;
                c1 = c2;
                c2 = c3;
                c3 = c4;
                c4 = c5;
            }
        }
    }

    @Override
    public void chromaMc(byte[] dstCb, byte[] dstCr, int dstOff, int dstStride, byte[] srcCb, byte[] srcCr, int srcOff,
            int srcStride, int w, int h, int xFrac, int yFrac, boolean avg) {
        if (w == 8 && (xFrac | yFrac) == 0) {
            if (avg) {
                average(dstCb, dstOff, dstStride, srcCb, srcOff, srcStride, w, h);
                average(dstCr, dstOff, dstStride, srcCr, srcOff, srcStride, w, h);
            } else {
                copy(dstCb, dstOff, dstStride, srcCb, srcOff, srcStride, w, h);
                copy(dstCr, dstOff, dstStride, srcCr, srcOff, srcStride, w, h);
            }
            return;
        }
        if (w != 8) {
            scalar.chromaMc(dstCb, dstCr, dstOff, dstStride, srcCb, srcCr, srcOff, srcStride, w, h, xFrac, yFrac, avg);
            return;
        }
        short wa = (short) ((8 - xFrac) * (8 - yFrac));
        short wb = (short) (xFrac * (8 - yFrac));
        short wc = (short) ((8 - xFrac) * yFrac);
        short wd = (short) (xFrac * yFrac);
        bilinear8(dstCb, dstOff, dstStride, srcCb, srcOff, srcStride, h, wa, wb, wc, wd, avg);
        bilinear8(dstCr, dstOff, dstStride, srcCr, srcOff, srcStride, h, wa, wb, wc, wd, avg);
    }

    /** One 8-wide chroma plane (8-266): the four weighted neighbours, (+32) >> 6, a row per step (written out as h6). */
    private static void bilinear8(byte[] dst, int dOff, int dStride, byte[] src, int sOff, int sStride, int h, short wa,
            short wb, short wc, short wd, boolean avg) {
        ShortVector top = ((ShortVector) ByteVector.fromArray(B8, src, sOff).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
        ShortVector topRight = ((ShortVector) ByteVector.fromArray(B8, src, sOff + 1).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
        for (int y = 0; y < h; y++) {
            int s1 = sOff + (y + 1) * sStride;
            ShortVector bottom = ((ShortVector) ByteVector.fromArray(B8, src, s1).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
            ShortVector bottomRight = ((ShortVector) ByteVector.fromArray(B8, src, s1 + 1).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
            ShortVector v = top.mul(wa).add(topRight.mul(wb)).add(bottom.mul(wc)).add(bottomRight.mul(wd)).add((short) 32)
                    .lanewise(VectorOperators.ASHR, 6);
            int d = dOff + y * dStride;
            if (avg) {
                ShortVector q = ((ShortVector) ByteVector.fromArray(B8, dst, d).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
                v = v.add(q).add((short) 1).lanewise(VectorOperators.ASHR, 1);
            }
            ((ByteVector) v.convertShape(VectorOperators.S2B, B8, 0)).intoArray(dst, d);
            top = bottom;
            topRight = bottomRight;
        }
    }

    /** Full-sample copy of a block whose width is a multiple of 8 (System.arraycopy costs a stub call per row). */
    private static void copy(byte[] dst, int dOff, int dStride, byte[] src, int sOff, int sStride, int w, int h) {
        for (int x = 0; x < w; x += 8) {
            for (int y = 0; y < h; y++) {
                ByteVector.fromArray(B8, src, sOff + y * sStride + x).intoArray(dst, dOff + y * dStride + x);
            }
        }
    }

    @Override
    public void average(byte[] dst, int dstOff, int dstStride, byte[] src, int srcOff, int srcStride, int w, int h) {
        if ((w & 7) != 0) {
            scalar.average(dst, dstOff, dstStride, src, srcOff, srcStride, w, h);
            return;
        }
        for (int x = 0; x < w; x += 8) {
            for (int y = 0; y < h; y++) {
                int d = dstOff + y * dstStride;
                int s = srcOff + y * srcStride;
                ShortVector p = ((ShortVector) ByteVector.fromArray(B8, dst, d + x).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
                ShortVector q = ((ShortVector) ByteVector.fromArray(B8, src, s + x).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
                ShortVector v = p.add(q).add((short) 1).lanewise(VectorOperators.ASHR, 1);
                ((ByteVector) v.convertShape(VectorOperators.S2B, B8, 0)).intoArray(dst, d + x);
            }
        }
    }

    @Override
    public void weight(byte[] dst, int dstOff, int dstStride, int w, int h, int logWD, int weight, int offset) {
        scalar.weight(dst, dstOff, dstStride, w, h, logWD, weight, offset);
    }

    @Override
    public void weightBi(byte[] dst, int dstOff, int dstStride, byte[] src, int srcOff, int srcStride, int w, int h,
            int logWD, int w0, int w1, int o0, int o1) {
        scalar.weightBi(dst, dstOff, dstStride, src, srcOff, srcStride, w, h, logWD, w0, w1, o0, o1);
    }
}
