package org.purecodec.h264;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.jcodec.codecs.h264.io.model.PictureParameterSet;
import org.jcodec.codecs.h264.io.model.SeqParameterSet;
import org.jcodec.common.model.ColorSpace;
import org.purecodec.h264.nal.BitReader;
import org.purecodec.h264.nal.NalUnit;
import org.purecodec.h264.nal.NalUnitType;
import org.purecodec.h264.nal.PictureSyntax;
import org.purecodec.h264.syntax.FrameGeometry;

/**
 * The sequence and picture parameter sets received so far (up to 32 SPS and 256 PPS ids), each
 * replaceable at any time. An SPS is checked for support when it arrives ({@link #checkSupported}): an
 * unsupported stream is refused before any picture is decoded.
 */
final class ParameterSets implements PictureSyntax.Lookup {
    /** One SPS: JCodec's parsed form, the escaped NAL unit bytes and its scaling-matrix syntax (ours). */
    record Sps(SeqParameterSet sps, byte[] nal, ScalingLists.Signalled scaling) {
    }

    /** One PPS: JCodec's parsed form, the escaped NAL unit bytes and its scaling-matrix syntax (ours). */
    record Pps(PictureParameterSet pps, byte[] nal, ScalingLists.Signalled scaling) {
    }

    private final Sps[] sps = new Sps[32];
    private final Pps[] pps = new Pps[256];

    /** Parses, checks and stores an SPS NAL unit; returns true when it replaced a different SPS of the same id. */
    boolean putSps(NalUnit nal) {
        byte[] rbsp = nal.rbsp();
        ScalingLists.Signalled scaling = checkSupported(rbsp, nal.where());
        SeqParameterSet s;
        try {
            s = readJcodecSps(rbsp);
        } catch (RuntimeException e) {
            throw new H264Exception(H264Exception.Kind.INVALID_DATA, "SPS in " + nal.where() + " cannot be parsed: " + e, e);
        }
        if (s.seqParameterSetId < 0 || s.seqParameterSetId > 31) {
            throw H264Exception.invalid("SPS in " + nal.where() + ": seq_parameter_set_id " + s.seqParameterSetId);
        }
        if (!s.frameMbsOnlyFlag && s.mbAdaptiveFrameFieldFlag) {
            throw H264Exception.unsupported("SPS in " + nal.where() + ": interlaced coding (frame_mbs_only_flag = 0,"
                    + " MBAFF) is not supported");
        }
        if (s.picWidthInMbsMinus1 > 1023 || FrameGeometry.mbHeight(s) > 1024) {
            throw H264Exception.unsupported("SPS in " + nal.where() + ": picture of " + FrameGeometry.mbWidth(s) + "x"
                    + FrameGeometry.mbHeight(s) + " macroblocks is larger than supported (1024x1024)");
        }
        if (s.log2MaxFrameNumMinus4 > 12 || s.log2MaxPicOrderCntLsbMinus4 > 12 || s.picOrderCntType > 2) {
            throw H264Exception.invalid("SPS in " + nal.where() + ": out-of-range log2_max_frame_num / POC fields");
        }
        Sps old = sps[s.seqParameterSetId];
        sps[s.seqParameterSetId] = new Sps(s, nal.data(), scaling);
        return old != null && !Arrays.equals(old.nal(), nal.data());
    }

