package org.purecodec.video;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.purecodec.testdata.Clip;
import org.purecodec.testdata.FrameHasher;
import org.purecodec.testdata.FrameMd5;
import org.purecodec.testdata.TestData;

/**
 * A track with two sample descriptions (clip {@code two_descriptions}: frames 0-24 CAVLC with one avcC, 25-49
 * CABAC with another, both with SPS and PPS id 0): each sample must be decoded with its own description's
 * parameter sets, also when a seek crosses from one description to the other in either direction.
 */
class SampleDescriptionsTest {
    @ParameterizedTest(name = "threads={0}")
    @ValueSource(ints = {1, 2})
    void seeksAcrossDescriptionsDecodeEachWithItsOwnParameterSets(int threads) {
        // forward into the second half, back into the first, across the boundary both ways
        seeksMatchFfmpeg("two_descriptions", threads, 30, 5, 49, 24, 25, 0, 26, 23, 40);
    }

    /**
     * Clip {@code in_band_avc3}: the same layout as avc3 entries whose avcC holds no parameter sets, each half
     * bringing its SPS and PPS (ids 0) in band in its first sample only, key frames every 10 frames (0, 10, 20;
     * 25, 35, 45). A seek to a key frame that does not carry them must decode with those of its own half
     * (found in band at open), not with the ones the decoder last saw.
     */
    @ParameterizedTest(name = "threads={0}")
    @ValueSource(ints = {1, 2})
    void avc3ParameterSetsFoundInBandServeSeeksToLaterKeyFrames(int threads) {
        // 40: from key frame 35 with the second half's sets; 12: from 10 with the first half's, after the
        // decoder saw the second's; then back and forth between key frames that repeat nothing
        seeksMatchFfmpeg("in_band_avc3", threads, 40, 12, 47, 22, 3, 37, 28, 15, 49, 0);
    }

    /** Opens the 50-frame 320x240 clip and gets the frames in the order given: each must equal FFmpeg's. */
    private static void seeksMatchFfmpeg(String clip, int threads, int... frames) {
        Clip c = TestData.get().clip(clip);
        FrameMd5 ref = c.frameMd5();
        DecoderOptions o = DecoderOptions.builder().outputFormat(OutputFormat.YUV420P).threads(threads).build();
        try (VideoDecoder d = VideoDecoder.open(c.file(), o)) {
            assertEquals(50, d.size());
            assertEquals(320, d.metadata().width());
            for (int i : frames) {
                assertEquals(ref.md5(i), FrameHasher.md5(d.getFrameAt(i).data()), clip + " frame " + i);
            }
        }
    }
}
