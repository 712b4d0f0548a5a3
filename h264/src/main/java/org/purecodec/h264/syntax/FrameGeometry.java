package org.purecodec.h264.syntax;

import org.jcodec.codecs.h264.io.model.SeqParameterSet;

/**
 * A coded frame's size from its SPS (7.4.2.1.1), for the streams this decoder takes: 4:2:0 or 4:0:0. With
 * {@code frame_mbs_only_flag} 0 (a stream that may code fields) the height is counted in map units of two
 * macroblock rows, and the cropping offsets in units of four rows instead of two; a field picture is half the
 * frame's rows. MBAFF is refused with the SPS.
 */
public final class FrameGeometry {
    private FrameGeometry() {
    }

    /** FrameHeightInMbs: {@code (2 - frame_mbs_only_flag) * PicHeightInMapUnits}. */
    public static int mbHeight(SeqParameterSet sps) {
        return (sps.frameMbsOnlyFlag ? 1 : 2) * (sps.picHeightInMapUnitsMinus1 + 1);
    }

    /** PicWidthInMbs. */
    public static int mbWidth(SeqParameterSet sps) {
        return sps.picWidthInMbsMinus1 + 1;
    }

    /** CropUnitY for 4:2:0: {@code 2 * (2 - frame_mbs_only_flag)}. (CropUnitX is 2.) */
    public static int cropUnitY(SeqParameterSet sps) {
        return sps.frameMbsOnlyFlag ? 2 : 4;
    }
}
