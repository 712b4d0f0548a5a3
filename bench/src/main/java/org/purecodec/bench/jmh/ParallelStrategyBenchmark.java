package org.purecodec.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.purecodec.bench.video.LoopedMp4;
import org.purecodec.video.FrameBatch;
import org.purecodec.video.parallel.ParallelDecoder;
import org.purecodec.video.parallel.ParallelOptions;
import org.purecodec.video.parallel.ParallelStrategy;
import org.purecodec.video.parallel.SplitMode;

/**
 * Each parallel strategy on a short workload: one frame every 12 of the embedded sample repeated
 * {@code loops} times (default 1: 29 frames of 345), with {@code workers} workers (default 2). Worker
 * processes include JVM start-up in every operation. Score: seconds per call.
 * Run: {@code java -cp bench/target/purecodec-cli.jar org.openjdk.jmh.Main ParallelStrategy}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(1)
@State(Scope.Benchmark)
public class ParallelStrategyBenchmark {
    /** Strategy and split. */
    @Param({"SEQUENTIAL", "INTERNAL_THREADS", "VIRTUAL_THREADS:NAIVE", "VIRTUAL_THREADS:GOP_AWARE",
            "PROCESSES:NAIVE", "PROCESSES:GOP_AWARE"})
    public String strategy;

    /** Workers. */
    @Param({"2"})
    public int workers;

    /** Repetitions of the sample. */
    @Param({"1"})
    public int loops;

    private Path dir;
    private Path file;
    private int[] indices;
    private ParallelOptions options;

    /** Writes the video and the options. */
    @Setup(Level.Trial)
    public void setup() throws IOException {
        dir = Files.createTempDirectory("purecodec-jmh-par-");
        file = dir.resolve("looped.mp4");
        LoopedMp4.Info info = LoopedMp4.write(LoopedMp4.embeddedSample(), loops, file);
        indices = new int[(info.samples() + 11) / 12];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = 12 * i;
        }
        String[] p = strategy.split(":");
        options = ParallelOptions.builder().strategy(ParallelStrategy.valueOf(p[0]))
                .split(p.length > 1 ? SplitMode.valueOf(p[1]) : SplitMode.GOP_AWARE).workers(workers).build();
    }

    /** Removes the video. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    /** Decodes the frames. */
    @Benchmark
    public FrameBatch decode() {
        return ParallelDecoder.getFramesAt(file, options, indices);
    }
}
