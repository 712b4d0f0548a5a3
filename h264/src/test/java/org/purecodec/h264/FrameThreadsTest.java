package org.purecodec.h264;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.purecodec.h264.kernels.Kernels;
import org.purecodec.h264.kernels.LoopFilter;
import org.purecodec.testdata.Clip;
import org.purecodec.testdata.FrameMd5;
import org.purecodec.testdata.TestData;

/**
 * Frame threads and a picture that fails: {@code baseline_cavlc} (IDRs at pictures 0 and 25, no B-frames,
 * so decoding order is output order) with picture 10 cut in half. With one thread and with frame threads
 * the failure is reported as a typed error, picture 10 never comes out, the decoder stays usable, and
 * from the next IDR on every picture is bit-exact again.
 */
class FrameThreadsTest {
    private static final int DAMAGED = 10;
    private static final int NEXT_IDR = 25;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void failedPictureIsReportedAndNotOutput(int threads) throws Exception {
        Clip clip = TestData.get().clip("baseline_cavlc");
        byte[] clean = Files.readAllBytes(clip.annexB());
        FrameMd5 ref = clip.frameMd5();
        AnnexBIndex index = AnnexBIndex.scan(clean);
        AnnexBIndex.Entry bad = index.entries().get(DAMAGED);
        assertTrue(index.entries().get(NEXT_IDR).idr(), "picture " + NEXT_IDR + " is an IDR");
        ByteArrayOutputStream damaged = new ByteArrayOutputStream();
        damaged.write(clean, 0, (int) bad.offset() + bad.length() / 2); // the slice data ends half-way
        damaged.write(clean, (int) bad.offset() + bad.length(), clean.length - (int) bad.offset() - bad.length());
        byte[] stream = damaged.toByteArray();

        Map<Long, String> out = new TreeMap<>();
        List<H264Exception> errors = new ArrayList<>();
        try (H264Decoder d = H264Decoder.builder().threads(threads).build()) {
            for (AnnexBIndex.Entry e : AnnexBIndex.scan(stream).entries()) {
                try {
                    d.decodeAccessUnit(ByteBuffer.wrap(stream, (int) e.offset(), e.length()), e.decodeIndex(), true);
                } catch (H264Exception ex) {
                    errors.add(ex);
                }
                for (DecodedFrame f; (f = d.poll()) != null; f.release()) {
                    out.put(f.pts(), ConformanceTest.md5(f));
                }
            }
            try {
                d.flush();
            } catch (H264Exception ex) {
                errors.add(ex);
            }
            for (DecodedFrame f; (f = d.poll()) != null; f.release()) {
                out.put(f.pts(), ConformanceTest.md5(f));
            }
        }
        assertFalse(errors.isEmpty(), "the damaged picture is reported");
        assertFalse(out.containsKey((long) DAMAGED), "the damaged picture is not output");
        for (int i = 0; i < DAMAGED; i++) {
            assertEquals(ref.md5(i), out.get((long) i), "picture " + i + " before the damage");
        }
        for (int i = NEXT_IDR; i < ref.size(); i++) {
            assertEquals(ref.md5(i), out.get((long) i), "picture " + i + " after the next IDR");
        }
        System.out.printf("frame threads %d: %d error(s), first: %s; %d of %d pictures out%n", threads, errors.size(),
                errors.get(0).getMessage(), out.size(), ref.size());
    }

