package org.purecodec.mp4;

/**
 * One entry of an {@code elst} box.
 *
 * @param segmentDuration duration of this edit in movie time scale units
 * @param mediaTime       start of the edit in media (track) time scale units, or -1 for an empty edit
 * @param rateInteger     integer part of media_rate (1 normally, 0 for a dwell)
 * @param rateFraction    fractional part of media_rate
 */
public record EditListEntry(long segmentDuration, long mediaTime, int rateInteger, int rateFraction) {
    /** True for an empty edit (media_time -1): a gap in the presentation. */
    public boolean isEmpty() {
        return mediaTime == -1;
    }
}
