package org.purecodec.video;

/**
 * One entry of a custom frame index (TorchCodec's {@code custom_frame_mappings}): a frame's
 * presentation time and duration in the stream's time base, and whether decoding can start there.
 *
 * @param pts      presentation timestamp, in stream time-base units
 * @param duration duration, in stream time-base units
 * @param keyFrame whether the frame is a key frame
 */
public record FrameMapping(long pts, long duration, boolean keyFrame) {
}
