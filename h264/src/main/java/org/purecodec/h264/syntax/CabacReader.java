package org.purecodec.h264.syntax;

import java.util.Arrays;

import org.purecodec.h264.H264Exception;
import org.purecodec.h264.kernels.Mv;
import org.purecodec.h264.kernels.Tables;

/**
 * CABAC slice data (7.3.4 with entropy_coding_mode_flag = 1): every syntax element of the macroblock layer
 * of P, B and I slices (frame macroblocks, 4:2:0) with its binarization (9.3.2) and context index
 * derivation (9.3.3.1), read into {@link Macroblock}. Per picture it keeps, per macroblock address, the
 * facts that later macroblocks' context derivations read from their neighbours A and B. Every unary or
 * Exp-Golomb loop is bounded, so damaged data ends in an H264Exception, never in an endless loop.
 */
public final class CabacReader {
    private static final int F_SKIP = 1;
    private static final int F_INTRA = 2;
    private static final int F_PCM = 4;
    private static final int F_I16 = 8;
    private static final int F_T8 = 16;
    private static final int F_NXN = 32;
    /** B_Skip or B_Direct_16x16. */
    private static final int F_DIRECT16 = 64;

    /** coded_block_flag bits: 0..15 luma 4x4 (raster), 16 luma DC, 17..18 chroma DC, 19..26 chroma AC. */
    private static final int CBF_LUMA_DC = 16;
    private static final int CBF_CHROMA_DC = 17;
    private static final int CBF_CHROMA_AC = 19;

    private final CabacEngine e = new CabacEngine();
    private byte[] flags = new byte[0];
    private byte[] cbp = new byte[0];
    private byte[] chromaMode = new byte[0];
    private int[] cbf = new int[0];
    /** |mvd| per macroblock, list, component and 4x4 block: {@code mb * 64 + (list * 2 + comp) * 16 + blk}, capped at 64. */
    private byte[] absMvd = new byte[0];
    /** Per macroblock and list: quadrants whose ref_idx (signalled, not direct) is &gt; 0. */
    private byte[] refGt0 = new byte[0];

    private byte[] data;
    private int length;
    private int sliceType;
    private int numRef0;
    private int numRef1;
    private boolean transform8x8Mode;
    /** ChromaArrayType 0: no chroma syntax ({@link SliceHeader#monochrome()}). */
    private boolean mono;
    private boolean direct8x8Inference;
    private boolean prevQpNonZero;

    private final int[] sigPos = new int[64];

    /**
     * Per ctxBlockCat 0..4 (frame coded): ctxIdx of significant_coeff_flag at scan position 0 (the flag at
     * position i has ctxIdxInc i; chroma DC 4:2:0: Min(i / NumC8x8, 2) = i for its three positions; the
     * last_significant_coeff_flag contexts follow {@link CabacEngine#LAST_MINUS_SIG} later), and maxNumCoeff.
     */
    private static final int[] SIG_CTX = {105, 105 + 15, 105 + 29, 105 + 44, 105 + 47};
    /** The same for field-coded blocks (field pictures): ctxIdxOffset 277 (last_significant_coeff_flag 338). */
    private static final int[] SIG_CTX_FIELD = {277, 277 + 15, 277 + 29, 277 + 44, 277 + 47};
    private static final int[] MAX_COEFF = {16, 15, 16, 4, 15};
    /**
     * ctxBlockCat 5 (8x8 luma, frame coded): ctxIdx of significant_coeff_flag and of last_significant_coeff_flag
     * per levelListIdx 0 .. 62, interleaved (what {@link CabacEngine#significanceMap} takes).
     */
    private static final int[] MAP_CTX_8X8 = new int[2 * 63];
    /** The same for field-coded 8x8 blocks: ctxIdxOffsets 436 and 451, the field column of Table 9-43. */
    private static final int[] MAP_CTX_8X8_FIELD = new int[2 * 63];
    /** Per ctxBlockCat: ctxIdxOffset + ctxBlockCatOffset of coeff_abs_level_minus1. */
    private static final int[] ABS_BASE = {227, 227 + 10, 227 + 20, 227 + 30, 227 + 39, 426};

    static {
        for (int i = 0; i < 63; i++) {
            MAP_CTX_8X8[2 * i] = 402 + CabacTables.SIG_8X8[i];
            MAP_CTX_8X8[2 * i + 1] = 417 + CabacTables.LAST_8X8[i];
            MAP_CTX_8X8_FIELD[2 * i] = 436 + CabacTables.SIG_8X8_FIELD[i];
            MAP_CTX_8X8_FIELD[2 * i + 1] = 451 + CabacTables.LAST_8X8[i];
        }
    }
    private final int[] levels = new int[64];
    /** The slice's scans and significance-map contexts: frame or field coded ({@link SliceHeader#fieldPic}). */
    private int[] scan4 = Tables.ZIGZAG_4X4;
    private int[] scan8 = Tables.ZIGZAG_8X8;
    private int[] sigCtx = SIG_CTX;
    private int[] mapCtx8x8 = MAP_CTX_8X8;

