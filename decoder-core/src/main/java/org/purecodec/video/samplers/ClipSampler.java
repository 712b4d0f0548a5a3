package org.purecodec.video.samplers;

import java.util.Objects;
import java.util.Random;
import org.purecodec.video.FrameBatch;
import org.purecodec.video.VideoDecoder;
import org.purecodec.video.VideoDecoderException;
import org.purecodec.video.VideoDecoderException.Kind;
import org.purecodec.video.VideoMetadata;

/**
 * Clip samplers, as {@code torchcodec.samplers}: clips at random or regular indices, or at random or
 * regular timestamps. Configure with the fluent setters, then call {@link #sample()}.
 *
 * <pre>{@code
 * ClipBatch clips = ClipSampler.randomIndices(decoder).numClips(4).framesPerClip(3)
 *         .indicesBetweenFrames(2).seed(42).sample();          // shape [4, 3, 3, H, W]
 * ClipBatch everySecond = ClipSampler.regularTimestamps(decoder).secondsBetweenClipStarts(1.0)
 *         .framesPerClip(2).sample();
 * }</pre>
 *
 * <p>Index samplers: clip {@code k} starts at index {@code s_k} and holds {@code s_k + j * indicesBetweenFrames}.
 * Start indices are drawn uniformly (random, with replacement) or evenly spaced (regular) in
 * {@code [rangeStart, rangeEnd)}; by default the range is the whole video minus the clip span, so no
 * clip runs off the end. Timestamp samplers work the same on seconds, with
 * {@code secondsBetweenFrames} defaulting to one average frame period. A clip that runs past the end
 * (possible with an explicit range end) follows the {@link Policy}. Frames shared by several clips
 * are decoded once.
 */
public final class ClipSampler {
    /** What to do with clip frames that fall past the end of the video. */
    public enum Policy {
        /** Repeat the clip's last frame that is inside the video. */
        REPEAT_LAST,
        /** Cycle through the clip's frames that are inside the video. */
        WRAP,
        /** Raise an error. */
        ERROR
    }

    private enum Mode { RANDOM_INDICES, REGULAR_INDICES, RANDOM_TIMESTAMPS, REGULAR_TIMESTAMPS }

    private final VideoDecoder decoder;
    private final Mode mode;
    private int numClips = 1;
    private int framesPerClip = 1;
    private int indicesBetweenFrames = 1;
    private double secondsBetweenFrames = Double.NaN;
    private double secondsBetweenClipStarts = Double.NaN;
    private Double rangeStart;
    private Double rangeEnd;
    private Policy policy = Policy.REPEAT_LAST;
    private long seed = System.nanoTime();

