package org.purecodec.video.internal;

/** Presented frames in presentation order with their timestamps (ticks of the stream's time base). */
public interface FrameTimeline {
    /** Presented frames. */
    int frameCount();

    /** Presentation timestamp of frame {@code f}. */
    long framePts(int f);

    /** Display duration of frame {@code f}. */
    long frameDuration(int f);

    /** Whether frame {@code f} is a key frame. */
    boolean isKeyFrame(int f);

    /** Indices of the key frames, ascending. */
    int[] keyFrames();

    /** The frame shown at {@code ticks}: the last whose pts is at or before it; -1 before the first. */
    int frameAt(long ticks);
}