    /** Parses, checks and stores a PPS NAL unit. */
    void putPps(NalUnit nal) {
        byte[] rbsp = nal.rbsp();
        // Our own reader first (7.3.2.2): slice groups (FMO) are refused before another parser loops
        // over or allocates from num_slice_groups / pic_size_in_map_units read from the stream.
        BitReader r = new BitReader(rbsp, "PPS in " + nal.where());
        r.ue("pic_parameter_set_id", 0, 255);
        r.ue("seq_parameter_set_id", 0, 31);
        r.u1(); // entropy_coding_mode_flag
        r.u1(); // bottom_field_pic_order_in_frame_present_flag
        int groups = r.ue() + 1;
        if (groups > 1) {
            throw H264Exception.unsupported("PPS in " + nal.where() + ": flexible macroblock ordering (num_slice_groups = "
                    + groups + ") is not supported");
        }
        PictureParameterSet p;
        try {
            p = PictureParameterSet.read(ByteBuffer.wrap(rbsp));
        } catch (RuntimeException e) {
            throw new H264Exception(H264Exception.Kind.INVALID_DATA, "PPS in " + nal.where() + " cannot be parsed: " + e, e);
        }
        if (p.picParameterSetId < 0 || p.picParameterSetId > 255 || p.seqParameterSetId < 0 || p.seqParameterSetId > 31) {
            throw H264Exception.invalid("PPS in " + nal.where() + ": bad ids pps=" + p.picParameterSetId + " sps=" + p.seqParameterSetId);
        }
        if (p.numSliceGroupsMinus1 > 0) {
            throw H264Exception.unsupported("PPS in " + nal.where() + ": flexible macroblock ordering (num_slice_groups = "
                    + (p.numSliceGroupsMinus1 + 1) + ") is not supported");
        }
        pps[p.picParameterSetId] = new Pps(p, nal.data(), ppsScaling(rbsp, nal.where()));
    }

    Sps sps(int id) {
        return id >= 0 && id < sps.length ? sps[id] : null;
    }

    Pps pps(int id) {
        return id >= 0 && id < pps.length ? pps[id] : null;
    }

    /**
     * The resolved scaling matrix of pictures using this PPS, in JCodec's 12-list layout
     * ({@link ScalingLists#forJCodec}), or null when flat.
     */
    /** These parameter sets as our slice header parser sees them. */
    org.purecodec.h264.syntax.SliceHeaderParser.Lookup lookup() {
        return new org.purecodec.h264.syntax.SliceHeaderParser.Lookup() {
            @Override
            public PictureParameterSet pps(int id) {
                Pps p = ParameterSets.this.pps(id);
                return p == null ? null : p.pps();
            }

            @Override
            public SeqParameterSet sps(int id) {
                Sps p = ParameterSets.this.sps(id);
                return p == null ? null : p.sps();
            }
        };
    }

    /** The 8 resolved scaling lists (scan order, Table 7-2 fall-back applied) of a PPS, or null when flat or unknown. */
    int[][] resolvedScaling(int ppsId) {
        Pps p = pps(ppsId);
        Sps s = p == null ? null : sps(p.pps().seqParameterSetId);
        return s == null ? null : ScalingLists.resolve(s.scaling(), p.scaling());
    }

    int[][] scalingFor(int ppsId) {
        Pps p = pps(ppsId);
        Sps s = p == null ? null : sps(p.pps().seqParameterSetId);
        if (s == null) {
            return null;
        }
        return ScalingLists.forJCodec(ScalingLists.resolve(s.scaling(), p.scaling()));
    }

    /**
     * The scaling-matrix syntax at the end of a PPS RBSP (7.3.2.2), read with our own reader: JCodec's
     * loses useDefaultScalingMatrixFlag. Absent when the PPS ends before transform_8x8_mode_flag.
     */
    static ScalingLists.Signalled ppsScaling(byte[] rbsp, String where) {
        BitReader r = new BitReader(rbsp, "PPS in " + where);
        r.ue(); // pic_parameter_set_id
        r.ue(); // seq_parameter_set_id
        r.u1(); // entropy_coding_mode_flag
        r.u1(); // bottom_field_pic_order_in_frame_present_flag
        if (r.ue() != 0) {
            return ScalingLists.Signalled.ABSENT; // slice groups: refused anyway
        }
        r.ue(); // num_ref_idx_l0_default_active_minus1
        r.ue(); // num_ref_idx_l1_default_active_minus1
        r.u1(); // weighted_pred_flag
        r.ui(2); // weighted_bipred_idc
        r.se(); // pic_init_qp_minus26
        r.se(); // pic_init_qs_minus26
        r.se(); // chroma_qp_index_offset
        r.u1(); // deblocking_filter_control_present_flag
        r.u1(); // constrained_intra_pred_flag
        r.u1(); // redundant_pic_cnt_present_flag
        if (!moreRbspData(rbsp, r.position())) {
            return ScalingLists.Signalled.ABSENT;
        }
        boolean transform8x8 = r.flag();
        if (!r.flag()) {
            return ScalingLists.Signalled.ABSENT;
        }
        return ScalingLists.read(r, 6 + (transform8x8 ? 2 : 0));
    }

