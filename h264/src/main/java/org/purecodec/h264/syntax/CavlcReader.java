package org.purecodec.h264.syntax;

import org.purecodec.h264.H264Exception;
import org.purecodec.h264.kernels.Mv;
import org.purecodec.h264.kernels.Tables;

/**
 * CAVLC slice data (7.3.4 with entropy_coding_mode_flag = 0): mb_skip_run, macroblock_layer() and
 * residual_block_cavlc() (9.2), read into {@link Macroblock}. Keeps total_coeff per 4x4 block of every
 * macroblock of the picture for the nC derivation of later blocks (9.2.1). No allocation per macroblock.
 */
public final class CavlcReader {
    private final SliceBits bits = new SliceBits();
    /** total_coeff per macroblock: 16 luma (raster) then 4 Cb, 4 Cr. */
    private byte[] nnz = new byte[0];
    private int mbCount;

    private int sliceType;
    private int numRef0;
    private int numRef1;
    private boolean transform8x8Mode;
    private boolean direct8x8Inference;
    /** ChromaArrayType 0: no chroma syntax ({@link SliceHeader#monochrome()}). */
    private boolean mono;
    /** Macroblocks still to be skipped in the current mb_skip_run; 0: a macroblock_layer follows; -1: read a run. */
    private int pendingSkip;

    private final int[] levels = new int[16];
    private final int[] levelVal = new int[16];
    private final int[] runVal = new int[16];

    public CavlcReader() {
    }

    /** New picture of mbWidth x mbHeight macroblocks. */
    public void startPicture(int mbWidth, int mbHeight) {
        mbCount = mbWidth * mbHeight;
        if (nnz.length < mbCount * 24) {
            nnz = new byte[mbCount * 24];
        }
    }

    /** Starts the slice data of {@code sh} in {@code rbsp[0..length)} at bit {@code sh.dataBitOffset}. */
    public void startSlice(SliceHeader sh, byte[] rbsp, int length) {
        bits.init(rbsp, length, sh.dataBitOffset);
        sliceType = sh.sliceType;
        numRef0 = sh.numRefIdxActive[0];
        numRef1 = sh.numRefIdxActive[1];
        transform8x8Mode = sh.pps.extended != null && sh.pps.extended.transform8x8ModeFlag;
        direct8x8Inference = sh.sps.direct8x8InferenceFlag;
        mono = sh.monochrome();
        scan4 = sh.fieldPic ? Tables.FIELD_4X4 : Tables.ZIGZAG_4X4;
        scan8 = sh.fieldPic ? Tables.FIELD_8X8 : Tables.ZIGZAG_8X8;
        pendingSkip = -1;
    }

    /** The slice's inverse scans: zig-zag for frame pictures, field scan for field pictures (8.5.6, 8.5.7). */
    private int[] scan4 = Tables.ZIGZAG_4X4;
    private int[] scan8 = Tables.ZIGZAG_8X8;

    /** Reads the macroblock at {@code pos} into {@code mb} (cleared by the caller); returns whether another one follows. */
    public boolean read(MbPosition pos, Macroblock mb) {
        mb.sliceType = sliceType;
        if (sliceType != SliceHeader.I) {
            if (pendingSkip < 0) {
                int run = bits.ue();
                if (run < 0 || run > mbCount - pos.addr) {
                    throw H264Exception.invalid("mb_skip_run " + run + " runs past the end of the picture");
                }
                pendingSkip = run;
            }
            if (pendingSkip > 0) {
                pendingSkip--;
                mb.skip = true;
                java.util.Arrays.fill(nnz, pos.addr * 24, pos.addr * 24 + 24, (byte) 0);
                if (pendingSkip > 0) {
                    return true;
                }
                boolean more = bits.moreRbspData();
                pendingSkip = more ? 0 : -1;
                return more;
            }
        }
        macroblockLayer(pos, mb);
        pendingSkip = -1;
        return bits.moreRbspData();
    }

