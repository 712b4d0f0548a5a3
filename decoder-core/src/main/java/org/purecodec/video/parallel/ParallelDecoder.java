package org.purecodec.video.parallel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.purecodec.video.DecoderOptions;
import org.purecodec.video.FrameBatch;
import org.purecodec.video.VideoDecoder;
import org.purecodec.video.VideoDecoderException;
import org.purecodec.video.VideoDecoderException.Kind;
import org.purecodec.video.internal.Threads;

/**
 * Decodes a set of frames of one video with several workers: the strategies of {@link ParallelStrategy},
 * the work cut by a {@link DecodePlan}. The result is the same batch, byte for byte, as
 * {@code VideoDecoder.open(file, options).getFramesAt(indices)}: same frames, same order (the caller's,
 * duplicates allowed), same timestamps.
 *
 * <pre>{@code
 * int[] every12th = ...;
 * FrameBatch b = ParallelDecoder.getFramesAt(Paths.get("long.mp4"), ParallelOptions.defaults(), every12th);
 *
 * // or: make the plan (a serialisable value), then execute it
 * DecodePlan plan = DecodePlanner.plan(file, DecoderOptions.defaults(), every12th, 4, SplitMode.GOP_AWARE);
 * FrameBatch same = ParallelDecoder.execute(file, plan, ParallelOptions.defaults());
 * }</pre>
 *
 * <p>Memory: the whole batch is one array (below 2 GiB); workers decode in small sub-batches and copy
 * into it, so the peak is about the batch plus a few frames per worker.
 */
public final class ParallelDecoder {
    /** Frames a worker decodes per {@code getFramesAt} call before copying them out. */
    static final int SUB_BATCH = 16;

    private ParallelDecoder() {
    }

