package org.purecodec.h264;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.purecodec.testdata.Clip;
import org.purecodec.testdata.FrameMd5;
import org.purecodec.testdata.TestData;

/**
 * One decoder, streams of different picture sizes one after the other (each starts with its SPS, PPS and an
 * IDR picture): every picture of each must come out bit-exact. Picture buffers and their per-block data are
 * pooled by size, so a pool of the old size must neither be handed to the new one nor leave it short.
 */
class SizeChangeTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void picturesOfEachSizeAreBitExact(int threads) throws IOException {
        joinedStreamsAreBitExact(threads, "bframes_pyramid", "odd_642x362", "bframes_pyramid", "odd_642x362");
    }

    /**
     * A monochrome stream after a 4:2:0 one of the same size: its pictures reuse the pooled buffers, whose chroma
     * planes must be set to 128 again (monochrome decoding never writes them), and back.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void monochromeAfter420ReusesBuffersWithFlatChroma(int threads) throws IOException {
        joinedStreamsAreBitExact(threads, "main_cabac", "monochrome", "main_cabac", "monochrome");
    }

    /**
     * A limit set with {@link H264Decoder.Builder#sequenceLimit} holds for an SPS that arrives mid-stream too: the
     * first picture of the larger stream fails typed (the check comes before anything is allocated for it) and
     * a flush then outputs the rest of the first stream's pictures: all of them, bit-exact.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aLaterSpsBeyondTheLimitIsRefusedBeforeAllocation(int threads) throws IOException {
        Clip small = TestData.get().clip("bframes_pyramid");
        Clip large = TestData.get().clip("odd_642x362");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(Files.readAllBytes(small.annexB()));
        all.write(Files.readAllBytes(large.annexB()));
        List<SequenceInfo> checked = new ArrayList<>();
        H264Decoder.SequenceLimit limit = sps -> {
            checked.add(sps);
            return sps.codedWidth() > 320 ? "coded width " + sps.codedWidth() + " is over 320" : null;
        };
        List<String> got = new ArrayList<>();
        List<H264Exception> errors = new ArrayList<>();
        byte[] stream = all.toByteArray();
        try (H264Decoder d = H264Decoder.builder().threads(threads).sequenceLimit(limit).build()) {
            for (int off = 0; off < stream.length; off += 4096) {
                try {
                    d.decodeAnnexB(ByteBuffer.wrap(stream, off, Math.min(4096, stream.length - off)));
                } catch (H264Exception e) {
                    errors.add(e);
                }
                drain(d, got);
            }
            for (int k = 0; ; k++) { // each flush reports one failing picture of the larger stream
                assertTrue(k < 1000, "flush keeps failing");
                try {
                    d.flush();
                    break;
                } catch (H264Exception e) {
                    errors.add(e);
                }
                drain(d, got);
            }
            drain(d, got);
        }
        assertFalse(errors.isEmpty(), "the larger stream's pictures fail");
        for (H264Exception e : errors) {
            assertEquals(H264Exception.Kind.LIMIT_EXCEEDED, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("coded width 656 is over 320"), e.getMessage());
        }
        FrameMd5 ref = small.frameMd5();
        assertEquals(ref.size(), got.size(), "pictures of the first stream");
        for (int i = 0; i < got.size(); i++) {
            assertEquals(ref.md5(i), got.get(i), "picture " + i);
        }
        assertEquals(320, checked.get(0).codedWidth(), "the first SPS checked once: " + checked);
        assertTrue(checked.subList(1, checked.size()).stream().allMatch(c -> c.codedWidth() == 656), "then the larger one");
    }

    private static void drain(H264Decoder d, List<String> got) {
        for (DecodedFrame f; (f = d.poll()) != null; ) {
            got.add(ConformanceTest.md5(f));
            f.release();
        }
    }

    private static void joinedStreamsAreBitExact(int threads, String... names) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        for (String name : names) {
            Clip clip = TestData.get().clip(name);
            all.write(Files.readAllBytes(clip.annexB()));
            FrameMd5 ref = clip.frameMd5();
            for (int i = 0; i < ref.size(); i++) {
                expected.add(name + " frame " + i + ": " + ref.md5(i));
            }
        }
        byte[] stream = all.toByteArray();
        List<String> got = new ArrayList<>();
        try (H264Decoder d = H264Decoder.builder().threads(threads).build()) {
            PoolingAndSkipTest.decodeInChunks(d, stream, 4096, f -> {
                got.add(ConformanceTest.md5(f));
                f.release();
            });
        }
        assertEquals(expected.size(), got.size(), "pictures output");
        for (int i = 0; i < got.size(); i++) {
            String e = expected.get(i);
            assertEquals(e.substring(e.lastIndexOf(' ') + 1), got.get(i), e.substring(0, e.lastIndexOf(':')) + " (picture " + i
                    + " of the whole stream)");
        }
    }
}
