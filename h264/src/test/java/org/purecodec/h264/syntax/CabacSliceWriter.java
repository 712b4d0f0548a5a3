package org.purecodec.h264.syntax;

import java.util.Arrays;
import java.util.Random;

import org.jcodec.codecs.h264.io.model.PictureParameterSet;
import org.jcodec.codecs.h264.io.model.SeqParameterSet;
import org.purecodec.h264.kernels.Mv;
import org.purecodec.h264.kernels.Tables;

/**
 * A test-side CABAC slice data writer: random but valid {@link Macroblock}s (what a reader must return) and
 * their CABAC coding (binarizations of 9.3.2, context indices of 9.3.3.1, arithmetic coding by
 * {@link CabacTestEncoder}).
 *
 * <p>Written independently of {@link CabacReader}, the simple way: every context index is derived
 * straight from the standard's rules, looking the neighbours up in the list of already written macroblock
 * records (6.4.9 availability from the slice each address belongs to, 6.4.12 neighbouring locations for
 * luma 8x8 / 4x4 / partition / chroma blocks), bin strings of mb_type and sub_mb_type are the rows of
 * Tables 9-36 to 9-38, and partition shapes come from Tables 7-13, 7-14, 7-17 and 7-18 as written here.
 * Only data tables are shared with the code under test (CabacTables m/n, rangeTabLPS, transIdxLPS,
 * Table 9-43, and the zig-zag scans).
 */
final class CabacSliceWriter {
    static final int I = SliceHeader.I;
    static final int P = SliceHeader.P;
    static final int B = SliceHeader.B;

    /** Parameters of one slice. */
    static final class Params {
        int type;
        int first;
        int count;
        int qp;
        int cabacInitIdc;
        final int[] numRef = new int[2];
        boolean transform8x8Mode;
        boolean direct8x8Inference;
        /** Bits of "slice header" before slice_data (random content). */
        int headerBits;
        /** cabac_zero_words appended after the slice data. */
        int zeroWords;
        /** Probability (percent) of a skipped macroblock in P/B slices and of an intra one. */
        int skipPercent = 25;
        int intraPercent = 30;
        int pcmPercent = 8;

        /** The slice header the reader gets. */
        SliceHeader header() {
            SliceHeader sh = new SliceHeader();
            sh.sps = new SeqParameterSet();
            sh.sps.direct8x8InferenceFlag = direct8x8Inference;
            sh.pps = new PictureParameterSet();
            sh.pps.entropyCodingModeFlag = true;
            if (transform8x8Mode || (qp & 1) == 0) {
                sh.pps.extended = new PictureParameterSet.PPSExt();
                sh.pps.extended.transform8x8ModeFlag = transform8x8Mode;
            }
            sh.sliceType = type;
            sh.firstMbInSlice = first;
            sh.sliceQp = qp;
            sh.cabacInitIdc = cabacInitIdc;
            sh.numRefIdxActive[0] = numRef[0];
            sh.numRefIdxActive[1] = numRef[1];
            sh.dataBitOffset = headerBits;
            return sh;
        }
    }

    final int w;
    final int h;
    /** The expected records, by macroblock address. */
    final Macroblock[] mbs;
    /** The slice each address was written in (-1: not yet). */
    private final int[] sliceOf;
    private int sliceNum = -1;
    private Params s;
    private CabacTestEncoder c;
    private Macroblock prevInSlice;

    CabacSliceWriter(int w, int h) {
        this.w = w;
        this.h = h;
        mbs = new Macroblock[w * h];
        sliceOf = new int[w * h];
        Arrays.fill(sliceOf, -1);
    }

    // ------------------------------------------------------------------------------------------
    // partition tables (7.3.5, Tables 7-13, 7-14, 7-17, 7-18), own transcription: {x4, y4, w4, h4}

    private static final int[][] P16X16 = {{0, 0, 4, 4}};
    private static final int[][] P16X8 = {{0, 0, 4, 2}, {0, 2, 4, 2}};
    private static final int[][] P8X16 = {{0, 0, 2, 4}, {2, 0, 2, 4}};
    private static final int[][] S8X8 = {{0, 0, 2, 2}};
    private static final int[][] S8X4 = {{0, 0, 2, 1}, {0, 1, 2, 1}};
    private static final int[][] S4X8 = {{0, 0, 1, 2}, {1, 0, 1, 2}};
    private static final int[][] S4X4 = {{0, 0, 1, 1}, {1, 0, 1, 1}, {0, 1, 1, 1}, {1, 1, 1, 1}};
    /** Table 7-14, mb_type 4..21: prediction of partition 0 and 1 (1 = L0, 2 = L1, 3 = Bi). */
    private static final String B_PRED = "11112222121221211313232331313232" + "3333";

    /** Partitions of an inter mb_type, or null for P_8x8 / B_8x8, empty for B_Direct_16x16. */
    static int[][] parts(int sliceType, int mbType) {
        if (sliceType == P) {
            return mbType == 0 ? P16X16 : (mbType == 1 ? P16X8 : (mbType == 2 ? P8X16 : null));
        }
        if (mbType == 0) {
            return new int[0][];
        }
        if (mbType <= 3) {
            return P16X16;
        }
        if (mbType == 22) {
            return null;
        }
        return (mbType & 1) == 0 ? P16X8 : P8X16;
    }

    /** Pred flags (bit 0 = L0, bit 1 = L1) of partition {@code p} of an inter mb_type (not 8x8, not direct). */
    static int partPred(int sliceType, int mbType, int p) {
        if (sliceType == P) {
            return 1;
        }
        if (mbType <= 3) {
            return mbType;
        }
        return B_PRED.charAt((mbType - 4) * 2 + p) - '0';
    }

