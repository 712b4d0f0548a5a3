package org.purecodec.h264.recon;

import org.purecodec.h264.H264Exception;
import org.purecodec.h264.kernels.InterPred;
import org.purecodec.h264.kernels.Mv;
import org.purecodec.h264.syntax.SliceHeader;

/**
 * Inter prediction samples of one macroblock (8.4.2): motion compensation of each block whose motion is
 * uniform, from the padded reference planes (the block position is clamped into the border so that no
 * sample coordinate is ever clipped per sample: outside the picture every sample equals the nearest edge
 * sample, which the border replicates), then default, explicit or implicit weighted prediction (8.4.2.3).
 * The prediction is written into the current picture; the residual is added afterwards.
 */
final class InterPredictor {
    private final SliceDecoder s;
    private final byte[] tmpY = new byte[16 * 16];
    private final byte[] tmpCb = new byte[8 * 8];
    private final byte[] tmpCr = new byte[8 * 8];

    /** 0 default, 1 explicit, 2 implicit. */
    private int weightMode;
    /** Monochrome stream: luma only (the chroma planes hold 128). */
    private boolean mono;

    InterPredictor(SliceDecoder s) {
        this.s = s;
    }

    /** Chooses the weighting of the slice (weighted_pred_flag, weighted_bipred_idc). */
    void startSlice(SliceHeader sh) {
        mono = sh.monochrome();
        if (sh.sliceType == SliceHeader.P) {
            weightMode = sh.pps.weightedPredFlag ? 1 : 0;
        } else if (sh.sliceType == SliceHeader.B) {
            weightMode = sh.pps.weightedBipredIdc;
        } else {
            weightMode = 0;
        }
    }

    /**
     * Predicts the block of w x h 4x4 blocks at (x4, y4) of the current macroblock from the motion stored
     * for its top-left 4x4 block (the caller guarantees the motion is uniform over the block).
     */
    void predict(int x4, int y4, int w4, int h4) {
        Picture cur = s.cur;
        int mbX = s.pos.mbX;
        int mbY = s.pos.mbY;
        int bi = (mbY * 4 + y4) * cur.b4Stride + mbX * 4 + x4;
        int r0 = cur.ref0[bi];
        int r1 = cur.ref1[bi];
        int px = mbX * 16 + x4 * 4;
        int py = mbY * 16 + y4 * 4;
        int w = w4 * 4;
        int h = h4 * 4;
        int dY = cur.lumaOff + py * cur.lumaStride + px;
        int dC = cur.chromaOff + (py >> 1) * cur.chromaStride + (px >> 1);
        InterPred k = s.kernels.inter;
        byte[] cb = mono ? null : cur.cb; // null: no chroma motion compensation
        byte[] cr = cur.cr;
        if (r0 >= 0) {
            Picture ref = ref(s.l0, r0, 0);
            mc(k, ref, cur, cur.mv0[bi], px, py, w, h, cur.luma, dY, cur.lumaStride, cb, cr, dC, cur.chromaStride, false);
        }
        if (r1 >= 0) {
            Picture ref = ref(s.l1, r1, 1);
            if (r0 >= 0) {
                if (averaged(r0, r1)) { // default weights: predPartL1 averaged straight into predPartL0
                    mc(k, ref, cur, cur.mv1[bi], px, py, w, h, cur.luma, dY, cur.lumaStride, cb, cr, dC, cur.chromaStride, true);
                } else {
                    mc(k, ref, cur, cur.mv1[bi], px, py, w, h, tmpY, 0, 16, mono ? null : tmpCb, tmpCr, 0, 8, false);
                    weighted(k, r0, r1, cur, dY, dC, w, h);
                }
            } else {
                mc(k, ref, cur, cur.mv1[bi], px, py, w, h, cur.luma, dY, cur.lumaStride, cb, cr, dC, cur.chromaStride, false);
                single(k, 1, r1, cur, dY, dC, w, h);
            }
        } else if (r0 >= 0) {
            single(k, 0, r0, cur, dY, dC, w, h);
        } else {
            throw H264Exception.invalid("inter block without a reference list");
        }
    }

    private static Picture ref(RefList l, int idx, int list) {
        Picture p = idx < l.count ? l.pic[idx] : null;
        if (p == null) {
            throw new H264Exception(H264Exception.Kind.MISSING_REFERENCE, "RefPicList" + list + "[" + idx + "] holds no picture");
        }
        return p;
    }

