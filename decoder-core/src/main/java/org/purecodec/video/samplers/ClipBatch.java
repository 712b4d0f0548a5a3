package org.purecodec.video.samplers;

import java.util.Arrays;
import org.purecodec.video.FrameBatch;

/**
 * Clips sampled from a video: {@code numClips} clips of {@code framesPerClip} frames, all in one
 * contiguous {@link FrameBatch} (clip-major: the frames of clip 0, then clip 1, ...). The data's
 * logical shape is {@link #shape()} = {@code [numClips, framesPerClip, ...frame shape]}, as
 * TorchCodec's samplers return.
 *
 * @param frames        every frame, clip after clip
 * @param numClips      number of clips
 * @param framesPerClip frames in each clip
 */
public record ClipBatch(FrameBatch frames, int numClips, int framesPerClip) {

    /** {@code [numClips, framesPerClip, ...frame shape]}. */
    public int[] shape() {
        int[] s = frames.shape();
        int[] out = new int[s.length + 1];
        out[0] = numClips;
        out[1] = framesPerClip;
        System.arraycopy(s, 1, out, 2, s.length - 1);
        return out;
    }

    /** Frame indices of clip {@code k}. */
    public int[] indices(int k) {
        return Arrays.copyOfRange(frames.indices(), k * framesPerClip, (k + 1) * framesPerClip);
    }

    /** Presentation times of clip {@code k}, in seconds. */
    public double[] ptsSeconds(int k) {
        return Arrays.copyOfRange(frames.ptsSeconds(), k * framesPerClip, (k + 1) * framesPerClip);
    }

    @Override
    public String toString() {
        return "ClipBatch[shape=" + Arrays.toString(shape()) + "]";
    }
}