    /** Sub-macroblock partitions of a sub_mb_type; empty for B_Direct_8x8. */
    static int[][] subParts(int sliceType, int sub) {
        if (sliceType == P) {
            return sub == 0 ? S8X8 : (sub == 1 ? S8X4 : (sub == 2 ? S4X8 : S4X4));
        }
        switch (sub) {
            case 0:
                return new int[0][];
            case 1:
            case 2:
            case 3:
                return S8X8;
            case 4:
            case 6:
            case 8:
                return S8X4;
            case 5:
            case 7:
            case 9:
                return S4X8;
            default:
                return S4X4;
        }
    }

    /** Pred flags of a sub_mb_type (0 for B_Direct_8x8). */
    static int subPred(int sliceType, int sub) {
        if (sliceType == P) {
            return 1;
        }
        int[] pred = {0, 1, 2, 3, 1, 1, 2, 2, 3, 3, 1, 2, 3};
        return pred[sub];
    }

    // ------------------------------------------------------------------------------------------
    // random macroblocks

    /** A random valid macroblock of slice type {@code s.type} as a reader must return it. */
    static Macroblock random(Random r, Params s) {
        Macroblock m = new Macroblock();
        m.clearAll();
        m.sliceType = s.type;
        if (s.type != I && r.nextInt(100) < s.skipPercent) {
            m.skip = true;
            return m;
        }
        if (s.type == I || r.nextInt(100) < s.intraPercent) {
            m.intra = true;
            int k = r.nextInt(100);
            if (k < s.pcmPercent) {
                m.mbType = 25;
                for (int i = 0; i < 384; i++) {
                    m.pcm[i] = r.nextInt(256);
                }
                Arrays.fill(m.totalCoeff, 16);
                return m;
            }
            if (k < 55) {
                m.mbType = 0;
                m.transform8x8 = s.transform8x8Mode && r.nextBoolean();
                int n = m.transform8x8 ? 4 : 16;
                for (int i = 0; i < n; i++) {
                    m.intraModeSyntax[i] = r.nextInt(3) == 0 ? -1 : r.nextInt(8);
                }
                m.cbp = randomCbp(r);
            } else {
                int pred = r.nextInt(4);
                int chroma = r.nextInt(3);
                int luma = r.nextInt(2);
                m.mbType = 1 + pred + 4 * chroma + 12 * luma;
                m.intra16x16Mode = pred;
                m.cbp = chroma << 4 | (luma == 1 ? 15 : 0);
            }
            m.intraChromaMode = r.nextInt(4);
        } else {
            boolean b = s.type == B;
            m.mbType = b ? r.nextInt(23) : r.nextInt(4);
            int[][] parts = parts(s.type, m.mbType);
            boolean noSubSmaller = true;
            if (parts == null) {
                for (int q = 0; q < 4; q++) {
                    int sub = b ? r.nextInt(13) : r.nextInt(4);
                    m.subMbType[q] = sub;
                    int[][] sp = subParts(s.type, sub);
                    if (sp.length > 1 || (sp.length == 0 && !s.direct8x8Inference)) {
                        noSubSmaller = false;
                    }
                    int pred = subPred(s.type, sub);
                    int qx = (q & 1) * 2;
                    int qy = (q >> 1) * 2;
                    for (int list = 0; list < 2; list++) {
                        if ((pred & (1 << list)) == 0) {
                            continue; // -1 (also for direct)
                        }
                        m.refIdx[list][q] = s.numRef[list] > 1 ? r.nextInt(s.numRef[list]) : 0;
                        for (int[] p : sp) {
                            fillMvd(m, list, qx + p[0], qy + p[1], p[2], p[3], randomMvd(r));
                        }
                    }
                }
            } else {
                for (int pi = 0; pi < parts.length; pi++) {
                    int[] p = parts[pi];
                    int pred = partPred(s.type, m.mbType, pi);
                    for (int list = 0; list < 2; list++) {
                        if ((pred & (1 << list)) == 0) {
                            continue;
                        }
                        int ref = s.numRef[list] > 1 ? r.nextInt(s.numRef[list]) : 0;
                        for (int y = p[1]; y < p[1] + p[3]; y += 2) {
                            for (int x = p[0]; x < p[0] + p[2]; x += 2) {
                                m.refIdx[list][(y >> 1) * 2 + (x >> 1)] = ref;
                            }
                        }
                        fillMvd(m, list, p[0], p[1], p[2], p[3], randomMvd(r));
                    }
                }
            }
            m.cbp = randomCbp(r);
            boolean direct16 = b && m.mbType == 0;
            if ((m.cbp & 15) != 0 && s.transform8x8Mode && noSubSmaller && (!direct16 || s.direct8x8Inference)) {
                m.transform8x8 = r.nextBoolean();
            }
        }
        if (m.cbp != 0 || m.isIntra16x16()) {
            int k = r.nextInt(10);
            m.qpDelta = k < 5 ? 0 : (k < 9 ? r.nextInt(7) - 3 : r.nextInt(52) - 26);
        }
        randomLevels(r, m);
        return m;
    }

    private static int randomCbp(Random r) {
        if (r.nextInt(6) == 0) {
            return 0;
        }
        return r.nextInt(16) | r.nextInt(3) << 4;
    }

    private static int randomMvd(Random r) {
        return Mv.pack(randomMvdComp(r), randomMvdComp(r));
    }

