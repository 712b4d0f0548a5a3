package org.purecodec.video.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.purecodec.video.FrameMapping;
import org.purecodec.video.SeekMode;
import org.purecodec.video.VideoDecoderException;
import org.purecodec.video.VideoDecoderException.Kind;

/**
 * The mapping between the API's frame indices and timestamps and the container's presented frames,
 * in one of three flavours: EXACT (the container's index), APPROXIMATE (header values: sample count
 * and average frame rate), or a custom frame index given by the caller.
 */
public final class FrameIndex {
    private final FrameTimeline p;
    private final SeekMode mode;
    private final double timescale;
    private final int numFrames;
    private final double begin;
    private final double end;
    private final double fps;
    /** For custom mappings: API index to presented frame; null otherwise. */
    private final int[] custom;
    private final boolean[] customKey;

    /** Builds the index for a stream. */
    public FrameIndex(FrameTimeline p, StreamHeader m, SeekMode mode, List<FrameMapping> mappings) {
        this.p = p;
        this.mode = mode;
        this.timescale = m.timescale();
        if (mappings != null) {
            Map<Long, Integer> byPts = new HashMap<>();
            for (int f = 0; f < p.frameCount(); f++) {
                byPts.putIfAbsent(p.framePts(f), f);
            }
            List<FrameMapping> sorted = new ArrayList<>(mappings);
            sorted.sort((a, b) -> Long.compare(a.pts(), b.pts()));
            custom = new int[sorted.size()];
            customKey = new boolean[sorted.size()];
            for (int i = 0; i < custom.length; i++) {
                Integer f = byPts.get(sorted.get(i).pts());
                if (f == null) {
                    throw new VideoDecoderException(Kind.INVALID_ARGUMENT, "custom frame mapping " + i + ": no frame of"
                            + " the stream has pts " + sorted.get(i).pts() + " (time base 1/" + m.timescale() + ")");
                }
                custom[i] = f;
                customKey[i] = sorted.get(i).keyFrame();
            }
            if (custom.length == 0) {
                throw new VideoDecoderException(Kind.INVALID_ARGUMENT, "custom frame mappings are empty");
            }
            numFrames = custom.length;
            begin = p.framePts(custom[0]) / timescale;
            int last = custom[custom.length - 1];
            end = (p.framePts(last) + p.frameDuration(last)) / timescale;
            fps = numFrames > 1 ? (numFrames - 1) / ((p.framePts(last) - p.framePts(custom[0])) / timescale) : m.averageFps();
        } else if (mode == SeekMode.APPROXIMATE) {
            custom = null;
            customKey = null;
            numFrames = m.sampleCount();
            fps = m.averageFps();
            begin = m.beginSeconds();
            end = begin + m.durationSeconds();
        } else {
            custom = null;
            customKey = null;
            numFrames = p.frameCount();
            begin = m.beginSeconds();
            end = m.endSeconds();
            fps = m.averageFps();
        }
    }

    /** Number of frames. */
    public int numFrames() {
        return numFrames;
    }

    /** First presentation time, seconds. */
    public double begin() {
        return begin;
    }

    /** End of the last frame, seconds. */
    public double end() {
        return end;
    }

    /** Average frame rate used. */
    public double fps() {
        return fps;
    }

    /** The seek mode. */
    public SeekMode mode() {
        return mode;
    }

    /** Normalises a possibly negative index and checks its range. */
    public int checkIndex(int index) {
        int i = index < 0 ? index + numFrames : index;
        if (i < 0 || i >= numFrames) {
            throw new VideoDecoderException(Kind.INDEX_OUT_OF_RANGE, "frame index " + index + " is out of range: valid"
                    + " indices are [" + (-numFrames) + ", " + numFrames + ") for a stream of " + numFrames + " frames");
        }
        return i;
    }

