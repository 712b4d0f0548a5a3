package org.purecodec.h264.recon;

import org.purecodec.h264.H264Exception;
import org.purecodec.h264.kernels.Mv;
import org.purecodec.h264.syntax.Macroblock;
import org.purecodec.h264.syntax.MbPosition;
import org.purecodec.h264.syntax.MbTypes;

/**
 * Motion vector and reference index derivation of an inter macroblock (8.4.1): luma motion vector
 * prediction from the neighbouring partitions (8.4.1.3), P_Skip (8.4.1.1), and B_Skip / B_Direct_16x16 /
 * B_Direct_8x8 in spatial (8.4.1.2.2) and temporal (8.4.1.2.3) mode. The result is written straight into
 * the current picture's per-4x4 motion arrays, partition by partition in decoding order, so that later
 * partitions of the same macroblock see the earlier ones as neighbours.
 */
final class MotionPredictor {
    /** Which neighbour the directional 16x8 / 8x16 rules of 8.4.1.3 prefer. */
    private static final int DIR_NONE = 0;
    private static final int DIR_A = 1;
    private static final int DIR_B = 2;
    private static final int DIR_C = 3;

    private final SliceDecoder s;

    /** 4x4 blocks of the current macroblock whose motion is already derived (bit by * 4 + bx). */
    private int doneMask;
    /** Index of the current macroblock's top-left 4x4 block in the picture arrays. */
    private int base;
    /** Index of the current macroblock's top-left 8x8 block in {@link Picture#refPic0} / {@link Picture#refPic1}. */
    private int base8;

    // spatial direct, derived once per macroblock
    private boolean spatialReady;
    private int spatialRef0;
    private int spatialRef1;
    private int spatialMv0;
    private int spatialMv1;

    // neighbour fetch results
    private int nRef;
    private int nMv;

    /**
     * What {@link #derive} found out about the shape of the motion it stored, for motion compensation:
     * {@link #SHAPE_UNKNOWN}, {@link #SHAPE_ONE} (one motion for the whole macroblock) or {@link #SHAPE_QUADS}
     * (one motion for each 8x8 quadrant).
     */
    int shape;
    static final int SHAPE_UNKNOWN = 0;
    static final int SHAPE_ONE = 1;
    static final int SHAPE_QUADS = 2;

    MotionPredictor(SliceDecoder s) {
        this.s = s;
    }

    /** Derives and stores the motion of the inter macroblock {@code mb} (skipped or not). */
    void derive(Macroblock mb) {
        Picture cur = s.cur;
        MbPosition pos = s.pos;
        base = pos.mbY * 4 * cur.b4Stride + pos.mbX * 4;
        base8 = pos.mbY * 2 * cur.b8Stride + pos.mbX * 2;
        doneMask = 0;
        spatialReady = false;
        shape = SHAPE_UNKNOWN;
        boolean b = mb.sliceType == org.purecodec.h264.syntax.SliceHeader.B;
        if (mb.skip) {
            if (b) {
                direct16();
            } else {
                pSkip();
            }
            return;
        }
        int shape = MbTypes.shape(b, mb.mbType);
        switch (shape) {
            case MbTypes.DIRECT:
                direct16();
                return;
            case MbTypes.P16X16:
                partition16(mb, MbTypes.partPred(b, mb.mbType, 0));
                return;
            case MbTypes.P16X8:
                partition(mb, MbTypes.partPred(b, mb.mbType, 0), 0, 0, 0, 4, 2, DIR_B);
                partition(mb, MbTypes.partPred(b, mb.mbType, 1), 2, 0, 2, 4, 2, DIR_A);
                return;
            case MbTypes.P8X16:
                partition(mb, MbTypes.partPred(b, mb.mbType, 0), 0, 0, 0, 2, 4, DIR_A);
                partition(mb, MbTypes.partPred(b, mb.mbType, 1), 1, 2, 0, 2, 4, DIR_C);
                return;
            default:
                for (int q = 0; q < 4; q++) {
                    int x = (q & 1) * 2;
                    int y = (q >> 1) * 2;
                    int sub = mb.subMbType[q];
                    int subShape = MbTypes.subShape(b, sub);
                    if (subShape == MbTypes.SUB_DIRECT) {
                        direct(x, y, 2, 2);
                        continue;
                    }
                    int pred = MbTypes.subPred(b, sub);
                    switch (subShape) {
                        case MbTypes.SUB_8X8:
                            partition(mb, pred, q, x, y, 2, 2, DIR_NONE);
                            break;
                        case MbTypes.SUB_8X4:
                            partition(mb, pred, q, x, y, 2, 1, DIR_NONE);
                            partition(mb, pred, q, x, y + 1, 2, 1, DIR_NONE);
                            break;
                        case MbTypes.SUB_4X8:
                            partition(mb, pred, q, x, y, 1, 2, DIR_NONE);
                            partition(mb, pred, q, x + 1, y, 1, 2, DIR_NONE);
                            break;
                        default:
                            partition(mb, pred, q, x, y, 1, 1, DIR_NONE);
                            partition(mb, pred, q, x + 1, y, 1, 1, DIR_NONE);
                            partition(mb, pred, q, x, y + 1, 1, 1, DIR_NONE);
                            partition(mb, pred, q, x + 1, y + 1, 1, 1, DIR_NONE);
                            break;
                    }
                }
        }
    }