    /** more_rbsp_data(): is there a 1 bit after {@code bitPos} other than the rbsp_stop_one_bit? */
    static boolean moreRbspData(byte[] rbsp, long bitPos) {
        int last = rbsp.length - 1;
        while (last >= 0 && rbsp[last] == 0) {
            last--;
        }
        if (last < 0) {
            return false;
        }
        long stopBit = (long) last * 8 + (7 - Integer.numberOfTrailingZeros(rbsp[last] & 0xff));
        return bitPos < stopBit;
    }

    /** The SPS a PPS refers to, or null. */
    Sps spsOf(int ppsId) {
        Pps p = pps(ppsId);
        return p == null ? null : sps(p.pps().seqParameterSetId);
    }

    @Override
    public PictureSyntax forPps(int ppsId) {
        Pps p = pps(ppsId);
        if (p == null) {
            return null;
        }
        Sps s = sps(p.pps().seqParameterSetId);
        if (s == null) {
            return null;
        }
        SeqParameterSet q = s.sps();
        return new PictureSyntax(q.log2MaxFrameNumMinus4 + 4, q.frameMbsOnlyFlag, q.picOrderCntType,
                q.log2MaxPicOrderCntLsbMinus4 + 4, q.deltaPicOrderAlwaysZeroFlag, p.pps().picOrderPresentFlag,
                p.pps().redundantPicCntPresentFlag);
    }

    /**
     * JCodec's SPS model of an SPS that {@link #checkSupported} accepted. JCodec reads the chroma format,
     * bit depth and scaling-matrix fields only for profile_idc 100, 110, 122 and 144, while the standard
     * has them for every "high" profile (244, 44, 83, 86, 118, 128, 138, 139, 134, 135 too): given those, it
     * would misread the rest of the SPS and could loop for billions of iterations in its HRD reader (a fuzz
     * finding). It therefore parses a copy with profile_idc 100, which has the same syntax, and the real
     * profile_idc is put back.
     */
    /**
     * The payload of an SPS NAL unit (after its header byte) for JCodec's own SPS reader, with the profile
     * substitution of {@link #readJcodecSps} (profile_idc is the first payload byte: no emulation
     * prevention byte can come before it).
     */
    static ByteBuffer forJcodec(NalUnit nal) {
        byte[] d = nal.data().clone();
        if (d.length > 1 && isOtherHighProfile(d[1] & 0xff)) {
            d[1] = 100;
        }
        return ByteBuffer.wrap(d, 1, d.length - 1);
    }

    private static boolean isOtherHighProfile(int profile) {
        return profile == 244 || profile == 44 || profile == 83 || profile == 86 || profile == 118 || profile == 128
                || profile == 138 || profile == 139 || profile == 134 || profile == 135;
    }

    static SeqParameterSet readJcodecSps(byte[] rbsp) {
        int profile = rbsp.length > 0 ? rbsp[0] & 0xff : 0;
        boolean other = isOtherHighProfile(profile);
        byte[] data = rbsp;
        if (other) {
            data = rbsp.clone();
            data[0] = 100;
        }
        SeqParameterSet s = SeqParameterSet.read(ByteBuffer.wrap(data));
        s.profileIdc = profile;
        return s;
    }

