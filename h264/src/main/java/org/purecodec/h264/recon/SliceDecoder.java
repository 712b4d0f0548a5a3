package org.purecodec.h264.recon;

import java.util.Arrays;

import org.purecodec.h264.H264Exception;
import org.purecodec.h264.kernels.Kernels;
import org.purecodec.h264.kernels.Tables;
import org.purecodec.h264.syntax.CabacReader;
import org.purecodec.h264.syntax.CavlcReader;
import org.purecodec.h264.syntax.Macroblock;
import org.purecodec.h264.syntax.MbTypes;
import org.purecodec.h264.syntax.MbPosition;
import org.purecodec.h264.syntax.SliceHeader;

/**
 * Decodes the slices of one picture at a time into a {@link Picture}: for each macroblock of a slice,
 * the entropy reader of the slice's PPS (CAVLC or CABAC) fills the {@link Macroblock} record, then the
 * macroblock is reconstructed (QP, motion derivation, inter or intra prediction, residual) and its facts
 * are stored for its neighbours, later pictures and the deblocking filter. Each macroblock row is
 * deblocked as soon as it is complete (while its samples are still in cache, and so that pictures decoded
 * by other threads can read its lines early): intra prediction of the row below needs the unfiltered last
 * line of the row, which is saved before filtering and put back in the picture while the row below is
 * decoded ({@link #endRow}). {@link #finishPicture} pads the borders. Not thread-safe; all scratch is owned
 * by the instance, and nothing is allocated per macroblock.
 */
public final class SliceDecoder {
    final Kernels kernels;
    final MbPosition pos = new MbPosition();
    final RefList l0 = new RefList();
    final RefList l1 = new RefList();
    Picture cur;
    SliceHeader sh;
    /** The slice's stream is monochrome: no chroma stage runs ({@link SliceHeader#monochrome()}). */
    boolean mono;
    boolean constrainedIntra;
    boolean sps8x8Inference;
    final int[][] levelScale4 = new int[6][96];
    final int[][] levelScale8 = new int[2][384];
    private int[][] scalingInUse = new int[0][];
    private boolean flatInUse;
    private int cbOffset;
    private int crOffset;

    private final Macroblock mb = new Macroblock();
    private final CavlcReader cavlc = new CavlcReader();
    private final CabacReader cabac = new CabacReader();
    private final MotionPredictor motion = new MotionPredictor(this);
    private final InterPredictor inter = new InterPredictor(this);
    private final MbReconstructor recon = new MbReconstructor(this);
    private final Deblocker deblocker;

    /** Deblocking parameters per slice number of the current picture. */
    private int[] sliceFilter = new int[0];
    private int slices;
    /** Rows of the current picture already deblocked. */
    private int deblockedRows;
    /** Macroblock rows of the current picture published as deblocked (see {@link Picture#publishRows}). */
    private int publishedRows;
    /**
     * The row whose last sample line (luma, and chroma) holds its unfiltered samples while the row below is
     * decoded, the filtered line being kept in {@link #filteredY} / {@link #filteredC}; -1 when none.
     */
    private int swappedRow = -1;
    private byte[] unfilteredY = new byte[0];
    private byte[] filteredY = new byte[0];
    /** Cb then Cr. */
    private byte[] unfilteredC = new byte[0];
    private byte[] filteredC = new byte[0];
    /** PicOrderCnt of the current picture as decoded ({@code cur.poc} may be renumbered after mmco 5 meanwhile). */
    int curPoc;
    /**
     * Slice threads: the rows of the picture that this decoder shares with others, each decoding some of its
     * slices ({@link #decodeSlice(SliceHeader, byte[], int, int[][], int, int, SliceRows)}); null when this decoder
     * decodes the whole picture and deblocks it itself.
     */
    private SliceRows shared;

    public SliceDecoder(Kernels kernels) {
        this.kernels = kernels;
        this.deblocker = new Deblocker(kernels);
    }

    /**
     * Starts decoding a picture into {@code pic} (already {@link Picture#begin begun}) whose PicOrderCnt is
     * {@code poc}.
     */
    public void startPicture(Picture pic, int poc) {
        cur = pic;
        shared = null;
        cavlc.startPicture(pic.mbWidth, pic.mbHeight);
        cabac.startPicture(pic.mbWidth, pic.mbHeight);
        slices = 0;
        deblockedRows = 0;
        publishedRows = 0;
        swappedRow = -1;
        if (unfilteredY.length != pic.width) {
            unfilteredY = new byte[pic.width];
            filteredY = new byte[pic.width];
            unfilteredC = new byte[pic.width];
            filteredC = new byte[pic.width];
        }
        curPoc = poc;
    }

