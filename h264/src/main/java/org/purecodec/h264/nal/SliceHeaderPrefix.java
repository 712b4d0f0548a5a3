package org.purecodec.h264.nal;

import org.purecodec.h264.H264Exception;

/**
 * The first fields of a slice header (7.3.3), enough to find access-unit boundaries (7.4.1.2.4) and
 * to compute the picture order count.
 */
public record SliceHeaderPrefix(int nalType, int nalRefIdc, int firstMbInSlice, int sliceType, int ppsId,
                                int frameNum, boolean fieldPic, boolean bottomField, int idrPicId,
                                int picOrderCntLsb, int deltaPicOrderCntBottom, int deltaPicOrderCnt0,
                                int deltaPicOrderCnt1, int redundantPicCnt, int pocType) {

    /** True for an IDR picture (nal_unit_type 5). */
    public boolean idr() {
        return nalType == NalUnitType.IDR_SLICE;
    }

    /**
     * Parses the prefix of a slice NAL unit (types 1 and 5).
     *
     * @throws H264Exception INVALID_DATA for an unknown PPS id or out-of-range values, TRUNCATED when the
     *                       unit ends too early
     */
    public static SliceHeaderPrefix parse(NalUnit nal, PictureSyntax.Lookup lookup) {
        return parse(nal, lookup, new byte[PREFIX_BYTES]);
    }

    /** Escaped bytes read by {@link #parse}: the fields it reads fit in far fewer. */
    public static final int PREFIX_BYTES = 64;

    /**
     * {@link #parse(NalUnit, PictureSyntax.Lookup)} unescaping into {@code scratch} (at least
     * {@link #PREFIX_BYTES} long, reused by the caller).
     */
    public static SliceHeaderPrefix parse(NalUnit nal, PictureSyntax.Lookup lookup, byte[] scratch) {
        int n = Rbsp.unescape(nal.buffer(), nal.start() + 1, Math.min(nal.length() - 1, PREFIX_BYTES), scratch);
        BitReader r = new BitReader(scratch, n, "slice header of ", nal);
        int firstMb = r.ue();
        int sliceType = r.ue("slice_type", 0, 9);
        int ppsId = r.ue("pic_parameter_set_id", 0, 255);
        PictureSyntax ps = lookup.forPps(ppsId);
        if (ps == null) {
            throw new H264Exception(H264Exception.Kind.INVALID_DATA, nal.where() + ": slice refers to PPS id " + ppsId
                    + " that was not received (or whose SPS was not received)");
        }
        int frameNum = r.ui(ps.log2MaxFrameNum());
        boolean field = false;
        boolean bottom = false;
        if (!ps.frameMbsOnly()) {
            field = r.flag();
            if (field) {
                bottom = r.flag();
            }
        }
        int idrPicId = -1;
        if (nal.type() == NalUnitType.IDR_SLICE) {
            idrPicId = r.ue("idr_pic_id", 0, 65535);
        }
        int lsb = 0;
        int deltaBottom = 0;
        int d0 = 0;
        int d1 = 0;
        if (ps.pocType() == 0) {
            lsb = r.ui(ps.log2MaxPocLsb());
            if (ps.bottomFieldPicOrderInFramePresent() && !field) {
                deltaBottom = r.se();
            }
        }
        if (ps.pocType() == 1 && !ps.deltaPicOrderAlwaysZero()) {
            d0 = r.se();
            if (ps.bottomFieldPicOrderInFramePresent() && !field) {
                d1 = r.se();
            }
        }
        int redundant = 0;
        if (ps.redundantPicCntPresent()) {
            redundant = r.ue("redundant_pic_cnt", 0, 127);
        }
        return new SliceHeaderPrefix(nal.type(), nal.refIdc(), firstMb, sliceType % 5, ppsId, frameNum, field, bottom,
                idrPicId, lsb, deltaBottom, d0, d1, redundant, ps.pocType());
    }

    /**
     * Whether slice {@code next} is the first slice of a new primary coded picture, given the previous
     * slice {@code prev} (7.4.1.2.4), with one addition used by FFmpeg too: first_mb_in_slice == 0 starts a
     * new picture (no arbitrary slice order support).
     */
    public static boolean startsNewPicture(SliceHeaderPrefix prev, SliceHeaderPrefix next) {
        if (next.redundantPicCnt > 0) {
            return false;
        }
        if (next.firstMbInSlice == 0) {
            return true;
        }
        if (next.frameNum != prev.frameNum || next.ppsId != prev.ppsId || next.fieldPic != prev.fieldPic
                || next.bottomField != prev.bottomField) {
            return true;
        }
        if ((next.nalRefIdc == 0) != (prev.nalRefIdc == 0)) {
            return true;
        }
        if (next.pocType == 0 && prev.pocType == 0 && (next.picOrderCntLsb != prev.picOrderCntLsb
                || next.deltaPicOrderCntBottom != prev.deltaPicOrderCntBottom)) {
            return true;
        }
        if (next.pocType == 1 && prev.pocType == 1 && (next.deltaPicOrderCnt0 != prev.deltaPicOrderCnt0
                || next.deltaPicOrderCnt1 != prev.deltaPicOrderCnt1)) {
            return true;
        }
        if (next.idr() != prev.idr()) {
            return true;
        }
        return next.idr() && prev.idr() && next.idrPicId != prev.idrPicId;
    }
}