    private static int randomMvdComp(Random r) {
        int k = r.nextInt(20);
        if (k < 6) {
            return 0;
        }
        if (k < 15) {
            return r.nextInt(21) - 10;
        }
        if (k < 19) {
            return r.nextInt(601) - 300;
        }
        return r.nextInt(65536) - 32768;
    }

    private static void fillMvd(Macroblock m, int list, int x4, int y4, int w4, int h4, int v) {
        for (int y = y4; y < y4 + h4; y++) {
            for (int x = x4; x < x4 + w4; x++) {
                m.mvd[list][y * 4 + x] = v;
            }
        }
    }

    /** Random levels in the blocks the cbp / mb_type let be coded, stored de-scanned, with totalCoeff. */
    private static void randomLevels(Random r, Macroblock m) {
        boolean i16 = m.isIntra16x16();
        if (i16 && r.nextInt(10) < 7) {
            int[] c = randomCoeffs(r, 16);
            for (int k = 0; k < 16; k++) {
                m.lumaDc[Tables.ZIGZAG_4X4[k]] = c[k];
            }
        }
        for (int q = 0; q < 4; q++) {
            if ((m.cbp & (1 << q)) == 0) {
                continue;
            }
            if (m.transform8x8) {
                int[] c = randomCoeffs(r, 64);
                int n = 0;
                for (int k = 0; k < 64; k++) {
                    m.luma[q * 64 + Tables.ZIGZAG_8X8[k]] = c[k];
                    n += c[k] != 0 ? 1 : 0;
                }
                int b0 = (q >> 1) * 8 + (q & 1) * 2;
                m.totalCoeff[b0] = n;
                m.totalCoeff[b0 + 1] = n;
                m.totalCoeff[b0 + 4] = n;
                m.totalCoeff[b0 + 5] = n;
                continue;
            }
            for (int j = 0; j < 4; j++) {
                int blk = ((q >> 1) * 2 + (j >> 1)) * 4 + (q & 1) * 2 + (j & 1);
                if (r.nextInt(10) < 4) {
                    continue;
                }
                int[] c = randomCoeffs(r, i16 ? 15 : 16);
                int n = 0;
                for (int k = 0; k < c.length; k++) {
                    m.luma[blk * 16 + Tables.ZIGZAG_4X4[k + (i16 ? 1 : 0)]] = c[k];
                    n += c[k] != 0 ? 1 : 0;
                }
                m.totalCoeff[blk] = n;
            }
        }
        int chroma = m.cbp >> 4;
        if (chroma != 0) {
            for (int comp = 0; comp < 2; comp++) {
                if (r.nextInt(10) < 4) {
                    continue;
                }
                int[] c = randomCoeffs(r, 4);
                System.arraycopy(c, 0, m.chromaDc, comp * 4, 4);
            }
        }
        if (chroma == 2) {
            for (int comp = 0; comp < 2; comp++) {
                for (int b = 0; b < 4; b++) {
                    if (r.nextInt(10) < 5) {
                        continue;
                    }
                    int[] c = randomCoeffs(r, 15);
                    int n = 0;
                    for (int k = 0; k < 15; k++) {
                        m.chromaAc[comp * 64 + b * 16 + Tables.ZIGZAG_4X4[k + 1]] = c[k];
                        n += c[k] != 0 ? 1 : 0;
                    }
                    m.totalCoeff[16 + comp * 4 + b] = n;
                }
            }
        }
    }

    /** {@code n} levels in scan order, at least one of them non-zero. */
    private static int[] randomCoeffs(Random r, int n) {
        int[] c = new int[n];
        int style = r.nextInt(4);
        int count = style == 0 ? 1 : (style == 1 ? 1 + r.nextInt(n) : 1 + r.nextInt(Math.min(n, 6)));
        for (int i = 0; i < count; i++) {
            int pos = style == 3 ? r.nextInt(Math.min(n, 4)) : r.nextInt(n);
            c[pos] = randomLevel(r);
        }
        return c;
    }

    private static int randomLevel(Random r) {
        int k = r.nextInt(100);
        int abs;
        if (k < 60) {
            abs = 1;
        } else if (k < 85) {
            abs = 2 + r.nextInt(13);
        } else if (k < 97) {
            abs = 15 + r.nextInt(300);
        } else {
            abs = 315 + r.nextInt(70000);
        }
        return r.nextBoolean() ? -abs : abs;
    }

    // ------------------------------------------------------------------------------------------
    // neighbours (6.4.9 with slices, 6.4.12 for non-MBAFF frames)

    private boolean available(int n, int cur) {
        return n >= 0 && n < mbs.length && sliceOf[n] == sliceOf[cur] && n <= cur;
    }

    /** mbAddrA (6.4.9): the left macroblock, or -1. */
    int mbAddrA(int addr) {
        return addr % w > 0 && available(addr - 1, addr) ? addr - 1 : -1;
    }

    /** mbAddrB (6.4.9): the macroblock above, or -1. */
    int mbAddrB(int addr) {
        return available(addr - w, addr) ? addr - w : -1;
    }

    /** Result of a neighbouring location lookup (6.4.12): macroblock (or -1) and location inside it. */
    private int nbAddr;
    private int nbX;
    private int nbY;

