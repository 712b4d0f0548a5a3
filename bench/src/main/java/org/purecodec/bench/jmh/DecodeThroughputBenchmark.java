package org.purecodec.bench.jmh;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.jcodec.api.FrameGrab;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.Picture;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.purecodec.bench.SampleClip;
import org.purecodec.h264.DecodedFrame;
import org.purecodec.h264.H264Decoder;
import org.purecodec.mp4.AvcConfig;
import org.purecodec.mp4.Mp4Demuxer;
import org.purecodec.mp4.Presentation;

/**
 * Decoding speed on {@code sample.mp4} (640x360, 345 frames, x264 High with CABAC and B-pyramid): our
 * {@link H264Decoder} fed by {@link Mp4Demuxer}, and plain JCodec ({@link FrameGrab#getNativeFrame()}
 * until null), in the same run. The {@code frames} counter is decoded (or, for the every-12th cases,
 * delivered) frames per second; the primary score is whole-clip decodes per second.
 *
 * <p>{@code ownBackendAndJcodecInTurn} decodes the clip with our own backend and then with plain JCodec in
 * each operation and prints the ratio of their times per iteration at the end of the trial: JMH runs
 * benchmarks one after the other, and on a machine with slow and fast phases (this project's 2-core one)
 * the ratio of two separate benchmarks' scores moves by tens of percent from run to run.
 *
 * <p>The every-12th cases ask for presentation frames 0, 12, 24, ... while decoding the whole clip in
 * one pass: {@code every12thDecodeAll} decodes every picture (output only the wanted ones),
 * {@code every12thSkipNonReference} skips the non-reference pictures that are not wanted.
 *
 * <p>The clip is {@code -Dpurecodec.sample=PATH}, else {@code testdata/videos/sample.mp4} under the
 * working directory, else the copy embedded in the CLI jar. Run:
 * {@code java -cp bench/target/purecodec-cli.jar org.openjdk.jmh.Main DecodeThroughput -f 1 -wi 2 -i 3}.
 * Samples are read into memory before timing, so demuxing I/O is not measured for ours; FrameGrab
 * reads the file itself (from the page cache).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@State(Scope.Benchmark)
public class DecodeThroughputBenchmark {
    private Path file;
    private AvcConfig avc;
    private List<byte[]> samples;
    /** Presentation frame of each decode-order entry (-1 when not presented). */
    private int[] entryFrame;

    /** Frames per second, reported by JMH next to the primary score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Frames {
        /** Frames decoded (or delivered) in the iteration. */
        public long frames;

        @Setup(Level.Iteration)
        public void reset() {
            frames = 0;
        }
    }

    @Setup(Level.Trial)
    public void load() throws IOException {
        SampleClip clip = SampleClip.read(SampleClip.locateSample());
        file = clip.file;
        avc = clip.avc;
        samples = clip.samples;
        entryFrame = clip.entryFrame;
    }

    private long decode(H264Decoder d, boolean every12th) {
        long out = 0;
        for (int e = 0; e < samples.size(); e++) {
            boolean wanted = !every12th || (entryFrame[e] >= 0 && entryFrame[e] % 12 == 0);
            try {
                d.decodeSample(ByteBuffer.wrap(samples.get(e)), e, wanted);
            } catch (RuntimeException ex) {
                throw new IllegalStateException("entry " + e + ": " + ex, ex);
            }
            for (DecodedFrame f; (f = d.poll()) != null; ) {
                out++;
                f.release();
            }
        }
        d.flush();
        for (DecodedFrame f; (f = d.poll()) != null; ) {
            out++;
            f.release();
        }
        return out;
    }

    /** Every frame with our decoder (one thread). */
    @Benchmark
    public long purecodecAllFrames(Frames c) {
        try (H264Decoder d = H264Decoder.fromAvcC(avc.sps(), avc.pps(), avc.nalLengthSize())) {
            long n = decode(d, false);
            c.frames += n;
            return n;
        }
    }

    /** Every frame with our decoder on the JCodec backend (our frame layer over JCodec's macroblock decoding). */
    @Benchmark
    public long purecodecJcodecBackendAllFrames(Frames c) {
        try (H264Decoder d = H264Decoder.builder().backend(H264Decoder.Backend.JCODEC).buildForAvcC(avc.sps(), avc.pps(),
                avc.nalLengthSize())) {
            long n = decode(d, false);
            c.frames += n;
            return n;
        }
    }

    /** Every frame with our decoder on our own backend. */
    @Benchmark
    public long purecodecOwnBackendAllFrames(Frames c) {
        try (H264Decoder d = H264Decoder.builder().backend(H264Decoder.Backend.OWN).buildForAvcC(avc.sps(), avc.pps(),
                avc.nalLengthSize())) {
            long n = decode(d, false);
            c.frames += n;
            return n;
        }
    }

    /** Every frame with our own backend and two frame threads (one decoder). */
    @Benchmark
    public long purecodecOwnBackendTwoFrameThreads(Frames c) {
        try (H264Decoder d = H264Decoder.builder().backend(H264Decoder.Backend.OWN).threads(2).buildForAvcC(avc.sps(),
                avc.pps(), avc.nalLengthSize())) {
            long n = decode(d, false);
            c.frames += n;
            return n;
        }
    }

    /** One decoder per thread kept across operations, for the steady-state cases. */
    @State(Scope.Thread)
    public static class Reused {
        H264Decoder one;
        H264Decoder two;

        @Setup(Level.Trial)
        public void open(DecodeThroughputBenchmark b) {
            one = H264Decoder.builder().backend(H264Decoder.Backend.OWN).buildForAvcC(b.avc.sps(), b.avc.pps(),
                    b.avc.nalLengthSize());
            two = H264Decoder.builder().backend(H264Decoder.Backend.OWN).threads(2).buildForAvcC(b.avc.sps(), b.avc.pps(),
                    b.avc.nalLengthSize());
        }

        @org.openjdk.jmh.annotations.TearDown(Level.Trial)
        public void close() {
            one.close();
            two.close();
        }
    }

    /**
     * Every frame with our own backend, one decoder kept from one clip decode to the next (flushed at the
     * end of each): steady state, where {@code -prof gc} shows what decoding itself allocates per frame
     * (the other cases include opening a decoder and its picture buffers).
     */
    @Benchmark
    public long purecodecOwnBackendReusedDecoder(Frames c, Reused r) {
        long n = decode(r.one, false);
        c.frames += n;
        return n;
    }

    /** As {@link #purecodecOwnBackendReusedDecoder} with two frame threads. */
    @Benchmark
    public long purecodecOwnBackendReusedDecoderTwoFrameThreads(Frames c, Reused r) {
        long n = decode(r.two, false);
        c.frames += n;
        return n;
    }

    /**
     * Our decoder (own backend, one thread, a new decoder) and plain JCodec timed in turn within each
     * operation, so that both see the same phases of a noisy machine. The counters are JMH's sums over the
     * measured iterations (their ratio is the speed-up); at the end of the trial the per-iteration
     * speed-ups are printed with their mean and two standard errors.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Pair {
        /** Time spent decoding the clip with ours / with plain JCodec. */
        public long ownNanos;
        public long jcodecNanos;
        private long iterationOwn;
        private long iterationJcodec;
        private boolean measuring;
        private final List<Double> speedups = new ArrayList<>();

        @Setup(Level.Iteration)
        public void startIteration(IterationParams ip) {
            measuring = ip.getType() == IterationType.MEASUREMENT;
            iterationOwn = 0;
            iterationJcodec = 0;
            ownNanos = 0;
            jcodecNanos = 0;
        }

        void add(long own, long jcodec) {
            ownNanos += own;
            jcodecNanos += jcodec;
            iterationOwn += own;
            iterationJcodec += jcodec;
        }

        @TearDown(Level.Iteration)
        public void endIteration() {
            if (measuring && iterationOwn > 0) {
                speedups.add((double) iterationJcodec / iterationOwn);
            }
        }

        @TearDown(Level.Trial)
        public void report() {
            int n = speedups.size();
            if (n == 0) {
                return;
            }
            double mean = 0;
            for (double v : speedups) {
                mean += v / n;
            }
            double var = 0;
            for (double v : speedups) {
                var += (v - mean) * (v - mean);
            }
            double se2 = n > 1 ? 2 * Math.sqrt(var / (n - 1) / n) : Double.NaN;
            StringBuilder each = new StringBuilder();
            for (double v : speedups) {
                each.append(each.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", v));
            }
            System.out.printf(Locale.ROOT, "%nown backend vs plain JCodec, timed in turn: %.2fx +- %.2f (2 s.e.) over %d"
                    + " iterations (%s)%n", mean, se2, n, each);
        }
    }

    /**
     * The whole clip with our own backend (one thread, a new decoder, as {@link #purecodecOwnBackendAllFrames})
     * and then with plain JCodec (as {@link #jcodecFrameGrabAllFrames}), see {@link Pair}. The primary score
     * counts both decodes.
     */
    @Benchmark
    public long ownBackendAndJcodecInTurn(Pair p, Frames c) throws Exception {
        long t0 = System.nanoTime();
        long n = purecodecOwnBackendAllFrames(c);
        long t1 = System.nanoTime();
        long m = jcodecFrameGrabAllFrames(c);
        long t2 = System.nanoTime();
        if (n != m) {
            throw new IllegalStateException("ours decoded " + n + " frames, plain JCodec " + m);
        }
        p.add(t1 - t0, t2 - t1);
        return n + m;
    }

    /** Every frame with plain JCodec 0.2.5. */
    @Benchmark
    public long jcodecFrameGrabAllFrames(Frames c) throws Exception {
        long n = 0;
        try (SeekableByteChannel ch = NIOUtils.readableChannel(new File(file.toString()))) {
            FrameGrab grab = FrameGrab.createFrameGrab(ch);
            for (Picture p; (p = grab.getNativeFrame()) != null; ) {
                n += p.getWidth() > 0 ? 1 : 0;
            }
        }
        c.frames += n;
        return n;
    }

    /** Every 12th frame wanted; every picture decoded (non-reference skipping off). */
    @Benchmark
    public long every12thDecodeAll(Frames c) {
        try (H264Decoder d = H264Decoder.builder().skipNonReference(false).buildForAvcC(avc.sps(), avc.pps(),
                avc.nalLengthSize())) {
            long n = decode(d, true);
            c.frames += n;
            return n;
        }
    }

    /** Every 12th frame wanted; unwanted non-reference pictures skipped. */
    @Benchmark
    public long every12thSkipNonReference(Frames c) {
        try (H264Decoder d = H264Decoder.builder().skipNonReference(true).buildForAvcC(avc.sps(), avc.pps(),
                avc.nalLengthSize())) {
            long n = decode(d, true);
            c.frames += n;
            return n;
        }
    }
}
