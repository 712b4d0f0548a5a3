package org.purecodec.h264;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