    /** A reader with no picture yet: call {@link #startPicture} first. */
    public CabacReader() {
    }

    /**
     * New picture of {@code mbWidth x mbHeight} macroblocks: (re)sizes the per-macroblock context arrays (no
     * per-macroblock allocation later). Their contents need no clearing: every macroblock writes its entries
     * before a later one of its slice reads them as neighbour.
     */
    public void startPicture(int mbWidth, int mbHeight) {
        int n = mbWidth * mbHeight;
        if (flags.length < n) {
            flags = new byte[n];
            cbp = new byte[n];
            chromaMode = new byte[n];
            cbf = new int[n];
            absMvd = new byte[n * 64];
            refGt0 = new byte[n * 2];
        }
    }

    /**
     * Starts the slice data of {@code sh} in {@code rbsp[0..length)} at bit {@code sh.dataBitOffset}: skips the
     * cabac_alignment_one_bits (7.3.4; a 0 is INVALID_DATA), initialises the context variables from
     * sh.sliceType, sh.cabacInitIdc and sh.sliceQp (9.3.1.1) and the decoding engine (9.3.1.2).
     */
    public void startSlice(SliceHeader sh, byte[] rbsp, int length) {
        data = rbsp;
        this.length = length;
        sliceType = sh.sliceType;
        numRef0 = sh.numRefIdxActive[0];
        numRef1 = sh.numRefIdxActive[1];
        transform8x8Mode = sh.pps.extended != null && sh.pps.extended.transform8x8ModeFlag;
        direct8x8Inference = sh.sps.direct8x8InferenceFlag;
        mono = sh.monochrome();
        scan4 = sh.fieldPic ? Tables.FIELD_4X4 : Tables.ZIGZAG_4X4;
        scan8 = sh.fieldPic ? Tables.FIELD_8X8 : Tables.ZIGZAG_8X8;
        sigCtx = sh.fieldPic ? SIG_CTX_FIELD : SIG_CTX;
        mapCtx8x8 = sh.fieldPic ? MAP_CTX_8X8_FIELD : MAP_CTX_8X8;
        prevQpNonZero = false;
        long bit = sh.dataBitOffset;
        while ((bit & 7) != 0) { // cabac_alignment_one_bit
            int byteIdx = (int) (bit >>> 3);
            if (byteIdx >= length) {
                throw new H264Exception(H264Exception.Kind.TRUNCATED, "slice data missing after the slice header");
            }
            if (((rbsp[byteIdx] >> (7 - (bit & 7))) & 1) == 0) {
                throw H264Exception.invalid("cabac_alignment_one_bit is 0");
            }
            bit++;
        }
        if ((bit >>> 3) >= length) {
            throw new H264Exception(H264Exception.Kind.TRUNCATED, "slice data missing after the slice header");
        }
        if (sh.sliceType != SliceHeader.I && (sh.cabacInitIdc < 0 || sh.cabacInitIdc > 2)) {
            throw H264Exception.invalid("cabac_init_idc " + sh.cabacInitIdc + " outside 0..2");
        }
        e.initContexts(sh.sliceQp, sh.sliceType == SliceHeader.I ? 0 : sh.cabacInitIdc + 1);
        e.start(rbsp, (int) (bit >>> 3), length);
    }

    /**
     * The byte position right after the bits the engine has consumed, rounded up; after the last
     * end_of_slice_flag of a conforming slice this is the end of the RBSP (before any cabac_zero_words).
     * For tests.
     */
    int consumedBytes() {
        return e.alignedBytePosition();
    }

    private boolean has(int addr, int flag) {
        return (flags[addr] & flag) != 0;
    }

