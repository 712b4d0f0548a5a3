package org.purecodec.video.internal;

import org.purecodec.mp4.TrackMetadata;

/**
 * What a stream's headers say, as opposed to its frame index: the values APPROXIMATE seek mode and
 * the "from header" metadata use.
 *
 * @param timescale       ticks per second of the stream's timestamps
 * @param sampleCount     coded pictures (container samples)
 * @param averageFps      average frame rate
 * @param beginSeconds    first presentation time
 * @param durationSeconds stream duration
 * @param endSeconds      end of the last presented frame (from the index)
 * @param bitRate         bits per second, 0 if unknown
 */
public record StreamHeader(long timescale, int sampleCount, double averageFps, double beginSeconds,
                           double durationSeconds, double endSeconds, long bitRate) {

    /** What an MP4/MOV track's headers say. */
    public static StreamHeader of(TrackMetadata m) {
        return new StreamHeader(m.timescale(), m.sampleCount(), m.averageFps(), m.beginStreamSeconds(),
                m.durationSeconds(), m.endStreamSeconds(), m.bitRate());
    }
}
