package org.purecodec.h264;

import java.nio.ByteBuffer;
import org.jcodec.codecs.h264.io.model.SeqParameterSet;
import org.jcodec.codecs.h264.io.model.VUIParameters;
import org.purecodec.h264.nal.NalUnit;
import org.purecodec.h264.syntax.FrameGeometry;

/**
 * What a sequence parameter set says about the pictures of a stream: profile and level, coded and
 * cropped size, and the VUI's colour description and reordering limits. Read without decoding, e.g.
 * from the SPS in an MP4 {@code avcC} box, to fill in stream metadata.
 *
 * @param profileIdc              profile_idc
 * @param levelIdc                level_idc
 * @param codedWidth              width in luma samples before cropping (16 * PicWidthInMbs)
 * @param codedHeight             height in luma samples before cropping
 * @param width                   width after the cropping window
 * @param height                  height after the cropping window
 * @param fullRange               VUI video_full_range_flag (false when absent)
 * @param colourPrimaries         VUI colour_primaries, 2 (unspecified) when absent
 * @param transferCharacteristics VUI transfer_characteristics, 2 when absent
 * @param matrixCoefficients      VUI matrix_coefficients, 2 when absent
 * @param maxNumReorderFrames     VUI max_num_reorder_frames, or -1 when absent
 * @param maxNumRefFrames         max_num_ref_frames
 * @param numUnitsInTick          VUI num_units_in_tick (unsigned 32 bits), 0 when timing info is absent
 * @param timeScale               VUI time_scale (unsigned 32 bits), 0 when timing info is absent
 * @param frameMbsOnly            frame_mbs_only_flag: false when the stream may code field pictures (decoded
 *                                since 2026-12-05, except with MBAFF, which is refused)
 */
public record SequenceInfo(int profileIdc, int levelIdc, int codedWidth, int codedHeight, int width, int height,
                           boolean fullRange, int colourPrimaries, int transferCharacteristics,
                           int matrixCoefficients, int maxNumReorderFrames, int maxNumRefFrames, long numUnitsInTick,
                           long timeScale, boolean frameMbsOnly) {

    /**
     * The frame rate the VUI timing info gives, {@code time_scale / (2 * num_units_in_tick)} (a tick is a field
     * period), as {@code {timescale, ticks per frame}}; null when the SPS has no timing info or it gives a rate
     * outside 1/1000..1000 frames per second.
     */
    public long[] frameRate() {
        if (numUnitsInTick <= 0 || timeScale <= 0) {
            return null;
        }
        long perFrame = 2 * numUnitsInTick;
        double fps = (double) timeScale / perFrame;
        return fps >= 0.001 && fps <= 1000 ? new long[] {timeScale, perFrame} : null;
    }

    /**
     * Parses an SPS NAL unit (starting with its one-byte NAL header, escaped as in the stream).
     *
     * @throws H264Exception UNSUPPORTED for streams this decoder refuses (neither 4:2:0 nor 4:0:0, not 8-bit,
     *                       MBAFF), INVALID_DATA when the SPS cannot be parsed
     */
    public static SequenceInfo parse(byte[] spsNal) {
        if (spsNal == null || spsNal.length < 4 || (spsNal[0] & 0x1f) != 7) {
            throw H264Exception.invalid("not an SPS NAL unit (" + (spsNal == null ? "null" : spsNal.length + " bytes") + ")");
        }
        NalUnit nal = NalUnit.of(spsNal);
        byte[] rbsp = nal.rbsp();
        ParameterSets.checkSupported(rbsp, nal.where());
        SeqParameterSet s;
        try {
            s = ParameterSets.readJcodecSps(rbsp);
        } catch (RuntimeException e) {
            throw new H264Exception(H264Exception.Kind.INVALID_DATA, "SPS cannot be parsed: " + e, e);
        }
        if (!s.frameMbsOnlyFlag && s.mbAdaptiveFrameFieldFlag) {
            throw H264Exception.unsupported("SPS: interlaced coding (frame_mbs_only_flag = 0, MBAFF) is not supported");
        }
        return of(s);
    }

    /** The summary of an SPS already parsed and checked (as the decoder holds it). */
    static SequenceInfo of(SeqParameterSet s) {
        int codedW = FrameGeometry.mbWidth(s) * 16;
        int codedH = FrameGeometry.mbHeight(s) * 16;
        int w = codedW;
        int h = codedH;
        if (s.frameCroppingFlag) {
            // 4:2:0: CropUnitX = 2, CropUnitY = 2 or (when fields may be coded) 4
            w -= 2 * (s.frameCropLeftOffset + s.frameCropRightOffset);
            h -= FrameGeometry.cropUnitY(s) * (s.frameCropTopOffset + s.frameCropBottomOffset);
            if (w <= 0 || h <= 0) {
                throw H264Exception.invalid("SPS: cropping window leaves " + w + "x" + h + " of " + codedW + "x" + codedH);
            }
        }
        VUIParameters vui = s.vuiParams;
        boolean full = false;
        int prim = 2;
        int trc = 2;
        int mat = 2;
        int reorder = -1;
        long tick = 0;
        long scale = 0;
        if (vui != null) {
            if (vui.timingInfoPresentFlag) {
                tick = vui.numUnitsInTick & 0xffffffffL;
                scale = vui.timeScale & 0xffffffffL;
            }
            if (vui.videoSignalTypePresentFlag) {
                full = vui.videoFullRangeFlag;
                if (vui.colourDescriptionPresentFlag) {
                    prim = vui.colourPrimaries;
                    trc = vui.transferCharacteristics;
                    mat = vui.matrixCoefficients;
                }
            }
            if (vui.bitstreamRestriction != null) {
                reorder = vui.bitstreamRestriction.numReorderFrames;
            }
        }
        return new SequenceInfo(s.profileIdc, s.levelIdc, codedW, codedH, w, h, full, prim, trc, mat, reorder,
                s.numRefFrames, tick, scale, s.frameMbsOnlyFlag);
    }
}