    /** 6.4.12.1 for a location (xN, yN) relative to the current macroblock, in a block of maxW x maxH samples. */
    private void locate(int addr, int xN, int yN, int maxW, int maxH) {
        if (xN < 0 && yN >= 0 && yN < maxH) {
            nbAddr = mbAddrA(addr);
        } else if (xN >= 0 && xN < maxW && yN < 0) {
            nbAddr = mbAddrB(addr);
        } else if (xN >= 0 && xN < maxW && yN >= 0 && yN < maxH) {
            nbAddr = addr;
        } else {
            throw new IllegalStateException("not a neighbour A or B location");
        }
        nbX = (xN + maxW) % maxW;
        nbY = (yN + maxH) % maxH;
    }

    // ------------------------------------------------------------------------------------------
    // writing

    /** Starts a slice: header stand-in bits, cabac_alignment_one_bits, context and engine initialisation. */
    void startSlice(Params p, Random r) {
        s = p;
        sliceNum++;
        prevInSlice = null;
        c = new CabacTestEncoder();
        for (int i = 0; i < p.headerBits; i++) {
            c.writeBit(r.nextInt(2));
        }
        while (!c.byteAligned()) {
            c.writeBit(1); // cabac_alignment_one_bit
        }
        c.initContexts(p.qp, p.type == I ? 0 : p.cabacInitIdc + 1);
        c.initEncoder();
    }

    /** The slice's RBSP after the last macroblock was written. */
    byte[] finishSlice() {
        while (!c.byteAligned()) {
            c.writeBit(0); // rbsp_alignment_zero_bit (the stop bit was the flush's last bit)
        }
        for (int i = 0; i < s.zeroWords; i++) {
            c.writeBits(0, 16); // cabac_zero_word
        }
        return c.bytes();
    }

    long bins() {
        return c.bins;
    }

    /** Writes macroblock {@code m} at {@code addr} and end_of_slice_flag ({@code last}). */
    void write(int addr, Macroblock m, boolean last) {
        mbs[addr] = m;
        sliceOf[addr] = sliceNum;
        if (s.type != I) {
            int ctx = (s.type == P ? 11 : 24) + skipCond(mbAddrA(addr)) + skipCond(mbAddrB(addr));
            c.decision(ctx, m.skip ? 1 : 0);
        }
        if (!m.skip) {
            macroblockLayer(addr, m);
        }
        prevInSlice = m;
        c.terminate(last ? 1 : 0); // end_of_slice_flag
    }

    private int skipCond(int n) {
        return n < 0 || mbs[n].skip ? 0 : 1;
    }

    /** 7.3.5 macroblock_layer. */
    private void macroblockLayer(int addr, Macroblock m) {
        mbType(addr, m);
        if (m.isPcm()) {
            while (!c.byteAligned()) {
                c.writeBit(0); // pcm_alignment_zero_bit
            }
            for (int i = 0; i < 384; i++) {
                c.writeByte(m.pcm[i]);
            }
            c.initEncoder(); // 9.3.1.2 after pcm samples
            return;
        }
        boolean i16 = m.isIntra16x16();
        boolean noSubSmaller = true;
        int[][] parts = m.intra ? null : parts(s.type, m.mbType);
        if (!m.intra && parts == null) {
            for (int q = 0; q < 4; q++) {
                subMbType(m.subMbType[q]);
                int[][] sp = subParts(s.type, m.subMbType[q]);
                if (sp.length == 0 ? !s.direct8x8Inference : sp.length > 1) {
                    noSubSmaller = false;
                }
            }
            for (int list = 0; list < 2; list++) {
                for (int q = 0; q < 4; q++) {
                    if ((subPred(s.type, m.subMbType[q]) & (1 << list)) != 0 && s.numRef[list] > 1) {
                        refIdx(addr, list, (q & 1) * 8, (q >> 1) * 8, m.refIdx[list][q]);
                    }
                }
            }
            for (int list = 0; list < 2; list++) {
                for (int q = 0; q < 4; q++) {
                    if ((subPred(s.type, m.subMbType[q]) & (1 << list)) == 0) {
                        continue;
                    }
                    for (int[] p : subParts(s.type, m.subMbType[q])) {
                        int x4 = (q & 1) * 2 + p[0];
                        int y4 = (q >> 1) * 2 + p[1];
                        mvd(addr, m, list, x4, y4);
                    }
                }
            }
        } else {
            if (s.transform8x8Mode && m.intra && m.mbType == 0) {
                transform8x8(addr, m);
            }
            if (m.intra) {
                if (m.mbType == 0) {
                    for (int i = 0; i < (m.transform8x8 ? 4 : 16); i++) {
                        int v = m.intraModeSyntax[i];
                        c.decision(68, v < 0 ? 1 : 0); // prev_intra4x4/8x8_pred_mode_flag
                        if (v >= 0) {
                            for (int bit = 0; bit < 3; bit++) {
                                c.decision(69, (v >> bit) & 1); // rem_intra_pred_mode, FL, LSB first
                            }
                        }
                    }
                }
                intraChromaPredMode(addr, m.intraChromaMode);
            } else {
                for (int list = 0; list < 2; list++) {
                    for (int pi = 0; pi < parts.length; pi++) {
                        if ((partPred(s.type, m.mbType, pi) & (1 << list)) != 0 && s.numRef[list] > 1) {
                            int[] p = parts[pi];
                            refIdx(addr, list, p[0] * 4, p[1] * 4, m.refIdx[list][(p[1] >> 1) * 2 + (p[0] >> 1)]);
                        }
                    }
                }
                for (int list = 0; list < 2; list++) {
                    for (int pi = 0; pi < parts.length; pi++) {
                        if ((partPred(s.type, m.mbType, pi) & (1 << list)) != 0) {
                            mvd(addr, m, list, parts[pi][0], parts[pi][1]);
                        }
                    }
                }
            }
        }
        if (!i16) {
            codedBlockPattern(addr, m.cbp);
            boolean direct16 = !m.intra && s.type == B && m.mbType == 0;
            if ((m.cbp & 15) != 0 && s.transform8x8Mode && !(m.intra && m.mbType == 0) && noSubSmaller
                    && (!direct16 || s.direct8x8Inference)) {
                transform8x8(addr, m);
            }
        }
        if ((m.cbp & 15) != 0 || (m.cbp >> 4) != 0 || i16) {
            mbQpDelta(m.qpDelta);
            residual(addr, m);
        }
    }