    /** RefPicList0 of the next slice, to be filled by the caller. */
    public RefList list0() {
        return l0;
    }

    /** RefPicList1 of the next slice, to be filled by the caller. */
    public RefList list1() {
        return l1;
    }

    /**
     * Decodes one slice of the current picture.
     *
     * @param sh      its header (parsed from {@code rbsp})
     * @param rbsp    the slice NAL unit's RBSP (after the NAL header byte)
     * @param length  valid bytes of {@code rbsp}
     * @param scaling the 8 resolved scaling lists in scan order (Table 7-2 fall-back applied), or null for flat
     */
    public void decodeSlice(SliceHeader sh, byte[] rbsp, int length, int[][] scaling) {
        decodeSlice(sh, rbsp, length, scaling, slices, Integer.MAX_VALUE, null);
    }

    /**
     * Decodes one slice of the current picture, which other decoders share ({@code rows}, null: none): the slice
     * is number {@code sliceNum} of the picture (its macroblocks are marked with it for the deblocking filter)
     * and must end before macroblock {@code sliceEnd} (the next slice's first). Macroblock rows are reported to
     * {@code rows} as they are decoded, which deblocks them once they and the row below are complete; this
     * decoder then filters nothing itself, and {@link SliceRows#finish} ends the picture instead of
     * {@link #finishPicture}.
     */
    public void decodeSlice(SliceHeader sh, byte[] rbsp, int length, int[][] scaling, int sliceNum, int sliceEnd,
                            SliceRows rows) {
        this.shared = rows;
        this.sh = sh;
        mono = sh.monochrome();
        constrainedIntra = sh.pps.constrainedIntraPredFlag;
        sps8x8Inference = sh.sps.direct8x8InferenceFlag;
        cbOffset = sh.pps.chromaQpIndexOffset;
        crOffset = sh.pps.extended != null ? sh.pps.extended.secondChromaQpIndexOffset : cbOffset;
        prepareScaling(scaling);
        inter.startSlice(sh);
        slices = Math.max(slices, sliceNum + 1);
        int[] filter = rows != null ? rows.sliceFilter(sliceNum) : sliceFilter;
        if (filter.length < slices * 4) {
            filter = sliceFilter = Arrays.copyOf(sliceFilter, Math.max(16, slices * 8));
        }
        filter[sliceNum * 4] = sh.disableDeblockingFilterIdc;
        filter[sliceNum * 4 + 1] = sh.filterOffsetA;
        filter[sliceNum * 4 + 2] = sh.filterOffsetB;
        filter[sliceNum * 4 + 3] = (cbOffset & 0xffff) | (crOffset << 16);

        boolean useCabac = sh.pps.entropyCodingModeFlag;
        if (useCabac) {
            cabac.startSlice(sh, rbsp, length);
        } else {
            cavlc.startSlice(sh, rbsp, length);
        }
        int mbW = cur.mbWidth;
        int total = mbW * cur.mbHeight;
        int addr = sh.firstMbInSlice;
        if (addr >= total) {
            throw H264Exception.invalid("first_mb_in_slice " + addr + " outside the picture of " + total + " macroblocks");
        }
        int qp = sh.sliceQp;
        boolean more = true;
        int rowStart = addr; // slice threads: the first macroblock of this slice in the current row
        while (more) {
            if (addr >= total) {
                throw H264Exception.invalid("slice data continues past the last macroblock of the picture");
            }
            if (addr >= sliceEnd) {
                throw H264Exception.invalid("slice data continues into the next slice (first_mb_in_slice " + sliceEnd + ")");
            }
            if ((cur.mbFlags[addr] & Picture.DONE) != 0) {
                throw H264Exception.invalid("macroblock " + addr + " is coded twice (overlapping slices)");
            }
            pos.set(addr, mbW, sh.firstMbInSlice);
            mb.clear();
            mb.sliceType = sh.sliceType;
            try {
                more = useCabac ? cabac.read(pos, mb) : cavlc.read(pos, mb);
                qp = decodeMacroblock(qp, sliceNum);
            } catch (H264Exception e) {
                mb.clearAll();
                throw new H264Exception(e.kind(), "macroblock " + addr + " (x " + pos.mbX + ", y " + pos.mbY + "): " + e.detail(), e);
            } catch (RuntimeException e) {
                mb.clearAll();
                throw new H264Exception(H264Exception.Kind.INVALID_DATA, "macroblock " + addr + " (x " + pos.mbX + ", y " + pos.mbY
                        + "): " + e, e);
            }
            if (pos.mbX == mbW - 1) {
                if (rows != null) {
                    rows.decoded(pos.mbY, addr + 1 - rowStart);
                    rowStart = addr + 1;
                } else {
                    endRow(pos.mbY);
                }
            }
            addr++;
        }
        if (rows != null && addr > rowStart) {
            rows.decoded(rowStart / mbW, addr - rowStart);
        }
    }

