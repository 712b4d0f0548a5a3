package org.purecodec.h264;

import org.jcodec.codecs.h264.H264Const;
import org.jcodec.codecs.h264.decode.DecoderState;
import org.jcodec.codecs.h264.decode.DeblockerInput;
import org.jcodec.codecs.h264.decode.MBlock;
import org.jcodec.codecs.h264.decode.MBlockDecoderBDirect;
import org.jcodec.codecs.h264.decode.MBlockDecoderIPCM;
import org.jcodec.codecs.h264.decode.MBlockDecoderInter;
import org.jcodec.codecs.h264.decode.MBlockDecoderInter8x8;
import org.jcodec.codecs.h264.decode.MBlockDecoderIntra16x16;
import org.jcodec.codecs.h264.decode.MBlockDecoderIntraNxN;
import org.jcodec.codecs.h264.decode.MBlockSkipDecoder;
import org.jcodec.codecs.h264.decode.SliceReader;
import org.jcodec.codecs.h264.decode.aso.MapManager;
import org.jcodec.codecs.h264.decode.aso.Mapper;
import org.jcodec.codecs.h264.io.model.Frame;
import org.jcodec.codecs.h264.io.model.MBType;
import org.jcodec.codecs.h264.io.model.SliceHeader;
import org.jcodec.codecs.h264.io.model.SliceType;
import org.jcodec.common.model.Picture;

/**
 * The slice level of the backend boundary: one slice of a picture, its reference lists (ours, already
 * initialised and modified) and its resolved scaling matrix, reconstructed into the picture by JCodec's
 * public macroblock parser ({@link SliceReader#readMacroblock}) and macroblock decoders.
 *
 * <p>The macroblock loop and the dispatch by macroblock type are ours, which gives three things JCodec's
 * {@code SliceDecoder} cannot: our own reference lists go straight to the macroblock decoders (no list
 * building or modification of JCodec's runs), the scaling matrix is the one resolved by the standard's
 * fall-back rules (incl. the chroma DC lists), and a failure names the macroblock it happened in.
 *
 * <p>Slices of one picture write disjoint macroblocks of the picture and of the {@link DeblockerInput},
 * and all their state (parser, neighbour context, scratch) is per task, so the tasks of one picture can
 * run in parallel; deblocking runs after all of them.
 */
final class SliceTask {
    private final SliceReader reader;
    private final SliceHeader sh;
    private final Frame[][] refs;
    private final int[][] scaling;
    private final DeblockerInput di;
    private final Frame out;
    final int index;
    /** Address of the macroblock being parsed or reconstructed (for error messages). */
    private volatile int currentMb;
    private volatile boolean reconstructing;

    /**
     * @param reader  JCodec's parser of this slice (its header already read)
     * @param refs    {RefPicList0, RefPicList1} (null entries for P/I slices as applicable)
     * @param scaling the 12 resolved scaling lists in JCodec's layout ({@link ScalingLists#forJCodec}), or
     *                null for flat (no scaling matrix)
     * @param index   slice number within the picture (0-based, for messages)
     */
    SliceTask(SliceReader reader, Frame[][] refs, int[][] scaling, DeblockerInput di, Frame out, int index) {
        this.reader = reader;
        this.sh = reader.getSliceHeader();
        this.refs = refs;
        this.scaling = scaling;
        this.di = di;
        this.out = out;
        this.index = index;
        this.currentMb = sh.firstMbInSlice;
    }

    SliceHeader header() {
        return sh;
    }

    /** Where the slice stopped: "slice 2 (first_mb_in_slice 99), macroblock 130 (x 10, y 3)". */
    String position() {
        int w = sh.sps.picWidthInMbsMinus1 + 1;
        int mb = currentMb;
        return "slice " + index + " (first_mb_in_slice " + sh.firstMbInSlice + "), " + (reconstructing ? "reconstructing" : "parsing")
                + " macroblock " + mb + " (x " + (mb % w) + ", y " + (mb / w) + ")";
    }

    /** Decodes every macroblock of the slice into the picture. */
    void run() {
        int mbWidth = sh.sps.picWidthInMbsMinus1 + 1;
        int poc = out.getPOC();
        Mapper mapper = new MapManager(sh.sps, sh.pps).getMapper(sh);
        DecoderState state = new DecoderState(sh);
        Decoders d = new Decoders(mapper, sh, di, poc, state, scaling);
        Picture mb = Picture.create(16, 16, sh.sps.chromaFormatIdc);
        MBlock block = new MBlock(sh.sps.chromaFormatIdc);
        SliceType type = sh.sliceType;
        while (true) {
            reconstructing = false;
            if (!reader.readMacroblock(block)) {
                break;
            }
            int addr = mapper.getAddress(block.mbIdx);
            currentMb = addr;
            reconstructing = true;
            d.decode(block, type, mb, refs);
            int mbX = addr % mbWidth;
            int mbY = addr / mbWidth;
            put(mb, mbX, mbY);
            di.shs[addr] = sh;
            di.refsUsed[addr] = refs;
            for (int blk = 0; blk < 16; blk++) {
                di.nCoeff[(mbY << 2) + H264Const.MB_BLK_OFF_TOP[blk]][(mbX << 2) + H264Const.MB_BLK_OFF_LEFT[blk]] = block.nCoeff[blk];
            }
            mb.fill(0);
            block.clear();
            currentMb = addr + 1;
        }
    }