    /** Writes a bin string whose bin contexts come from {@code ctxOf(binIdx, bins so far)}; -1 = terminate bin. */
    private interface Ctx {
        int of(int binIdx, String prior);
    }

    private void bins(String bins, Ctx ctx) {
        for (int i = 0; i < bins.length(); i++) {
            int bin = bins.charAt(i) - '0';
            int ci = ctx.of(i, bins.substring(0, i));
            if (ci < 0) {
                c.terminate(bin);
            } else {
                c.decision(ci, bin);
            }
        }
    }

    private static final String[] P_TYPE_BINS = {"000", "011", "010", "001"};
    private static final String[] B_TYPE_BINS = {"0", "100", "101", "110000", "110001", "110010", "110011", "110100",
        "110101", "110110", "110111", "111110", "1110000", "1110001", "1110010", "1110011", "1110100", "1110101",
        "1110110", "1110111", "1111000", "1111001", "111111"};
    private static final String[] P_SUB_BINS = {"1", "00", "011", "010"};
    private static final String[] B_SUB_BINS = {"0", "100", "101", "11000", "11001", "11010", "11011", "111000", "111001",
        "111010", "111011", "11110", "11111"};

    /** Table 9-36: mb_type of I slices (and the suffix of intra types in P and B slices). */
    static String iTypeBins(int t) {
        if (t == 0) {
            return "0";
        }
        if (t == 25) {
            return "11";
        }
        int v = t - 1;
        int pred = v % 4;
        int chroma = (v / 4) % 3;
        int luma = v / 12;
        return "10" + luma + (chroma == 0 ? "0" : (chroma == 1 ? "10" : "11")) + (pred >> 1) + (pred & 1);
    }

    private void mbType(int addr, Macroblock m) {
        if (s.type == I) {
            int a = mbAddrA(addr);
            int b = mbAddrB(addr);
            // 9.3.3.1.1.3: condTermFlagN = 0 when N is not available or is I_NxN
            int inc = (a >= 0 && !isINxN(mbs[a]) ? 1 : 0) + (b >= 0 && !isINxN(mbs[b]) ? 1 : 0);
            bins(iTypeBins(m.mbType), (i, prior) -> {
                switch (i) {
                    case 0:
                        return 3 + inc;
                    case 1:
                        return -1;
                    case 2:
                        return 3 + 3;
                    case 3:
                        return 3 + 4;
                    case 4:
                        return prior.charAt(3) != '0' ? 3 + 5 : 3 + 6;
                    case 5:
                        return prior.charAt(3) != '0' ? 3 + 6 : 3 + 7;
                    default:
                        return 3 + 7;
                }
            });
            return;
        }
        if (s.type == P) {
            Ctx prefix = (i, prior) -> i == 0 ? 14 : (i == 1 ? 15 : (prior.charAt(1) != '1' ? 16 : 17));
            if (!m.intra) {
                bins(P_TYPE_BINS[m.mbType], prefix);
                return;
            }
            bins("1", prefix);
            suffix(17, m.mbType);
            return;
        }
        int a = mbAddrA(addr);
        int b = mbAddrB(addr);
        // condTermFlagN = 0 when N is not available or is B_Skip / B_Direct_16x16
        int inc = (a >= 0 && !isSkipOrDirect16(mbs[a]) ? 1 : 0) + (b >= 0 && !isSkipOrDirect16(mbs[b]) ? 1 : 0);
        Ctx prefix = (i, prior) -> i == 0 ? 27 + inc : (i == 1 ? 27 + 3 : (i == 2 ? (prior.charAt(1) != '0' ? 27 + 4 : 27 + 5) : 27 + 5));
        if (!m.intra) {
            bins(B_TYPE_BINS[m.mbType], prefix);
            return;
        }
        bins("111101", prefix);
        suffix(32, m.mbType);
    }

    private void suffix(int off, int t) {
        bins(iTypeBins(t), (i, prior) -> {
            switch (i) {
                case 0:
                    return off;
                case 1:
                    return -1;
                case 2:
                    return off + 1;
                case 3:
                    return off + 2;
                case 4:
                    return prior.charAt(3) != '0' ? off + 2 : off + 3;
                default:
                    return off + 3;
            }
        });
    }

    private static boolean isINxN(Macroblock n) {
        return n.intra && n.mbType == 0;
    }

    private boolean isSkipOrDirect16(Macroblock n) {
        return n.skip || (!n.intra && n.mbType == 0);
    }

    private void subMbType(int sub) {
        if (s.type == P) {
            bins(P_SUB_BINS[sub], (i, prior) -> 21 + i);
        } else {
            bins(B_SUB_BINS[sub], (i, prior) -> i == 0 ? 36 : (i == 1 ? 37 : (i == 2 ? (prior.charAt(1) != '0' ? 38 : 39) : 39)));
        }
    }

