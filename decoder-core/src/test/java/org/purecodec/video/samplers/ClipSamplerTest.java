package org.purecodec.video.samplers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.purecodec.testdata.FrameHasher;
import org.purecodec.testdata.FrameMd5;
import org.purecodec.testdata.TestData;
import org.purecodec.video.DecoderOptions;
import org.purecodec.video.FrameBatch;
import org.purecodec.video.OutputFormat;
import org.purecodec.video.VideoDecoder;
import org.purecodec.video.VideoDecoderException;
import org.purecodec.video.samplers.ClipSampler.Policy;

class ClipSamplerTest {
    private static VideoDecoder decoder;
    private static FrameMd5 ref;

    @BeforeAll
    static void open() {
        decoder = VideoDecoder.open(TestData.get().clip("main_cabac").file(),
                DecoderOptions.builder().outputFormat(OutputFormat.YUV420P).build());
        ref = TestData.get().clip("main_cabac").frameMd5();
    }

    @AfterAll
    static void close() {
        decoder.close();
    }

    private static void assertFramesAreTheIndexedOnes(ClipBatch b) {
        FrameBatch f = b.frames();
        for (int k = 0; k < f.size(); k++) {
            assertEquals(ref.md5(f.indices()[k]), new FrameHasher().bytes(f.data(), k * f.frameSize(), f.frameSize()).hex());
        }
    }

    @Test
    void randomIndicesAreReproducibleAndStayInside() {
        ClipBatch a = ClipSampler.randomIndices(decoder).numClips(5).framesPerClip(3).indicesBetweenFrames(4).seed(7).sample();
        ClipBatch b = ClipSampler.randomIndices(decoder).numClips(5).framesPerClip(3).indicesBetweenFrames(4).seed(7).sample();
        assertArrayEquals(new int[] {5, 3, 115200}, a.shape());
        assertArrayEquals(a.frames().indices(), b.frames().indices());
        for (int k = 0; k < 5; k++) {
            int[] idx = a.indices(k);
            assertEquals(idx[0] + 4, idx[1]);
            assertEquals(idx[0] + 8, idx[2]);
            assertTrue(idx[2] < 50, "default range keeps clips inside the video");
        }
        assertFramesAreTheIndexedOnes(a);
    }

    @Test
    void regularIndicesAreEvenlySpaced() {
        ClipBatch c = ClipSampler.regularIndices(decoder).numClips(4).framesPerClip(2).range(0, 40).sample();
        assertArrayEquals(new int[] {0, 1, 13, 14, 26, 27, 39, 40}, c.frames().indices());
        assertFramesAreTheIndexedOnes(c);
    }

    @Test
    void policiesForClipsPastTheEnd() {
        ClipBatch repeat = ClipSampler.regularIndices(decoder).numClips(1).framesPerClip(4).indicesBetweenFrames(2)
                .range(46, 47).sample();
        assertArrayEquals(new int[] {46, 48, 48, 48}, repeat.frames().indices());
        ClipBatch wrap = ClipSampler.regularIndices(decoder).numClips(1).framesPerClip(4).indicesBetweenFrames(2)
                .range(46, 47).policy(Policy.WRAP).sample();
        assertArrayEquals(new int[] {46, 48, 46, 48}, wrap.frames().indices());
        VideoDecoderException e = assertThrows(VideoDecoderException.class, () -> ClipSampler.regularIndices(decoder)
                .framesPerClip(4).indicesBetweenFrames(2).range(46, 47).policy(Policy.ERROR).sample());
        assertTrue(e.getMessage().contains("runs past the last frame 49"), e.getMessage());
        assertFramesAreTheIndexedOnes(wrap);
    }

    @Test
    void timestampSamplers() {
        ClipBatch r = ClipSampler.randomTimestamps(decoder).numClips(3).framesPerClip(2).secondsBetweenFrames(0.2)
                .seed(3).sample();
        for (int k = 0; k < 3; k++) {
            double[] pts = r.ptsSeconds(k);
            assertEquals(0.2, pts[1] - pts[0], 0.041, "frames 0.2 s apart (within one frame)");
            assertTrue(pts[1] < 2.0);
        }
        ClipBatch g = ClipSampler.regularTimestamps(decoder).secondsBetweenClipStarts(0.5).framesPerClip(1).sample();
        assertEquals(4, g.numClips());
        assertArrayEquals(new int[] {0, 12, 25, 37}, g.frames().indices());
        assertFramesAreTheIndexedOnes(g);
    }

    @Test
    void badArguments() {
        assertThrows(VideoDecoderException.class, () -> ClipSampler.randomIndices(decoder).numClips(0));
        assertThrows(VideoDecoderException.class, () -> ClipSampler.randomIndices(decoder).range(30, 10).sample());
        assertThrows(VideoDecoderException.class, () -> ClipSampler.regularTimestamps(decoder).sample());
        assertThrows(VideoDecoderException.class, () -> ClipSampler.randomTimestamps(decoder).secondsBetweenFrames(-1));
    }
}