    private static final int[] KNOWN_PROFILES = {66, 77, 88, 100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135};

    /**
     * Checks the first fields of an SPS RBSP (7.3.2.1.1) with our own reader, so that the refusal does not
     * depend on another parser accepting the rest: profile, chroma format 4:2:0 and 8-bit samples only.
     *
     * @return the SPS's scaling-matrix syntax
     * @throws H264Exception UNSUPPORTED naming the feature
     */
    static ScalingLists.Signalled checkSupported(byte[] rbsp, String where) {
        BitReader r = new BitReader(rbsp, "SPS in " + where);
        int profile = r.ui(8);
        r.ui(8); // constraint flags + reserved
        int level = r.ui(8);
        int id = r.ue("seq_parameter_set_id", 0, 31);
        boolean known = false;
        for (int k : KNOWN_PROFILES) {
            known |= k == profile;
        }
        String sps = "SPS " + id + " in " + where + " (profile_idc " + profile + ", level_idc " + level + ")";
        if (!known) {
            throw H264Exception.unsupported(sps + ": unknown profile_idc " + profile);
        }
        int chroma = 1;
        int depthLuma = 8;
        int depthChroma = 8;
        boolean bypass = false;
        boolean highProfile = false;
        if (profile == 100 || profile == 110 || profile == 122 || profile == 244 || profile == 44 || profile == 83
                || profile == 86 || profile == 118 || profile == 128 || profile == 138 || profile == 139
                || profile == 134 || profile == 135) {
            chroma = r.ue("chroma_format_idc", 0, 3);
            if (chroma == 3) {
                r.u1(); // separate_colour_plane_flag
            }
            depthLuma = r.ue("bit_depth_luma_minus8", 0, 6) + 8;
            depthChroma = r.ue("bit_depth_chroma_minus8", 0, 6) + 8;
            bypass = r.flag();
            highProfile = true;
        }
        if (chroma != 1 && chroma != 0) {
            String name = chroma == 2 ? "4:2:2" : "4:4:4";
            throw H264Exception.unsupported(sps + ": chroma format " + name + " (chroma_format_idc " + chroma
                    + ") is not supported, only 4:2:0 and 4:0:0 (monochrome)");
        }
        if (depthLuma != 8 || depthChroma != 8) {
            throw H264Exception.unsupported(sps + ": bit depth " + depthLuma + "/" + depthChroma
                    + " (luma/chroma) is not supported, only 8");
        }
        if (bypass) {
            throw H264Exception.unsupported(sps + ": lossless coding (qpprime_y_zero_transform_bypass_flag) is not supported");
        }
        ScalingLists.Signalled scaling = ScalingLists.Signalled.ABSENT;
        if (highProfile && r.flag()) { // seq_scaling_matrix_present_flag
            scaling = ScalingLists.read(r, 8);
        }
        checkCounts(r, sps);
        return scaling;
    }