    private void put(Picture mb, int mbX, int mbY) {
        byte[] y = out.getPlaneData(0);
        int stride = out.getPlaneWidth(0);
        byte[] src = mb.getPlaneData(0);
        for (int r = 0, dst = (mbY * 16) * stride + mbX * 16; r < 16; r++, dst += stride) {
            System.arraycopy(src, r * 16, y, dst, 16);
        }
        int cStride = out.getPlaneWidth(1);
        for (int c = 1; c <= 2; c++) {
            byte[] plane = out.getPlaneData(c);
            byte[] s = mb.getPlaneData(c);
            for (int r = 0, dst = (mbY * 8) * cStride + mbX * 8; r < 8; r++, dst += cStride) {
                System.arraycopy(s, r * 8, plane, dst, 8);
            }
        }
    }

    /**
     * JCodec's macroblock decoders for one slice, sharing its neighbour state, with our scaling matrix
     * put in place of the one JCodec derives from the parameter sets.
     */
    private static final class Decoders {
        private final MBlockDecoderIntra16x16 intra16x16;
        private final MBlockDecoderIntraNxN intraNxN;
        private final MBlockDecoderInter inter;
        private final MBlockDecoderInter8x8 inter8x8;
        private final MBlockDecoderBDirect direct;
        private final MBlockSkipDecoder skip;
        private final MBlockDecoderIPCM pcm;

        Decoders(Mapper m, SliceHeader sh, DeblockerInput di, int poc, DecoderState s, int[][] scaling) {
            intra16x16 = new Intra16x16(m, sh, di, poc, s, scaling);
            intraNxN = new IntraNxN(m, sh, di, poc, s, scaling);
            inter = new Inter(m, sh, di, poc, s, scaling);
            direct = new Direct(m, sh, di, poc, s, scaling);
            inter8x8 = new Inter8x8(m, direct, sh, di, poc, s, scaling);
            skip = new Skip(m, direct, sh, di, poc, s, scaling);
            pcm = new MBlockDecoderIPCM(m, s);
        }

        void decode(MBlock b, SliceType type, Picture mb, Frame[][] refs) {
            if (b.skipped) {
                skip.decodeSkip(b, refs, mb, type);
            } else if (type == SliceType.I) {
                intra(b, mb);
            } else if (type == SliceType.P) {
                MBType t = b.curMbType;
                if (t == MBType.P_16x16) {
                    inter.decode16x16(b, mb, refs, H264Const.PartPred.L0);
                } else if (t == MBType.P_16x8) {
                    inter.decode16x8(b, mb, refs, H264Const.PartPred.L0, H264Const.PartPred.L0);
                } else if (t == MBType.P_8x16) {
                    inter.decode8x16(b, mb, refs, H264Const.PartPred.L0, H264Const.PartPred.L0);
                } else if (t == MBType.P_8x8 || t == MBType.P_8x8ref0) {
                    inter8x8.decode(b, refs, mb, SliceType.P, t == MBType.P_8x8ref0);
                } else {
                    intra(b, mb);
                }
            } else {
                MBType t = b.curMbType;
                if (t.isIntra()) {
                    intra(b, mb);
                } else if (t == MBType.B_Direct_16x16) {
                    direct.decode(b, mb, refs);
                } else if (t == MBType.B_8x8) {
                    inter8x8.decode(b, refs, mb, SliceType.B, false);
                } else {
                    // mb_type 1..3: one 16x16 partition; 4..21: two partitions, even = 16x8, odd = 8x16 (Table 7-14)
                    H264Const.PartPred[] pred = H264Const.bPredModes[b.mbType];
                    if (b.mbType <= 3) {
                        inter.decode16x16(b, mb, refs, pred[0]);
                    } else if ((b.mbType & 1) == 0) {
                        inter.decode16x8(b, mb, refs, pred[0], pred[1]);
                    } else {
                        inter.decode8x16(b, mb, refs, pred[0], pred[1]);
                    }
                }
            }
        }

        private void intra(MBlock b, Picture mb) {
            if (b.curMbType == MBType.I_NxN) {
                intraNxN.decode(b, mb);
            } else if (b.curMbType == MBType.I_16x16) {
                intra16x16.decode(b, mb);
            } else {
                pcm.decode(b, mb);
            }
        }
    }

    private static final class Intra16x16 extends MBlockDecoderIntra16x16 {
        Intra16x16(Mapper m, SliceHeader sh, DeblockerInput di, int poc, DecoderState s, int[][] scaling) {
            super(m, sh, di, poc, s);
            scalingMatrix = scaling;
        }
    }

    private static final class IntraNxN extends MBlockDecoderIntraNxN {
        IntraNxN(Mapper m, SliceHeader sh, DeblockerInput di, int poc, DecoderState s, int[][] scaling) {
            super(m, sh, di, poc, s);
            scalingMatrix = scaling;
        }
    }

    private static final class Inter extends MBlockDecoderInter {
        Inter(Mapper m, SliceHeader sh, DeblockerInput di, int poc, DecoderState s, int[][] scaling) {
            super(m, sh, di, poc, s);
            scalingMatrix = scaling;
        }
    }

    private static final class Direct extends MBlockDecoderBDirect {
        Direct(Mapper m, SliceHeader sh, DeblockerInput di, int poc, DecoderState s, int[][] scaling) {
            super(m, sh, di, poc, s);
            scalingMatrix = scaling;
        }
    }

    private static final class Inter8x8 extends MBlockDecoderInter8x8 {
        Inter8x8(Mapper m, MBlockDecoderBDirect direct, SliceHeader sh, DeblockerInput di, int poc, DecoderState s,
                 int[][] scaling) {
            super(m, direct, sh, di, poc, s);
            scalingMatrix = scaling;
        }
    }

    private static final class Skip extends MBlockSkipDecoder {
        Skip(Mapper m, MBlockDecoderBDirect direct, SliceHeader sh, DeblockerInput di, int poc, DecoderState s,
             int[][] scaling) {
            super(m, direct, sh, di, poc, s);
            scalingMatrix = scaling;
        }
    }
}