    /** One (sub-)partition with signalled ref_idx / mvd: predict, add mvd, store (8.4.1.3). */
    private void partition(Macroblock mb, int pred, int quad, int x, int y, int w, int h, int dir) {
        for (int list = 0; list < 2; list++) {
            if ((pred & (1 << list)) == 0) {
                store(list, x, y, w, h, -1, 0);
                continue;
            }
            int ref = checkedRef(mb, list, quad);
            int mvp = predict(list, ref, x, y, w, dir);
            int mv = Mv.add(mvp, mb.mvd[list][y * 4 + x]);
            store(list, x, y, w, h, ref, mv);
        }
        markDone(x, y, w, h);
    }

    private void markDone(int x, int y, int w, int h) {
        for (int j = y; j < y + h; j++) {
            for (int i = x; i < x + w; i++) {
                doneMask |= 1 << (j * 4 + i);
            }
        }
    }

    private void store(int list, int x, int y, int w, int h, int ref, int mv) {
        Picture cur = s.cur;
        int stride = cur.b4Stride;
        int[] mvs = list == 0 ? cur.mv0 : cur.mv1;
        byte[] refs = list == 0 ? cur.ref0 : cur.ref1;
        int[] ids = list == 0 ? cur.refPic0 : cur.refPic1;
        int id = refId(list == 0 ? s.l0 : s.l1, ref);
        for (int j = y; j < y + h; j++) {
            int row = base + j * stride;
            for (int i = x; i < x + w; i++) {
                mvs[row + i] = mv;
                refs[row + i] = (byte) ref;
            }
        }
        int stride8 = cur.b8Stride;
        for (int j = y >> 1; j <= (y + h - 1) >> 1; j++) {
            for (int i = x >> 1; i <= (x + w - 1) >> 1; i++) {
                ids[base8 + j * stride8 + i] = id;
            }
        }
    }

    /**
     * Fetches the neighbouring 4x4 block at (x, y) relative to the current macroblock (x, y in -1..4) into
     * nRef / nMv for list {@code list}; returns false when it is not available (outside the picture or the
     * slice, or not yet decoded).
     */
    private boolean fetch(int list, int x, int y) {
        MbPosition pos = s.pos;
        boolean avail;
        if (y < 0) {
            avail = x < 0 ? pos.addrD >= 0 : (x < 4 ? pos.addrB >= 0 : pos.addrC >= 0);
        } else if (x < 0) {
            avail = pos.addrA >= 0;
        } else {
            avail = x < 4 && (doneMask & (1 << (y * 4 + x))) != 0;
        }
        if (!avail) {
            nRef = -1;
            nMv = 0;
            return false;
        }
        Picture cur = s.cur;
        int i = base + y * cur.b4Stride + x;
        if (list == 0) {
            nRef = cur.ref0[i];
            nMv = nRef < 0 ? 0 : cur.mv0[i];
        } else {
            nRef = cur.ref1[i];
            nMv = nRef < 0 ? 0 : cur.mv1[i];
        }
        return true;
    }