    /**
     * Walks the rest of the SPS (7.3.2.1.1, E.1.1, E.1.2) with our own reader and checks every count that
     * drives a loop against the range the standard allows, before any other parser sees it: a hostile
     * {@code cpb_cnt_minus1} or {@code num_ref_frames_in_pic_order_cnt_cycle} must not make a parser loop
     * for billions of iterations, and an SPS that ends inside its VUI (which another parser would read
     * past) is refused.
     */
    private static void checkCounts(BitReader r, String sps) {
        r.ue("log2_max_frame_num_minus4", 0, 12);
        int pocType = r.ue("pic_order_cnt_type", 0, 2);
        if (pocType == 0) {
            r.ue("log2_max_pic_order_cnt_lsb_minus4", 0, 12);
        } else if (pocType == 1) {
            r.u1(); // delta_pic_order_always_zero_flag
            r.se(); // offset_for_non_ref_pic
            r.se(); // offset_for_top_to_bottom_field
            int cycle = r.ue("num_ref_frames_in_pic_order_cnt_cycle", 0, 255);
            for (int i = 0; i < cycle; i++) {
                r.se();
            }
        }
        r.ue("max_num_ref_frames", 0, 16);
        r.u1(); // gaps_in_frame_num_value_allowed_flag
        r.ue(); // pic_width_in_mbs_minus1 (its limit is checked after parsing, as UNSUPPORTED)
        r.ue(); // pic_height_in_map_units_minus1
        if (!r.flag()) { // frame_mbs_only_flag
            r.u1(); // mb_adaptive_frame_field_flag
        }
        r.u1(); // direct_8x8_inference_flag
        if (r.flag()) { // frame_cropping_flag
            for (int i = 0; i < 4; i++) {
                r.ue("frame_crop_offset", 0, 8192);
            }
        }
        if (!r.flag()) { // vui_parameters_present_flag
            return;
        }
        try {
            if (r.flag() && r.ui(8) == 255) { // aspect_ratio_info_present_flag, aspect_ratio_idc == Extended_SAR
                r.ui(16);
                r.ui(16);
            }
            if (r.flag()) { // overscan_info_present_flag
                r.u1();
            }
            if (r.flag()) { // video_signal_type_present_flag
                r.ui(4);
                if (r.flag()) {
                    r.ui(24);
                }
            }
            if (r.flag()) { // chroma_loc_info_present_flag
                r.ue("chroma_sample_loc_type_top_field", 0, 5);
                r.ue("chroma_sample_loc_type_bottom_field", 0, 5);
            }
            if (r.flag()) { // timing_info_present_flag
                r.u(32);
                r.u(32);
                r.u1();
            }
            boolean nal = r.flag();
            if (nal) {
                checkHrd(r);
            }
            boolean vcl = r.flag();
            if (vcl) {
                checkHrd(r);
            }
            if (nal || vcl) {
                r.u1(); // low_delay_hrd_flag
            }
            r.u1(); // pic_struct_present_flag
            if (r.flag()) { // bitstream_restriction_flag
                r.u1(); // motion_vectors_over_pic_boundaries_flag
                r.ue("max_bytes_per_pic_denom", 0, 16);
                r.ue("max_bits_per_mb_denom", 0, 16);
                r.ue("log2_max_mv_length_horizontal", 0, 16);
                r.ue("log2_max_mv_length_vertical", 0, 16);
                r.ue("max_num_reorder_frames", 0, 16);
                r.ue("max_dec_frame_buffering", 0, 16);
            }
        } catch (H264Exception e) {
            if (e.kind() == H264Exception.Kind.TRUNCATED) {
                // Another parser would read on past the end and take garbage for counts (found by fuzzing:
                // an out-of-memory error in JCodec's HRD reader): refuse it here.
                throw new H264Exception(H264Exception.Kind.INVALID_DATA, sps + ": VUI parameters end before their"
                        + " last field (" + e.getMessage() + ")", e);
            }
            throw e;
        }
    }

    private static void checkHrd(BitReader r) {
        int cpb = r.ue("cpb_cnt_minus1", 0, 31);
        r.ui(4); // bit_rate_scale
        r.ui(4); // cpb_size_scale
        for (int i = 0; i <= cpb; i++) {
            r.ue(); // bit_rate_value_minus1
            r.ue(); // cpb_size_value_minus1
            r.u1(); // cbr_flag
        }
        r.ui(20); // four 5-bit fields
    }

    /** True when the JCodec SPS says 4:2:0 (defensive: checkSupported already refused the rest). */
    static boolean is420(SeqParameterSet s) {
        return s.chromaFormatIdc == ColorSpace.YUV420J || s.chromaFormatIdc == ColorSpace.YUV420;
    }

    /** Whether a NAL unit type is a parameter set handled here. */
    static boolean isParameterSet(int type) {
        return type == NalUnitType.SPS || type == NalUnitType.PPS;
    }
}
