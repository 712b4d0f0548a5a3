package org.purecodec.h264.syntax;

import org.jcodec.codecs.h264.io.model.PictureParameterSet;
import org.jcodec.codecs.h264.io.model.SeqParameterSet;

/**
 * A slice header (7.3.3, 7.4.3) as read by {@link SliceHeaderParser}, of a frame or field picture. Fields hold the syntax
 * element values with the inferences of 7.4.3 applied (e.g. {@link #numRefIdxActive} is the count in use,
 * from the PPS when not overridden; weights absent from pred_weight_table hold their default values).
 * The parameter sets are JCodec's parsed models (data only), checked by our ParameterSets first.
 */
public final class SliceHeader {
    /** Slice types, slice_type % 5 (SP and SI are refused by the parser). */
    public static final int P = 0;
    public static final int B = 1;
    public static final int I = 2;

    public SeqParameterSet sps;
    public PictureParameterSet pps;

    public int nalUnitType;
    public int nalRefIdc;
    public boolean idr;

    public int firstMbInSlice;
    /** slice_type % 5: {@link #P}, {@link #B} or {@link #I}. */
    public int sliceType;
    public int ppsId;
    public int frameNum;
    /** field_pic_flag: the slice belongs to a field picture (its macroblocks are the field's). */
    public boolean fieldPic;
    /** bottom_field_flag (field pictures only). */
    public boolean bottomField;
    public int idrPicId;
    public int picOrderCntLsb;
    public int deltaPicOrderCntBottom;
    public final int[] deltaPicOrderCnt = new int[2];
    public int redundantPicCnt;
    public boolean directSpatialMvPred;
    /** num_ref_idx_l0_active_minus1 + 1, num_ref_idx_l1_active_minus1 + 1 (0 for lists the slice type does not use). */
    public final int[] numRefIdxActive = new int[2];

    /** ref_pic_list_modification per list: number of commands before the terminating idc 3. */
    public final int[] modCount = new int[2];
    /** modification_of_pic_nums_idc (0, 1 or 2) per list and command. */
    public final int[][] modIdc = new int[2][33];
    /** abs_diff_pic_num_minus1 (idc 0, 1) or long_term_pic_num (idc 2) per list and command. */
    public final int[][] modValue = new int[2][33];

    /** pred_weight_table present (explicit weighted prediction: weighted_pred_flag in P, weighted_bipred_idc 1 in B). */
    public boolean explicitWeights;
    public int lumaLog2WeightDenom;
    public int chromaLog2WeightDenom;
    /** Per list and reference index; defaults (2^denom, 0) where the flags were 0. */
    public final int[][] lumaWeight = new int[2][32];
    public final int[][] lumaOffset = new int[2][32];
    /** [list][refIdx][0 = Cb, 1 = Cr]. */
    public final int[][][] chromaWeight = new int[2][32][2];
    public final int[][][] chromaOffset = new int[2][32][2];

    /** dec_ref_pic_marking, IDR: no_output_of_prior_pics_flag, long_term_reference_flag. */
    public boolean noOutputOfPriorPics;
    public boolean longTermReference;
    /** adaptive_ref_pic_marking_mode_flag (non-IDR). */
    public boolean adaptiveRefPicMarking;
    /** Number of memory_management_control_operation commands before the terminating 0. */
    public int mmcoCount;
    /** memory_management_control_operation (1..6) per command. */
    public final int[] mmcoOp = new int[66];
    /**
     * First argument per command: difference_of_pic_nums_minus1 (ops 1, 3), long_term_pic_num (op 2),
     * long_term_frame_idx (op 6), max_long_term_frame_idx_plus1 (op 4); 0 for op 5.
     */
    public final int[] mmcoArg1 = new int[66];
    /** long_term_frame_idx of op 3, else 0. */
    public final int[] mmcoArg2 = new int[66];

    public int cabacInitIdc;
    public int sliceQpDelta;
    /** SliceQPY = 26 + pic_init_qp_minus26 + slice_qp_delta (0..51). */
    public int sliceQp;
    public int disableDeblockingFilterIdc;
    /** slice_alpha_c0_offset_div2 * 2 and slice_beta_offset_div2 * 2 (FilterOffsetA / FilterOffsetB). */
    public int filterOffsetA;
    public int filterOffsetB;

    /** Bit position, in the RBSP given to the parser, where slice_data() begins (before any cabac_alignment_one_bit). */
    public long dataBitOffset;

    public int mbWidth() {
        return sps.picWidthInMbsMinus1 + 1;
    }

    /**
     * True for a monochrome stream (4:0:0, ChromaArrayType 0). Its pictures are decoded into 4:2:0 buffers whose
     * chroma planes are set to 128, as FFmpeg outputs them: no chroma syntax is parsed (no
     * intra_chroma_pred_mode, no chroma bits in coded_block_pattern, no chroma residual, no chroma weights, no
     * I_PCM chroma) and no chroma stage runs (intra prediction, motion compensation, weighting, deblocking).
     */
    public boolean monochrome() {
        return sps.chromaFormatIdc == org.jcodec.common.model.ColorSpace.MONO;
    }

    /** Height of the frame in macroblocks (a field picture has half as many rows, {@link #pictureMbHeight()}). */
    public int mbHeight() {
        return FrameGeometry.mbHeight(sps);
    }

    /** Macroblock rows of the picture this slice belongs to: the frame's, or half of them for a field. */
    public int pictureMbHeight() {
        return fieldPic ? mbHeight() / 2 : mbHeight();
    }

    /** Whether the MMCO commands include op 5. */
    public boolean hasMmco5() {
        for (int i = 0; i < mmcoCount; i++) {
            if (mmcoOp[i] == 5) {
                return true;
            }
        }
        return false;
    }
}