    /**
     * After the last macroblock of row {@code mbY}: deblocks it (and any row above not yet deblocked) and
     * leaves its unfiltered last line in the picture for the intra prediction of the row below.
     */
    private void endRow(int mbY) {
        restoreFilteredLine();
        boolean below = mbY + 1 < cur.mbHeight;
        if (below) {
            lastLine(mbY, unfilteredY, unfilteredC, true);
        }
        deblockRowsBefore(mbY + 1);
        if (below) {
            lastLine(mbY, filteredY, filteredC, true);
            lastLine(mbY, unfilteredY, unfilteredC, false);
            swappedRow = mbY;
        }
    }

    /** Puts the filtered last line of {@link #swappedRow} back into the picture. */
    private void restoreFilteredLine() {
        if (swappedRow >= 0) {
            lastLine(swappedRow, filteredY, filteredC, false);
            swappedRow = -1;
        }
    }

    /** Copies the last luma and chroma sample lines of macroblock row {@code mbY} into (or from) y and c. */
    private void lastLine(int mbY, byte[] y, byte[] c, boolean save) {
        Picture p = cur;
        int lo = p.lumaOff + (mbY * 16 + 15) * p.lumaStride;
        int co = p.chromaOff + (mbY * 8 + 7) * p.chromaStride;
        int cw = p.width / 2;
        if (save) {
            System.arraycopy(p.luma, lo, y, 0, p.width);
            System.arraycopy(p.cb, co, c, 0, cw);
            System.arraycopy(p.cr, co, c, cw, cw);
        } else {
            System.arraycopy(y, 0, p.luma, lo, p.width);
            System.arraycopy(c, 0, p.cb, co, cw);
            System.arraycopy(c, cw, p.cr, co, cw);
        }
    }

    /**
     * Leaves the picture as it stands when its decoding stops early (an error): the line swapped for intra
     * prediction goes back to its filtered samples.
     */
    public void abandonPicture() {
        if (cur != null && shared == null) {
            restoreFilteredLine();
        }
    }

    /** Runs the deblocking filter on every row above {@code mbY} not yet filtered. */
    private void deblockRowsBefore(int mbY) {
        while (deblockedRows < mbY) {
            deblocker.deblockRow(cur, deblockedRows++, sliceFilter);
        }
        if (deblockedRows > publishedRows) {
            cur.publishRows(publishedRows, deblockedRows); // the picture knows which lines that makes final
            publishedRows = deblockedRows;
        }
    }

    private void prepareScaling(int[][] scaling) {
        if (scaling == null) {
            if (flatInUse) {
                return;
            }
            flatInUse = true;
            scalingInUse = new int[0][];
            for (int i = 0; i < 6; i++) {
                Tables.levelScale4x4(Tables.FLAT_4X4, levelScale4[i]);
            }
            Tables.levelScale8x8(Tables.FLAT_8X8, levelScale8[0]);
            Tables.levelScale8x8(Tables.FLAT_8X8, levelScale8[1]);
            return;
        }
        if (!flatInUse && scaling == scalingInUse) {
            return;
        }
        flatInUse = false;
        scalingInUse = scaling;
        for (int i = 0; i < 6; i++) {
            Tables.levelScale4x4(scaling[i], levelScale4[i]);
        }
        Tables.levelScale8x8(scaling[6], levelScale8[0]);
        Tables.levelScale8x8(scaling[7], levelScale8[1]);
    }

