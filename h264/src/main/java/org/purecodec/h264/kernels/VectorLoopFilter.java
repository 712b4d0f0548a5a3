package org.purecodec.h264.kernels;


import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Deblocking with the Vector API (the incubating {@code jdk.incubator.vector}): eight lines of an edge at a
 * time, one per 16-bit lane, with the per-line decisions of 8-460 as lane masks. A horizontal edge's lines
 * are contiguous samples and are loaded directly; a vertical edge is first transposed into scratch (8x8
 * bytes at a time, as eight 64-bit words swapped in 1-, 2- and 4-byte units), filtered there as a
 * horizontal edge, and transposed back. The bS 4 filter runs when all four segments have bS 4, the bS 1..3
 * filter when none has (bS 0 segments masked out); an edge mixing both, which the decoder never produces
 * for progressive pictures (bS 4 goes to whole macroblock edges), goes to {@link FastLoopFilter}.
 * Bit-exact with {@link ReferenceLoopFilter} (see its test); every intermediate value fits 16 bits.
 *
 * <p>Only the species {@link VectorInterPred} uses appear here (64-bit bytes, 128-bit shorts): with a
 * second shape (16 lines in 256-bit lanes), or words read through {@code LongVector}, the type profiles
 * inside the Vector API became bimorphic and C2 compiled the inter prediction kernels several times
 * slower. The words are read through a byte-array {@code VarHandle} instead ({@link MemViews}: byte k of a
 * word is sample k), which Android lacks; this class is never loaded there ({@link VectorApiOnly}).
 *
 * <p>As in {@link VectorInterPred}, the vector operations are written out in each kernel (no small
 * helpers that C2 might leave out of line, which would run the API's boxed fallback).
 *
 * <p>Only loaded when the running JVM has the module ({@link Simd}); holds scratch: one instance per thread.
 */
@VectorApiOnly
public final class VectorLoopFilter implements LoopFilter {
    private static final VectorSpecies<Byte> B8 = ByteVector.SPECIES_64;
    private static final VectorSpecies<Short> S8 = ShortVector.SPECIES_128;
    /** Row step in {@link #t}. */
    private static final int T = 16;
    /** What an edge needs: nothing, the bS 1..3 filter (some segments may be 0), the bS 4 one, or the scalar kernels. */
    private static final int NONE = 0;
    private static final int NORMAL = 1;
    private static final int STRONG = 2;
    private static final int SCALAR = 3;
    /** Lanes of the second bS segment of eight luma lines (four lines each). */
    private static final VectorMask<Short> LUMA_SEG1 = VectorMask.fromLong(S8, 0xf0);
    /** Lanes of bS segments 1, 2, 3 of a chroma edge (two lines each). */
    private static final VectorMask<Short> CHROMA_SEG1 = VectorMask.fromLong(S8, 0x0c);
    private static final VectorMask<Short> CHROMA_SEG2 = VectorMask.fromLong(S8, 0x30);
    private static final VectorMask<Short> CHROMA_SEG3 = VectorMask.fromLong(S8, 0xc0);

    private final FastLoopFilter scalar = new FastLoopFilter();
    /** A vertical edge transposed: sample p3..q3 (k = 0..7) of line i at {@code T * k + i}. */
    private final byte[] t = new byte[8 * T];

    @Override
    public void lumaEdge(byte[] pix, int off, int across, int along, int[] bS, int bSOff, int indexA, int indexB) {
        int kind = kind(bS, bSOff, indexA, indexB, across, along);
        if (kind == NONE) {
            return;
        }
        if (kind == SCALAR) {
            scalar.lumaEdge(pix, off, across, along, bS, bSOff, indexA, indexB);
            return;
        }
        int alpha = Tables.ALPHA[indexA];
        int beta = Tables.BETA[indexB];
        byte[] b = pix;
        int o = off;
        int a = across;
        if (across == 1) { // vertical edge: filter its transpose
            transpose8x8(pix, off - 4, along, t, 0, T);
            transpose8x8(pix, off - 4 + 8 * along, along, t, 8, T);
            b = t;
            o = 4 * T;
            a = T;
        }
        if (kind == STRONG) {
            lumaStrong(b, o, a, alpha, beta);
            lumaStrong(b, o + 8, a, alpha, beta);
        } else {
            int base = indexA * 4;
            lumaNormal(b, o, a, alpha, beta, tc0(base, bS[bSOff]), tc0(base, bS[bSOff + 1]));
            lumaNormal(b, o + 8, a, alpha, beta, tc0(base, bS[bSOff + 2]), tc0(base, bS[bSOff + 3]));
        }
        if (across == 1) {
            transpose8x8(t, 0, T, pix, off - 4, along);
            transpose8x8(t, 8, T, pix, off - 4 + 8 * along, along);
        }
    }

    /**
     * NONE when no line can pass (alpha or beta 0) or every bS is 0; STRONG when all four are 4; SCALAR
     * when bS 4 is mixed with others or the edge is neither horizontal nor vertical; else NORMAL.
     */
    private static int kind(int[] bS, int bSOff, int indexA, int indexB, int across, int along) {
        int s0 = bS[bSOff];
        int s1 = bS[bSOff + 1];
        int s2 = bS[bSOff + 2];
        int s3 = bS[bSOff + 3];
        if (Tables.ALPHA[indexA] == 0 || Tables.BETA[indexB] == 0 || (s0 | s1 | s2 | s3) == 0) {
            return NONE;
        }
        boolean strong = s0 == 4 && s1 == 4 && s2 == 4 && s3 == 4;
        if (!strong && (s0 == 4 || s1 == 4 || s2 == 4 || s3 == 4) || (along != 1 && across != 1)) {
            return SCALAR;
        }
        return strong ? STRONG : NORMAL;
    }

    /** tC0 of a segment, -1 for bS 0 (not filtered). */
    private static short tc0(int base, int s) {
        return (short) (s == 0 ? -1 : Tables.TC0[base + s]);
    }

    /** bS 1..3 (8-460 to 8-470) on 8 lines (two segments) of contiguous samples; tC0 -1 marks a segment not filtered. */
    private static void lumaNormal(byte[] pix, int o, int a, int alpha, int beta, short t0, short t1) {
        ShortVector tc0 = ShortVector.broadcast(S8, t0).blend(t1, LUMA_SEG1);
        ShortVector p2 = ((ShortVector) ByteVector.fromArray(B8, pix, o - 3 * a).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
        ShortVector p1 = ((ShortVector) ByteVector.fromArray(B8, pix, o - 2 * a).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
        ShortVector p0 = ((ShortVector) ByteVector.fromArray(B8, pix, o - a).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
        ShortVector q0 = ((ShortVector) ByteVector.fromArray(B8, pix, o).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
        ShortVector q1 = ((ShortVector) ByteVector.fromArray(B8, pix, o + a).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
        ShortVector q2 = ((ShortVector) ByteVector.fromArray(B8, pix, o + 2 * a).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
        ShortVector d0 = q0.sub(p0);
        VectorMask<Short> on = d0.abs().compare(VectorOperators.LT, (short) alpha)
                .and(p1.sub(p0).abs().compare(VectorOperators.LT, (short) beta))
                .and(q1.sub(q0).abs().compare(VectorOperators.LT, (short) beta))
                .and(tc0.compare(VectorOperators.GE, (short) 0));
        VectorMask<Short> ap = p2.sub(p0).abs().compare(VectorOperators.LT, (short) beta).and(on);
        VectorMask<Short> aq = q2.sub(q0).abs().compare(VectorOperators.LT, (short) beta).and(on);
        ShortVector tc = tc0.blend(tc0.add((short) 1), ap);
        tc = tc.blend(tc.add((short) 1), aq);
        ShortVector delta = d0.lanewise(VectorOperators.LSHL, 2).add(p1.sub(q1)).add((short) 4)
                .lanewise(VectorOperators.ASHR, 3).max(tc.neg()).min(tc);
        ShortVector avg = p0.add(q0).add((short) 1).lanewise(VectorOperators.ASHR, 1);
        ShortVector ntc0 = tc0.neg();
        ShortVector np1 = p1.add(p2.add(avg).sub(p1.lanewise(VectorOperators.LSHL, 1)).lanewise(VectorOperators.ASHR, 1).max(ntc0).min(tc0));
        ShortVector nq1 = q1.add(q2.add(avg).sub(q1.lanewise(VectorOperators.LSHL, 1)).lanewise(VectorOperators.ASHR, 1).max(ntc0).min(tc0));
        ShortVector np0 = p0.add(delta).max((short) 0).min((short) 255);
        ShortVector nq0 = q0.sub(delta).max((short) 0).min((short) 255);
        ((ByteVector) p1.blend(np1, ap).convertShape(VectorOperators.S2B, B8, 0)).intoArray(pix, o - 2 * a);
        ((ByteVector) p0.blend(np0, on).convertShape(VectorOperators.S2B, B8, 0)).intoArray(pix, o - a);
        ((ByteVector) q0.blend(nq0, on).convertShape(VectorOperators.S2B, B8, 0)).intoArray(pix, o);
        ((ByteVector) q1.blend(nq1, aq).convertShape(VectorOperators.S2B, B8, 0)).intoArray(pix, o + a);
    }

    /** bS 4 (8-460, 8-471 to 8-487) on 8 lines of contiguous samples. */
    private static void lumaStrong(byte[] pix, int o, int a, int alpha, int beta) {
        ShortVector p3 = ((ShortVector) ByteVector.fromArray(B8, pix, o - 4 * a).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
        ShortVector p2 = ((ShortVector) ByteVector.fromArray(B8, pix, o - 3 * a).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
        ShortVector p1 = ((ShortVector) ByteVector.fromArray(B8, pix, o - 2 * a).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
        ShortVector p0 = ((ShortVector) ByteVector.fromArray(B8, pix, o - a).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
        ShortVector q0 = ((ShortVector) ByteVector.fromArray(B8, pix, o).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
        ShortVector q1 = ((ShortVector) ByteVector.fromArray(B8, pix, o + a).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
        ShortVector q2 = ((ShortVector) ByteVector.fromArray(B8, pix, o + 2 * a).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
        ShortVector q3 = ((ShortVector) ByteVector.fromArray(B8, pix, o + 3 * a).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
        ShortVector ad0 = q0.sub(p0).abs();
        VectorMask<Short> on = ad0.compare(VectorOperators.LT, (short) alpha)
                .and(p1.sub(p0).abs().compare(VectorOperators.LT, (short) beta))
                .and(q1.sub(q0).abs().compare(VectorOperators.LT, (short) beta));
        VectorMask<Short> small = ad0.compare(VectorOperators.LT, (short) ((alpha >> 2) + 2)).and(on);
        VectorMask<Short> ap = p2.sub(p0).abs().compare(VectorOperators.LT, (short) beta).and(small);
        VectorMask<Short> aq = q2.sub(q0).abs().compare(VectorOperators.LT, (short) beta).and(small);
        ShortVector pq0 = p0.add(q0);
        // p side: strong where ap, else only p0 from (2 * p1 + p0 + q1 + 2) >> 2
        ShortVector sp0 = p2.add(p1.add(pq0).lanewise(VectorOperators.LSHL, 1)).add(q1).add((short) 4).lanewise(VectorOperators.ASHR, 3);
        ShortVector sp1 = p2.add(p1).add(pq0).add((short) 2).lanewise(VectorOperators.ASHR, 2);
        ShortVector sp2 = p3.lanewise(VectorOperators.LSHL, 1).add(p2.mul((short) 3)).add(p1).add(pq0).add((short) 4)
                .lanewise(VectorOperators.ASHR, 3);
        ShortVector wp0 = p1.lanewise(VectorOperators.LSHL, 1).add(p0).add(q1).add((short) 2).lanewise(VectorOperators.ASHR, 2);
        ShortVector sq0 = p1.add(q1.add(pq0).lanewise(VectorOperators.LSHL, 1)).add(q2).add((short) 4).lanewise(VectorOperators.ASHR, 3);
        ShortVector sq1 = q2.add(q1).add(pq0).add((short) 2).lanewise(VectorOperators.ASHR, 2);
        ShortVector sq2 = q3.lanewise(VectorOperators.LSHL, 1).add(q2.mul((short) 3)).add(q1).add(pq0).add((short) 4)
                .lanewise(VectorOperators.ASHR, 3);
        ShortVector wq0 = q1.lanewise(VectorOperators.LSHL, 1).add(q0).add(p1).add((short) 2).lanewise(VectorOperators.ASHR, 2);
        ((ByteVector) p2.blend(sp2, ap).convertShape(VectorOperators.S2B, B8, 0)).intoArray(pix, o - 3 * a);
        ((ByteVector) p1.blend(sp1, ap).convertShape(VectorOperators.S2B, B8, 0)).intoArray(pix, o - 2 * a);
        ((ByteVector) p0.blend(wp0, on).blend(sp0, ap).convertShape(VectorOperators.S2B, B8, 0)).intoArray(pix, o - a);
        ((ByteVector) q0.blend(wq0, on).blend(sq0, aq).convertShape(VectorOperators.S2B, B8, 0)).intoArray(pix, o);
        ((ByteVector) q1.blend(sq1, aq).convertShape(VectorOperators.S2B, B8, 0)).intoArray(pix, o + a);
        ((ByteVector) q2.blend(sq2, aq).convertShape(VectorOperators.S2B, B8, 0)).intoArray(pix, o + 2 * a);
    }

    @Override
    public void chromaEdge(byte[] pix, int off, int across, int along, int[] bS, int bSOff, int indexA, int indexB) {
        int kind = kind(bS, bSOff, indexA, indexB, across, along);
        if (kind == NONE) {
            return;
        }
        if (kind == SCALAR) {
            scalar.chromaEdge(pix, off, across, along, bS, bSOff, indexA, indexB);
            return;
        }
        int alpha = Tables.ALPHA[indexA];
        int beta = Tables.BETA[indexB];
        byte[] b = pix;
        int o = off;
        int a = across;
        if (across == 1) {
            transpose8x8(pix, off - 4, along, t, 0, T);
            b = t;
            o = 4 * T;
            a = T;
        }
        int base = indexA * 4;
        boolean strong = kind == STRONG;
        // strong: every lane filtered; normal: tC = tC0 + 1 > 0, and 0 marks a segment not filtered
        chroma(b, o, a, alpha, beta, strong, strong ? 1 : tc(base, bS[bSOff]), strong ? 1 : tc(base, bS[bSOff + 1]),
                strong ? 1 : tc(base, bS[bSOff + 2]), strong ? 1 : tc(base, bS[bSOff + 3]));
        if (across == 1) {
            transpose8x8(t, 0, T, pix, off - 4, along);
        }
    }

    /** tC = tC0 + 1 of a chroma segment, 0 for bS 0. */
    private static short tc(int base, int s) {
        return (short) (s == 0 ? 0 : Tables.TC0[base + s] + 1);
    }

    /** The 8 lines of a chroma edge (8-460; bS &lt; 4: 8-467 to 8-470, bS 4: 8-481, 8-488), p0 and q0 only. */
    private static void chroma(byte[] pix, int o, int a, int alpha, int beta, boolean strong, short t0, short t1, short t2,
            short t3) {
        ShortVector tc = ShortVector.broadcast(S8, t0).blend(t1, CHROMA_SEG1).blend(t2, CHROMA_SEG2).blend(t3, CHROMA_SEG3);
        ShortVector p1 = ((ShortVector) ByteVector.fromArray(B8, pix, o - 2 * a).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
        ShortVector p0 = ((ShortVector) ByteVector.fromArray(B8, pix, o - a).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
        ShortVector q0 = ((ShortVector) ByteVector.fromArray(B8, pix, o).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
        ShortVector q1 = ((ShortVector) ByteVector.fromArray(B8, pix, o + a).convertShape(VectorOperators.B2S, S8, 0)).and((short) 0xff);
        ShortVector d0 = q0.sub(p0);
        VectorMask<Short> on = d0.abs().compare(VectorOperators.LT, (short) alpha)
                .and(p1.sub(p0).abs().compare(VectorOperators.LT, (short) beta))
                .and(q1.sub(q0).abs().compare(VectorOperators.LT, (short) beta))
                .and(tc.compare(VectorOperators.GT, (short) 0));
        ShortVector np0;
        ShortVector nq0;
        if (strong) {
            np0 = p1.lanewise(VectorOperators.LSHL, 1).add(p0).add(q1).add((short) 2).lanewise(VectorOperators.ASHR, 2);
            nq0 = q1.lanewise(VectorOperators.LSHL, 1).add(q0).add(p1).add((short) 2).lanewise(VectorOperators.ASHR, 2);
        } else {
            ShortVector delta = d0.lanewise(VectorOperators.LSHL, 2).add(p1.sub(q1)).add((short) 4)
                    .lanewise(VectorOperators.ASHR, 3).max(tc.neg()).min(tc);
            np0 = p0.add(delta).max((short) 0).min((short) 255);
            nq0 = q0.sub(delta).max((short) 0).min((short) 255);
        }
        ((ByteVector) p0.blend(np0, on).convertShape(VectorOperators.S2B, B8, 0)).intoArray(pix, o - a);
        ((ByteVector) q0.blend(nq0, on).convertShape(VectorOperators.S2B, B8, 0)).intoArray(pix, o);
    }

    /**
     * Transposes the 8x8 bytes {@code src[sOff + i * sStep + k]} into {@code dst[dOff + k * dStep + i]}: eight
     * 64-bit words, byte k of word i swapped with byte i of word k in 1-, 2- and then 4-byte units.
     */
    private static void transpose8x8(byte[] src, int sOff, int sStep, byte[] dst, int dOff, int dStep) {
        long r0 = MemViews.getLong(src, sOff);
        long r1 = MemViews.getLong(src, sOff + sStep);
        long r2 = MemViews.getLong(src, sOff + 2 * sStep);
        long r3 = MemViews.getLong(src, sOff + 3 * sStep);
        long r4 = MemViews.getLong(src, sOff + 4 * sStep);
        long r5 = MemViews.getLong(src, sOff + 5 * sStep);
        long r6 = MemViews.getLong(src, sOff + 6 * sStep);
        long r7 = MemViews.getLong(src, sOff + 7 * sStep);
        long m = 0x00ff00ff00ff00ffL; // words whose numbers differ in bit 0 swap single bytes
        long x = ((r0 >>> 8) ^ r1) & m;
        r1 ^= x;
        r0 ^= x << 8;
        x = ((r2 >>> 8) ^ r3) & m;
        r3 ^= x;
        r2 ^= x << 8;
        x = ((r4 >>> 8) ^ r5) & m;
        r5 ^= x;
        r4 ^= x << 8;
        x = ((r6 >>> 8) ^ r7) & m;
        r7 ^= x;
        r6 ^= x << 8;
        m = 0x0000ffff0000ffffL; // in bit 1: pairs of bytes
        x = ((r0 >>> 16) ^ r2) & m;
        r2 ^= x;
        r0 ^= x << 16;
        x = ((r1 >>> 16) ^ r3) & m;
        r3 ^= x;
        r1 ^= x << 16;
        x = ((r4 >>> 16) ^ r6) & m;
        r6 ^= x;
        r4 ^= x << 16;
        x = ((r5 >>> 16) ^ r7) & m;
        r7 ^= x;
        r5 ^= x << 16;
        m = 0x00000000ffffffffL; // in bit 2: groups of four
        x = ((r0 >>> 32) ^ r4) & m;
        r4 ^= x;
        r0 ^= x << 32;
        x = ((r1 >>> 32) ^ r5) & m;
        r5 ^= x;
        r1 ^= x << 32;
        x = ((r2 >>> 32) ^ r6) & m;
        r6 ^= x;
        r2 ^= x << 32;
        x = ((r3 >>> 32) ^ r7) & m;
        r7 ^= x;
        r3 ^= x << 32;
        MemViews.putLong(dst, dOff, r0);
        MemViews.putLong(dst, dOff + dStep, r1);
        MemViews.putLong(dst, dOff + 2 * dStep, r2);
        MemViews.putLong(dst, dOff + 3 * dStep, r3);
        MemViews.putLong(dst, dOff + 4 * dStep, r4);
        MemViews.putLong(dst, dOff + 5 * dStep, r5);
        MemViews.putLong(dst, dOff + 6 * dStep, r6);
        MemViews.putLong(dst, dOff + 7 * dStep, r7);
    }
}