    /** mvpLX of the partition at (x, y), w 4x4 blocks wide (8.4.1.3). */
    private int predict(int list, int ref, int x, int y, int w, int dir) {
        boolean availA = fetch(list, x - 1, y);
        int refA = nRef;
        int mvA = nMv;
        boolean availB = fetch(list, x, y - 1);
        int refB = nRef;
        int mvB = nMv;
        boolean availC = fetch(list, x + w, y - 1);
        if (!availC) {
            availC = fetch(list, x - 1, y - 1);
        }
        int refC = nRef;
        int mvC = nMv;
        if (!availB && !availC && availA) {
            refB = refA;
            mvB = mvA;
            refC = refA;
            mvC = mvA;
        }
        if (dir == DIR_A && refA == ref) {
            return mvA;
        }
        if (dir == DIR_B && refB == ref) {
            return mvB;
        }
        if (dir == DIR_C && refC == ref) {
            return mvC;
        }
        int matches = (refA == ref ? 1 : 0) + (refB == ref ? 1 : 0) + (refC == ref ? 1 : 0);
        if (matches == 1) {
            return refA == ref ? mvA : (refB == ref ? mvB : mvC);
        }
        return Mv.pack(median(Mv.x(mvA), Mv.x(mvB), Mv.x(mvC)), median(Mv.y(mvA), Mv.y(mvB), Mv.y(mvC)));
    }