    /**
     * Reads mb_skip_flag (P and B slices), the macroblock layer unless skipped, and end_of_slice_flag of the
     * macroblock at {@code pos} into {@code mb} (cleared by the caller), reading neighbours only through
     * {@code pos.addrA / pos.addrB}.
     *
     * @return whether another macroblock of this slice follows (end_of_slice_flag is 0)
     * @throws H264Exception INVALID_DATA for values out of range, TRUNCATED when the data ends early
     */
    public boolean read(MbPosition pos, Macroblock mb) {
        int addr = pos.addr;
        mb.sliceType = sliceType;
        boolean b = sliceType == SliceHeader.B;
        Arrays.fill(absMvd, addr * 64, addr * 64 + 64, (byte) 0);
        refGt0[addr * 2] = 0;
        refGt0[addr * 2 + 1] = 0;
        cbf[addr] = 0;
        cbp[addr] = 0;
        chromaMode[addr] = 0;
        if (sliceType != SliceHeader.I) {
            int inc = (pos.addrA >= 0 && !has(pos.addrA, F_SKIP) ? 1 : 0) + (pos.addrB >= 0 && !has(pos.addrB, F_SKIP) ? 1 : 0);
            if (e.decision((b ? 24 : 11) + inc) == 1) {
                mb.skip = true;
                flags[addr] = (byte) (F_SKIP | (b ? F_DIRECT16 : 0));
                prevQpNonZero = false;
                return e.terminate() == 0;
            }
        }
        macroblockLayer(pos, mb, b);
        return e.terminate() == 0;
    }

    private void macroblockLayer(MbPosition pos, Macroblock mb, boolean b) {
        int addr = pos.addr;
        int f = 0;
        if (sliceType == SliceHeader.I) {
            mb.intra = true;
            mb.mbType = mbTypeI(pos);
        } else if (b) {
            int t = mbTypeB(pos);
            if (t < 0) {
                mb.intra = true;
                mb.mbType = mbTypeISuffix(32);
            } else {
                mb.mbType = t;
                if (t == 0) {
                    f |= F_DIRECT16;
                }
            }
        } else {
            int t = mbTypeP();
            if (t < 0) {
                mb.intra = true;
                mb.mbType = mbTypeISuffix(17);
            } else {
                mb.mbType = t;
            }
        }
        if (mb.intra) {
            f |= F_INTRA;
            if (mb.mbType == MbTypes.I_PCM) {
                pcm(mb, addr);
                return;
            }
            f |= mb.mbType == 0 ? F_NXN : F_I16;
        }
        flags[addr] = (byte) f; // the current macroblock's type, for its own later syntax elements
        boolean noSubSmallerThan8x8 = true;
        boolean i16 = mb.intra && mb.mbType != 0;
        if (!mb.intra && MbTypes.shape(b, mb.mbType) == MbTypes.P8X8) {
            noSubSmallerThan8x8 = subMbPred(pos, mb, b);
        } else {
            if (mb.intra && mb.mbType == 0 && transform8x8Mode) {
                mb.transform8x8 = transform8x8(pos);
            }
            mbPred(pos, mb, b);
        }
        if (i16) {
            int v = mb.mbType - 1;
            mb.intra16x16Mode = v % 4;
            mb.cbp = (mono ? 0 : ((v / 4) % 3) << 4) | (v >= 12 ? 15 : 0);
        } else {
            mb.cbp = codedBlockPattern(pos, mb.intra);
            if ((mb.cbp & 15) != 0 && transform8x8Mode && !mb.intra && noSubSmallerThan8x8
                    && (!b || mb.mbType != 0 || direct8x8Inference)) {
                mb.transform8x8 = transform8x8(pos);
            }
        }
        if (mb.transform8x8) {
            f |= F_T8;
        }
        flags[addr] = (byte) f;
        cbp[addr] = (byte) mb.cbp;
        chromaMode[addr] = (byte) mb.intraChromaMode;
        if (mb.cbp != 0 || i16) {
            mb.qpDelta = qpDelta();
            prevQpNonZero = mb.qpDelta != 0;
            residual(pos, mb, i16);
        } else {
            prevQpNonZero = false;
        }
    }

    private void pcm(Macroblock mb, int addr) {
        flags[addr] = (byte) (F_INTRA | F_PCM);
        cbf[addr] = -1;
        cbp[addr] = 0x2f;
        int p = e.alignedBytePosition();
        int samples = mono ? 256 : 384; // monochrome: luma samples only, the chroma planes stay 128
        if (p + samples > length) {
            throw new H264Exception(H264Exception.Kind.TRUNCATED, "I_PCM samples run past the end of the slice data");
        }
        for (int i = 0; i < samples; i++) {
            mb.pcm[i] = data[p + i] & 0xff;
        }
        Arrays.fill(mb.totalCoeff, 16);
        prevQpNonZero = false;
        e.start(data, p + samples, length);
    }

    // ---------------------------------------------------------------------------------------------
    // mb_type, sub_mb_type (9.3.2.5, Tables 9-36, 9-37, 9-38; ctxIdx of Table 9-39)

