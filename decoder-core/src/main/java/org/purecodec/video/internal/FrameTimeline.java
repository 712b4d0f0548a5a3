package org.purecodec.video.internal;

import org.purecodec.mp4.Presentation;

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

    /** The timeline of an MP4 track's presentation. */
    static FrameTimeline of(Presentation p) {
        return new FrameTimeline() {
            @Override
            public int frameCount() {
                return p.frameCount();
            }

            @Override
            public long framePts(int f) {
                return p.pts(f);
            }

            @Override
            public long frameDuration(int f) {
                return p.duration(f);
            }

            @Override
            public boolean isKeyFrame(int f) {
                return p.isKeyFrame(f);
            }

            @Override
            public int[] keyFrames() {
                return p.keyFrames().clone();
            }

            @Override
            public int frameAt(long ticks) {
                return p.frameAt(ticks);
            }
        };
    }
}
