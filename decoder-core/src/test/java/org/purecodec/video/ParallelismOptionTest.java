package org.purecodec.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.purecodec.testdata.Clip;
import org.purecodec.testdata.TestData;
import org.purecodec.video.samplers.ClipBatch;
import org.purecodec.video.samplers.ClipSampler;

/** {@code DecoderOptions.parallelism(n)}: batch requests give exactly what one decoder gives. */
class ParallelismOptionTest {
    private static void assertSame(FrameBatch a, FrameBatch b) {
        assertArrayEquals(a.shape(), b.shape());
        assertArrayEquals(a.indices(), b.indices());
        assertArrayEquals(a.ptsSeconds(), b.ptsSeconds());
        assertArrayEquals(a.durationSeconds(), b.durationSeconds());
        assertArrayEquals(a.keyFrames(), b.keyFrames());
        assertArrayEquals(a.data(), b.data());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sample", "editlist_bframe", "open_gop", "long_gop"})
    void parallelBatchesEqualSequentialOnes(String name) throws Exception {
        Clip c = TestData.get().clip(name);
        DecoderOptions one = DecoderOptions.builder().dimensionOrder(DimensionOrder.NHWC).build();
        DecoderOptions three = one.toBuilder().parallelism(3).build();
        try (VideoDecoder s = VideoDecoder.open(c.file(), one);
             VideoDecoder p = VideoDecoder.open(c.file(), three);
             VideoDecoder m = VideoDecoder.open(Files.readAllBytes(c.file()), three)) {
            int n = s.size();
            int[] idx = {n - 1, 0, n / 2, n / 3, 1, n / 2};
            assertSame(s.getFramesAt(idx), p.getFramesAt(idx));
            assertSame(s.getFramesAt(idx), m.getFramesAt(idx));
            assertSame(s.getFramesInRange(0, n, 7), p.getFramesInRange(0, n, 7));
            double t = s.metadata().beginStreamSeconds();
            double[] times = {t, t + 0.5, t + 1.0, t + 0.04};
            assertSame(s.getFramesPlayedAt(times), p.getFramesPlayedAt(times));
            ClipBatch a = ClipSampler.regularIndices(s).numClips(3).framesPerClip(2).sample();
            ClipBatch b = ClipSampler.regularIndices(p).numClips(3).framesPerClip(2).sample();
            assertSame(a.frames(), b.frames());
            assertEquals(3, p.options().parallelism());
        }
    }
}
