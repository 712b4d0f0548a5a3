package org.purecodec.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.purecodec.testdata.Clip;
import org.purecodec.testdata.FrameHasher;
import org.purecodec.testdata.TestData;

/** Decoders release files and threads; separate decoders work concurrently; interrupts close cleanly. */
class ResourceSafetyTest {
    private static final DecoderOptions YUV = DecoderOptions.builder().outputFormat(OutputFormat.YUV420P).build();

    private static long openFileDescriptors() throws IOException {
        Path fd = Paths.get("/proc/self/fd");
        if (!Files.isDirectory(fd)) {
            return -1;
        }
        try (Stream<Path> s = Files.list(fd)) {
            return s.count();
        }
    }

    @Test
    void thousandsOfDecodersLeaveNoFilesOrThreadsBehind() throws Exception {
        Clip c = TestData.get().clip("one_frame");
        Clip bad = TestData.get().clip("high444");
        // Warm up class loading and JIT threads before counting.
        try (VideoDecoder d = VideoDecoder.open(c.file(), YUV)) {
            d.getFrameAt(0);
        }
        long fdsBefore = openFileDescriptors();
        int threadsBefore = Thread.activeCount();
        for (int i = 0; i < 2000; i++) {
            try (VideoDecoder d = VideoDecoder.open(c.file(), YUV)) {
                if (i % 10 == 0) {
                    assertEquals(c.frameMd5().md5(0), FrameHasher.md5(d.getFrameAt(0).data()));
                }
            }
            if (i % 4 == 0) {
                // Files that fail to open must be closed too.
                assertThrows(VideoDecoderException.class, () -> VideoDecoder.open(bad.file()));
            }
        }
        long fdsAfter = openFileDescriptors();
        if (fdsBefore >= 0) {
            assertTrue(fdsAfter <= fdsBefore + 2, "file descriptors: " + fdsBefore + " before, " + fdsAfter + " after");
        }
        assertTrue(Thread.activeCount() <= threadsBefore + 1,
                "threads: " + threadsBefore + " before, " + Thread.activeCount() + " after");
    }

    @Test
    void separateDecodersOnOneFileFromManyThreads() throws Exception {
        Clip c = TestData.get().clip("bframes_pyramid");
        int n = c.frameMd5().size();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long seed = t;
                results.add(pool.submit(() -> {
                    Random rnd = new Random(seed);
                    int checked = 0;
                    try (VideoDecoder d = VideoDecoder.open(c.file(), YUV)) {
                        for (int k = 0; k < 15; k++) {
                            int i = rnd.nextInt(n);
                            assertEquals(c.frameMd5().md5(i), FrameHasher.md5(d.getFrameAt(i).data()), "frame " + i);
                            checked++;
                        }
                    }
                    return checked;
                }));
            }
            for (Future<Integer> f : results) {
                assertEquals(15, f.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void oneDecoderSharedByThreadsIsSerialised() throws Exception {
        Clip c = TestData.get().clip("main_cabac");
        try (VideoDecoder d = VideoDecoder.open(c.file(), YUV)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> fs = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int start = t * 10;
                    fs.add(pool.submit(() -> {
                        for (int i = start; i < start + 10; i++) {
                            assertEquals(c.frameMd5().md5(i), FrameHasher.md5(d.getFrameAt(i).data()));
                        }
                    }));
                }
                for (Future<?> f : fs) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void interruptingADecodingThreadClosesTheDecoder() throws Exception {
        Clip c = TestData.get().clip("long_gop");
        VideoDecoder d = VideoDecoder.open(c.file(), YUV);
        AtomicReference<Throwable> error = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                // Far more work than the 200 ms before the interrupt arrives (each pass re-seeks to frame 0).
                for (int pass = 0; pass < 50; pass++) {
                    d.getFramesAt(c.frameMd5().size() - 1, 0);
                }
            } catch (Throwable e) {
                error.set(e);
            }
        });
        t.start();
        Thread.sleep(200);
        t.interrupt();
        t.join(60_000);
        assertTrue(!t.isAlive(), "decoding thread ended");
        Throwable e = error.get();
        assertTrue(e instanceof VideoDecoderException, "typed error: " + e);
        assertEquals(VideoDecoderException.Kind.INTERRUPTED, ((VideoDecoderException) e).kind(), e.toString());
        VideoDecoderException closed = assertThrows(VideoDecoderException.class, () -> d.getFrameAt(0));
        assertEquals(VideoDecoderException.Kind.CLOSED, closed.kind());
        d.close(); // idempotent
    }
}
