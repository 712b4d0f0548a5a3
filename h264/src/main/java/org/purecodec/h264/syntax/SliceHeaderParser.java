package org.purecodec.h264.syntax;

import org.jcodec.codecs.h264.io.model.PictureParameterSet;
import org.jcodec.codecs.h264.io.model.SeqParameterSet;
import org.purecodec.h264.H264Exception;
import org.purecodec.h264.nal.BitReader;

/**
 * Our slice header reader (7.3.3 with 7.3.3.1 ref_pic_list_modification, 7.3.3.2 pred_weight_table,
 * 7.3.3.3 dec_ref_pic_marking), with the inferences of 7.4.3. Every count and value read is checked
 * against its range before use, and the reader stops at the end of the data with a TRUNCATED error, so no
 * input can make it loop or allocate: the command lists have fixed capacities that the ranges respect.
 */
public final class SliceHeaderParser {
    /** The parameter sets a slice may refer to. */
    public interface Lookup {
        /** The PPS with this id, or null. */
        PictureParameterSet pps(int id);

        /** The SPS with this id, or null. */
        SeqParameterSet sps(int id);
    }

    private SliceHeaderParser() {
    }

    /**
     * Parses the header of a slice NAL unit.
     *
     * @param nalType   nal_unit_type (1 or 5)
     * @param nalRefIdc nal_ref_idc
     * @param rbsp      the RBSP after the NAL header byte
     * @param length    valid bytes in {@code rbsp}
     * @param where     names the unit in error messages
     * @param out       the header to fill (reused), or null for a new one
     */
    public static SliceHeader parse(int nalType, int nalRefIdc, byte[] rbsp, int length, Lookup lookup, Object where,
                                    SliceHeader out) {
        SliceHeader h = out == null ? new SliceHeader() : out;
        BitReader r = new BitReader(rbsp, length, "slice header of ", where);
        h.nalUnitType = nalType;
        h.nalRefIdc = nalRefIdc;
        h.idr = nalType == 5;
        h.firstMbInSlice = r.ue("first_mb_in_slice", 0, 1 << 20);
        int rawType = r.ue("slice_type", 0, 9);
        int type = rawType % 5;
        if (type == 3 || type == 4) {
            throw H264Exception.unsupported(where + ": " + (type == 3 ? "SP" : "SI") + " slices are not supported");
        }
        h.sliceType = type == 0 ? SliceHeader.P : (type == 1 ? SliceHeader.B : SliceHeader.I);
        h.ppsId = r.ue("pic_parameter_set_id", 0, 255);
        PictureParameterSet pps = lookup.pps(h.ppsId);
        SeqParameterSet sps = pps == null ? null : lookup.sps(pps.seqParameterSetId);
        if (pps == null || sps == null) {
            throw H264Exception.invalid(where + ": slice refers to PPS " + h.ppsId + " (or its SPS), which was not received");
        }
        h.pps = pps;
        h.sps = sps;
        if (h.idr && h.sliceType != SliceHeader.I) {
            throw H264Exception.invalid(where + ": IDR picture with a " + (h.sliceType == SliceHeader.P ? "P" : "B") + " slice");
        }
        h.frameNum = r.ui(sps.log2MaxFrameNumMinus4 + 4);
        h.fieldPic = false;
        h.bottomField = false;
        if (!sps.frameMbsOnlyFlag) {
            h.fieldPic = r.flag();
            if (h.fieldPic) {
                h.bottomField = r.flag();
            }
        }
        h.idrPicId = h.idr ? r.ue("idr_pic_id", 0, 65535) : 0;
        h.picOrderCntLsb = 0;
        h.deltaPicOrderCntBottom = 0;
        h.deltaPicOrderCnt[0] = 0;
        h.deltaPicOrderCnt[1] = 0;
        if (sps.picOrderCntType == 0) {
            h.picOrderCntLsb = r.ui(sps.log2MaxPicOrderCntLsbMinus4 + 4);
            if (pps.picOrderPresentFlag && !h.fieldPic) {
                h.deltaPicOrderCntBottom = r.se();
            }
        } else if (sps.picOrderCntType == 1 && !sps.deltaPicOrderAlwaysZeroFlag) {
            h.deltaPicOrderCnt[0] = r.se();
            if (pps.picOrderPresentFlag && !h.fieldPic) {
                h.deltaPicOrderCnt[1] = r.se();
            }
        }
        h.redundantPicCnt = pps.redundantPicCntPresentFlag ? r.ue("redundant_pic_cnt", 0, 127) : 0;
        h.directSpatialMvPred = h.sliceType == SliceHeader.B && r.flag();
        h.numRefIdxActive[0] = 0;
        h.numRefIdxActive[1] = 0;
        if (h.sliceType != SliceHeader.I) {
            h.numRefIdxActive[0] = pps.numRefIdxActiveMinus1[0] + 1;
            if (h.sliceType == SliceHeader.B) {
                h.numRefIdxActive[1] = pps.numRefIdxActiveMinus1[1] + 1;
            }
            if (r.flag()) { // num_ref_idx_active_override_flag
                h.numRefIdxActive[0] = r.ue("num_ref_idx_l0_active_minus1", 0, 31) + 1;
                if (h.sliceType == SliceHeader.B) {
                    h.numRefIdxActive[1] = r.ue("num_ref_idx_l1_active_minus1", 0, 31) + 1;
                }
            }
            if (h.numRefIdxActive[0] > 32 || h.numRefIdxActive[1] > 32) {
                throw H264Exception.invalid(where + ": more than 32 active reference indices");
            }
        }
        // MaxPicNum: MaxFrameNum for frames, twice that for fields (7.4.3)
        int maxPicNum = (1 << (sps.log2MaxFrameNumMinus4 + 4)) << (h.fieldPic ? 1 : 0);
        h.modCount[0] = 0;
        h.modCount[1] = 0;
        if (h.sliceType != SliceHeader.I) {
            readModification(r, h, 0, maxPicNum, where);
            if (h.sliceType == SliceHeader.B) {
                readModification(r, h, 1, maxPicNum, where);
            }
        }
        h.explicitWeights = (pps.weightedPredFlag && h.sliceType == SliceHeader.P)
                || (pps.weightedBipredIdc == 1 && h.sliceType == SliceHeader.B);
        if (pps.weightedBipredIdc > 2) {
            throw H264Exception.invalid(where + ": weighted_bipred_idc " + pps.weightedBipredIdc);
        }
        if (h.explicitWeights) {
            readWeights(r, h, !h.monochrome(), where); // no chroma weights in monochrome streams
        }
        h.noOutputOfPriorPics = false;
        h.longTermReference = false;
        h.adaptiveRefPicMarking = false;
        h.mmcoCount = 0;
        if (nalRefIdc != 0) {
            readMarking(r, h, where);
        }
        h.cabacInitIdc = pps.entropyCodingModeFlag && h.sliceType != SliceHeader.I ? r.ue("cabac_init_idc", 0, 2) : 0;
        h.sliceQpDelta = r.se();
        h.sliceQp = 26 + pps.picInitQpMinus26 + h.sliceQpDelta;
        if (h.sliceQp < 0 || h.sliceQp > 51) {
            throw H264Exception.invalid(where + ": SliceQPY " + h.sliceQp + " outside 0..51");
        }
        h.disableDeblockingFilterIdc = 0;
        h.filterOffsetA = 0;
        h.filterOffsetB = 0;
        if (pps.deblockingFilterControlPresentFlag) {
            h.disableDeblockingFilterIdc = r.ue("disable_deblocking_filter_idc", 0, 2);
            if (h.disableDeblockingFilterIdc != 1) {
                h.filterOffsetA = 2 * range(r.se(), -6, 6, "slice_alpha_c0_offset_div2", where);
                h.filterOffsetB = 2 * range(r.se(), -6, 6, "slice_beta_offset_div2", where);
            }
        }
        if (pps.numSliceGroupsMinus1 > 0) {
            throw H264Exception.unsupported(where + ": slice groups (FMO) are not supported");
        }
        h.dataBitOffset = r.position();
        return h;
    }