    private int mbTypeI(MbPosition pos) {
        int inc = (pos.addrA >= 0 && !has(pos.addrA, F_NXN) ? 1 : 0) + (pos.addrB >= 0 && !has(pos.addrB, F_NXN) ? 1 : 0);
        if (e.decision(3 + inc) == 0) {
            return 0;
        }
        if (e.terminate() == 1) {
            return MbTypes.I_PCM;
        }
        int luma = e.decision(3 + 3);
        int chroma = 0;
        if (e.decision(3 + 4) == 1) {
            chroma = e.decision(3 + 5) == 1 ? 2 : 1;
        }
        int pred = e.decision(3 + 6) << 1;
        pred |= e.decision(3 + 7);
        return 1 + pred + 4 * chroma + 12 * luma;
    }

    /** The intra mb_type suffix in P (ctxIdxOffset 17) and B (32) slices. */
    private int mbTypeISuffix(int base) {
        if (e.decision(base) == 0) {
            return 0;
        }
        if (e.terminate() == 1) {
            return MbTypes.I_PCM;
        }
        int luma = e.decision(base + 1);
        int chroma = 0;
        if (e.decision(base + 2) == 1) {
            chroma = e.decision(base + 2) == 1 ? 2 : 1;
        }
        int pred = e.decision(base + 3) << 1;
        pred |= e.decision(base + 3);
        return 1 + pred + 4 * chroma + 12 * luma;
    }

    /** P mb_type 0..3, or -1 for the intra prefix. */
    private int mbTypeP() {
        if (e.decision(14) == 1) {
            return -1;
        }
        if (e.decision(15) == 0) {
            return e.decision(16) == 0 ? 0 : 3;
        }
        return e.decision(17) == 1 ? 1 : 2;
    }

    /** B mb_type 0..22, or -1 for the intra prefix. */
    private int mbTypeB(MbPosition pos) {
        int inc = (pos.addrA >= 0 && !has(pos.addrA, F_SKIP | F_DIRECT16) ? 1 : 0)
                + (pos.addrB >= 0 && !has(pos.addrB, F_SKIP | F_DIRECT16) ? 1 : 0);
        if (e.decision(27 + inc) == 0) {
            return 0;
        }
        // binIdx 2 uses ctxIdxInc 5 after b1 = 0 and 4 after b1 = 1; later bins 5
        if (e.decision(27 + 3) == 0) {
            return 1 + e.decision(27 + 5);
        }
        int bits = e.decision(27 + 4) << 3;
        bits |= e.decision(27 + 5) << 2;
        bits |= e.decision(27 + 5) << 1;
        bits |= e.decision(27 + 5);
        if (bits < 8) {
            return bits + 3;
        }
        if (bits == 13) {
            return -1;
        }
        if (bits == 14) {
            return 11;
        }
        if (bits == 15) {
            return MbTypes.B_8X8;
        }
        return ((bits << 1) | e.decision(27 + 5)) - 4;
    }

    private int subMbTypeP() {
        if (e.decision(21) == 1) {
            return 0;
        }
        if (e.decision(22) == 0) {
            return 1;
        }
        return e.decision(23) == 1 ? 2 : 3;
    }

    private int subMbTypeB() {
        if (e.decision(36) == 0) {
            return 0;
        }
        if (e.decision(37) == 0) {
            return 1 + e.decision(39);
        }
        if (e.decision(38) == 1) {
            if (e.decision(39) == 1) {
                return 11 + e.decision(39);
            }
            int v = e.decision(39) << 1;
            v |= e.decision(39);
            return 7 + v;
        }
        int v = e.decision(39) << 1;
        v |= e.decision(39);
        return 3 + v;
    }

    private boolean transform8x8(MbPosition pos) {
        int inc = (pos.addrA >= 0 && has(pos.addrA, F_T8) ? 1 : 0) + (pos.addrB >= 0 && has(pos.addrB, F_T8) ? 1 : 0);
        return e.decision(399 + inc) == 1;
    }

    // ---------------------------------------------------------------------------------------------
    // mb_pred / sub_mb_pred