    /** The presented frame (container index) for an API index in range. */
    public int presented(int i) {
        if (custom != null) {
            return custom[i];
        }
        if (mode == SeekMode.APPROXIMATE) {
            double t = begin + i / fps;
            return presentedAt(Math.min(t, p.frameCount() == 0 ? t : lastStart()));
        }
        return i;
    }

    private double lastStart() {
        return p.framePts(p.frameCount() - 1) / timescale;
    }

    /** Checks that a time lies in {@code [begin, end)}. */
    public void checkTime(double seconds) {
        if (!(seconds >= begin && seconds < end)) {
            throw new VideoDecoderException(Kind.PTS_OUT_OF_RANGE, "time " + seconds + " s is outside the stream:"
                    + " valid times are [" + begin + ", " + end + ") seconds");
        }
    }

    /** The API index of the frame played at {@code seconds} (already checked to be in range). */
    public int indexAt(double seconds) {
        int f = presentedAt(seconds);
        if (custom != null) {
            int k = Arrays.binarySearch(custom, f);
            if (k < 0) {
                k = Math.max(0, -k - 2);
            }
            return k;
        }
        if (mode == SeekMode.APPROXIMATE) {
            int i = (int) Math.floor((seconds - begin) * fps + 1e-9);
            return Math.max(0, Math.min(numFrames - 1, i));
        }
        return f;
    }

    /**
     * The API index of the last frame whose display starts before {@code stopSeconds} (exclusive end
     * of a time range), never before {@code firstIndex}.
     */
    public int indexBefore(double stopSeconds, int firstIndex) {
        long ticks = (long) Math.ceil(stopSeconds * timescale - 1e-6) - 1;
        int f = Math.max(0, Math.min(p.frameCount() - 1, p.frameAt(ticks)));
        int i;
        if (custom != null) {
            int k = Arrays.binarySearch(custom, f);
            i = k >= 0 ? k : Math.max(0, -k - 2);
        } else if (mode == SeekMode.APPROXIMATE) {
            i = Math.max(0, Math.min(numFrames - 1, (int) Math.ceil((stopSeconds - begin) * fps - 1e-9) - 1));
        } else {
            i = f;
        }
        return Math.max(firstIndex, i);
    }

    /**
     * Whether time requests go straight to the frame shown at that time rather than through index
     * numbering: true in APPROXIMATE mode (without custom mappings), where index and time are related
     * only through the average frame rate.
     */
    public boolean timeIsDirect() {
        return custom == null && mode == SeekMode.APPROXIMATE;
    }

    /** The presented frame whose display starts last before {@code stopSeconds} (exclusive). */
    public int presentedBefore(double stopSeconds) {
        long ticks = (long) Math.ceil(stopSeconds * timescale - 1e-6) - 1;
        return Math.max(0, Math.min(p.frameCount() - 1, p.frameAt(ticks)));
    }

    /** Presentation time of a presented frame, in seconds. */
    public double presentedSeconds(int presented) {
        return p.framePts(presented) / timescale;
    }

    /** The presented frame displayed at {@code seconds}: the last one whose pts is at or before it. */
    public int presentedAt(double seconds) {
        long ticks = (long) Math.floor(seconds * timescale + 1e-6);
        int f = p.frameAt(ticks);
        return Math.max(0, Math.min(p.frameCount() - 1, f));
    }

    /** Key frame indices in this index's numbering. */
    public int[] keyFrameIndices() {
        if (custom != null) {
            int n = 0;
            for (boolean k : customKey) {
                n += k ? 1 : 0;
            }
            int[] out = new int[n];
            for (int i = 0, j = 0; i < customKey.length; i++) {
                if (customKey[i]) {
                    out[j++] = i;
                }
            }
            return out;
        }
        return p.keyFrames();
    }

    /** Whether the API frame {@code i} is a key frame. */
    public boolean isKey(int i) {
        return custom != null ? customKey[i] : p.isKeyFrame(presented(i));
    }
}