    private void transform8x8(int addr, Macroblock m) {
        int a = mbAddrA(addr);
        int b = mbAddrB(addr);
        int inc = (a >= 0 && mbs[a].transform8x8 ? 1 : 0) + (b >= 0 && mbs[b].transform8x8 ? 1 : 0);
        c.decision(399 + inc, m.transform8x8 ? 1 : 0);
    }

    private void intraChromaPredMode(int addr, int v) {
        int inc = chromaModeCond(mbAddrA(addr)) + chromaModeCond(mbAddrB(addr));
        for (int i = 0; i < 3; i++) {
            int bin = i < v ? 1 : 0;
            c.decision(i == 0 ? 64 + inc : 67, bin);
            if (bin == 0) {
                break;
            }
        }
    }

    /** 9.3.3.1.1.8. */
    private int chromaModeCond(int n) {
        if (n < 0) {
            return 0;
        }
        Macroblock m = mbs[n];
        if (m.skip || !m.intra || m.isPcm() || m.intraChromaMode == 0) {
            return 0;
        }
        return 1;
    }

    /** ref_idx_lX of the partition whose top-left luma sample is (x, y) (9.3.3.1.1.6, U binarization). */
    private void refIdx(int addr, int list, int x, int y, int v) {
        int inc = refCond(addr, list, x - 1, y) + 2 * refCond(addr, list, x, y - 1);
        for (int i = 0; ; i++) {
            int bin = i < v ? 1 : 0;
            c.decision(i == 0 ? 54 + inc : (i == 1 ? 58 : 59), bin);
            if (bin == 0) {
                break;
            }
        }
    }

    private int refCond(int addr, int list, int xN, int yN) {
        locate(addr, xN, yN, 16, 16);
        if (nbAddr < 0) {
            return 0;
        }
        Macroblock n = mbs[nbAddr];
        if (n.skip || n.intra) {
            return 0;
        }
        // predFlagLX = 0 and direct-predicted partitions are -1 in the record: refIdx > 0 is the condition
        return n.refIdx[list][(nbY >> 3) * 2 + (nbX >> 3)] > 0 ? 1 : 0;
    }

    /** Both components of mvd_lX of the (sub-)partition at 4x4 block (x4, y4) (9.3.3.1.1.7, UEG3). */
    private void mvd(int addr, Macroblock m, int list, int x4, int y4) {
        int v = m.mvd[list][y4 * 4 + x4];
        for (int comp = 0; comp < 2; comp++) {
            int sum = absMvd(addr, list, comp, x4 * 4 - 1, y4 * 4) + absMvd(addr, list, comp, x4 * 4, y4 * 4 - 1);
            int inc0 = sum < 3 ? 0 : (sum <= 32 ? 1 : 2);
            int base = comp == 0 ? 40 : 47;
            int value = comp == 0 ? Mv.x(v) : Mv.y(v);
            int abs = Math.abs(value);
            int prefix = Math.min(abs, 9);
            for (int i = 0; i <= prefix && i < 9; i++) {
                int inc = i == 0 ? inc0 : Math.min(i + 2, 6);
                c.decision(base + inc, i < prefix ? 1 : 0);
            }
            if (abs >= 9) {
                expGolomb(abs - 9, 3);
            }
            if (abs != 0) {
                c.bypass(value < 0 ? 1 : 0);
            }
        }
    }

    private int absMvd(int addr, int list, int comp, int xN, int yN) {
        locate(addr, xN, yN, 16, 16);
        if (nbAddr < 0) {
            return 0;
        }
        Macroblock n = mbs[nbAddr];
        if (n.skip || n.intra) {
            return 0;
        }
        int v = n.mvd[list][(nbY >> 2) * 4 + (nbX >> 2)];
        return Math.abs(comp == 0 ? Mv.x(v) : Mv.y(v));
    }

    /** k-th order Exp-Golomb suffix in bypass bins (9.3.2.3). */
    private void expGolomb(int sufS, int k) {
        while (true) {
            if (sufS >= (1 << k)) {
                c.bypass(1);
                sufS -= 1 << k;
                k++;
            } else {
                c.bypass(0);
                while (k-- > 0) {
                    c.bypass((sufS >> k) & 1);
                }
                return;
            }
        }
    }

    private void mbQpDelta(int v) {
        Macroblock p = prevInSlice;
        // 9.3.3.1.1.5: condTerm 0 when the previous macroblock in decoding order is missing, skipped, I_PCM,
        // has no residual (not I_16x16 and cbp 0), or has mb_qp_delta 0
        int cond = p == null || p.skip || p.isPcm() || (!p.isIntra16x16() && p.cbp == 0) || p.qpDelta == 0 ? 0 : 1;
        int k = v > 0 ? 2 * v - 1 : -2 * v; // Table 9-3
        for (int i = 0; ; i++) {
            int bin = i < k ? 1 : 0;
            c.decision(i == 0 ? 60 + cond : (i == 1 ? 62 : 63), bin);
            if (bin == 0) {
                break;
            }
        }
    }

    /** Writes mb_qp_delta bins for a raw mapped value k (for invalid-value tests). */
    void rawQpDeltaBins(int k) {
        for (int i = 0; i <= k; i++) {
            c.decision(i == 0 ? 60 : (i == 1 ? 62 : 63), i < k ? 1 : 0);
        }
    }