    private void mbPred(MbPosition pos, Macroblock mb, boolean b) {
        if (mb.intra) {
            if (mb.mbType == 0) {
                int n = mb.transform8x8 ? 4 : 16;
                for (int i = 0; i < n; i++) {
                    if (e.decision(68) == 1) {
                        mb.intraModeSyntax[i] = -1;
                    } else {
                        int v = e.decision(69);
                        v |= e.decision(69) << 1;
                        v |= e.decision(69) << 2;
                        mb.intraModeSyntax[i] = v;
                    }
                }
            }
            mb.intraChromaMode = mono ? 0 : chromaPredMode(pos);
            return;
        }
        int shape = MbTypes.shape(b, mb.mbType);
        if (shape == MbTypes.DIRECT) {
            return;
        }
        int parts = MbTypes.numParts(shape);
        for (int list = 0; list < 2; list++) {
            int numRef = list == 0 ? numRef0 : numRef1;
            for (int p = 0; p < parts; p++) {
                int x = shape == MbTypes.P8X16 ? p * 2 : 0;
                int y = shape == MbTypes.P16X8 ? p * 2 : 0;
                int v;
                if ((MbTypes.partPred(b, mb.mbType, p) & (1 << list)) == 0) {
                    v = -1;
                } else if (numRef <= 1) {
                    v = 0;
                } else {
                    v = refIdx(pos, list, x, y, numRef);
                }
                int[] r = mb.refIdx[list];
                int mask;
                if (shape == MbTypes.P16X16) {
                    r[0] = v;
                    r[1] = v;
                    r[2] = v;
                    r[3] = v;
                    mask = 15;
                } else if (shape == MbTypes.P16X8) {
                    r[p * 2] = v;
                    r[p * 2 + 1] = v;
                    mask = 3 << (p * 2);
                } else {
                    r[p] = v;
                    r[p + 2] = v;
                    mask = 5 << p;
                }
                if (v > 0) {
                    refGt0[pos.addr * 2 + list] |= (byte) mask;
                }
            }
        }
        for (int list = 0; list < 2; list++) {
            for (int p = 0; p < parts; p++) {
                if ((MbTypes.partPred(b, mb.mbType, p) & (1 << list)) == 0) {
                    continue;
                }
                if (shape == MbTypes.P16X16) {
                    mvd(pos, mb, list, 0, 0, 4, 4);
                } else if (shape == MbTypes.P16X8) {
                    mvd(pos, mb, list, 0, p * 2, 4, 2);
                } else {
                    mvd(pos, mb, list, p * 2, 0, 2, 4);
                }
            }
        }
    }

    private boolean subMbPred(MbPosition pos, Macroblock mb, boolean b) {
        boolean noSmall = true;
        for (int q = 0; q < 4; q++) {
            mb.subMbType[q] = b ? subMbTypeB() : subMbTypeP();
            int shape = MbTypes.subShape(b, mb.subMbType[q]);
            if (shape == MbTypes.SUB_DIRECT) {
                if (!direct8x8Inference) {
                    noSmall = false;
                }
            } else if (MbTypes.numSubParts(shape) > 1) {
                noSmall = false;
            }
        }
        boolean ref0 = !b && mb.mbType == MbTypes.P_8X8REF0;
        for (int list = 0; list < 2; list++) {
            int numRef = list == 0 ? numRef0 : numRef1;
            for (int q = 0; q < 4; q++) {
                int pred = MbTypes.subPred(b, mb.subMbType[q]);
                int v;
                if ((pred & (1 << list)) == 0) {
                    v = -1;
                } else if (ref0 || numRef <= 1) {
                    v = 0;
                } else {
                    v = refIdx(pos, list, (q & 1) * 2, (q >> 1) * 2, numRef);
                }
                mb.refIdx[list][q] = v;
                if (v > 0) {
                    refGt0[pos.addr * 2 + list] |= (byte) (1 << q);
                }
            }
        }
        for (int list = 0; list < 2; list++) {
            for (int q = 0; q < 4; q++) {
                int pred = MbTypes.subPred(b, mb.subMbType[q]);
                if ((pred & (1 << list)) == 0) {
                    continue;
                }
                int x0 = (q & 1) * 2;
                int y0 = (q >> 1) * 2;
                switch (MbTypes.subShape(b, mb.subMbType[q])) {
                    case MbTypes.SUB_8X8:
                        mvd(pos, mb, list, x0, y0, 2, 2);
                        break;
                    case MbTypes.SUB_8X4:
                        mvd(pos, mb, list, x0, y0, 2, 1);
                        mvd(pos, mb, list, x0, y0 + 1, 2, 1);
                        break;
                    case MbTypes.SUB_4X8:
                        mvd(pos, mb, list, x0, y0, 1, 2);
                        mvd(pos, mb, list, x0 + 1, y0, 1, 2);
                        break;
                    default:
                        mvd(pos, mb, list, x0, y0, 1, 1);
                        mvd(pos, mb, list, x0 + 1, y0, 1, 1);
                        mvd(pos, mb, list, x0, y0 + 1, 1, 1);
                        mvd(pos, mb, list, x0 + 1, y0 + 1, 1, 1);
                        break;
                }
            }
        }
        return noSmall;
    }

