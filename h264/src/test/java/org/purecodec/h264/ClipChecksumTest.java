package org.purecodec.h264;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.purecodec.testdata.Clip;
import org.purecodec.testdata.FrameMd5;
import org.purecodec.testdata.TestData;

/**
 * Per-frame checksums of our Annex B test clips against FFmpeg's, in presentation order. Clips listed in
 * {@link #KNOWN_FAILURES} need the own backend: they must still decode the right number of frames
 * without exceptions, and must not silently start to match (then move them to the bit-exact list).
 */
class ClipChecksumTest {
    /** Clips that do not decode bit-exactly with the JCodec backend, with the reason. */
    static final Map<String, String> KNOWN_FAILURES = Map.of(
            "direct_temporal", "JCodec's temporal direct prediction is wrong",
            "fake_interlaced", "the JCodec backend refuses frame_mbs_only_flag 0",
            "monochrome", "the JCodec backend refuses 4:0:0",
            "paff", "the JCodec backend refuses frame_mbs_only_flag 0");

    /** Clips that do not decode bit-exactly with our own backend yet, with the reason. */
    static final Map<String, String> KNOWN_FAILURES_OWN = Map.of();

    static final String[] CLIPS = {"baseline_cavlc", "main_cabac", "bframes_pyramid", "implicit_weightb", "direct_temporal",
        "slices4", "odd_642x362", "hd1080", "fake_interlaced", "monochrome", "paff"};

    static List<String> decode(Path file, int chunk) throws IOException {
        return decode(file, chunk, H264Decoder.Backend.JCODEC);
    }

    static List<String> decode(Path file, int chunk, H264Decoder.Backend backend) throws IOException {
        return decode(file, chunk, backend, 1);
    }

    static List<String> decode(Path file, int chunk, H264Decoder.Backend backend, int threads) throws IOException {
        byte[] stream = Files.readAllBytes(file);
        List<String> md5s = new ArrayList<>();
        try (H264Decoder d = H264Decoder.builder().backend(backend).threads(threads).build()) {
            for (int off = 0; off < stream.length; off += chunk) {
                d.decodeAnnexB(ByteBuffer.wrap(stream, off, Math.min(chunk, stream.length - off)));
                for (DecodedFrame f; (f = d.poll()) != null; ) {
                    md5s.add(ConformanceTest.md5(f));
                }
            }
            d.flush();
            for (DecodedFrame f; (f = d.poll()) != null; ) {
                md5s.add(ConformanceTest.md5(f));
            }
        }
        return md5s;
    }

    @ParameterizedTest
    @ValueSource(strings = {"baseline_cavlc", "main_cabac", "bframes_pyramid", "implicit_weightb", "direct_temporal",
        "slices4", "odd_642x362", "hd1080", "fake_interlaced", "monochrome", "paff"})
    void clipMatchesFfmpeg(String name) throws IOException {
        check(name, H264Decoder.Backend.JCODEC, KNOWN_FAILURES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"baseline_cavlc", "main_cabac", "bframes_pyramid", "implicit_weightb", "direct_temporal",
        "slices4", "odd_642x362", "hd1080", "fake_interlaced", "monochrome", "paff"})
    void clipMatchesFfmpegOwnBackend(String name) throws IOException {
        check(name, H264Decoder.Backend.OWN, KNOWN_FAILURES_OWN);
    }

    /** Frame threads (2 and 4) must give the same pictures. */
    @ParameterizedTest
    @ValueSource(strings = {"baseline_cavlc", "main_cabac", "bframes_pyramid", "implicit_weightb", "direct_temporal",
        "slices4", "odd_642x362", "hd1080", "fake_interlaced", "monochrome", "paff"})
    void clipMatchesFfmpegOwnBackendFrameThreads(String name) throws IOException {
        check(name, H264Decoder.Backend.OWN, 2, KNOWN_FAILURES_OWN);
        check(name, H264Decoder.Backend.OWN, 4, KNOWN_FAILURES_OWN);
    }

    /** Slice threads (2 and 4) must give the same pictures (only slices4 has several slices per picture). */
    @ParameterizedTest
    @ValueSource(strings = {"baseline_cavlc", "main_cabac", "slices4", "odd_642x362", "fake_interlaced", "monochrome", "paff"})
    void clipMatchesFfmpegOwnBackendSliceThreads(String name) throws IOException {
        checkSliceThreads(name, 2);
        checkSliceThreads(name, 4);
    }

    private static void checkSliceThreads(String name, int threads) throws IOException {
        Clip clip = TestData.get().clip(name);
        byte[] stream = Files.readAllBytes(clip.annexB());
        List<String> got = new ArrayList<>();
        try (H264Decoder d = H264Decoder.builder().threads(threads).threadType(H264Decoder.ThreadType.SLICE).build()) {
            assertEquals(H264Decoder.ThreadType.SLICE, d.threadType());
            for (int off = 0; off < stream.length; off += 4096) {
                d.decodeAnnexB(ByteBuffer.wrap(stream, off, Math.min(4096, stream.length - off)));
                for (DecodedFrame f; (f = d.poll()) != null; ) {
                    got.add(ConformanceTest.md5(f));
                    f.release();
                }
            }
            d.flush();
            for (DecodedFrame f; (f = d.poll()) != null; ) {
                got.add(ConformanceTest.md5(f));
                f.release();
            }
        }
        FrameMd5 ref = clip.frameMd5();
        assertEquals(ref.size(), got.size(), name + " frames, " + threads + " slice threads");
        for (int i = 0; i < got.size(); i++) {
            assertEquals(ref.md5(i), got.get(i), name + " frame " + i + ", " + threads + " slice threads");
        }
    }

    private static void check(String name, H264Decoder.Backend backend, Map<String, String> knownFailures) throws IOException {
        check(name, backend, 1, knownFailures);
    }

    private static void check(String name, H264Decoder.Backend backend, int threads, Map<String, String> knownFailures)
            throws IOException {
        Clip clip = TestData.get().clip(name);
        Path annexB = clip.annexB();
        assertNotNull(annexB, name + " has no Annex B stream");
        FrameMd5 ref = clip.frameMd5();
        List<String> got;
        try {
            got = decode(annexB, 4096 + 17, backend, threads);
        } catch (H264Exception e) {
            if (knownFailures.containsKey(name) && e.kind() == H264Exception.Kind.UNSUPPORTED) {
                System.out.printf("clip %-18s %-6s refused: %s%n", name, backend, e.getMessage());
                return; // a known failure the backend refuses cleanly
            }
            throw e;
        }
        assertEquals(ref.size(), got.size(), name + ": number of frames");
        int matched = 0;
        int firstMismatch = -1;
        for (int i = 0; i < got.size(); i++) {
            if (got.get(i).equals(ref.md5(i))) {
                matched++;
            } else if (firstMismatch < 0) {
                firstMismatch = i;
            }
        }
        System.out.printf("clip %-18s %-6s %d/%d frames bit-exact%s%n", name, backend + (threads > 1 ? " x" + threads : ""),
                matched, ref.size(),
                firstMismatch < 0 ? "" : ", first mismatch at frame " + firstMismatch);
        if (knownFailures.containsKey(name)) {
            assertTrue(matched < ref.size(), name + " now decodes bit-exactly with " + backend + ": remove it from its known failures ("
                    + knownFailures.get(name) + ")");
        } else {
            assertEquals(ref.size(), matched, name + ": frames bit-exact (first mismatch at frame " + firstMismatch + ")");
        }
    }
}