    private void mc(InterPred k, Picture ref, Picture cur, int mv, int px, int py, int w, int h, byte[] dY, int dYOff, int dYStride,
                    byte[] dCb, byte[] dCr, int dCOff, int dCStride, boolean avg) {
        if (ref.frame != null) {
            mcField(k, ref, cur, mv, px, py, w, h, dY, dYOff, dYStride, dCb, dCr, dCOff, dCStride, avg);
            return;
        }
        int mx = Mv.x(mv);
        int my = Mv.y(mv);
        int x = clamp(px + (mx >> 2), -30, ref.width + 13);
        int y = clamp(py + (my >> 2), -30, ref.height + 13);
        int cx = clamp((px >> 1) + (mx >> 3), -16, (ref.width >> 1) + 7);
        int cy = clamp((py >> 1) + (my >> 3), -16, (ref.height >> 1) + 7);
        ref.awaitSamples(y + h + 2, cy + (h >> 1)); // frame threads: the rows this block reads must be final
        k.lumaMc(dY, dYOff, dYStride, ref.luma, ref.lumaOff + y * ref.lumaStride + x, ref.lumaStride, w, h, mx & 3, my & 3, avg);
        if (dCb == null) {
            return; // monochrome
        }
        int cw = w >> 1;
        int ch = h >> 1;
        int cOff = ref.chromaOff + cy * ref.chromaStride + cx;
        k.chromaMc(dCb, dCr, dCOff, dCStride, ref.cb, ref.cr, cOff, ref.chromaStride, cw, ch, mx & 7, my & 7, avg);
    }

    /** Rows of the luma and chroma blocks copied with the field's edge rows repeated ({@link #mcField}). */
    private static final int EDGE_STRIDE = 24;
    private final byte[] edgeY = new byte[EDGE_STRIDE * 24];
    private final byte[] edgeCb = new byte[EDGE_STRIDE * 12];
    private final byte[] edgeCr = new byte[EDGE_STRIDE * 12];

    /**
     * Motion compensation from a field (field pictures): the field's lines are every other line of its frame
     * buffer, whose border rows above and below belong to the frame, so a block that reaches outside the
     * field's rows is copied first with the out-of-field rows replaced by the field's nearest edge row (the
     * side borders are the field's own). A chroma vector referring to a field of the other parity is
     * shifted by a quarter chroma line (Table 8-10: -2 in eighths from a top field to a bottom one, +2 the
     * other way).
     */
    private void mcField(InterPred k, Picture ref, Picture cur, int mv, int px, int py, int w, int h, byte[] dY, int dYOff,
                         int dYStride, byte[] dCb, byte[] dCr, int dCOff, int dCStride, boolean avg) {
        int mx = Mv.x(mv);
        int my = Mv.y(mv);
        int x = clamp(px + (mx >> 2), -30, ref.width + 13);
        int y = clamp(py + (my >> 2), -30, ref.height + 13);
        int cmy = my;
        if (cur.parity >= 0 && ref.parity != cur.parity) {
            cmy += cur.parity == 0 ? -2 : 2;
        }
        int cx = clamp((px >> 1) + (mx >> 3), -16, (ref.width >> 1) + 7);
        int cy = clamp((py >> 1) + (cmy >> 3), -16, (ref.height >> 1) + 7);
        int cw = w >> 1;
        int ch = h >> 1;
        int rh = ref.height;
        int crh = rh / 2;
        // frame threads: the field's rows this block reads must be final (never its border rows: see below)
        ref.awaitSamples(clamp(y + h + 2, 0, rh - 1), clamp(cy + ch, 0, crh - 1));
        if (y - 2 >= 0 && y + h + 3 <= rh) {
            k.lumaMc(dY, dYOff, dYStride, ref.luma, ref.lumaOff + y * ref.lumaStride + x, ref.lumaStride, w, h, mx & 3, my & 3, avg);
        } else {
            for (int r = 0; r < h + 5; r++) {
                int sy = clamp(y - 2 + r, 0, rh - 1);
                System.arraycopy(ref.luma, ref.lumaOff + sy * ref.lumaStride + x - 2, edgeY, r * EDGE_STRIDE, w + 5);
            }
            k.lumaMc(dY, dYOff, dYStride, edgeY, 2 * EDGE_STRIDE + 2, EDGE_STRIDE, w, h, mx & 3, my & 3, avg);
        }
        if (dCb == null) {
            return; // monochrome
        }
        if (cy >= 0 && cy + ch + 1 <= crh) {
            int cOff = ref.chromaOff + cy * ref.chromaStride + cx;
            k.chromaMc(dCb, dCr, dCOff, dCStride, ref.cb, ref.cr, cOff, ref.chromaStride, cw, ch, mx & 7, cmy & 7, avg);
        } else {
            for (int r = 0; r < ch + 1; r++) {
                int sy = clamp(cy + r, 0, crh - 1);
                int from = ref.chromaOff + sy * ref.chromaStride + cx;
                System.arraycopy(ref.cb, from, edgeCb, r * EDGE_STRIDE, cw + 1);
                System.arraycopy(ref.cr, from, edgeCr, r * EDGE_STRIDE, cw + 1);
            }
            k.chromaMc(dCb, dCr, dCOff, dCStride, edgeCb, edgeCr, 0, EDGE_STRIDE, cw, ch, mx & 7, cmy & 7, avg);
        }
    }