    private void macroblockLayer(MbPosition pos, Macroblock mb) {
        int base = pos.addr * 24;
        boolean b = sliceType == SliceHeader.B;
        int max = sliceType == SliceHeader.I ? 25 : (b ? 48 : 30);
        int t = bits.ue("mb_type", max);
        int intraOffset = sliceType == SliceHeader.I ? 0 : (b ? 23 : 5);
        if (sliceType != SliceHeader.I && t < intraOffset) {
            mb.intra = false;
            mb.mbType = t;
        } else {
            mb.intra = true;
            mb.mbType = t - intraOffset;
        }
        if (mb.intra && mb.mbType == MbTypes.I_PCM) {
            bits.alignZero();
            int samples = mono ? 256 : 384; // monochrome: luma samples only, the chroma planes stay 128
            for (int i = 0; i < samples; i++) {
                mb.pcm[i] = bits.u(8);
            }
            java.util.Arrays.fill(nnz, base, base + 24, (byte) 16);
            java.util.Arrays.fill(mb.totalCoeff, 16);
            return;
        }
        boolean noSubSmallerThan8x8 = true;
        boolean i16 = mb.intra && mb.mbType != 0;
        if (!mb.intra && MbTypes.shape(b, mb.mbType) == MbTypes.P8X8) {
            noSubSmallerThan8x8 = subMbPred(mb, b);
        } else {
            if (mb.intra && mb.mbType == 0 && transform8x8Mode) {
                mb.transform8x8 = bits.u1() != 0;
            }
            mbPred(mb, b);
        }
        if (i16) {
            int v = mb.mbType - 1;
            mb.intra16x16Mode = v % 4;
            mb.cbp = (mono ? 0 : ((v / 4) % 3) << 4) | (v >= 12 ? 15 : 0);
        } else if (mono) {
            int code = bits.ue("coded_block_pattern", 15);
            mb.cbp = mb.intra ? CavlcTables.CBP_INTRA_MONO[code] : CavlcTables.CBP_INTER_MONO[code];
        } else {
            int code = bits.ue("coded_block_pattern", 47);
            mb.cbp = mb.intra ? CavlcTables.CBP_INTRA[code] : CavlcTables.CBP_INTER[code];
        }
        if (!i16) {
            if ((mb.cbp & 15) != 0 && transform8x8Mode && !mb.intra && noSubSmallerThan8x8
                    && (!b || mb.mbType != 0 || direct8x8Inference)) {
                mb.transform8x8 = bits.u1() != 0;
            }
        }
        java.util.Arrays.fill(nnz, base, base + 24, (byte) 0);
        if (mb.cbp != 0 || i16) {
            mb.qpDelta = bits.se();
            if (mb.qpDelta < -26 || mb.qpDelta > 25) {
                throw H264Exception.invalid("mb_qp_delta " + mb.qpDelta + " out of range [-26, 25]");
            }
            residual(pos, mb, i16);
        }
    }

