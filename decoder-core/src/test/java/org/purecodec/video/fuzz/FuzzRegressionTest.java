package org.purecodec.video.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.purecodec.video.VideoDecoder;
import org.purecodec.video.VideoDecoderException;

/** Inputs the fuzzers found, with the error each must now produce. */
class FuzzRegressionTest {
    private static byte[] input(String name) throws Exception {
        try (InputStream in = FuzzRegressionTest.class.getResourceAsStream("VideoDecoderFuzzTestInputs/decode/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void fmoPictureParameterSetInAvcCIsRefusedAtOpen() throws Exception {
        // Found by VideoDecoderFuzzTest: an H264Exception escaped from the first decode instead.
        VideoDecoderException e = assertThrows(VideoDecoderException.class,
                () -> VideoDecoder.open(input("regression_avcc_fmo_pps.mp4")));
        assertEquals(VideoDecoderException.Kind.UNSUPPORTED, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("flexible macroblock ordering"), e.getMessage());
    }
}