    /**
     * An OutOfMemoryError on a frame thread (simulated, thrown once) reaches the caller as it is -- not as a
     * damaged picture, and without leaving the pictures in flight waiting for ever (the decoder used to hang
     * in close() when the heap ran out as a frame thread set up its slice decoder) -- and the decoder goes on:
     * from the next IDR on every picture is bit-exact. {@code whenSettingUp}: the first frame-thread slice
     * decoder cannot be built; else a deblocking call in the middle of the stream fails.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void outOfMemoryOnAFrameThreadReachesTheCaller(boolean whenSettingUp) throws Exception {
        Clip clip = TestData.get().clip("baseline_cavlc");
        byte[] stream = Files.readAllBytes(clip.annexB());
        FrameMd5 ref = clip.frameMd5();
        AtomicInteger calls = new AtomicInteger();
        Map<Long, String> out = new TreeMap<>();
        List<OutOfMemoryError> fatal = new ArrayList<>();
        try (H264Decoder d = H264Decoder.builder().threads(2).build()) {
            d.ownBackend().frameThreadKernels = () -> {
                if (whenSettingUp && calls.getAndIncrement() == 0) {
                    throw new OutOfMemoryError("simulated: no heap for a slice decoder");
                }
                Kernels k = Kernels.fast();
                return whenSettingUp ? k : new Kernels(k.transform, k.intra, k.inter, failingOnce(k.loopFilter, calls));
            };
            List<AnnexBIndex.Entry> units = AnnexBIndex.scan(stream).entries();
            for (int i = 0; i <= units.size(); i++) {
                try {
                    if (i < units.size()) {
                        AnnexBIndex.Entry e = units.get(i);
                        d.decodeAccessUnit(ByteBuffer.wrap(stream, (int) e.offset(), e.length()), e.decodeIndex(), true);
                    } else {
                        d.flush();
                    }
                } catch (OutOfMemoryError e) {
                    fatal.add(e);
                } catch (H264Exception e) {
                    // pictures after the failed one may lack their reference: typed errors, until the next IDR
                }
                for (DecodedFrame f; (f = d.poll()) != null; f.release()) {
                    out.put(f.pts(), ConformanceTest.md5(f));
                }
            }
        } // close() must return: every picture in flight has ended
        assertEquals(1, fatal.size(), "the OutOfMemoryError is thrown to the caller once");
        assertTrue(fatal.get(0).getMessage().startsWith("simulated"), fatal.get(0).toString());
        long before = out.keySet().stream().filter(pts -> pts < NEXT_IDR).count();
        assertTrue(before < NEXT_IDR, "the failure falls before the next IDR (" + before + " pictures out before it)");
        for (int i = NEXT_IDR; i < ref.size(); i++) {
            assertEquals(ref.md5(i), out.get((long) i), "picture " + i + " after the next IDR");
        }
        System.out.printf("simulated OutOfMemoryError %s: %s; %d of %d pictures before the next IDR out%n",
                whenSettingUp ? "setting up" : "deblocking", fatal.get(0).getMessage(), before, NEXT_IDR);
    }

    /**
     * An OutOfMemoryError on a frame thread that the decoding call has not yet reported is not lost in a
     * {@link H264Decoder#reset()}: reset() does its work, then throws it (exactly one of the two calls sees it,
     * depending on when the frame thread fails), and decoding from the next IDR is bit-exact.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void outOfMemoryOnAFrameThreadIsNotLostInAReset() throws Exception {
        Clip clip = TestData.get().clip("baseline_cavlc");
        byte[] stream = Files.readAllBytes(clip.annexB());
        FrameMd5 ref = clip.frameMd5();
        List<AnnexBIndex.Entry> units = AnnexBIndex.scan(stream).entries();
        AtomicInteger calls = new AtomicInteger();
        int seen = 0;
        Map<Long, String> out = new TreeMap<>();
        try (H264Decoder d = H264Decoder.builder().threads(2).build()) {
            d.ownBackend().frameThreadKernels = () -> {
                if (calls.getAndIncrement() == 0) {
                    throw new OutOfMemoryError("simulated: no heap for a slice decoder");
                }
                return Kernels.fast();
            };
            AnnexBIndex.Entry first = units.get(0);
            try {
                d.decodeAccessUnit(ByteBuffer.wrap(stream, (int) first.offset(), first.length()), first.decodeIndex(), true);
            } catch (OutOfMemoryError e) {
                seen++;
            }
            try {
                d.reset();
            } catch (OutOfMemoryError e) {
                seen++;
            }
            for (int i = NEXT_IDR; i < units.size(); i++) {
                AnnexBIndex.Entry e = units.get(i);
                d.decodeAccessUnit(ByteBuffer.wrap(stream, (int) e.offset(), e.length()), e.decodeIndex(), true);
                for (DecodedFrame f; (f = d.poll()) != null; f.release()) {
                    out.put(f.pts(), ConformanceTest.md5(f));
                }
            }
            d.flush();
            for (DecodedFrame f; (f = d.poll()) != null; f.release()) {
                out.put(f.pts(), ConformanceTest.md5(f));
            }
        }
        assertEquals(1, seen, "the OutOfMemoryError reaches the caller once, from the decoding call or from reset()");
        for (int i = NEXT_IDR; i < ref.size(); i++) {
            assertEquals(ref.md5(i), out.get((long) i), "picture " + i + " after the reset");
        }
    }

    /** {@code lf}, except that its 20,000th call (counted in {@code calls}) throws an OutOfMemoryError. */
    private static LoopFilter failingOnce(LoopFilter lf, AtomicInteger calls) {
        return new LoopFilter() {
            @Override
            public void lumaEdge(byte[] pix, int off, int across, int along, int[] bS, int bSOff, int indexA, int indexB) {
                check();
                lf.lumaEdge(pix, off, across, along, bS, bSOff, indexA, indexB);
            }

            @Override
            public void chromaEdge(byte[] pix, int off, int across, int along, int[] bS, int bSOff, int indexA, int indexB) {
                check();
                lf.chromaEdge(pix, off, across, along, bS, bSOff, indexA, indexB);
            }

            private void check() {
                if (calls.incrementAndGet() == 20_000) {
                    throw new OutOfMemoryError("simulated: out of memory while deblocking");
                }
            }
        };
    }
}
