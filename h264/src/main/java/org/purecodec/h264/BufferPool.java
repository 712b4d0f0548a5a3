package org.purecodec.h264;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The decoder's plane buffers for reuse: macroblock-aligned picture buffers (JCodec's layout, decoded
 * into) and cropped output buffers (what a {@link DecodedFrame} copied from a reference picture holds).
 * Buffers come back from the DPB when a picture is no longer needed, and from callers through
 * {@link DecodedFrame#release()} on any thread, hence the concurrent queues. Buffers of another size
 * than the current one are dropped, and each queue is bounded; nothing here is required for correctness.
 */
final class BufferPool implements DecodedFrame.Recycler {
    private static final int MAX_PER_KIND = 24;

    private final ConcurrentLinkedQueue<byte[][]> pictures = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<byte[][]> outputs = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pictureCount = new AtomicInteger();
    private final AtomicInteger outputCount = new AtomicInteger();
    private volatile int pictureLuma;
    private volatile int pictureChroma;
    private volatile int outputLuma;
    private volatile int outputChroma;
    private volatile boolean closed;
    /** Number of plane sets allocated so far (for tests and statistics). */
    private final AtomicInteger allocations = new AtomicInteger();

    /** A picture buffer of {@code w x h} luma samples (multiples of 16), reused when one is free. */
    byte[][] takePicture(int w, int h) {
        int luma = w * h;
        if (luma != pictureLuma) {
            pictureLuma = luma;
            pictureChroma = luma / 4;
            pictures.clear();
            pictureCount.set(0);
        }
        byte[][] b = pictures.poll();
        if (b != null) {
            pictureCount.decrementAndGet();
            return b;
        }
        allocations.incrementAndGet();
        return new byte[][] {new byte[luma], new byte[luma / 4], new byte[luma / 4]};
    }

    /** An output buffer with planes of {@code luma} and {@code chroma} samples. */
    byte[][] takeOutput(int luma, int chroma) {
        if (luma != outputLuma || chroma != outputChroma) {
            outputLuma = luma;
            outputChroma = chroma;
            outputs.clear();
            outputCount.set(0);
        }
        byte[][] b = outputs.poll();
        if (b != null) {
            outputCount.decrementAndGet();
            return b;
        }
        allocations.incrementAndGet();
        return new byte[][] {new byte[luma], new byte[chroma], new byte[chroma]};
    }

    @Override
    public void recycle(byte[][] planes, boolean pictureBuffer) {
        if (closed || planes == null) {
            return;
        }
        if (pictureBuffer) {
            if (planes[0].length == pictureLuma && planes[1].length == pictureChroma
                    && pictureCount.incrementAndGet() <= MAX_PER_KIND) {
                pictures.add(planes);
            } else if (planes[0].length == pictureLuma && planes[1].length == pictureChroma) {
                pictureCount.decrementAndGet();
            }
        } else if (planes[0].length == outputLuma && planes[1].length == outputChroma) {
            if (outputCount.incrementAndGet() <= MAX_PER_KIND) {
                outputs.add(planes);
            } else {
                outputCount.decrementAndGet();
            }
        }
    }

    /** Plane sets allocated since the pool was created. */
    int allocations() {
        return allocations.get();
    }

    void close() {
        closed = true;
        pictures.clear();
        outputs.clear();
    }
}