    private static int clamp(int v, int lo, int hi) {
        return v < lo ? lo : (v > hi ? hi : v);
    }

    private void single(InterPred k, int list, int ref, Picture cur, int dY, int dC, int w, int h) {
        if (weightMode != 1) {
            return;
        }
        SliceHeader sh = s.sh;
        if (sh.lumaWeight[list][ref] != 1 << sh.lumaLog2WeightDenom || sh.lumaOffset[list][ref] != 0) {
            k.weight(cur.luma, dY, cur.lumaStride, w, h, sh.lumaLog2WeightDenom, sh.lumaWeight[list][ref], sh.lumaOffset[list][ref]);
        }
        if (mono) {
            return;
        }
        if (sh.chromaWeight[list][ref][0] == 1 << sh.chromaLog2WeightDenom && sh.chromaOffset[list][ref][0] == 0
                && sh.chromaWeight[list][ref][1] == 1 << sh.chromaLog2WeightDenom && sh.chromaOffset[list][ref][1] == 0) {
            return; // default weights: the weighted sample equals the prediction
        }
        int cw = w >> 1;
        int ch = h >> 1;
        k.weight(cur.cb, dC, cur.chromaStride, cw, ch, sh.chromaLog2WeightDenom, sh.chromaWeight[list][ref][0],
                sh.chromaOffset[list][ref][0]);
        k.weight(cur.cr, dC, cur.chromaStride, cw, ch, sh.chromaLog2WeightDenom, sh.chromaWeight[list][ref][1],
                sh.chromaOffset[list][ref][1]);
    }

    /** Whether bi-prediction of this reference pair is the plain rounding average (8-271). */
    private boolean averaged(int r0, int r1) {
        // implicit weights 32/32: ((p0 + p1) * 32 + 32) >> 6 == (p0 + p1 + 1) >> 1
        return weightMode == 0 || (weightMode == 2 && implicitW1(r0, r1) == 32);
    }

    /** Explicit or (unequal) implicit weighted bi-prediction of predPartL0 in the picture with predPartL1 in tmp. */
    private void weighted(InterPred k, int r0, int r1, Picture cur, int dY, int dC, int w, int h) {
        int cw = w >> 1;
        int ch = h >> 1;
        if (weightMode == 1) {
            SliceHeader sh = s.sh;
            k.weightBi(cur.luma, dY, cur.lumaStride, tmpY, 0, 16, w, h, sh.lumaLog2WeightDenom, sh.lumaWeight[0][r0],
                    sh.lumaWeight[1][r1], sh.lumaOffset[0][r0], sh.lumaOffset[1][r1]);
            for (int c = 0; c < (mono ? 0 : 2); c++) {
                k.weightBi(c == 0 ? cur.cb : cur.cr, dC, cur.chromaStride, c == 0 ? tmpCb : tmpCr, 0, 8, cw, ch,
                        sh.chromaLog2WeightDenom, sh.chromaWeight[0][r0][c], sh.chromaWeight[1][r1][c],
                        sh.chromaOffset[0][r0][c], sh.chromaOffset[1][r1][c]);
            }
        } else {
            int w1 = implicitW1(r0, r1);
            int w0 = 64 - w1;
            k.weightBi(cur.luma, dY, cur.lumaStride, tmpY, 0, 16, w, h, 5, w0, w1, 0, 0);
            if (!mono) {
                k.weightBi(cur.cb, dC, cur.chromaStride, tmpCb, 0, 8, cw, ch, 5, w0, w1, 0, 0);
                k.weightBi(cur.cr, dC, cur.chromaStride, tmpCr, 0, 8, cw, ch, 5, w0, w1, 0, 0);
            }
        }
    }

    /** w1 of implicit weighted bi-prediction (8.4.2.3.1 with 8.4.1.2.3's DistScaleFactor); w0 = 64 - w1. */
    private int implicitW1(int r0, int r1) {
        RefList l0 = s.l0;
        RefList l1 = s.l1;
        int poc0 = l0.poc[r0];
        int poc1 = l1.poc[r1];
        if (poc1 - poc0 == 0 || l0.longTerm[r0] || l1.longTerm[r1]) {
            return 32;
        }
        int tb = MotionPredictor.clip3(-128, 127, s.curPoc - poc0);
        int td = MotionPredictor.clip3(-128, 127, poc1 - poc0);
        int tx = (16384 + Math.abs(td / 2)) / td;
        int dsf = MotionPredictor.clip3(-1024, 1023, (tb * tx + 32) >> 6);
        int w1 = dsf >> 2;
        return w1 < -64 || w1 > 128 ? 32 : w1;
    }
}
