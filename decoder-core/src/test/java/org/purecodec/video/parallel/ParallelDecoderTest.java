package org.purecodec.video.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.purecodec.testdata.Clip;
import org.purecodec.testdata.TestData;
import org.purecodec.video.DecoderOptions;
import org.purecodec.video.DimensionOrder;
import org.purecodec.video.FrameBatch;
import org.purecodec.video.OutputFormat;
import org.purecodec.video.VideoDecoder;
import org.purecodec.video.VideoDecoderException;

/** Every strategy and split returns the batch a single decoder returns, byte for byte. */
class ParallelDecoderTest {
    static Stream<String> clips() {
        return Stream.of("sample", "editlist_bframe", "open_gop", "long_gop", "bframes_pyramid", "baseline_cavlc",
                "intra_only", "fragmented", "rotated90");
    }

    static Path file(String clip) {
        return TestData.get().clip(clip).file();
    }

    /**
     * Every 3rd frame, a few duplicates, out of order, and a negative index; for the long sample only
     * a few frames of its first GOP and the whole second GOP (from key frame 250), to keep the test short.
     */
    static int[] indices(int n) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < n; i += 3) {
            if (n < 300 || i < 12 || i >= 250) {
                l.add(i);
            }
        }
        l.add(l.get(l.size() / 2));
        l.add(0, n - 1);
        l.add(-1);
        if (n > 7) {
            l.add(7);
        }
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }

    static FrameBatch reference(Path f, DecoderOptions o, int[] idx) {
        try (VideoDecoder d = VideoDecoder.open(f, o)) {
            return d.getFramesAt(idx);
        }
    }

    static void assertSame(FrameBatch want, FrameBatch got, String what) {
        assertArrayEquals(want.shape(), got.shape(), what + ": shape");
        assertEquals(want.width(), got.width(), what + ": width");
        assertEquals(want.height(), got.height(), what + ": height");
        assertArrayEquals(want.indices(), got.indices(), what + ": indices");
        assertArrayEquals(want.ptsSeconds(), got.ptsSeconds(), what + ": pts");
        assertArrayEquals(want.durationSeconds(), got.durationSeconds(), what + ": durations");
        assertArrayEquals(want.keyFrames(), got.keyFrames(), what + ": key flags");
        assertTrue(java.util.Arrays.equals(want.data(), got.data()), what + ": frame bytes differ");
    }

    static int frameCount(Path f) {
        try (VideoDecoder d = VideoDecoder.open(f)) {
            return d.size();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clips")
    void inProcessStrategiesReturnIdenticalBatches(String clip) {
        Path f = file(clip);
        int[] idx = indices(frameCount(f));
        FrameBatch want = reference(f, DecoderOptions.defaults(), idx);
        for (ParallelStrategy s : new ParallelStrategy[] {ParallelStrategy.SEQUENTIAL,
                ParallelStrategy.INTERNAL_THREADS}) {
            ParallelOptions o = ParallelOptions.builder().strategy(s).workers(2).build();
            assertSame(want, ParallelDecoder.getFramesAt(f, o, idx), clip + " " + s);
        }
        for (SplitMode split : SplitMode.values()) {
            for (int workers : new int[] {2, 3}) {
                ParallelOptions o = ParallelOptions.builder().strategy(ParallelStrategy.VIRTUAL_THREADS).split(split)
                        .workers(workers).build();
                assertSame(want, ParallelDecoder.getFramesAt(f, o, idx), clip + " virtual threads " + split + " x"
                        + workers);
            }
        }
    }

    static Stream<String> shortClips() {
        return clips().filter(c -> !c.equals("sample"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shortClips")
    void planExecutionMatchesForEveryWorkerCount(String clip) {
        Path f = file(clip);
        int n = frameCount(f);
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        FrameBatch want = reference(f, DecoderOptions.defaults(), all);
        for (int workers = 2; workers <= 5; workers += 3) {
            for (SplitMode split : SplitMode.values()) {
                DecodePlan plan = DecodePlanner.plan(f, DecoderOptions.defaults(), all, workers, split);
                DecodePlan copy = DecodePlan.fromJson(plan.toJson());
                FrameBatch got = ParallelDecoder.execute(f, copy, ParallelOptions.defaults());
                assertSame(want, got, clip + " all frames " + split + " x" + workers);
            }
        }
    }

    @Test
    void otherLayoutsAndYuvMatch() {
        Path f = file("editlist_bframe");
        int[] idx = indices(frameCount(f));
        for (DecoderOptions o : new DecoderOptions[] {
                DecoderOptions.builder().dimensionOrder(DimensionOrder.NHWC).build(),
                DecoderOptions.builder().outputFormat(OutputFormat.YUV420P).build()}) {
            FrameBatch want = reference(f, o, idx);
            ParallelOptions vt = ParallelOptions.builder().workers(3).decoderOptions(o).build();
            assertSame(want, ParallelDecoder.getFramesAt(f, vt, idx), "virtual threads " + o.outputFormat());
        }
    }

    @Test
    void transformsReachWorkerProcesses(@TempDir Path tmp) {
        Path f = file("sample");
        int[] idx = {0, 70, 71, 200, 344, 5};
        DecoderOptions o = DecoderOptions.builder().dimensionOrder(DimensionOrder.NHWC)
                .threadType(org.purecodec.video.ThreadType.SLICE).transforms(
                org.purecodec.video.Transform.resizeShorterSide(100), org.purecodec.video.Transform.centerCrop(90, 90),
                org.purecodec.video.Transform.crop(1, 2, 80, 70), org.purecodec.video.Transform.randomCrop(75, 66),
                org.purecodec.video.Transform.resize(33, 44,
                        org.purecodec.video.Transform.Interpolation.LANCZOS)).build();
        java.util.Properties p = new java.util.Properties();
        Options.write(o, p);
        assertEquals(o.transforms(), Options.read(p).transforms());
        assertEquals(org.purecodec.video.ThreadType.SLICE, Options.read(p).threadType());
        // a resize written without its filter (before filters existed) reads back as bilinear
        assertEquals(org.purecodec.video.Transform.resize(10, 20), Options.parseTransform("resize 10 20"));
        assertEquals(org.purecodec.video.Transform.resizeShorterSide(7), Options.parseTransform("resizeShorterSide 7"));
        FrameBatch want = reference(f, o, idx);
        assertEquals(List.of(idx.length, 33, 44, 3), java.util.Arrays.stream(want.shape()).boxed().toList());
        ParallelOptions proc = ParallelOptions.builder().strategy(ParallelStrategy.PROCESSES).workers(2).tempDir(tmp)
                .decoderOptions(o).build();
        assertSame(want, ParallelDecoder.getFramesAt(f, proc, idx), "processes with transforms");
    }

    @Test
    void inMemoryFile() throws IOException {
        Path f = file("open_gop");
        byte[] bytes = Files.readAllBytes(f);
        int[] idx = indices(frameCount(f));
        FrameBatch want = reference(f, DecoderOptions.defaults(), idx);
        assertSame(want, ParallelDecoder.getFramesAt(bytes, ParallelOptions.defaults(), idx), "byte[]");
        ParallelOptions proc = ParallelOptions.builder().strategy(ParallelStrategy.PROCESSES).build();
        VideoDecoderException e = assertThrows(VideoDecoderException.class,
                () -> ParallelDecoder.getFramesAt(bytes, proc, idx));
        assertEquals(VideoDecoderException.Kind.INVALID_ARGUMENT, e.kind());
    }

    @Test
    void errorsAreTheDecodersErrors() {
        Path f = file("sample");
        VideoDecoderException e = assertThrows(VideoDecoderException.class,
                () -> ParallelDecoder.getFramesAt(f, ParallelOptions.defaults(), 0, 100000));
        assertEquals(VideoDecoderException.Kind.INDEX_OUT_OF_RANGE, e.kind());
        Path refused = TestData.get().clip("high10").file();
        e = assertThrows(VideoDecoderException.class,
                () -> ParallelDecoder.getFramesAt(refused, ParallelOptions.defaults(), 0));
        assertEquals(VideoDecoderException.Kind.UNSUPPORTED, e.kind());
    }

    @Test
    void emptyRequest() {
        Path f = file("sample");
        FrameBatch b = ParallelDecoder.getFramesAt(f, ParallelOptions.defaults());
        assertEquals(0, b.size());
        assertEquals(0, b.data().length);
    }

    // ------------------------------------------------------------------------------------ processes

    @ParameterizedTest(name = "{0}")
    @MethodSource("processClips")
    void processesReturnIdenticalBatches(String clip, @TempDir Path tmp) throws IOException {
        Path f = file(clip);
        int[] idx = indices(frameCount(f));
        FrameBatch want = reference(f, DecoderOptions.defaults(), idx);
        for (SplitMode split : SplitMode.values()) {
            ParallelOptions o = ParallelOptions.builder().strategy(ParallelStrategy.PROCESSES).split(split).workers(2)
                    .tempDir(tmp).build();
            assertSame(want, ParallelDecoder.getFramesAt(f, o, idx), clip + " processes " + split);
            assertEmpty(tmp);
        }
    }

    static Stream<String> processClips() {
        return Stream.of("editlist_bframe", "open_gop", "bframes_pyramid");
    }

    @Test
    void mappedFramesAreNotCopied(@TempDir Path tmp) throws IOException {
        Path f = file("sample");
        int[] idx = indices(frameCount(f));
        FrameBatch want = reference(f, DecoderOptions.defaults(), idx);
        ParallelOptions o = ParallelOptions.builder().workers(2).tempDir(tmp).build();
        try (MappedFrameBatch m = ParallelDecoder.getFramesMapped(f, o, idx)) {
            ByteBuffer data = m.data();
            assertTrue(data.isReadOnly());
            assertEquals(want.data().length, data.remaining());
            assertArrayEquals(want.shape(), m.shape());
            byte[] copy = new byte[data.remaining()];
            data.get(copy);
            assertArrayEquals(want.data(), copy);
            assertSame(want, m.toFrameBatch(), "mapped");
        }
        assertEmpty(tmp);
    }

    @Test
    void killedWorkerIsReportedAndCleanedUp(@TempDir Path tmp) throws IOException {
        Path f = file("sample");
        int[] idx = indices(frameCount(f));
        List<Process> started = new ArrayList<>();
        ProcessExecutor.onStarted = procs -> {
            started.addAll(procs);
            procs.get(1).destroyForcibly();
        };
        try {
            ParallelOptions o = ParallelOptions.builder().strategy(ParallelStrategy.PROCESSES).workers(2).tempDir(tmp)
                    .build();
            WorkerFailedException e = assertThrows(WorkerFailedException.class,
                    () -> ParallelDecoder.getFramesAt(f, o, idx));
            assertEquals(1, e.worker());
            assertFalse(e.timedOut());
            assertTrue(e.exitCode() != 0, "exit code " + e.exitCode());
            assertTrue(e.getMessage().contains("worker process 1") && e.getMessage().contains("exit code "
                    + e.exitCode()), e.getMessage());
        } finally {
            ProcessExecutor.onStarted = null;
        }
        assertEquals(2, started.size());
        for (Process p : started) {
            assertFalse(p.isAlive(), "a worker is still running");
        }
        assertEmpty(tmp);
    }

    @Test
    void hungWorkerTimesOut(@TempDir Path tmp) throws IOException {
        Path f = file("open_gop");
        ParallelOptions o = ParallelOptions.builder().strategy(ParallelStrategy.PROCESSES).workers(2).tempDir(tmp)
                .workerTimeoutMillis(3000)
                .workerJvmOptions(List.of("-Xmx256m", "-Dpurecodec.worker.fault=hang")).build();
        long t0 = System.nanoTime();
        WorkerFailedException e = assertThrows(WorkerFailedException.class,
                () -> ParallelDecoder.getFramesAt(f, o, 0, 10, 50));
        assertTrue(e.timedOut());
        assertTrue(e.getMessage().contains("did not finish within 3000 ms"), e.getMessage());
        // generous bound: the limit plus killing; never a hang of the test
        assertTrue(System.nanoTime() - t0 < 60_000_000_000L);
        assertEmpty(tmp);
    }

    @Test
    void failingWorkerExitCodeIsReported(@TempDir Path tmp) throws IOException {
        Path f = file("open_gop");
        ParallelOptions o = ParallelOptions.builder().strategy(ParallelStrategy.PROCESSES).workers(2).tempDir(tmp)
                .workerJvmOptions(List.of("-Xmx256m", "-Dpurecodec.worker.fault=exit:7")).build();
        WorkerFailedException e = assertThrows(WorkerFailedException.class,
                () -> ParallelDecoder.getFramesAt(f, o, 0, 10, 50));
        assertEquals(7, e.exitCode());
        assertTrue(e.getMessage().contains("exit code 7"), e.getMessage());
        assertEmpty(tmp);
    }

    static void assertEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> left = new ArrayList<>();
            s.forEach(left::add);
            assertTrue(left.isEmpty(), "temp files left: " + left);
        }
    }
}