    /** Decodes {@code indices} of {@code file} with the strategy, split and workers of {@code options}. */
    public static FrameBatch getFramesAt(Path file, ParallelOptions options, int... indices) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(indices, "indices");
        Source src = Source.of(file);
        switch (options.strategy()) {
            case SEQUENTIAL:
            case INTERNAL_THREADS:
                return single(src, options, indices);
            case PROCESSES: {
                Layout layout = Layout.of(src, options.decoderOptions());
                try (MappedFrameBatch m = ProcessExecutor.run(file, src.plan(options, indices), options, layout)) {
                    return m.toFrameBatch();
                }
            }
            default: {
                Layout layout = Layout.of(src, options.decoderOptions());
                return execute(src, src.plan(options, indices), options, layout);
            }
        }
    }

    /**
     * Decodes {@code indices} of a file held in memory: {@link ParallelStrategy#SEQUENTIAL},
     * {@link ParallelStrategy#INTERNAL_THREADS} or {@link ParallelStrategy#VIRTUAL_THREADS} (every worker
     * opens the same array); {@link ParallelStrategy#PROCESSES} needs a file.
     */
    public static FrameBatch getFramesAt(byte[] data, ParallelOptions options, int... indices) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(indices, "indices");
        Source src = Source.of(data);
        switch (options.strategy()) {
            case SEQUENTIAL:
            case INTERNAL_THREADS:
                return single(src, options, indices);
            case PROCESSES:
                throw new VideoDecoderException(Kind.INVALID_ARGUMENT, "the PROCESSES strategy needs a file on disk");
            default:
                Layout layout = Layout.of(src, options.decoderOptions());
                return execute(src, src.plan(options, indices), options, layout);
        }
    }

    /**
     * Executes a plan with {@link ParallelStrategy#VIRTUAL_THREADS} or {@link ParallelStrategy#PROCESSES}
     * (one worker per chunk; {@code options.workers()} and {@code split()} are not used; a single-decoder
     * strategy decodes the plan's indices with one decoder).
     */
    public static FrameBatch execute(Path file, DecodePlan plan, ParallelOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(options, "options");
        Source src = Source.of(file);
        if (options.strategy() == ParallelStrategy.PROCESSES) {
            try (MappedFrameBatch m = executeMapped(file, plan, options)) {
                return m.toFrameBatch();
            }
        }
        return execute(src, plan, options, null);
    }

    /**
     * Decodes {@code indices} of {@code file} with worker processes and returns the shared memory-mapped
     * frames without copying them (whatever {@code options.strategy()} says). The temp file is deleted
     * as soon as it is mapped where the OS allows it, else when the result is closed.
     */
    public static MappedFrameBatch getFramesMapped(Path file, ParallelOptions options, int... indices) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(indices, "indices");
        Source src = Source.of(file);
        Layout layout = Layout.of(src, options.decoderOptions());
        return ProcessExecutor.run(file, src.plan(options, indices), options, layout);
    }

    /** Executes a plan with worker processes, returning the memory-mapped frames (see {@link #getFramesMapped}). */
    public static MappedFrameBatch executeMapped(Path file, DecodePlan plan, ParallelOptions options) {
        Objects.requireNonNull(plan, "plan");
        Layout layout = Layout.of(Source.of(file), options.decoderOptions());
        return ProcessExecutor.run(file, plan, options, layout);
    }

    // ------------------------------------------------------------------------------------------------

    private static FrameBatch single(Source src, ParallelOptions options, int[] indices) {
        DecoderOptions o = options.decoderOptions();
        if (options.strategy() == ParallelStrategy.INTERNAL_THREADS) {
            o = Options.withThreads(o, options.workers());
        }
        try (VideoDecoder d = src.open(o)) {
            return d.getFramesAt(indices);
        }
    }

    private static FrameBatch execute(Source src, DecodePlan plan, ParallelOptions options, Layout known) {
        if (options.strategy() == ParallelStrategy.SEQUENTIAL || options.strategy() == ParallelStrategy.INTERNAL_THREADS) {
            return single(src, options, plan.indices());
        }
        int n = plan.indices().length;
        Output out = new Output(n, plan.indices());
        double[] pts = new double[n];
        double[] dur = new double[n];
        boolean[] key = new boolean[n];
        Map<Integer, int[]> slots = slots(plan.indices());
        Sink sink = (slot, b, k) -> {
            byte[] data = out.array(b, slot);
            System.arraycopy(b.data(), k * b.frameSize(), data, slot * b.frameSize(), b.frameSize());
            pts[slot] = b.ptsSeconds()[k];
            dur[slot] = b.durationSeconds()[k];
            key[slot] = b.keyFrames()[k];
        };
        AtomicBoolean cancelled = new AtomicBoolean();
        List<DecodePlan.Chunk> chunks = plan.chunks();
        if (chunks.size() == 1) {
            try (VideoDecoder d = src.open(options.decoderOptions())) {
                runChunk(d, chunks.get(0), slots, sink, cancelled);
            }
        } else if (!chunks.isEmpty()) {
            ExecutorService pool = Threads.newThreadPerTaskExecutor("purecodec-decode");
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (DecodePlan.Chunk c : chunks) {
                    futures.add(pool.submit(() -> {
                        try (VideoDecoder d = src.open(options.decoderOptions())) {
                            runChunk(d, c, slots, sink, cancelled);
                        }
                        return null;
                    }));
                }
                Throwable failure = null;
                for (Future<?> f : futures) {
                    try {
                        f.get();
                    } catch (ExecutionException e) {
                        cancelled.set(true);
                        if (failure == null) {
                            failure = e.getCause();
                        }
                    } catch (InterruptedException e) {
                        cancelled.set(true);
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for the decoding workers", e);
                    }
                }
                // a worker's unchecked exception or Error (out of memory, above all) as it is; anything else wrapped
                if (failure instanceof RuntimeException) {
                    throw (RuntimeException) failure;
                }
                if (failure instanceof Error) {
                    throw (Error) failure;
                }
                if (failure != null) {
                    throw new IllegalStateException("decoding worker failed: " + failure, failure);
                }
            } finally {
                cancelled.set(true);
                pool.shutdownNow();
            }
        }
        if (out.data == null) { // no frame asked for
            Layout layout = known != null ? known : Layout.of(src, options.decoderOptions());
            return new FrameBatch(new byte[0], layout.batchShape(0), layout.width, layout.height, plan.indices(), pts, dur,
                    key);
        }
        return new FrameBatch(out.data, out.layout.batchShape(n), out.layout.width, out.layout.height, plan.indices(),
                pts, dur, key);
    }

    /**
     * The frames of one request, of one size: the array is made when the first decoded batch tells the size (a
     * stream may change its picture size, so the stream's first size is not necessarily the request's); a batch
     * of another size fails the request, as in {@link VideoDecoder}.
     */
    private static final class Output {
        private final int n;
        private final int[] indices;
        byte[] data;
        Layout layout;
        private int sizedBy;

        Output(int n, int[] indices) {
            this.n = n;
            this.indices = indices;
        }

        synchronized byte[] array(FrameBatch b, int slot) {
            if (data == null) {
                long total = (long) n * b.frameSize();
                if (total > Integer.MAX_VALUE - 64) {
                    throw new VideoDecoderException(Kind.LIMIT_EXCEEDED, n + " frames of " + b.frameSize() + " bytes do"
                            + " not fit in one array (2 GiB); ask for fewer frames at a time");
                }
                data = new byte[(int) total];
                layout = new Layout(java.util.Arrays.copyOfRange(b.shape(), 1, b.shape().length), b.frameSize(),
                        b.width(), b.height());
                sizedBy = slot;
            } else if (b.width() != layout.width || b.height() != layout.height || b.frameSize() != layout.frameSize) {
                throw new VideoDecoderException(Kind.UNSUPPORTED, "frame " + indices[slot] + " is " + b.width() + "x"
                        + b.height() + " and frame " + indices[sizedBy] + " of the same request " + layout.width + "x"
                        + layout.height + ": the stream changes its picture size, and the frames of one batch must"
                        + " have one size; ask for the frames of each size separately (or one at a time)");
            }
            return data;
        }
    }

    /** Where a decoded frame goes: output position {@code slot} receives frame {@code k} of {@code b}. */
    interface Sink {
        void put(int slot, FrameBatch b, int k);
    }

    /** Frame index to the output positions that asked for it. */
    static Map<Integer, int[]> slots(int[] indices) {
        Map<Integer, int[]> m = new HashMap<>();
        for (int i = 0; i < indices.length; i++) {
            int[] prev = m.get(indices[i]);
            int[] next;
            if (prev == null) {
                next = new int[] {i};
            } else {
                next = java.util.Arrays.copyOf(prev, prev.length + 1);
                next[prev.length] = i;
            }
            m.put(indices[i], next);
        }
        return m;
    }

    /** Decodes one chunk run by run, in sub-batches, handing every frame to the sink for each slot. */
    static void runChunk(VideoDecoder d, DecodePlan.Chunk chunk, Map<Integer, int[]> slots, Sink sink,
                         AtomicBoolean cancelled) {
        for (DecodePlan.Run run : chunk.runs()) {
            int[] frames = run.frames();
            for (int from = 0; from < frames.length; from += SUB_BATCH) {
                if (cancelled.get()) {
                    return;
                }
                int[] part = java.util.Arrays.copyOfRange(frames, from, Math.min(frames.length, from + SUB_BATCH));
                FrameBatch b = d.getFramesAt(part);
                for (int k = 0; k < part.length; k++) {
                    int[] s = slots.get(part[k]);
                    if (s == null) {
                        throw new VideoDecoderException(Kind.INVALID_ARGUMENT, "the plan's chunk asks for frame "
                                + part[k] + ", which is not among the plan's indices");
                    }
                    for (int slot : s) {
                        sink.put(slot, b, k);
                    }
                }
            }
        }
    }

    /** Shape and size of one frame, and the picture size, for the options. */
    static final class Layout {
        final int[] frameShape;
        final int frameSize;
        final int width;
        final int height;

        private Layout(int[] frameShape, int frameSize, int width, int height) {
            this.frameShape = frameShape;
            this.frameSize = frameSize;
            this.width = width;
            this.height = height;
        }

        static Layout of(Source src, DecoderOptions options) {
            try (VideoDecoder d = src.open(options)) {
                FrameBatch empty = d.getFramesAt();
                int[] shape = java.util.Arrays.copyOfRange(empty.shape(), 1, empty.shape().length);
                return new Layout(shape, empty.frameSize(), empty.width(), empty.height());
            }
        }

        int[] batchShape(int n) {
            int[] s = new int[frameShape.length + 1];
            s[0] = n;
            System.arraycopy(frameShape, 0, s, 1, frameShape.length);
            return s;
        }
    }

    /** A file or an in-memory file. */
    abstract static class Source {
        abstract VideoDecoder open(DecoderOptions o);

        abstract DecodePlan plan(ParallelOptions options, int[] indices);

        static Source of(Path file) {
            return new Source() {
                @Override
                VideoDecoder open(DecoderOptions o) {
                    return VideoDecoder.open(file, o);
                }

                @Override
                DecodePlan plan(ParallelOptions options, int[] indices) {
                    return DecodePlanner.plan(file, options.decoderOptions(), indices, options.workers(),
                            options.split());
                }
            };
        }

        static Source of(byte[] data) {
            return new Source() {
                @Override
                VideoDecoder open(DecoderOptions o) {
                    return VideoDecoder.open(data, o);
                }

                @Override
                DecodePlan plan(ParallelOptions options, int[] indices) {
                    return DecodePlanner.plan(data, "byte[" + data.length + "]", options.decoderOptions(), indices,
                            options.workers(), options.split());
                }
            };
        }
    }
}