    int qpCb(int qp) {
        return Tables.chromaQp(MotionPredictor.clip3(0, 51, qp + cbOffset));
    }

    int qpCr(int qp) {
        return Tables.chromaQp(MotionPredictor.clip3(0, 51, qp + crOffset));
    }

    /** Reconstructs the macroblock just read; returns QP_Y (the prediction for the next one). */
    private int decodeMacroblock(int qp, int sliceNum) {
        Picture cur = this.cur;
        int addr = pos.addr;
        int b4 = pos.mbY * 4 * cur.b4Stride + pos.mbX * 4;
        int flags = Picture.DONE;
        int deblockQp;
        if (mb.skip) {
            motion.derive(mb);
            flags |= predictInter() | Picture.SKIP;
            deblockQp = qp;
            fillIntraModes(b4, -1);
            cur.codedMask[addr] = 0;
        } else if (mb.intra) {
            flags |= Picture.INTRA;
            clearMotion(b4, pos.mbY * 2 * cur.b8Stride + pos.mbX * 2);
            if (mb.isPcm()) {
                recon.pcm(mb);
                flags |= Picture.PCM;
                deblockQp = 0;
                fillIntraModes(b4, -1);
                cur.codedMask[addr] = 0xffff;
            } else {
                qp = nextQp(qp);
                deblockQp = qp;
                if (mb.mbType == 0) {
                    flags |= Picture.INTRA_NXN;
                } else {
                    fillIntraModes(b4, -1);
                }
                if (mb.transform8x8) {
                    flags |= Picture.TRANSFORM_8X8;
                }
                cur.codedMask[addr] = codedMask();
                recon.intra(mb, qp);
            }
        } else {
            motion.derive(mb);
            if (mb.cbp != 0) {
                qp = nextQp(qp);
            }
            deblockQp = qp;
            if (mb.transform8x8) {
                flags |= Picture.TRANSFORM_8X8;
            }
            fillIntraModes(b4, -1);
            cur.codedMask[addr] = codedMask();
            flags |= predictInter();
            recon.interResidual(mb, qp);
        }
        cur.mbQp[addr] = (byte) deblockQp;
        cur.mbSlice[addr] = sliceNum;
        cur.mbFlags[addr] = (byte) flags;
        return qp;
    }

    private int nextQp(int qp) {
        int d = mb.qpDelta;
        if (d < -26 || d > 25) {
            throw H264Exception.invalid("mb_qp_delta " + d + " out of range");
        }
        return (qp + d + 52) % 52;
    }

    /** Luma blocks with coefficients (bit by * 4 + bx), per 8x8 block for the 8x8 transform. */
    private int codedMask() {
        int m = 0;
        int[] tc = mb.totalCoeff;
        if (mb.transform8x8) {
            for (int q = 0; q < 4; q++) {
                int b = (q >> 1) * 8 + (q & 1) * 2;
                if (tc[b] + tc[b + 1] + tc[b + 4] + tc[b + 5] > 0) {
                    m |= 0x33 << b;
                }
            }
        } else {
            for (int b = 0; b < 16; b++) {
                if (tc[b] > 0) {
                    m |= 1 << b;
                }
            }
        }
        return m;
    }

    private void fillIntraModes(int b4, int v) {
        int stride = cur.b4Stride;
        for (int y = 0; y < 4; y++) {
            int row = b4 + y * stride;
            cur.intraModes[row] = (byte) v;
            cur.intraModes[row + 1] = (byte) v;
            cur.intraModes[row + 2] = (byte) v;
            cur.intraModes[row + 3] = (byte) v;
        }
    }

    private void clearMotion(int b4, int b8) {
        int stride = cur.b4Stride;
        for (int y = 0; y < 4; y++) {
            int row = b4 + y * stride;
            for (int x = 0; x < 4; x++) {
                cur.mv0[row + x] = 0;
                cur.mv1[row + x] = 0;
                cur.ref0[row + x] = -1;
                cur.ref1[row + x] = -1;
            }
        }
        int stride8 = cur.b8Stride;
        cur.refPic0[b8] = -1;
        cur.refPic0[b8 + 1] = -1;
        cur.refPic0[b8 + stride8] = -1;
        cur.refPic0[b8 + stride8 + 1] = -1;
        cur.refPic1[b8] = -1;
        cur.refPic1[b8 + 1] = -1;
        cur.refPic1[b8 + stride8] = -1;
        cur.refPic1[b8 + stride8 + 1] = -1;
    }

