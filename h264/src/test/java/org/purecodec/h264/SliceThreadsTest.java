package org.purecodec.h264;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.purecodec.testdata.Clip;
import org.purecodec.testdata.ConformanceSuite;
import org.purecodec.testdata.TestData;

/** Slice-parallel decoding: bit-identical to one thread, and no thread outlives close(). */
class SliceThreadsTest {

    static List<String> decode(byte[] stream, int threads) {
        return decode(stream, threads, H264Decoder.ThreadType.FRAME);
    }

    static List<String> decode(byte[] stream, int threads, H264Decoder.ThreadType type) {
        List<String> md5s = new ArrayList<>();
        try (H264Decoder d = H264Decoder.builder().threads(threads).threadType(type).build()) {
            int chunks = (stream.length + 65535) / 65536;
            for (int c = 0, off = 0; c <= chunks; c++, off += 65536) {
                try {
                    if (c < chunks) {
                        d.decodeAnnexB(ByteBuffer.wrap(stream, off, Math.min(65536, stream.length - off)));
                    } else {
                        d.flush();
                    }
                } catch (H264Exception e) {
                    md5s.add("error " + e.kind());
                }
                for (DecodedFrame f; (f = d.poll()) != null; ) {
                    md5s.add(ConformanceTest.md5(f));
                    f.release();
                }
            }
        }
        return md5s;
    }

    @Test
    void slices4IsBitIdenticalWithThreads() throws IOException {
        Clip clip = TestData.get().clip("slices4");
        byte[] stream = Files.readAllBytes(clip.annexB());
        List<String> one = decode(stream, 1);
        assertEquals(clip.frameMd5().size(), one.size());
        for (int i = 0; i < one.size(); i++) {
            assertEquals(clip.frameMd5().md5(i), one.get(i), "frame " + i);
        }
        assertEquals(one, decode(stream, 2));
        assertEquals(one, decode(stream, 4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SVA_Base_B", "CVFC1_Sony_C", "MR1_BT_A", "BASQP1_Sony_C", "SVA_CL1_E"})
    void multiSliceConformanceVectorsAreBitIdenticalWithThreads(String name) throws IOException {
        Optional<ConformanceSuite> suite = ConformanceSuite.find();
        Assumptions.assumeTrue(suite.isPresent(), "conformance vectors not present");
        ConformanceSuite.Vector v = suite.get().vectors().stream().filter(x -> x.name().equals(name)).findFirst()
                .orElseThrow();
        byte[] stream = Files.readAllBytes(v.file());
        List<String> three = decode(stream, 3);
        assertEquals(v.frameMd5().size(), three.size(), name);
        for (int i = 0; i < three.size(); i++) {
            assertEquals(v.frameMd5().md5(i), three.get(i), name + " frame " + i);
        }
    }

    /**
     * Our backend's slice threads: every picture of slices4 (four slices each) is decoded by them, bit-identical;
     * a damaged slice fails its picture with the slice named, and the decoder goes on with the next picture.
     */
    @Test
    void ownBackendSliceThreadsDecodeEveryPictureOfSlices4() throws IOException {
        Clip clip = TestData.get().clip("slices4");
        byte[] stream = Files.readAllBytes(clip.annexB());
        for (int threads : new int[] {2, 3, 8}) {
            List<String> md5s = new ArrayList<>();
            try (H264Decoder d = H264Decoder.builder().threads(threads).threadType(H264Decoder.ThreadType.SLICE).build()) {
                d.decodeAnnexB(ByteBuffer.wrap(stream));
                d.flush();
                for (DecodedFrame f; (f = d.poll()) != null; ) {
                    md5s.add(ConformanceTest.md5(f));
                    f.release();
                }
                assertEquals(clip.frameMd5().size(), d.ownBackend().slicedPictures(), threads + " threads: pictures by slice threads");
            }
            assertEquals(clip.frameMd5().size(), md5s.size());
            for (int i = 0; i < md5s.size(); i++) {
                assertEquals(clip.frameMd5().md5(i), md5s.get(i), "frame " + i + ", " + threads + " slice threads");
            }
        }
    }

    /**
     * Damaged slices (bytes overwritten inside slice data, 40 streams): slice threads report the same pictures
     * as failed and output the same frames as one thread.
     */
    @Test
    void damagedSlicesFailTheSamePicturesAsOnOneThread() throws IOException {
        byte[] clean = Files.readAllBytes(TestData.get().clip("slices4").annexB());
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(2026_12_05);
        int withErrors = 0;
        for (int round = 0; round < 40; round++) {
            byte[] stream = clean.clone();
            for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
                int at = 200 + rnd.nextInt(stream.length - 200);
                for (int j = 0; j < 1 + rnd.nextInt(8) && at + j < stream.length; j++) {
                    if (stream[at + j] != 0 && stream[at + j] != 1) { // keep start codes where they were
                        stream[at + j] = (byte) (2 + rnd.nextInt(250));
                    }
                }
            }
            // the kinds may differ: a slice whose damaged data runs on past the next slice's first macroblock is
            // stopped there with slice threads (INVALID_DATA), while one thread reads on until the data ends (TRUNCATED)
            List<String> one = kindless(decode(stream, 1));
            assertEquals(one, kindless(decode(stream, 3, H264Decoder.ThreadType.SLICE)), "round " + round);
            withErrors += one.stream().anyMatch(x -> x.startsWith("error")) ? 1 : 0;
        }
        assertTrue(withErrors >= 10, "streams that failed a picture: " + withErrors);
    }

    private static List<String> kindless(List<String> results) {
        return results.stream().map(x -> x.startsWith("error ") ? "error" : x).toList();
    }

    @Test
    void noSliceThreadOutlivesClose() throws IOException {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        byte[] stream = Files.readAllBytes(TestData.get().clip("slices4").annexB());
        for (int i = 0; i < 5; i++) {
            try (H264Decoder d = H264Decoder.builder().threads(4).build();
                 H264Decoder s = H264Decoder.builder().threads(4).threadType(H264Decoder.ThreadType.SLICE).build()) {
                d.decodeAnnexB(ByteBuffer.wrap(stream, 0, Math.min(stream.length, 60_000)));
                s.decodeAnnexB(ByteBuffer.wrap(stream, 0, Math.min(stream.length, 60_000)));
                while (d.poll() != null || s.poll() != null) {
                    // drain
                }
            }
        }
        List<String> alive = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(t) && t.isAlive() && !t.getName().startsWith("conformance-")) {
                alive.add(t.getName());
            }
        }
        assertEquals(List.of(), alive, "threads alive after close()");
    }
}
