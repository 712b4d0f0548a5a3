package org.purecodec.video.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.purecodec.mp4.AvcConfig;
import org.purecodec.testdata.TestData;
import org.purecodec.video.VideoDecoder;
import org.purecodec.video.VideoDecoderException;

/**
 * The open-time check of a stream whose SPS allows fields: a sample holding one field picture alone (a track
 * storing each field in its own sample) is refused; frames, and field pairs sharing a sample, are not.
 */
class FieldPicturesTest {
    // Main profile, 11 macroblocks by 9 map units, frame_mbs_only_flag 0, no MBAFF, POC type 0 (4-bit
    // frame_num and POC lsb); one CAVLC PPS; the NAL units of h264's test BitWriter, as bytes.
    private static final byte[] SPS = HexFormat.of().parseHex("674d001ef4162490");
    private static final byte[] PPS = HexFormat.of().parseHex("68ce3c80");
    /** IDR I slice: first_mb 0, PPS 0, frame_num 0, field_pic_flag 1, bottom_field_flag 0, idr_pic_id 0. */
    private static final byte[] FIELD_SLICE = HexFormat.of().parseHex("65888508");
    /** The same with field_pic_flag 0: a frame. */
    private static final byte[] FRAME_SLICE = HexFormat.of().parseHex("65888210");

    private static ByteBuffer sample(byte[] nal) {
        ByteBuffer b = ByteBuffer.allocate(4 + nal.length).putInt(nal.length).put(nal);
        ((java.nio.Buffer) b).flip();
        return b;
    }

    private static final AvcConfig CONFIG = new AvcConfig(1, 77, 0, 30, 4, List.of(SPS), List.of(PPS));

    @Test
    void aSampleHoldingOneFieldIsRefused() {
        VideoDecoderException e = assertThrows(VideoDecoderException.class,
                () -> FieldPictures.check(CONFIG, sample(FIELD_SLICE), "stream 0, sample 0"));
        assertEquals(VideoDecoderException.Kind.UNSUPPORTED, e.kind());
        assertTrue(e.getMessage().startsWith("stream 0, sample 0: ") && e.getMessage().contains("one field picture"),
                e.getMessage());
    }

    @Test
    void fieldPairsInOneSampleOpen() {
        // the paff clip: both fields of each frame in one sample
        try (VideoDecoder d = VideoDecoder.open(TestData.get().clip("paff").file())) {
            assertEquals(10, d.size());
            assertEquals(128, d.metadata().width());
            assertEquals(96, d.metadata().height());
        }
    }

    @Test
    void framesAndUnreadableSamplesAreLeftToDecoding() {
        assertDoesNotThrow(() -> FieldPictures.check(CONFIG, sample(FRAME_SLICE), "frame"));
        assertDoesNotThrow(() -> FieldPictures.check(CONFIG, ByteBuffer.wrap(new byte[] {0, 0, 0, 9, 1}), "cut"));
        // the fake-interlaced clip (frame_mbs_only_flag 0, frames only) opens
        try (VideoDecoder d = VideoDecoder.open(TestData.get().clip("fake_interlaced").file())) {
            assertEquals(50, d.size());
        }
    }
}
