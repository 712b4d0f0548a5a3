package org.purecodec.video.parallel;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.purecodec.video.FrameBatch;

/**
 * Frames decoded by worker processes, read straight from the shared memory-mapped file they wrote:
 * the same content as a {@link FrameBatch} with the frame bytes in a read-only {@link ByteBuffer}
 * ({@link #data()}, frame {@code k} at {@code k * frameSize()}) instead of an array, so nothing is
 * copied. {@link #close()} removes the temp file if the OS did not allow removing it while mapped
 * (the mapping itself is released by the garbage collector, as for every {@code MappedByteBuffer}).
 */
public final class MappedFrameBatch implements AutoCloseable {
    private final ByteBuffer data;
    private final int[] shape;
    private final int width;
    private final int height;
    private final int[] indices;
    private final double[] pts;
    private final double[] durations;
    private final boolean[] keyFrames;
    private volatile Path leftOver;

    MappedFrameBatch(ByteBuffer data, int[] shape, int width, int height, int[] indices, double[] pts,
                     double[] durations, boolean[] keyFrames, Path leftOver) {
        this.data = data;
        this.shape = shape;
        this.width = width;
        this.height = height;
        this.indices = indices;
        this.pts = pts;
        this.durations = durations;
        this.keyFrames = keyFrames;
        this.leftOver = leftOver;
    }

    /** All frames, one after the other (read-only, position 0, limit {@code size() * frameSize()}). */
    public ByteBuffer data() {
        return data.duplicate();
    }

    /** Shape of the batch, as {@link FrameBatch#shape()}. */
    public int[] shape() {
        return shape.clone();
    }

    /** Picture width. */
    public int width() {
        return width;
    }

    /** Picture height. */
    public int height() {
        return height;
    }

    /** Frame index of each frame. */
    public int[] indices() {
        return indices.clone();
    }

    /** Presentation time of each frame, seconds. */
    public double[] ptsSeconds() {
        return pts.clone();
    }

    /** Duration of each frame, seconds. */
    public double[] durationSeconds() {
        return durations.clone();
    }

    /** Key flag of each frame. */
    public boolean[] keyFrames() {
        return keyFrames.clone();
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

    /** The frames as a {@link FrameBatch} (copies the bytes once into an array). */
    public FrameBatch toFrameBatch() {
        byte[] d = new byte[data.capacity()];
        data.duplicate().get(d);
        return new FrameBatch(d, shape.clone(), width, height, indices.clone(), pts.clone(), durations.clone(),
                keyFrames.clone());
    }

    /** Deletes what is left of the temp files. Idempotent. */
    @Override
    public void close() {
        Path p = leftOver;
        leftOver = null;
        if (p != null) {
            ProcessExecutor.deleteTree(p);
        }
    }
}