    /** sub_mb_pred(); returns NoSubMbPartSizeLessThan8x8Flag. */
    private boolean subMbPred(Macroblock mb, boolean b) {
        boolean noSmall = true;
        int types = MbTypes.numSubTypes(b);
        for (int q = 0; q < 4; q++) {
            mb.subMbType[q] = bits.ue("sub_mb_type", types - 1);
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
                if ((pred & (1 << list)) == 0) {
                    mb.refIdx[list][q] = -1;
                } else if (ref0 || numRef <= 1) {
                    mb.refIdx[list][q] = 0;
                } else {
                    mb.refIdx[list][q] = refIdx(numRef, list);
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
                        mvd(mb, list, x0, y0, 2, 2);
                        break;
                    case MbTypes.SUB_8X4:
                        mvd(mb, list, x0, y0, 2, 1);
                        mvd(mb, list, x0, y0 + 1, 2, 1);
                        break;
                    case MbTypes.SUB_4X8:
                        mvd(mb, list, x0, y0, 1, 2);
                        mvd(mb, list, x0 + 1, y0, 1, 2);
                        break;
                    default:
                        mvd(mb, list, x0, y0, 1, 1);
                        mvd(mb, list, x0 + 1, y0, 1, 1);
                        mvd(mb, list, x0, y0 + 1, 1, 1);
                        mvd(mb, list, x0 + 1, y0 + 1, 1, 1);
                        break;
                }
            }
        }
        return noSmall;
    }

    private int refIdx(int numRef, int list) {
        int v = numRef == 2 ? 1 - bits.u1() : bits.ue();
        if (v < 0 || v >= numRef) {
            throw H264Exception.invalid("ref_idx_l" + list + " " + v + " outside the " + numRef + " active references");
        }
        return v;
    }

    private void mvd(Macroblock mb, int list, int x0, int y0, int w, int h) {
        int x = bits.se();
        int y = bits.se();
        if (x < -32768 || x > 32767 || y < -32768 || y > 32767) {
            throw H264Exception.invalid("mvd_l" + list + " (" + x + ", " + y + ") out of range");
        }
        int v = Mv.pack(x, y);
        for (int j = y0; j < y0 + h; j++) {
            for (int i = x0; i < x0 + w; i++) {
                mb.mvd[list][j * 4 + i] = v;
            }
        }
    }

    private void mbPred(Macroblock mb, boolean b) {
        if (mb.intra) {
            if (mb.mbType == 0) {
                int n = mb.transform8x8 ? 4 : 16;
                for (int i = 0; i < n; i++) {
                    mb.intraModeSyntax[i] = bits.u1() != 0 ? -1 : bits.u(3);
                }
            }
            mb.intraChromaMode = mono ? 0 : bits.ue("intra_chroma_pred_mode", 3);
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
                int pred = MbTypes.partPred(b, mb.mbType, p);
                int v;
                if ((pred & (1 << list)) == 0) {
                    v = -1;
                } else if (numRef <= 1) {
                    v = 0;
                } else {
                    v = refIdx(numRef, list);
                }
                setPartRef(mb, list, shape, p, v);
            }
        }
        for (int list = 0; list < 2; list++) {
            for (int p = 0; p < parts; p++) {
                if ((MbTypes.partPred(b, mb.mbType, p) & (1 << list)) == 0) {
                    continue;
                }
                if (shape == MbTypes.P16X16) {
                    mvd(mb, list, 0, 0, 4, 4);
                } else if (shape == MbTypes.P16X8) {
                    mvd(mb, list, 0, p * 2, 4, 2);
                } else {
                    mvd(mb, list, p * 2, 0, 2, 4);
                }
            }
        }
    }

    private static void setPartRef(Macroblock mb, int list, int shape, int part, int v) {
        int[] r = mb.refIdx[list];
        if (shape == MbTypes.P16X16) {
            r[0] = v;
            r[1] = v;
            r[2] = v;
            r[3] = v;
        } else if (shape == MbTypes.P16X8) {
            r[part * 2] = v;
            r[part * 2 + 1] = v;
        } else {
            r[part] = v;
            r[part + 2] = v;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // residual

    private void residual(MbPosition pos, Macroblock mb, boolean i16) {
        int base = pos.addr * 24;
        if (i16) {
            int n = block(nC(pos, 0), 16);
            for (int k = 0; k < 16; k++) {
                mb.lumaDc[scan4[k]] = levels[k];
            }
            checkCount(n, 16);
        }
        for (int idx = 0; idx < 16; idx++) {
            int blk = Macroblock.BLK_OF_IDX[idx];
            if ((mb.cbp & (1 << (idx >> 2))) == 0) {
                continue;
            }
            int max = i16 ? 15 : 16;
            int n = block(nC(pos, blk), max);
            nnz[base + blk] = (byte) n;
            mb.totalCoeff[blk] = n;
            if (n == 0) {
                continue;
            }
            if (mb.transform8x8) {
                int q = idx >> 2;
                int i4 = idx & 3;
                for (int k = 0; k < 16; k++) {
                    if (levels[k] != 0) {
                        mb.luma[q * 64 + scan8[4 * k + i4]] = levels[k];
                    }
                }
            } else {
                int off = blk * 16;
                int first = i16 ? 1 : 0;
                for (int k = 0; k < max; k++) {
                    if (levels[k] != 0) {
                        mb.luma[off + scan4[k + first]] = levels[k];
                    }
                }
            }
        }
        int cbpC = mb.cbp >> 4;
        if (cbpC != 0) {
            for (int c = 0; c < 2; c++) {
                int n = blockDc();
                for (int k = 0; k < 4; k++) {
                    mb.chromaDc[c * 4 + k] = levels[k];
                }
                checkCount(n, 4);
            }
        }
        if (cbpC == 2) {
            for (int c = 0; c < 2; c++) {
                for (int blk = 0; blk < 4; blk++) {
                    int n = block(nCChroma(pos, c, blk), 15);
                    nnz[base + 16 + c * 4 + blk] = (byte) n;
                    mb.totalCoeff[16 + c * 4 + blk] = n;
                    int off = c * 64 + blk * 16;
                    for (int k = 0; k < 15; k++) {
                        if (levels[k] != 0) {
                            mb.chromaAc[off + scan4[k + 1]] = levels[k];
                        }
                    }
                }
            }
        }
    }

    private static void checkCount(int n, int max) {
        if (n > max) {
            throw H264Exception.invalid("TotalCoeff " + n + " exceeds " + max);
        }
    }

    /** nC of luma 4x4 block {@code blk} (raster) of the current macroblock (9.2.1). */
    private int nC(MbPosition pos, int blk) {
        int bx = blk & 3;
        int by = blk >> 2;
        int base = pos.addr * 24;
        int nA = -1;
        int nB = -1;
        if (bx > 0) {
            nA = nnz[base + blk - 1];
        } else if (pos.addrA >= 0) {
            nA = nnz[pos.addrA * 24 + blk + 3];
        }
        if (by > 0) {
            nB = nnz[base + blk - 4];
        } else if (pos.addrB >= 0) {
            nB = nnz[pos.addrB * 24 + blk + 12];
        }
        return combine(nA, nB);
    }

    private int nCChroma(MbPosition pos, int c, int blk) {
        int base = pos.addr * 24 + 16 + c * 4;
        int nA = -1;
        int nB = -1;
        if ((blk & 1) != 0) {
            nA = nnz[base + blk - 1];
        } else if (pos.addrA >= 0) {
            nA = nnz[pos.addrA * 24 + 16 + c * 4 + blk + 1];
        }
        if ((blk & 2) != 0) {
            nB = nnz[base + blk - 2];
        } else if (pos.addrB >= 0) {
            nB = nnz[pos.addrB * 24 + 16 + c * 4 + blk + 2];
        }
        return combine(nA, nB);
    }

    private static int combine(int nA, int nB) {
        if (nA >= 0 && nB >= 0) {
            return (nA + nB + 1) >> 1;
        }
        return nA >= 0 ? nA : (nB >= 0 ? nB : 0);
    }

    /** residual_block_cavlc of a 4x4 block with up to {@code max} (15 or 16) coefficients into {@link #levels}; returns TotalCoeff. */
    private int block(int nC, int max) {
        char e;
        if (nC >= 8) {
            e = CavlcTables.TOKEN_8[bits.peek32() >>> 26];
        } else {
            char[] lut = nC < 2 ? CavlcTables.TOKEN_0 : (nC < 4 ? CavlcTables.TOKEN_2 : CavlcTables.TOKEN_4);
            e = lut[bits.peek32() >>> (32 - CavlcTables.TOKEN_BITS)];
        }
        if (e == 0) {
            throw H264Exception.invalid("invalid coeff_token (nC " + nC + ")");
        }
        bits.skip(e >> 8);
        int total = (e >> 2) & 31;
        int t1 = e & 3;
        java.util.Arrays.fill(levels, 0, max, 0);
        if (total == 0) {
            return 0;
        }
        if (total > max) {
            throw H264Exception.invalid("coeff_token TotalCoeff " + total + " in a block of " + max + " coefficients");
        }
        readLevels(total, t1);
        int zeros = 0;
        if (total < max) {
            char[] lut = CavlcTables.TOTAL_ZEROS_LUT[total - 1];
            char z = lut[bits.peek32() >>> (32 - CavlcTables.SMALL_BITS)];
            if (z == 0) {
                throw H264Exception.invalid("invalid total_zeros code");
            }
            bits.skip(z >> 8);
            zeros = z & 0xff;
            if (zeros + total > max) {
                throw H264Exception.invalid("total_zeros " + zeros + " with TotalCoeff " + total + " exceeds " + max);
            }
        }
        place(total, zeros);
        return total;
    }

    /** Chroma DC (nC = -1, 4 coefficients). */
    private int blockDc() {
        char e = CavlcTables.TOKEN_DC[bits.peek32() >>> (32 - CavlcTables.TOKEN_BITS)];
        if (e == 0) {
            throw H264Exception.invalid("invalid chroma DC coeff_token");
        }
        bits.skip(e >> 8);
        int total = (e >> 2) & 31;
        int t1 = e & 3;
        levels[0] = 0;
        levels[1] = 0;
        levels[2] = 0;
        levels[3] = 0;
        if (total == 0) {
            return 0;
        }
        readLevels(total, t1);
        int zeros = 0;
        if (total < 4) {
            char z = CavlcTables.TOTAL_ZEROS_DC_LUT[total - 1][bits.peek32() >>> (32 - CavlcTables.SMALL_BITS)];
            if (z == 0) {
                throw H264Exception.invalid("invalid chroma DC total_zeros code");
            }
            bits.skip(z >> 8);
            zeros = z & 0xff;
            if (zeros + total > 4) {
                throw H264Exception.invalid("chroma DC total_zeros " + zeros + " with TotalCoeff " + total);
            }
        }
        place(total, zeros);
        return total;
    }

    /** Levels of 9.2.2 into {@link #levelVal}[0..total). */
    private void readLevels(int total, int t1) {
        int suffixLength = total > 10 && t1 < 3 ? 1 : 0;
        for (int i = 0; i < total; i++) {
            if (i < t1) {
                levelVal[i] = 1 - 2 * bits.u1();
                continue;
            }
            int prefix = Integer.numberOfLeadingZeros(bits.peek32());
            if (prefix > 25) {
                throw H264Exception.invalid("level_prefix " + prefix + " too large");
            }
            bits.skip(prefix + 1);
            int levelCode = Math.min(15, prefix) << suffixLength;
            if (suffixLength > 0 || prefix >= 14) {
                int size = prefix == 14 && suffixLength == 0 ? 4 : (prefix >= 15 ? prefix - 3 : suffixLength);
                if (size > 0) {
                    levelCode += bits.u(size);
                }
            }
            if (prefix >= 15 && suffixLength == 0) {
                levelCode += 15;
            }
            if (prefix >= 16) {
                levelCode += (1 << (prefix - 3)) - 4096;
            }
            if (i == t1 && t1 < 3) {
                levelCode += 2;
            }
            int level = (levelCode & 1) == 0 ? (levelCode + 2) >> 1 : (-levelCode - 1) >> 1;
            levelVal[i] = level;
            if (suffixLength == 0) {
                suffixLength = 1;
            }
            if (Math.abs(level) > (3 << (suffixLength - 1)) && suffixLength < 6) {
                suffixLength++;
            }
        }
    }

    /** run_before and the placement of 9.2.4 into {@link #levels} (scan order from index 0). */
    private void place(int total, int zerosLeft) {
        for (int i = 0; i < total - 1; i++) {
            int run = 0;
            if (zerosLeft > 0) {
                char r = CavlcTables.RUN_BEFORE_LUT[Math.min(zerosLeft, 7) - 1][bits.peek32() >>> (32 - CavlcTables.SMALL_BITS)];
                if (r == 0) {
                    throw H264Exception.invalid("invalid run_before code");
                }
                bits.skip(r >> 8);
                run = r & 0xff;
                if (run > zerosLeft) {
                    throw H264Exception.invalid("run_before " + run + " exceeds zerosLeft " + zerosLeft);
                }
            }
            runVal[i] = run;
            zerosLeft -= run;
        }
        runVal[total - 1] = zerosLeft;
        int coeffNum = -1;
        for (int i = total - 1; i >= 0; i--) {
            coeffNum += runVal[i] + 1;
            levels[coeffNum] = levelVal[i];
        }
    }
}
