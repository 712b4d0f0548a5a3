package org.purecodec.bench.jmh;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
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
import org.purecodec.mp4.Mp4Demuxer;
import org.purecodec.mp4.Presentation;
import org.purecodec.mp4.Track;

/**
 * Opening an MP4 and building its frame index (sample tables, edit list, presentation order, key
 * frames) on the bench's long video: the embedded sample repeated 50 times (17,250 frames, ~143 MB),
 * and {@code keyFrames()} plus one {@code decodeStartEntry} lookup so that nothing is left lazy.
 * Prints the index's size in bytes per sample at set-up. Score: milliseconds per open (warm).
 * Run: {@code java -cp bench/target/purecodec-cli.jar org.openjdk.jmh.Main DemuxerOpen}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class DemuxerOpenBenchmark {
    /** Repetitions of the 345-frame sample. */
    @Param({"50"})
    public int loops;

    private Path dir;
    private Path file;

    /** Writes the long video. */
    @Setup(Level.Trial)
    public void setup() throws Exception {
        dir = Files.createTempDirectory("purecodec-jmh-open-");
        file = dir.resolve("looped.mp4");
        LoopedMp4.write(LoopedMp4.embeddedSample(), loops, file);
        try (Mp4Demuxer d = Mp4Demuxer.open(file)) {
            Track t = d.bestVideoTrack();
            long bytes = indexBytes(t);
            System.out.printf(Locale.ROOT, "%n[demuxer index] %d frames, %d samples, file %.1f MB: index %s bytes,"
                            + " %s bytes/sample%n", t.presentation().frameCount(), t.samples().count(), Files.size(file)
                            / 1e6, bytes < 0 ? "n/a" : Long.toString(bytes),
                    bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", (double) bytes / t.samples().count()));
        }
    }

    /** Track.memoryBytes() is package-private in mp4-demux: read through reflection, -1 if unavailable. */
    static long indexBytes(Track t) {
        try {
            Method m = Track.class.getDeclaredMethod("memoryBytes");
            m.setAccessible(true);
            return (Long) m.invoke(t);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }

    /** Removes the video. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    /** Open, build the index, look up key frames and a decode start, close. */
    @Benchmark
    public int openAndIndex() throws IOException {
        try (Mp4Demuxer d = Mp4Demuxer.open(file)) {
            Presentation p = d.bestVideoTrack().presentation();
            return p.keyFrames().length + p.decodeStartEntry(p.frameCount() - 1);
        }
    }
}