    private void codedBlockPattern(int addr, int cbp) {
        for (int b8 = 0; b8 < 4; b8++) {
            int x = (b8 & 1) * 8;
            int y = (b8 >> 1) * 8;
            int inc = cbpLumaCond(addr, cbp, x - 1, y) + 2 * cbpLumaCond(addr, cbp, x, y - 1);
            c.decision(73 + inc, (cbp >> b8) & 1);
        }
        int chroma = cbp >> 4;
        for (int i = 0; i < 2; i++) {
            int bin = i < chroma ? 1 : 0;
            int inc = cbpChromaCond(mbAddrA(addr), i) + 2 * cbpChromaCond(mbAddrB(addr), i) + (i == 1 ? 4 : 0);
            c.decision(77 + inc, bin);
            if (bin == 0) {
                break;
            }
        }
    }

    /** 9.3.3.1.1.4, prefix. */
    private int cbpLumaCond(int addr, int cbp, int xN, int yN) {
        locate(addr, xN, yN, 16, 16);
        if (nbAddr < 0) {
            return 0;
        }
        Macroblock n = mbs[nbAddr];
        if (n.isPcm()) {
            return 0;
        }
        int b8N = (nbY >> 3) * 2 + (nbX >> 3);
        if (nbAddr == addr) {
            return ((cbp >> b8N) & 1) != 0 ? 0 : 1; // the prior decoded bin b8N
        }
        if (!n.skip && ((n.cbp >> b8N) & 1) != 0) {
            return 0;
        }
        return 1;
    }

    /** 9.3.3.1.1.4, suffix bin {@code binIdx}. */
    private int cbpChromaCond(int n, int binIdx) {
        if (n < 0 || mbs[n].skip) {
            return 0;
        }
        Macroblock m = mbs[n];
        if (m.isPcm()) {
            return 1;
        }
        int chroma = m.cbp >> 4;
        if (binIdx == 0 ? chroma == 0 : chroma != 2) {
            return 0;
        }
        return 1;
    }

    // ------------------------------------------------------------------------------------------
    // residual (7.3.5.3, 7.3.5.3.3) and coded_block_flag (9.3.3.1.1.9)

    private static final int[] CBF_CAT_OFFSET = {0, 4, 8, 12, 16};
    private static final int[] SIG_CAT_OFFSET = {0, 15, 29, 44, 47};
    private static final int[] ABS_CAT_OFFSET = {0, 10, 20, 30, 39};

    private void residual(int addr, Macroblock m) {
        boolean intra = m.intra;
        boolean i16 = m.isIntra16x16();
        int[] coeffs = new int[64];
        if (i16) {
            for (int k = 0; k < 16; k++) {
                coeffs[k] = m.lumaDc[Tables.ZIGZAG_4X4[k]];
            }
            int inc = lumaDcCond(mbAddrA(addr)) + 2 * lumaDcCond(mbAddrB(addr));
            block(0, coeffs, 16, 85 + inc);
        }
        for (int q = 0; q < 4; q++) {
            if ((m.cbp & (1 << q)) == 0) {
                continue;
            }
            if (m.transform8x8) {
                for (int k = 0; k < 64; k++) {
                    coeffs[k] = m.luma[q * 64 + Tables.ZIGZAG_8X8[k]];
                }
                block(5, coeffs, 64, -1); // 4:2:0: no coded_block_flag for 8x8 blocks
                continue;
            }
            for (int j = 0; j < 4; j++) {
                int x = (q & 1) * 8 + (j & 1) * 4;
                int y = (q >> 1) * 8 + (j >> 1) * 4;
                int blk = (y >> 2) * 4 + (x >> 2);
                int n = i16 ? 15 : 16;
                for (int k = 0; k < n; k++) {
                    coeffs[k] = m.luma[blk * 16 + Tables.ZIGZAG_4X4[k + (i16 ? 1 : 0)]];
                }
                int cat = i16 ? 1 : 2;
                int inc = lumaCond(addr, intra, x - 1, y) + 2 * lumaCond(addr, intra, x, y - 1);
                block(cat, coeffs, n, 85 + CBF_CAT_OFFSET[cat] + inc);
            }
        }
        int chroma = m.cbp >> 4;
        if (chroma != 0) {
            for (int comp = 0; comp < 2; comp++) {
                System.arraycopy(m.chromaDc, comp * 4, coeffs, 0, 4);
                int inc = chromaDcCond(mbAddrA(addr), intra, comp) + 2 * chromaDcCond(mbAddrB(addr), intra, comp);
                block(3, coeffs, 4, 85 + 12 + inc);
            }
        }
        if (chroma == 2) {
            for (int comp = 0; comp < 2; comp++) {
                for (int b = 0; b < 4; b++) {
                    for (int k = 0; k < 15; k++) {
                        coeffs[k] = m.chromaAc[comp * 64 + b * 16 + Tables.ZIGZAG_4X4[k + 1]];
                    }
                    int x = (b & 1) * 4;
                    int y = (b >> 1) * 4;
                    int inc = chromaAcCond(addr, intra, comp, x - 1, y) + 2 * chromaAcCond(addr, intra, comp, x, y - 1);
                    block(4, coeffs, 15, 85 + 16 + inc);
                }
            }
        }
    }

    /** Luma DC (ctxBlockCat 0): transBlockN is the DC block of an I_16x16 neighbour. */
    private int lumaDcCond(int n) {
        if (n < 0) {
            return 1; // not available, current macroblock intra
        }
        Macroblock m = mbs[n];
        if (m.isPcm()) {
            return 1;
        }
        if (!m.isIntra16x16()) {
            return 0; // transBlockN not available
        }
        return nonZero(m.lumaDc, 0, 16) ? 1 : 0;
    }