    /**
     * Motion compensation of the current macroblock in the largest blocks of uniform motion: the partitions
     * of mb_type where it says (P_Skip and the 16x16, 16x8 and 8x16 types), else (direct prediction, 8x8
     * sub-macroblocks) found by comparing the motion stored per 4x4 block.
     *
     * @return how uniform the motion is: {@link Picture#ONE_MOTION} and {@link Picture#QUAD_MOTION} when one
     *         motion covers the whole macroblock, {@link Picture#QUAD_MOTION} when one covers each 8x8 quadrant,
     *         else 0
     */
    private int predictInter() {
        Picture cur = this.cur;
        int shape = mb.skip ? (mb.sliceType == SliceHeader.B ? MbTypes.DIRECT : MbTypes.P16X16)
                : MbTypes.shape(mb.sliceType == SliceHeader.B, mb.mbType);
        if (shape == MbTypes.P16X16) {
            inter.predict(0, 0, 4, 4);
            return Picture.ONE_MOTION | Picture.QUAD_MOTION;
        }
        if (shape == MbTypes.P16X8) {
            inter.predict(0, 0, 4, 2);
            inter.predict(0, 2, 4, 2);
            return Picture.QUAD_MOTION;
        }
        if (shape == MbTypes.P8X16) {
            inter.predict(0, 0, 2, 4);
            inter.predict(2, 0, 2, 4);
            return Picture.QUAD_MOTION;
        }
        if (motion.shape == MotionPredictor.SHAPE_ONE) {
            inter.predict(0, 0, 4, 4);
            return Picture.ONE_MOTION | Picture.QUAD_MOTION;
        }
        if (motion.shape == MotionPredictor.SHAPE_QUADS) {
            inter.predict(0, 0, 2, 2);
            inter.predict(2, 0, 2, 2);
            inter.predict(0, 2, 2, 2);
            inter.predict(2, 2, 2, 2);
            return Picture.QUAD_MOTION;
        }
        int b4 = pos.mbY * 4 * cur.b4Stride + pos.mbX * 4;
        if (uniform(b4, 0, 0, 4, 4)) {
            inter.predict(0, 0, 4, 4);
            return Picture.ONE_MOTION | Picture.QUAD_MOTION;
        }
        int flags = Picture.QUAD_MOTION;
        for (int q = 0; q < 4; q++) {
            int x = (q & 1) * 2;
            int y = (q >> 1) * 2;
            if (uniform(b4, x, y, 2, 2)) {
                inter.predict(x, y, 2, 2);
                continue;
            }
            flags = 0;
            if (uniform(b4, x, y, 2, 1) && uniform(b4, x, y + 1, 2, 1)) {
                inter.predict(x, y, 2, 1);
                inter.predict(x, y + 1, 2, 1);
            } else if (uniform(b4, x, y, 1, 2) && uniform(b4, x + 1, y, 1, 2)) {
                inter.predict(x, y, 1, 2);
                inter.predict(x + 1, y, 1, 2);
            } else {
                inter.predict(x, y, 1, 1);
                inter.predict(x + 1, y, 1, 1);
                inter.predict(x, y + 1, 1, 1);
                inter.predict(x + 1, y + 1, 1, 1);
            }
        }
        return flags;
    }

    private boolean uniform(int b4, int x, int y, int w, int h) {
        Picture c = cur;
        int i0 = b4 + y * c.b4Stride + x;
        int m0 = c.mv0[i0];
        int m1 = c.mv1[i0];
        byte r0 = c.ref0[i0];
        byte r1 = c.ref1[i0];
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                int k = b4 + (y + j) * c.b4Stride + x + i;
                if (c.ref0[k] != r0 || c.ref1[k] != r1 || (r0 >= 0 && c.mv0[k] != m0) || (r1 >= 0 && c.mv1[k] != m1)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Ends the picture: checks that every macroblock was decoded, runs the deblocking filter with each
     * slice's parameters, and pads the borders for use as a reference.
     */
    public void finishPicture() {
        restoreFilteredLine();
        cur.requireEveryMb();
        deblockRowsBefore(cur.mbHeight);
        cur.publishRows(publishedRows, cur.mbHeight);
        publishedRows = cur.mbHeight;
    }
}