    private int chromaPredMode(MbPosition pos) {
        int inc = chromaCond(pos.addrA) + chromaCond(pos.addrB);
        if (e.decision(64 + inc) == 0) {
            return 0;
        }
        if (e.decision(67) == 0) {
            return 1;
        }
        return e.decision(67) == 0 ? 2 : 3;
    }

    private int chromaCond(int n) {
        return n >= 0 && has(n, F_INTRA) && !has(n, F_PCM) && chromaMode[n] != 0 ? 1 : 0;
    }

    /** ref_idx_lX of the partition whose top-left 4x4 block is (x, y) (9.3.3.1.1.6). */
    private int refIdx(MbPosition pos, int list, int x, int y, int numRef) {
        int condA;
        if (x > 0) {
            condA = (refGt0[pos.addr * 2 + list] >> (((x - 1) >> 1) + (y >> 1) * 2)) & 1;
        } else {
            condA = pos.addrA >= 0 ? (refGt0[pos.addrA * 2 + list] >> (1 + (y >> 1) * 2)) & 1 : 0;
        }
        int condB;
        if (y > 0) {
            condB = (refGt0[pos.addr * 2 + list] >> ((x >> 1) + ((y - 1) >> 1) * 2)) & 1;
        } else {
            condB = pos.addrB >= 0 ? (refGt0[pos.addrB * 2 + list] >> ((x >> 1) + 2)) & 1 : 0;
        }
        if (e.decision(54 + condA + 2 * condB) == 0) {
            return 0;
        }
        int v = 1;
        int ctx = 54 + 4;
        while (e.decision(ctx) == 1) {
            v++;
            ctx = 54 + 5;
            if (v >= numRef) {
                throw H264Exception.invalid("ref_idx_l" + list + " >= " + numRef + " active references");
            }
        }
        return v;
    }

    /** mvd_lX of the partition at (x, y), w x h 4x4 blocks (UEG3, 9.3.3.1.1.7). */
    private void mvd(MbPosition pos, Macroblock mb, int list, int x, int y, int w, int h) {
        int vx = mvdComp(pos, list, 0, x, y);
        int vy = mvdComp(pos, list, 1, x, y);
        int packed = Mv.pack(vx, vy);
        int ax = Math.min(Math.abs(vx), 64);
        int ay = Math.min(Math.abs(vy), 64);
        int base = pos.addr * 64 + list * 32;
        for (int j = y; j < y + h; j++) {
            for (int i = x; i < x + w; i++) {
                mb.mvd[list][j * 4 + i] = packed;
                absMvd[base + j * 4 + i] = (byte) ax;
                absMvd[base + 16 + j * 4 + i] = (byte) ay;
            }
        }
    }

    private int mvdComp(MbPosition pos, int list, int comp, int x, int y) {
        int off = (list * 2 + comp) * 16;
        int a = 0;
        if (x > 0) {
            a = absMvd[pos.addr * 64 + off + y * 4 + x - 1];
        } else if (pos.addrA >= 0) {
            a = absMvd[pos.addrA * 64 + off + y * 4 + 3];
        }
        int bv = 0;
        if (y > 0) {
            bv = absMvd[pos.addr * 64 + off + (y - 1) * 4 + x];
        } else if (pos.addrB >= 0) {
            bv = absMvd[pos.addrB * 64 + off + 12 + x];
        }
        int sum = a + bv;
        int base = comp == 0 ? 40 : 47;
        if (e.decision(base + (sum < 3 ? 0 : (sum > 32 ? 2 : 1))) == 0) {
            return 0;
        }
        int v = 1;
        while (v < 9 && e.decision(base + Math.min(v + 2, 6)) == 1) {
            v++;
        }
        if (v >= 9) {
            v += expGolomb(3);
            if (v > 32768) { // 7.4.5.1: mvd_lX in -8192..8191.75 luma samples
                throw H264Exception.invalid("mvd_l" + list + " magnitude " + v + " out of range");
            }
        }
        int s = e.bypass();
        if (s == 0 && v == 32768) {
            throw H264Exception.invalid("mvd_l" + list + " 32768 out of range");
        }
        return s == 1 ? -v : v;
    }

    /** k-th order Exp-Golomb suffix in bypass bins (9.3.2.3), bounded. */
    private int expGolomb(int k) {
        int v = 0;
        while (e.bypass() == 1) {
            v += 1 << k;
            k++;
            if (k > 24) {
                throw H264Exception.invalid("Exp-Golomb suffix too long");
            }
        }
        while (k-- > 0) {
            v += e.bypass() << k;
        }
        return v;
    }