    /** Luma 4x4 blocks (ctxBlockCat 1, 2): neighbouring 4x4 block by 6.4.11.4, or the 8x8 block holding it. */
    private int lumaCond(int addr, boolean intra, int xN, int yN) {
        locate(addr, xN, yN, 16, 16);
        if (nbAddr < 0) {
            return intra ? 1 : 0;
        }
        Macroblock m = mbs[nbAddr];
        if (m.isPcm()) {
            return 1;
        }
        int b8 = (nbY >> 3) * 2 + (nbX >> 3);
        if (m.skip || ((m.cbp >> b8) & 1) == 0) {
            return 0; // transBlockN not available
        }
        if (m.transform8x8) {
            return 1; // the 8x8 block: its coded_block_flag is inferred to be 1 (7.4.5.3.3, 4:2:0)
        }
        int blk = (nbY >> 2) * 4 + (nbX >> 2);
        return nonZero(m.luma, blk * 16, 16) ? 1 : 0;
    }

    private int chromaDcCond(int n, boolean intra, int comp) {
        if (n < 0) {
            return intra ? 1 : 0;
        }
        Macroblock m = mbs[n];
        if (m.isPcm()) {
            return 1;
        }
        if (m.skip || (m.cbp >> 4) == 0) {
            return 0;
        }
        return nonZero(m.chromaDc, comp * 4, 4) ? 1 : 0;
    }

    /** Chroma AC: neighbouring 4x4 chroma block by 6.4.11.5 (chroma locations in an 8x8 macroblock). */
    private int chromaAcCond(int addr, boolean intra, int comp, int xN, int yN) {
        locate(addr, xN, yN, 8, 8);
        if (nbAddr < 0) {
            return intra ? 1 : 0;
        }
        Macroblock m = mbs[nbAddr];
        if (m.isPcm()) {
            return 1;
        }
        if (m.skip || (m.cbp >> 4) != 2) {
            return 0;
        }
        int b = (nbY >> 2) * 2 + (nbX >> 2);
        return nonZero(m.chromaAc, comp * 64 + b * 16, 16) ? 1 : 0;
    }

    private static boolean nonZero(int[] a, int from, int n) {
        for (int i = from; i < from + n; i++) {
            if (a[i] != 0) {
                return true;
            }
        }
        return false;
    }

    /** residual_block_cabac: coded_block_flag (unless cbfCtx is -1), significance map, levels, signs. */
    private void block(int cat, int[] coeffs, int maxNumCoeff, int cbfCtx) {
        int last = -1;
        for (int i = 0; i < maxNumCoeff; i++) {
            if (coeffs[i] != 0) {
                last = i;
            }
        }
        if (cbfCtx >= 0) {
            c.decision(cbfCtx, last >= 0 ? 1 : 0);
            if (last < 0) {
                return;
            }
        } else if (last < 0) {
            throw new IllegalStateException("an 8x8 block without coded_block_flag needs a coefficient");
        }
        for (int i = 0; i < maxNumCoeff - 1; i++) {
            int sig = coeffs[i] != 0 ? 1 : 0;
            c.decision(sigCtx(cat, i), sig);
            if (sig == 1) {
                c.decision(lastCtx(cat, i), i == last ? 1 : 0);
                if (i == last) {
                    break;
                }
            }
        }
        int base = cat == 5 ? 426 : 227 + ABS_CAT_OFFSET[cat];
        int eq1 = 0;
        int gt1 = 0;
        for (int i = last; i >= 0; i--) {
            if (coeffs[i] == 0) {
                continue;
            }
            int absM1 = Math.abs(coeffs[i]) - 1;
            int ctx0 = base + (gt1 != 0 ? 0 : Math.min(4, 1 + eq1));
            int ctxN = base + 5 + Math.min(4 - (cat == 3 ? 1 : 0), gt1);
            int prefix = Math.min(absM1, 14); // UEG0 prefix: TU with uCoff 14
            for (int b = 0; b <= prefix && b < 14; b++) {
                c.decision(b == 0 ? ctx0 : ctxN, b < prefix ? 1 : 0);
            }
            if (absM1 >= 14) {
                expGolomb(absM1 - 14, 0);
            }
            c.bypass(coeffs[i] < 0 ? 1 : 0);
            if (absM1 == 0) {
                eq1++;
            } else {
                gt1++;
            }
        }
    }

    private static int sigCtx(int cat, int i) {
        if (cat == 5) {
            return 402 + CabacTables.SIG_8X8[i];
        }
        return 105 + SIG_CAT_OFFSET[cat] + (cat == 3 ? Math.min(i, 2) : i);
    }

    private static int lastCtx(int cat, int i) {
        if (cat == 5) {
            return 417 + CabacTables.LAST_8X8[i];
        }
        return 166 + SIG_CAT_OFFSET[cat] + (cat == 3 ? Math.min(i, 2) : i);
    }

    // ------------------------------------------------------------------------------------------
    // hooks for invalid-data tests

    /** Writes mb_skip_flag 0 and the mb_type bins of {@code m} only (no further syntax). */
    void writeTypeOnly(int addr, Macroblock m) {
        mbs[addr] = m;
        sliceOf[addr] = sliceNum;
        if (s.type != I) {
            int ctx = (s.type == P ? 11 : 24) + skipCond(mbAddrA(addr)) + skipCond(mbAddrB(addr));
            c.decision(ctx, 0);
        }
        mbType(addr, m);
    }

    CabacTestEncoder encoder() {
        return c;
    }
}
