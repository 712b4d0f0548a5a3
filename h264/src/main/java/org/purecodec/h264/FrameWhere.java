package org.purecodec.h264;

import org.purecodec.h264.nal.NalUnit;

/**
 * Where a picture (and optionally one of its slices) is in the stream, for error messages:
 * "frame #i (NAL #n (type t) at byte o), slice s". Holds numbers only, so that the message text is built
 * when an error is reported, not for every picture.
 */
final class FrameWhere {
    private final long frame;
    private final long nalIndex;
    private final int nalType;
    private final long nalOffset;
    private final int slice;

    private FrameWhere(long frame, long nalIndex, int nalType, long nalOffset, int slice) {
        this.frame = frame;
        this.nalIndex = nalIndex;
        this.nalType = nalType;
        this.nalOffset = nalOffset;
        this.slice = slice;
    }

    /** Picture number {@code frame} (in decoding order) whose first slice is {@code firstSlice}. */
    FrameWhere(long frame, NalUnit firstSlice) {
        this(frame, firstSlice.index(), firstSlice.type(), firstSlice.offset(), -1);
    }

    /** The same picture, slice number {@code i} of it. */
    FrameWhere slice(int i) {
        return new FrameWhere(frame, nalIndex, nalType, nalOffset, i);
    }

    @Override
    public String toString() {
        return "frame #" + frame + " (" + NalUnit.where(nalIndex, nalType, nalOffset) + ")" + (slice < 0 ? "" : ", slice " + slice);
    }
}