    private int qpDelta() {
        if (e.decision(60 + (prevQpNonZero ? 1 : 0)) == 0) {
            return 0;
        }
        // unary binarization of the mapped value k (Table 9-3): k odd is +(k + 1) / 2, k even is -k / 2; the
        // range -26..+25 (7.4.5) allows k up to 52 except 51, so the loop stops at 53 ones at most
        int k = 1;
        if (e.decision(62) == 1) {
            k = 2;
            while (e.decision(63) == 1) {
                k++;
                if (k > 52) {
                    throw H264Exception.invalid("mb_qp_delta outside -26..25 (more than 52 bins)");
                }
            }
        }
        if (k == 51) {
            throw H264Exception.invalid("mb_qp_delta 26 outside -26..25");
        }
        return (k & 1) != 0 ? (k + 1) >> 1 : -(k >> 1);
    }

    // ---------------------------------------------------------------------------------------------
    // coded_block_pattern (9.3.2.6, 9.3.3.1.1.4)

    private int codedBlockPattern(MbPosition pos, boolean intra) {
        int addr = pos.addr;
        int luma = 0;
        for (int b8 = 0; b8 < 4; b8++) {
            int condA;
            if ((b8 & 1) != 0) {
                condA = (luma >> (b8 - 1)) & 1 ^ 1;
            } else {
                condA = lumaCond(pos.addrA, b8 + 1);
            }
            int condB;
            if ((b8 & 2) != 0) {
                condB = (luma >> (b8 - 2)) & 1 ^ 1;
            } else {
                condB = lumaCond(pos.addrB, b8 + 2);
            }
            luma |= e.decision(73 + condA + 2 * condB) << b8;
        }
        cbp[addr] = (byte) luma; // visible to nothing else yet, kept consistent
        if (mono) {
            return luma; // no chroma bins
        }
        int chroma = 0;
        int inc = chromaCbpCond(pos.addrA, false) + 2 * chromaCbpCond(pos.addrB, false);
        if (e.decision(77 + inc) == 1) {
            inc = chromaCbpCond(pos.addrA, true) + 2 * chromaCbpCond(pos.addrB, true);
            chroma = e.decision(77 + 4 + inc) == 1 ? 2 : 1;
        }
        return luma | (chroma << 4);
    }

    private int lumaCond(int n, int b8) {
        if (n < 0 || has(n, F_PCM)) {
            return 0;
        }
        if (has(n, F_SKIP)) {
            return 1;
        }
        return ((cbp[n] >> b8) & 1) ^ 1;
    }

    private int chromaCbpCond(int n, boolean two) {
        if (n < 0) {
            return 0;
        }
        if (has(n, F_PCM)) {
            return 1;
        }
        if (has(n, F_SKIP)) {
            return 0;
        }
        int c = (cbp[n] >> 4) & 3;
        return two ? (c == 2 ? 1 : 0) : (c != 0 ? 1 : 0);
    }

    // ---------------------------------------------------------------------------------------------
    // residual (7.3.5.3, 7.3.5.3.3)