    private ClipSampler(VideoDecoder decoder, Mode mode) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.mode = mode;
    }

    /** Clips starting at random frame indices. */
    public static ClipSampler randomIndices(VideoDecoder decoder) {
        return new ClipSampler(decoder, Mode.RANDOM_INDICES);
    }

    /** Clips starting at evenly spaced frame indices. */
    public static ClipSampler regularIndices(VideoDecoder decoder) {
        return new ClipSampler(decoder, Mode.REGULAR_INDICES);
    }

    /** Clips starting at random times. */
    public static ClipSampler randomTimestamps(VideoDecoder decoder) {
        return new ClipSampler(decoder, Mode.RANDOM_TIMESTAMPS);
    }

    /** Clips starting every {@link #secondsBetweenClipStarts(double)} seconds. */
    public static ClipSampler regularTimestamps(VideoDecoder decoder) {
        return new ClipSampler(decoder, Mode.REGULAR_TIMESTAMPS);
    }

    /** Number of clips (default 1; not used by {@link #regularTimestamps}). */
    public ClipSampler numClips(int n) {
        this.numClips = positive(n, "numClips");
        return this;
    }

    /** Frames per clip (default 1). */
    public ClipSampler framesPerClip(int n) {
        this.framesPerClip = positive(n, "framesPerClip");
        return this;
    }

    /** Index distance between frames of a clip (index samplers; default 1). */
    public ClipSampler indicesBetweenFrames(int n) {
        this.indicesBetweenFrames = positive(n, "indicesBetweenFrames");
        return this;
    }

    /** Seconds between frames of a clip (timestamp samplers; default 1 / average fps). */
    public ClipSampler secondsBetweenFrames(double s) {
        this.secondsBetweenFrames = positive(s, "secondsBetweenFrames");
        return this;
    }

    /** Seconds between clip starts ({@link #regularTimestamps} only; required there). */
    public ClipSampler secondsBetweenClipStarts(double s) {
        this.secondsBetweenClipStarts = positive(s, "secondsBetweenClipStarts");
        return this;
    }

    /**
     * The range clip starts are drawn from: indices for index samplers (a negative end counts from
     * the end), seconds for timestamp samplers. Default: the whole video minus one clip span.
     */
    public ClipSampler range(double start, double end) {
        this.rangeStart = start;
        this.rangeEnd = end;
        return this;
    }

    /** The policy for frames past the end (default {@link Policy#REPEAT_LAST}). */
    public ClipSampler policy(Policy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /** Seed of the random samplers (default: from the clock). */
    public ClipSampler seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Samples the clips and decodes their frames. */
    public ClipBatch sample() {
        if (mode == Mode.RANDOM_INDICES || mode == Mode.REGULAR_INDICES) {
            return sampleIndices();
        }
        return sampleTimes();
    }

    private ClipBatch sampleIndices() {
        int n = decoder.size();
        int span = (framesPerClip - 1) * indicesBetweenFrames + 1;
        int start = rangeStart == null ? 0 : (int) Math.floor(rangeStart);
        int end;
        if (rangeEnd == null) {
            end = n - span + 1;
        } else {
            end = (int) Math.floor(rangeEnd);
            end = end < 0 ? end + n : Math.min(end, n);
        }
        if (start < 0) {
            start += n;
        }
        if (start < 0 || start >= end) {
            throw new VideoDecoderException(Kind.INVALID_ARGUMENT, "sampling range [" + start + ", " + end + ") is empty"
                    + " (video of " + n + " frames, clip span " + span + " frames)");
        }
        int[] starts = new int[numClips];
        Random rnd = new Random(seed);
        for (int k = 0; k < numClips; k++) {
            starts[k] = mode == Mode.RANDOM_INDICES ? start + rnd.nextInt(end - start)
                    : numClips == 1 ? start : start + (int) ((long) k * (end - 1 - start) / (numClips - 1));
        }
        int[] all = new int[numClips * framesPerClip];
        int[] clip = new int[framesPerClip];
        for (int k = 0; k < numClips; k++) {
            int valid = 0;
            for (int j = 0; j < framesPerClip; j++) {
                int i = starts[k] + j * indicesBetweenFrames;
                clip[j] = i;
                if (i < n) {
                    valid++;
                }
            }
            applyPolicy(clip, valid, "clip " + k + " (start index " + starts[k] + ") runs past the last frame " + (n - 1));
            System.arraycopy(clip, 0, all, k * framesPerClip, framesPerClip);
        }
        return new ClipBatch(decoder.getFramesAt(all), numClips, framesPerClip);
    }

    private ClipBatch sampleTimes() {
        VideoMetadata m = decoder.metadata();
        double between = Double.isNaN(secondsBetweenFrames) ? 1.0 / m.averageFps() : secondsBetweenFrames;
        double clipDuration = (framesPerClip - 1) * between;
        double begin = m.beginStreamSeconds();
        double endOfStream = m.endStreamSeconds();
        double start = rangeStart == null ? begin : rangeStart;
        double end = rangeEnd == null ? endOfStream - clipDuration : rangeEnd;
        if (!(start >= begin) || !(end > start)) {
            throw new VideoDecoderException(Kind.INVALID_ARGUMENT, "sampling range [" + start + ", " + end + ") s is"
                    + " empty or starts before the stream (" + begin + " s; clip duration " + clipDuration + " s)");
        }
        double[] starts;
        if (mode == Mode.RANDOM_TIMESTAMPS) {
            Random rnd = new Random(seed);
            starts = new double[numClips];
            for (int k = 0; k < numClips; k++) {
                starts[k] = start + rnd.nextDouble() * (end - start);
            }
        } else {
            if (Double.isNaN(secondsBetweenClipStarts)) {
                throw new VideoDecoderException(Kind.INVALID_ARGUMENT, "regularTimestamps needs secondsBetweenClipStarts");
            }
            int count = (int) Math.ceil((end - start) / secondsBetweenClipStarts - 1e-9);
            starts = new double[Math.max(1, count)];
            for (int k = 0; k < starts.length; k++) {
                starts[k] = start + k * secondsBetweenClipStarts;
            }
        }
        int clips = starts.length;
        double[] all = new double[clips * framesPerClip];
        double[] clip = new double[framesPerClip];
        for (int k = 0; k < clips; k++) {
            int valid = 0;
            for (int j = 0; j < framesPerClip; j++) {
                clip[j] = starts[k] + j * between;
                if (clip[j] < endOfStream) {
                    valid++;
                }
            }
            applyPolicy(clip, valid, "clip " + k + " (start " + starts[k] + " s) runs past the end " + endOfStream + " s");
            System.arraycopy(clip, 0, all, k * framesPerClip, framesPerClip);
        }
        FrameBatch frames = decoder.getFramesPlayedAt(all);
        return new ClipBatch(frames, clips, framesPerClip);
    }

    /** Values {@code [valid, length)} of a clip are past the end: replace them per the policy. */
    private void applyPolicy(int[] clip, int valid, String what) {
        if (valid == clip.length) {
            return;
        }
        if (policy == Policy.ERROR || valid == 0) {
            throw new VideoDecoderException(Kind.INDEX_OUT_OF_RANGE, what + (valid == 0 ? " entirely" : " (policy ERROR)"));
        }
        for (int j = valid; j < clip.length; j++) {
            clip[j] = policy == Policy.REPEAT_LAST ? clip[valid - 1] : clip[j % valid];
        }
    }

    private void applyPolicy(double[] clip, int valid, String what) {
        if (valid == clip.length) {
            return;
        }
        if (policy == Policy.ERROR || valid == 0) {
            throw new VideoDecoderException(Kind.PTS_OUT_OF_RANGE, what + (valid == 0 ? " entirely" : " (policy ERROR)"));
        }
        for (int j = valid; j < clip.length; j++) {
            clip[j] = policy == Policy.REPEAT_LAST ? clip[valid - 1] : clip[j % valid];
        }
    }

    private static int positive(int n, String what) {
        if (n < 1) {
            throw new VideoDecoderException(Kind.INVALID_ARGUMENT, what + " must be >= 1, got " + n);
        }
        return n;
    }

    private static double positive(double s, String what) {
        if (!(s > 0) || Double.isInfinite(s)) {
            throw new VideoDecoderException(Kind.INVALID_ARGUMENT, what + " must be a positive number, got " + s);
        }
        return s;
    }
}