    private static int range(int v, int lo, int hi, String field, Object where) {
        if (v < lo || v > hi) {
            throw H264Exception.invalid(where + ": " + field + " = " + v + " outside " + lo + ".." + hi);
        }
        return v;
    }

    private static void readModification(BitReader r, SliceHeader h, int list, int maxPicNum, Object where) {
        if (!r.flag()) { // ref_pic_list_modification_flag_lX
            return;
        }
        int limit = h.numRefIdxActive[list] + 1;
        for (int n = 0; ; n++) {
            int idc = r.ue("modification_of_pic_nums_idc", 0, 3);
            if (idc == 3) {
                return;
            }
            if (n >= limit || n >= h.modIdc[list].length) {
                throw H264Exception.invalid(where + ": more than " + limit + " ref_pic_list_modification commands for list " + list);
            }
            h.modIdc[list][n] = idc;
            h.modValue[list][n] = idc < 2 ? r.ue("abs_diff_pic_num_minus1", 0, maxPicNum - 1)
                    : r.ue("long_term_pic_num", 0, maxPicNum - 1);
            h.modCount[list] = n + 1;
        }
    }

    /** Syntax element names by list, for error messages (no string built per slice). */
    private static final String[] LUMA_WEIGHT = {"luma_weight_l0", "luma_weight_l1"};
    private static final String[] LUMA_OFFSET = {"luma_offset_l0", "luma_offset_l1"};
    private static final String[] CHROMA_WEIGHT = {"chroma_weight_l0", "chroma_weight_l1"};
    private static final String[] CHROMA_OFFSET = {"chroma_offset_l0", "chroma_offset_l1"};

