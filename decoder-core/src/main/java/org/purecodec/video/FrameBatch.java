package org.purecodec.video;

import java.util.Arrays;

/**
 * Several frames in one contiguous array, as TorchCodec's {@code FrameBatch}: {@link #data()} has
 * shape {@code [N, ...frame shape]}; frame {@code k} occupies bytes {@code [k * frameSize(), (k + 1) * frameSize())}.
 *
 * @param data            all frames, one after the other
 * @param shape           {@code [N, 3, H, W]}, {@code [N, H, W, 3]} or {@code [N, bytes]} (YUV420P)
 * @param width           picture width (after rotation)
 * @param height          picture height (after rotation)
 * @param indices         frame index of each frame
 * @param ptsSeconds      presentation time of each frame
 * @param durationSeconds duration of each frame
 * @param keyFrames       key flag of each frame
 * @param skippedIndices  requested indices left out because their frames are corrupt
 *                        ({@link ErrorPolicy#SKIP}); empty otherwise
 * @param concealed       per frame: true when the frame is a stand-in for a corrupt one
 *                        ({@link ErrorPolicy#CONCEAL})
 */
public record FrameBatch(byte[] data, int[] shape, int width, int height, int[] indices, double[] ptsSeconds,
                        double[] durationSeconds, boolean[] keyFrames, int[] skippedIndices, boolean[] concealed) {

    /** A batch of correctly decoded frames (nothing skipped or concealed). */
    public FrameBatch(byte[] data, int[] shape, int width, int height, int[] indices, double[] ptsSeconds,
                      double[] durationSeconds, boolean[] keyFrames) {
        this(data, shape, width, height, indices, ptsSeconds, durationSeconds, keyFrames, new int[0],
                new boolean[indices.length]);
    }

    /** Number of frames. */
    public int size() {
        return indices.length;
    }

    /** Bytes per frame. */
    public int frameSize() {
        int n = 1;
        for (int i = 1; i < shape.length; i++) {
            n *= shape[i];
        }
        return n;
    }

    /** Frame {@code k} as a separate {@link Frame} (copies its bytes). */
    public Frame frame(int k) {
        int size = frameSize();
        byte[] d = Arrays.copyOfRange(data, k * size, (k + 1) * size);
        return new Frame(d, Arrays.copyOfRange(shape, 1, shape.length), width, height, indices[k], ptsSeconds[k],
                durationSeconds[k], keyFrames[k], concealed[k]);
    }

    @Override
    public String toString() {
        return "FrameBatch[size=" + size() + ", shape=" + Arrays.toString(shape) + ", indices=" + Arrays.toString(indices)
                + "]";
    }
}
