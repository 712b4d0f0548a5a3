package org.purecodec.h264.nal;

/**
 * The parameter-set fields needed to parse the start of a slice header (up to redundant_pic_cnt), as
 * seen through one picture parameter set and the sequence parameter set it refers to.
 *
 * @param log2MaxFrameNum                    log2_max_frame_num_minus4 + 4
 * @param frameMbsOnly                       frame_mbs_only_flag
 * @param pocType                            pic_order_cnt_type
 * @param log2MaxPocLsb                      log2_max_pic_order_cnt_lsb_minus4 + 4
 * @param deltaPicOrderAlwaysZero            delta_pic_order_always_zero_flag
 * @param bottomFieldPicOrderInFramePresent  bottom_field_pic_order_in_frame_present_flag (PPS)
 * @param redundantPicCntPresent             redundant_pic_cnt_present_flag (PPS)
 */
public record PictureSyntax(int log2MaxFrameNum, boolean frameMbsOnly, int pocType, int log2MaxPocLsb,
                            boolean deltaPicOrderAlwaysZero, boolean bottomFieldPicOrderInFramePresent,
                            boolean redundantPicCntPresent) {

    /** Finds the syntax parameters of a PPS id, or null when that PPS (or its SPS) is unknown. */
    @FunctionalInterface
    public interface Lookup {
        /** The parameters for {@code ppsId}, or null. */
        PictureSyntax forPps(int ppsId);
    }
}