    private void residual(MbPosition pos, Macroblock mb, boolean i16) {
        int addr = pos.addr;
        boolean intra = mb.intra;
        int mask = 0;
        if (i16) {
            int inc = dcCond(pos.addrA, intra, F_I16, CBF_LUMA_DC) + 2 * dcCond(pos.addrB, intra, F_I16, CBF_LUMA_DC);
            if (e.decision(85 + inc) == 1) {
                mask |= 1 << CBF_LUMA_DC;
                int n = block(0);
                for (int k = 0; k < n; k++) {
                    mb.lumaDc[scan4[sigPos[k]]] = levels[k];
                }
            }
        }
        for (int q = 0; q < 4; q++) {
            if ((mb.cbp & (1 << q)) == 0) {
                continue;
            }
            if (mb.transform8x8) {
                int n = block(5);
                for (int k = 0; k < n; k++) {
                    mb.luma[q * 64 + scan8[sigPos[k]]] = levels[k];
                }
                int b0 = (q >> 1) * 8 + (q & 1) * 2;
                mb.totalCoeff[b0] = n;
                mb.totalCoeff[b0 + 1] = n;
                mb.totalCoeff[b0 + 4] = n;
                mb.totalCoeff[b0 + 5] = n;
                mask |= 0x33 << b0;
                continue;
            }
            for (int i4 = 0; i4 < 4; i4++) {
                int blk = Macroblock.BLK_OF_IDX[q * 4 + i4];
                int inc = lumaCbfCond(pos, mask, blk, true, intra) + 2 * lumaCbfCond(pos, mask, blk, false, intra);
                int cat = i16 ? 1 : 2;
                if (e.decision(85 + (i16 ? 4 : 8) + inc) == 0) {
                    continue;
                }
                mask |= 1 << blk;
                int n = block(cat);
                int first = i16 ? 1 : 0;
                for (int k = 0; k < n; k++) {
                    mb.luma[blk * 16 + scan4[sigPos[k] + first]] = levels[k];
                }
                mb.totalCoeff[blk] = n;
            }
        }
        int cbpC = mb.cbp >> 4;
        if (cbpC != 0) {
            for (int c = 0; c < 2; c++) {
                int bit = CBF_CHROMA_DC + c;
                int inc = chromaCbfCond(pos.addrA, intra, bit, 1) + 2 * chromaCbfCond(pos.addrB, intra, bit, 1);
                if (e.decision(85 + 12 + inc) == 1) {
                    mask |= 1 << bit;
                    int n = block(3);
                    for (int k = 0; k < n; k++) {
                        mb.chromaDc[c * 4 + sigPos[k]] = levels[k];
                    }
                }
            }
        }
        if (cbpC == 2) {
            for (int c = 0; c < 2; c++) {
                for (int blk = 0; blk < 4; blk++) {
                    int bit = CBF_CHROMA_AC + c * 4 + blk;
                    int condA = (blk & 1) != 0 ? (mask >> (bit - 1)) & 1
                            : chromaCbfCond(pos.addrA, intra, CBF_CHROMA_AC + c * 4 + blk + 1, 2);
                    int condB = (blk & 2) != 0 ? (mask >> (bit - 2)) & 1
                            : chromaCbfCond(pos.addrB, intra, CBF_CHROMA_AC + c * 4 + blk + 2, 2);
                    if (e.decision(85 + 16 + condA + 2 * condB) == 0) {
                        continue;
                    }
                    mask |= 1 << bit;
                    int n = block(4);
                    int off = c * 64 + blk * 16;
                    for (int k = 0; k < n; k++) {
                        mb.chromaAc[off + scan4[sigPos[k] + 1]] = levels[k];
                    }
                    mb.totalCoeff[16 + c * 4 + blk] = n;
                }
            }
        }
        cbf[addr] = mask;
    }

    /** condTermFlagN of coded_block_flag for an Intra16x16 DC block (needs flag {@code kind} on N). */
    private int dcCond(int n, boolean intra, int kind, int bit) {
        if (n < 0) {
            return intra ? 1 : 0;
        }
        if (has(n, F_PCM)) {
            return 1;
        }
        if (!has(n, kind)) {
            return 0;
        }
        return (cbf[n] >> bit) & 1;
    }

    /** condTermFlagN for chroma DC ({@code need} 1: CodedBlockPatternChroma != 0) or AC ({@code need} 2: == 2). */
    private int chromaCbfCond(int n, boolean intra, int bit, int need) {
        if (n < 0) {
            return intra ? 1 : 0;
        }
        if (has(n, F_PCM)) {
            return 1;
        }
        if (has(n, F_SKIP)) {
            return 0;
        }
        int c = (cbp[n] >> 4) & 3;
        if (need == 1 ? c == 0 : c != 2) {
            return 0;
        }
        return (cbf[n] >> bit) & 1;
    }

    /** condTermFlagN of coded_block_flag for luma 4x4 block {@code blk} (raster) of the current macroblock, neighbour A or B. */
    private int lumaCbfCond(MbPosition pos, int mask, int blk, boolean left, boolean intra) {
        int bx = blk & 3;
        int by = blk >> 2;
        if (left ? bx > 0 : by > 0) {
            return (mask >> (left ? blk - 1 : blk - 4)) & 1;
        }
        int n = left ? pos.addrA : pos.addrB;
        if (n < 0) {
            return intra ? 1 : 0;
        }
        if (has(n, F_PCM)) {
            return 1;
        }
        int nb = left ? blk + 3 : blk + 12;
        return (cbf[n] >> nb) & 1; // 0 for skipped macroblocks and uncoded 8x8 blocks
    }

    /**
     * significant_coeff_flag, last_significant_coeff_flag, coeff_abs_level_minus1 and coeff_sign_flag of
     * one block of category {@code cat}: fills {@link #sigPos} (scan index from the block's first coded
     * coefficient) and {@link #levels}; returns the number of non-zero levels.
     */
    private int block(int cat) {
        int n = cat == 5 ? e.significanceMap(mapCtx8x8, sigPos) : e.significanceMap4(sigCtx[cat], MAX_COEFF[cat] - 1, sigPos);
        e.levels(n, ABS_BASE[cat], cat == 3 ? 3 : 4, levels);
        return n;
    }
}