    private static int median(int a, int b, int c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    /** P_Skip (8.4.1.1). */
    private void pSkip() {
        if (s.l0.count < 1) {
            throw H264Exception.invalid("P_Skip without a reference picture");
        }
        Picture cur = s.cur;
        MbPosition pos = s.pos;
        int mv = 0;
        if (pos.addrA >= 0 && pos.addrB >= 0) {
            int iA = base - 1;
            int iB = base - cur.b4Stride;
            int refA = cur.ref0[iA];
            int refB = cur.ref0[iB];
            if (!(refA == 0 && cur.mv0[iA] == 0) && !(refB == 0 && cur.mv0[iB] == 0)) {
                mv = mvp16(0, 0);
            }
        }
        fill16(0, 0, mv, refId(s.l0, 0), -1, 0, -1);
        doneMask = 0xffff;
    }

    /** A 16x16 partition (P_L0_16x16, B_X_16x16): its motion from ref_idx and mvd (8.4.1.3). */
    private void partition16(Macroblock mb, int pred) {
        int ref0 = -1;
        int mv0 = 0;
        int ref1 = -1;
        int mv1 = 0;
        if ((pred & 1) != 0) {
            ref0 = checkedRef(mb, 0, 0);
            mv0 = Mv.add(mvp16(0, ref0), mb.mvd[0][0]);
        }
        if ((pred & 2) != 0) {
            ref1 = checkedRef(mb, 1, 0);
            mv1 = Mv.add(mvp16(1, ref1), mb.mvd[1][0]);
        }
        fill16(0, ref0, mv0, refId(s.l0, ref0), ref1, mv1, refId(s.l1, ref1));
        doneMask = 0xffff;
    }

    /** ref_idx_lX of partition {@code part}, checked against the active references. */
    private int checkedRef(Macroblock mb, int list, int part) {
        int ref = mb.refIdx[list][part];
        RefList rl = list == 0 ? s.l0 : s.l1;
        if (ref < 0 || ref >= rl.count) {
            throw H264Exception.invalid("ref_idx_l" + list + " " + ref + " outside the " + rl.count + " active references");
        }
        return ref;
    }

    /**
     * mvpLX of the whole macroblock as one 16x16 partition with reference index {@code ref} (8.4.1.3): the
     * neighbours A, B and C (D when C is not available) are all outside the macroblock.
     */
    private int mvp16(int list, int ref) {
        Picture cur = s.cur;
        MbPosition pos = s.pos;
        int st = cur.b4Stride;
        boolean hasA = pos.addrA >= 0;
        boolean hasB = pos.addrB >= 0;
        int iA = base - 1;
        int iB = base - st;
        int iC = indexC16(pos, st);
        boolean hasC = iC >= 0;
        byte[] r = list == 0 ? cur.ref0 : cur.ref1;
        int[] m = list == 0 ? cur.mv0 : cur.mv1;
        int refA = hasA ? r[iA] : -1;
        int refB = hasB ? r[iB] : -1;
        int refC = hasC ? r[iC] : -1;
        return median16(ref, refA, refA < 0 ? 0 : m[iA], refB, refB < 0 ? 0 : m[iB], refC, refC < 0 ? 0 : m[iC],
                hasA && !hasB && !hasC);
    }

    /**
     * Index of neighbour C of the whole macroblock (the bottom-left 4x4 block of the macroblock above right),
     * or of D (the bottom-right block of the one above left) when C is not available; -1 when neither is.
     */
    private int indexC16(MbPosition pos, int st) {
        return pos.addrC >= 0 ? base - st + 4 : (pos.addrD >= 0 ? base - st - 1 : -1);
    }

    /** B_Skip and B_Direct_16x16: direct prediction of the whole macroblock. */
    private void direct16() {
        if (s.sh.directSpatialMvPred && s.sps8x8Inference && s.l1.count >= 1 && s.l1.pic[0] != null) {
            spatialDirect16();
        } else {
            direct(0, 0, 4, 4);
        }
    }

    /**
     * Spatial direct prediction (8.4.1.2.2) of a whole macroblock with direct_8x8_inference_flag 1, the most
     * common macroblock of B pictures (B_Skip): the same derivation as {@link #spatialDirect} for the 16x16
     * block, with the neighbours A, B and C (or D) read straight from the picture instead of through
     * {@link #fetch}, the co-located corner blocks read once, and the motion stored a row of four blocks at a
     * time; records {@link #shape} for the motion compensation.
     */
    private void spatialDirect16() {
        Picture cur = s.cur;
        MbPosition pos = s.pos;
        int st = cur.b4Stride;
        boolean hasA = pos.addrA >= 0;
        boolean hasB = pos.addrB >= 0;
        int iA = base - 1;
        int iB = base - st;
        int iC = indexC16(pos, st);
        boolean hasC = iC >= 0;
        byte[] r0 = cur.ref0;
        byte[] r1 = cur.ref1;
        int ref0 = minPositive(hasA ? r0[iA] : -1, minPositive(hasB ? r0[iB] : -1, hasC ? r0[iC] : -1));
        int ref1 = minPositive(hasA ? r1[iA] : -1, minPositive(hasB ? r1[iB] : -1, hasC ? r1[iC] : -1));
        int mv0 = 0;
        int mv1 = 0;
        if (ref0 < 0 && ref1 < 0) {
            ref0 = 0;
            ref1 = 0;
        } else {
            mv0 = ref0 < 0 ? 0 : mvp16(0, ref0);
            mv1 = ref1 < 0 ? 0 : mvp16(1, ref1);
        }
        int id0 = refId(s.l0, ref0);
        int id1 = refId(s.l1, ref1);
        doneMask = 0xffff;
        boolean zeroCheck = !s.l1.longTerm[0] && ((ref0 == 0 && mv0 != 0) || (ref1 == 0 && mv1 != 0));
        int zero = zeroCheck ? colZeroCorners() : 0;
        fill16(zero, ref0, mv0, id0, ref1, mv1, id1);
        shape = zero == 0 || zero == 15 ? SHAPE_ONE : SHAPE_QUADS;
    }

    /** mvpLX of a 16x16 partition from its neighbours' reference indices and vectors (8.4.1.3). */
    private static int median16(int ref, int refA, int mvA, int refB, int mvB, int refC, int mvC, boolean onlyA) {
        if (onlyA) {
            refB = refA;
            mvB = mvA;
            refC = refA;
            mvC = mvA;
        }
        int matches = (refA == ref ? 1 : 0) + (refB == ref ? 1 : 0) + (refC == ref ? 1 : 0);
        if (matches == 1) {
            return refA == ref ? mvA : (refB == ref ? mvB : mvC);
        }
        return Mv.pack(median(Mv.x(mvA), Mv.x(mvB), Mv.x(mvC)), median(Mv.y(mvA), Mv.y(mvB), Mv.y(mvC)));
    }

    /** The picture identifier stored for reference index {@code ref} of list {@code l} (-1: none). */
    private static int refId(RefList l, int ref) {
        if (ref < 0) {
            return -1;
        }
        Picture p = l.pic[ref];
        return p == null ? -2 - ref : p.id;
    }

    /**
     * colZeroFlag (8.4.1.2.2) of the four 8x8 quadrants of the current macroblock with direct_8x8_inference
     * (the co-located blocks are the corner 4x4 blocks), bit q for quadrant q; 0 when the co-located
     * macroblock is intra. The caller has checked that RefPicList1[0] is a short-term picture.
     */
    private int colZeroCorners() {
        Picture col = s.l1.pic[0];
        if (colMode(col) != COL_SAME) { // frame and field structures differ: mapped block by block
            return (colZero(0, 0) ? 1 : 0) | (colZero(2, 0) ? 2 : 0) | (colZero(0, 2) ? 4 : 0) | (colZero(2, 2) ? 8 : 0);
        }
        col.awaitRow(s.pos.mbY); // frame threads: its motion in this macroblock row must be final
        if ((col.mbFlags[s.pos.addr] & Picture.INTRA) != 0) {
            return 0;
        }
        int st = col.b4Stride;
        int b = base;
        return colZeroAt(col, b) | colZeroAt(col, b + 3) << 1 | colZeroAt(col, b + 3 * st) << 2 | colZeroAt(col, b + 3 * st + 3) << 3;
    }

    /** 1 when the co-located 4x4 block at index i has reference index 0 and a vector within +-1 (8.4.1.2.2). */
    private static int colZeroAt(Picture col, int i) {
        int ref = col.ref0[i];
        int mv;
        if (ref >= 0) {
            mv = col.mv0[i];
        } else {
            ref = col.ref1[i];
            mv = col.mv1[i];
        }
        int mx = Mv.x(mv);
        int my = Mv.y(mv);
        return ref == 0 && mx >= -1 && mx <= 1 && my >= -1 && my <= 1 ? 1 : 0;
    }

    /**
     * Stores the motion of both lists in the whole macroblock, a row of four blocks at a time (a micro-benchmark
     * on JDK 25: 33 ns per macroblock, 60 ns with loops over the blocks; six rows of four entries are 96
     * stores). The vectors are {@code mv0} / {@code mv1}, except in the 8x8 quadrants q with bit q of
     * {@code colZero} set, whose vector is 0 for a list with reference index 0 (spatial direct, 8.4.1.2.2).
     */
    private void fill16(int colZero, int ref0, int mv0, int id0, int ref1, int mv1, int id1) {
        Picture cur = s.cur;
        int st = cur.b4Stride;
        int[] m0 = cur.mv0;
        int[] m1 = cur.mv1;
        byte[] r0 = cur.ref0;
        byte[] r1 = cur.ref1;
        int[] p0 = cur.refPic0;
        int[] p1 = cur.refPic1;
        byte rb0 = (byte) ref0;
        byte rb1 = (byte) ref1;
        int zero0 = ref0 == 0 ? 0 : mv0;
        int zero1 = ref1 == 0 ? 0 : mv1;
        for (int j = 0, i = base; j < 4; j++, i += st) {
            int left = (j >> 1) * 2; // quadrant of the row's left half
            boolean zl = (colZero & (1 << left)) != 0;
            boolean zr = (colZero & (2 << left)) != 0;
            int l0 = zl ? zero0 : mv0;
            int h0 = zr ? zero0 : mv0;
            int l1 = zl ? zero1 : mv1;
            int h1 = zr ? zero1 : mv1;
            put4(m0, i, l0, h0);
            put4(m1, i, l1, h1);
            r0[i] = rb0;
            r0[i + 1] = rb0;
            r0[i + 2] = rb0;
            r0[i + 3] = rb0;
            r1[i] = rb1;
            r1[i + 1] = rb1;
            r1[i + 2] = rb1;
            r1[i + 3] = rb1;
        }
        int i8 = base8;
        p0[i8] = id0;
        p0[i8 + 1] = id0;
        p1[i8] = id1;
        p1[i8 + 1] = id1;
        i8 += cur.b8Stride;
        p0[i8] = id0;
        p0[i8 + 1] = id0;
        p1[i8] = id1;
        p1[i8 + 1] = id1;
    }

    /** a[i], a[i + 1] = left; a[i + 2], a[i + 3] = right (small enough for C2 to inline at every call). */
    private static void put4(int[] a, int i, int left, int right) {
        a[i] = left;
        a[i + 1] = left;
        a[i + 2] = right;
        a[i + 3] = right;
    }

    /** Direct prediction of the 4x4 blocks (x..x+w-1, y..y+h-1) of the current macroblock. */
    private void direct(int x, int y, int w, int h) {
        if (s.l1.count < 1 || s.l1.pic[0] == null) {
            throw new H264Exception(H264Exception.Kind.MISSING_REFERENCE, "direct prediction without RefPicList1[0]");
        }
        if (s.sh.directSpatialMvPred) {
            spatialDirect(x, y, w, h);
        } else {
            temporalDirect(x, y, w, h);
        }
        markDone(x, y, w, h);
    }

    private void spatialDirect(int x0, int y0, int w, int h) {
        if (!spatialReady) {
            spatialReady = true;
            int r0 = neighbourMinRef(0);
            int r1 = neighbourMinRef(1);
            if (r0 < 0 && r1 < 0) {
                spatialRef0 = 0;
                spatialRef1 = 0;
                spatialMv0 = 0;
                spatialMv1 = 0;
            } else {
                spatialRef0 = r0;
                spatialRef1 = r1;
                spatialMv0 = r0 < 0 ? 0 : predict(0, r0, 0, 0, 4, DIR_NONE);
                spatialMv1 = r1 < 0 ? 0 : predict(1, r1, 0, 0, 4, DIR_NONE);
            }
        }
        int ref0 = spatialRef0;
        int ref1 = spatialRef1;
        boolean zeroCheck = !s.l1.longTerm[0] && ((ref0 == 0 && spatialMv0 != 0) || (ref1 == 0 && spatialMv1 != 0));
        if (!zeroCheck) {
            store(0, x0, y0, w, h, ref0, spatialMv0);
            store(1, x0, y0, w, h, ref1, spatialMv1);
            return;
        }
        // with direct_8x8_inference the co-located block (a corner) is the same for the four 4x4 blocks of an 8x8
        int step = s.sps8x8Inference ? 2 : 1;
        for (int y = y0; y < y0 + h; y += step) {
            for (int x = x0; x < x0 + w; x += step) {
                int mv0 = spatialMv0;
                int mv1 = spatialMv1;
                if (colZero(x, y)) {
                    if (ref0 == 0) {
                        mv0 = 0;
                    }
                    if (ref1 == 0) {
                        mv1 = 0;
                    }
                }
                store(0, x, y, step, step, ref0, mv0);
                store(1, x, y, step, step, ref1, mv1);
            }
        }
    }

    /** MinPositive over the refIdxLX of neighbours A, B and C (C replaced by D when unavailable), 8.4.1.2.2. */
    private int neighbourMinRef(int list) {
        fetch(list, -1, 0);
        int a = nRef;
        fetch(list, 0, -1);
        int b = nRef;
        if (!fetch(list, 4, -1)) {
            fetch(list, -1, -1);
        }
        int c = nRef;
        return minPositive(a, minPositive(b, c));
    }

    private static int minPositive(int a, int b) {
        return a >= 0 && b >= 0 ? Math.min(a, b) : Math.max(a, b);
    }

    // co-located block (8.4.1.2.1), results in colRef / colMv / colPicId
    private int colRef;
    private int colMv;
    private int colPicId;

    /**
     * How the co-located picture's motion maps onto the current macroblock (8.4.1.2.1, Table 8-8, without
     * MBAFF): {@link #COL_SAME} (both frames, or both fields), {@link #COL_FIELD_TO_FRAME} (a frame picture
     * whose RefPicList1[0] was decoded as two fields) or {@link #COL_FRAME_TO_FIELD} (a field picture whose
     * RefPicList1[0] is a field of a frame picture).
     */
    private static final int COL_SAME = 0;
    private static final int COL_FIELD_TO_FRAME = 1;
    private static final int COL_FRAME_TO_FIELD = 2;
    /**
     * The mapping of the last {@link #colocated}: with {@link #COL_FIELD_TO_FRAME} the co-located vector's vertical
     * component is doubled, with {@link #COL_FRAME_TO_FIELD} halved ({@link #colVertical}).
     */
    private int colMode;

    private int colMode(Picture col) {
        if (col.frame != null) {
            return col.frame.fieldCoded ? COL_SAME : COL_FRAME_TO_FIELD;
        }
        return col.fieldCoded && s.cur.frame == null ? COL_FIELD_TO_FRAME : COL_SAME;
    }

    private void colocated(int x, int y) {
        Picture col = s.l1.pic[0];
        colMode = colMode(col);
        if (colMode != COL_SAME) {
            colocatedMixed(col, x, y);
            return;
        }
        col.awaitRow(s.pos.mbY); // frame threads: its motion in this macroblock row must be final
        if (s.sps8x8Inference) {
            x = (x >> 1) * 3;
            y = (y >> 1) * 3;
        }
        MbPosition pos = s.pos;
        if ((col.mbFlags[pos.addr] & Picture.INTRA) != 0) {
            colRef = -1;
            colMv = 0;
            colPicId = -1;
            return;
        }
        readCol(col, base + y * col.b4Stride + x, base8 + (y >> 1) * col.b8Stride + (x >> 1));
    }

    /**
     * colRef / colMv / colPicId from 4x4 block {@code i} (8x8 block {@code i8}) of {@code col}: its list 0 motion
     * if it has any, else its list 1 motion (8.4.1.2.1).
     */
    private void readCol(Picture col, int i, int i8) {
        if (col.ref0[i] >= 0) {
            colRef = col.ref0[i];
            colMv = col.mv0[i];
            colPicId = col.refPic0[i8];
        } else {
            colRef = col.ref1[i];
            colMv = col.mv1[i];
            colPicId = col.refPic1[i8];
        }
    }

    /**
     * The co-located block when the current picture and the co-located one differ in structure (PAFF; with
     * direct_8x8_inference_flag, which a stream allowing fields must have, 7.4.2.1.1): the corner 4x4 blocks
     * of Table 8-8. A frame macroblock reads the field (of RefPicList1[0]'s two) closer in POC, at macroblock
     * row mbY / 2, 4x4 rows 2 * (mbY % 2) and one below (yM = 8 * (mbY % 2) + 4 * (yCol / 8)); a field
     * macroblock reads its frame, 4x4 row 0 of macroblock row 2 * mbY and row 2 of the row below (yM =
     * (2 * yCol) % 16). The picture id is the frame's (Fld_To_Frm) or the field's of the current parity
     * (Frm_To_Fld), as the reference index is mapped (8.4.1.2.3); the vector's vertical component is scaled
     * by the caller ({@link #colVertical}).
     */
    private void colocatedMixed(Picture col, int x, int y) {
        MbPosition pos = s.pos;
        int cx = (x >> 1) * 3;
        int qy = y >> 1; // 0: the upper 8x8 blocks, 1: the lower ones
        Picture c;
        int mbAddr;
        int row4; // 4x4 row in c
        if (colMode == COL_FIELD_TO_FRAME) {
            int cur = s.curPoc;
            Picture top = col.field(0);
            Picture bottom = col.field(1);
            // the field closer in POC (the bottom one on a tie); a field that was never decoded (its pair
            // never came) has no block data and is not chosen
            c = !bottom.hasBlocks() || (top.hasBlocks() && Math.abs(top.poc - cur) < Math.abs(bottom.poc - cur)) ? top : bottom;
            int fieldRow = pos.mbY >> 1;
            c.awaitRow(fieldRow); // frame threads: its motion in this macroblock row must be final
            mbAddr = fieldRow * c.mbWidth + pos.mbX;
            row4 = fieldRow * 4 + 2 * (pos.mbY & 1) + qy;
        } else {
            c = col.frame;
            c.awaitComplete();
            int frameRow = 2 * pos.mbY + qy;
            mbAddr = frameRow * c.mbWidth + pos.mbX;
            row4 = frameRow * 4 + 2 * qy;
        }
        if (!c.hasBlocks() || (c.mbFlags[mbAddr] & Picture.INTRA) != 0) {
            colRef = -1;
            colMv = 0;
            colPicId = -1;
            return;
        }
        int col4 = pos.mbX * 4 + cx;
        readCol(c, row4 * c.b4Stride + col4, (row4 >> 1) * c.b8Stride + (col4 >> 1));
        if (colPicId >= 0) {
            // Fld_To_Frm: the frame holding the referenced field; Frm_To_Fld: its field of the current parity
            colPicId = colMode == COL_FIELD_TO_FRAME ? colPicId & ~3 : colPicId + 1 + s.cur.parity;
        }
    }

    /** The co-located vector's vertical component as the current picture counts it (8.4.1.2.3). */
    private int colVertical(int my) {
        return colMode == COL_FIELD_TO_FRAME ? my * 2 : colMode == COL_FRAME_TO_FIELD ? my / 2 : my;
    }

    private boolean colZero(int x, int y) {
        colocated(x, y);
        if (colRef != 0) {
            return false;
        }
        int mx = Mv.x(colMv);
        int my = Mv.y(colMv);
        return mx >= -1 && mx <= 1 && my >= -1 && my <= 1;
    }

    private void temporalDirect(int x0, int y0, int w, int h) {
        RefList l0 = s.l0;
        RefList l1 = s.l1;
        int curPoc = s.curPoc;
        int step = s.sps8x8Inference ? 2 : 1; // one co-located corner block per 8x8 with direct_8x8_inference
        for (int y = y0; y < y0 + h; y += step) {
            for (int x = x0; x < x0 + w; x += step) {
                colocated(x, y);
                int ref0 = 0;
                if (colRef >= 0) {
                    ref0 = -1;
                    for (int i = 0; i < l0.count; i++) {
                        if (l0.pic[i] != null && l0.pic[i].id == colPicId) {
                            ref0 = i;
                            break;
                        }
                    }
                    if (ref0 < 0) {
                        throw new H264Exception(H264Exception.Kind.MISSING_REFERENCE,
                                "temporal direct: the co-located block's reference picture is not in RefPicList0");
                    }
                }
                int mv0;
                int mv1;
                int colMv = colMode == COL_SAME ? this.colMv : Mv.pack(Mv.x(this.colMv), colVertical(Mv.y(this.colMv)));
                int tdRaw = l1.poc[0] - l0.poc[ref0];
                if (l0.longTerm[ref0] || tdRaw == 0) {
                    mv0 = colMv;
                    mv1 = 0;
                } else {
                    int tb = clip3(-128, 127, curPoc - l0.poc[ref0]);
                    int td = clip3(-128, 127, tdRaw);
                    int tx = (16384 + Math.abs(td / 2)) / td;
                    int dsf = clip3(-1024, 1023, (tb * tx + 32) >> 6);
                    int mx = (dsf * Mv.x(colMv) + 128) >> 8;
                    int my = (dsf * Mv.y(colMv) + 128) >> 8;
                    mv0 = Mv.pack(mx, my);
                    mv1 = Mv.pack(mx - Mv.x(colMv), my - Mv.y(colMv));
                }
                store(0, x, y, step, step, ref0, mv0);
                store(1, x, y, step, step, 0, mv1);
            }
        }
    }

    static int clip3(int lo, int hi, int v) {
        return v < lo ? lo : (v > hi ? hi : v);
    }
}
