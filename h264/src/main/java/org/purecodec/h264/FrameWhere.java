package org.purecodec.h264;

import org.purecodec.h264.nal.NalUnit;

/**
 * Where a picture is in the stream, for error messages: "frame #i (NAL #n (type t) at byte o)". Holds
 * numbers only, so that the message text is built when an error is reported, not for every picture.
 */
final class FrameWhere {
    private final long frame;
    private final long nalIndex;
    private final int nalType;
    private final long nalOffset;

    /** Picture number {@code frame} (in decoding order) whose first slice is {@code firstSlice}. */
    FrameWhere(long frame, NalUnit firstSlice) {
        this.frame = frame;
        this.nalIndex = firstSlice.index();
        this.nalType = firstSlice.type();
        this.nalOffset = firstSlice.offset();
    }

    @Override
    public String toString() {
        return "frame #" + frame + " (" + NalUnit.where(nalIndex, nalType, nalOffset) + ")";
    }
}