    private static void readWeights(BitReader r, SliceHeader h, boolean chroma, Object where) {
        h.lumaLog2WeightDenom = r.ue("luma_log2_weight_denom", 0, 7);
        h.chromaLog2WeightDenom = chroma ? r.ue("chroma_log2_weight_denom", 0, 7) : 0;
        for (int list = 0; list < (h.sliceType == SliceHeader.B ? 2 : 1); list++) {
            for (int i = 0; i < h.numRefIdxActive[list]; i++) {
                h.lumaWeight[list][i] = 1 << h.lumaLog2WeightDenom;
                h.lumaOffset[list][i] = 0;
                if (r.flag()) {
                    h.lumaWeight[list][i] = range(r.se(), -128, 127, LUMA_WEIGHT[list], where);
                    h.lumaOffset[list][i] = range(r.se(), -128, 127, LUMA_OFFSET[list], where);
                }
                for (int c = 0; c < 2; c++) {
                    h.chromaWeight[list][i][c] = 1 << h.chromaLog2WeightDenom;
                    h.chromaOffset[list][i][c] = 0;
                }
                if (chroma && r.flag()) {
                    for (int c = 0; c < 2; c++) {
                        h.chromaWeight[list][i][c] = range(r.se(), -128, 127, CHROMA_WEIGHT[list], where);
                        h.chromaOffset[list][i][c] = range(r.se(), -128, 127, CHROMA_OFFSET[list], where);
                    }
                }
            }
        }
    }

    private static void readMarking(BitReader r, SliceHeader h, Object where) {
        if (h.idr) {
            h.noOutputOfPriorPics = r.flag();
            h.longTermReference = r.flag();
            return;
        }
        h.adaptiveRefPicMarking = r.flag();
        if (!h.adaptiveRefPicMarking) {
            return;
        }
        for (int n = 0; ; n++) {
            int op = r.ue("memory_management_control_operation", 0, 6);
            if (op == 0) {
                return;
            }
            if (n >= h.mmcoOp.length) {
                throw H264Exception.invalid(where + ": more than " + h.mmcoOp.length + " memory management commands");
            }
            h.mmcoOp[n] = op;
            h.mmcoArg1[n] = 0;
            h.mmcoArg2[n] = 0;
            switch (op) {
                case 1:
                    h.mmcoArg1[n] = r.ue("difference_of_pic_nums_minus1", 0, 1 << 17);
                    break;
                case 2:
                    h.mmcoArg1[n] = r.ue("long_term_pic_num", 0, 1 << 17);
                    break;
                case 3:
                    h.mmcoArg1[n] = r.ue("difference_of_pic_nums_minus1", 0, 1 << 17);
                    h.mmcoArg2[n] = r.ue("long_term_frame_idx", 0, 31);
                    break;
                case 4:
                    h.mmcoArg1[n] = r.ue("max_long_term_frame_idx_plus1", 0, 32);
                    break;
                case 6:
                    h.mmcoArg1[n] = r.ue("long_term_frame_idx", 0, 31);
                    break;
                default:
                    break;
            }
            h.mmcoCount = n + 1;
        }
    }
}
