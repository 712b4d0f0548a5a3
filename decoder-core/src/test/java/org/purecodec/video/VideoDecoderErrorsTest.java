package org.purecodec.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.purecodec.testdata.Clip;
import org.purecodec.testdata.FrameHasher;
import org.purecodec.testdata.TestData;
import org.purecodec.video.VideoDecoderException.Kind;

/** Every error case of the API: the kind and the message. */
class VideoDecoderErrorsTest {
    private static Path file(String clip) {
        return TestData.get().clip(clip).file();
    }

    private static VideoDecoderException expect(Kind kind, String messagePart, Executable e) {
        VideoDecoderException ex = assertThrows(VideoDecoderException.class, e);
        assertEquals(kind, ex.kind(), ex.getMessage());
        assertTrue(ex.getMessage().contains(messagePart), "'" + messagePart + "' not in: " + ex.getMessage());
        return ex;
    }

    @Test
    void indexOutOfRangeStatesTheValidRange() {
        try (VideoDecoder d = VideoDecoder.open(file("main_cabac"))) {
            expect(Kind.INDEX_OUT_OF_RANGE, "valid indices are [-50, 50)", () -> d.getFrameAt(50));
            expect(Kind.INDEX_OUT_OF_RANGE, "valid indices are [-50, 50)", () -> d.getFrameAt(-51));
            expect(Kind.INDEX_OUT_OF_RANGE, "frame index 99", () -> d.getFramesAt(0, 99));
            expect(Kind.INDEX_OUT_OF_RANGE, "frame index 50", () -> d.getFramesInRange(50, 60, 1));
            expect(Kind.INVALID_ARGUMENT, "step must be positive", () -> d.getFramesInRange(0, 10, 0));
            expect(Kind.INVALID_ARGUMENT, "is before start", () -> d.getFramesInRange(10, 5, 1));
        }
    }

    @Test
    void timesOutsideTheStream() {
        try (VideoDecoder d = VideoDecoder.open(file("main_cabac"))) {
            expect(Kind.PTS_OUT_OF_RANGE, "valid times are [0.0, 2.0)", () -> d.getFramePlayedAt(2.0));
            expect(Kind.PTS_OUT_OF_RANGE, "valid times are [0.0, 2.0)", () -> d.getFramePlayedAt(-0.01));
            expect(Kind.PTS_OUT_OF_RANGE, "time NaN", () -> d.getFramesPlayedAt(0.5, Double.NaN));
            expect(Kind.PTS_OUT_OF_RANGE, "after the end", () -> d.getFramesPlayedInRange(1.0, 2.5));
            expect(Kind.INVALID_ARGUMENT, "is before start", () -> d.getFramesPlayedInRange(1.0, 0.5));
        }
    }

    @Test
    void streamSelection() {
        expect(Kind.NO_VIDEO_STREAM, "no video stream", () -> VideoDecoder.open(file("audio_only")).close());
        expect(Kind.INVALID_STREAM, "stream 0 is not a video stream (it is audio)",
                () -> VideoDecoder.open(file("audio_first"), DecoderOptions.builder().streamIndex(0).build()).close());
        expect(Kind.INVALID_STREAM, "stream index 7 does not exist: the file has 2 stream(s)",
                () -> VideoDecoder.open(file("audio_first"), DecoderOptions.builder().streamIndex(7).build()).close());
        try (VideoDecoder d = VideoDecoder.open(file("audio_first"), DecoderOptions.builder().streamIndex(1).build())) {
            assertEquals(1, d.metadata().streamIndex());
        }
        expect(Kind.INVALID_ARGUMENT, "stream index must be >= 0", () -> DecoderOptions.builder().streamIndex(-2));
    }

    @Test
    void unreadableFiles() {
        expect(Kind.INVALID_DATA, "cannot read", () -> VideoDecoder.open(file("empty")));
        expect(Kind.INVALID_DATA, "cannot read", () -> VideoDecoder.open(file("random")));
        expect(Kind.INVALID_DATA, "moov", () -> VideoDecoder.open(file("no_moov")));
        expect(Kind.IO_ERROR, "no such file", () -> VideoDecoder.open(Path.of("does/not/exist.mp4")));
        expect(Kind.INVALID_DATA, "cannot read", () -> VideoDecoder.open(new byte[0]));
    }

    @Test
    void unsupportedStreamsNameTheFeature() {
        expect(Kind.UNSUPPORTED, "4:4:4", () -> VideoDecoder.open(file("high444")));
        expect(Kind.UNSUPPORTED, "bit depth 10", () -> VideoDecoder.open(file("high10")));
        expect(Kind.UNSUPPORTED, "interlaced", () -> VideoDecoder.open(file("interlaced_mbaff")));
    }

    @Test
    void aSecondSampleDescriptionWithoutAvcCIsRefused() throws Exception {
        byte[] mp4 = java.nio.file.Files.readAllBytes(file("two_descriptions"));
        // the last avcC in the file is the second sample description's (moov comes last): rename it
        byte[] avcC = "avcC".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = -1;
        for (int i = 0; i + 4 <= mp4.length; i++) {
            if (java.util.Arrays.equals(mp4, i, i + 4, avcC, 0, 4)) {
                at = i;
            }
        }
        assertTrue(at > 0);
        mp4[at + 3] = 'X';
        expect(Kind.UNSUPPORTED, "sample description 2 ('avc1') has no avcC", () -> VideoDecoder.open(mp4));
    }

    @Test
    void anAvc3DescriptionWithoutParameterSetsAnywhereIsRefused() throws Exception {
        byte[] mp4 = java.nio.file.Files.readAllBytes(file("in_band_avc3"));
        long at;
        try (org.purecodec.mp4.Mp4Demuxer m = org.purecodec.mp4.Mp4Demuxer.open(mp4)) {
            at = m.tracks().get(0).samples().offset(0) + 4; // the first NAL unit of the first sample: its SPS
        }
        assertEquals(0x67, mp4[(int) at] & 0xff);
        mp4[(int) at] = 0x6c; // now filler data: no SPS in band in any sample of the first description
        expect(Kind.INVALID_DATA, "sample description 1 ('avc3'): its avcC has 0 SPS and 0 PPS, and the first 25"
                + " sample(s) that use it bring no SPS in band", () -> VideoDecoder.open(mp4));
    }

    @Test
    void truncatedFileDecodesWhatIsPresent() {
        Clip c = TestData.get().clip("truncated_mdat");
        try (VideoDecoder d = VideoDecoder.open(c.file(),
                DecoderOptions.builder().outputFormat(OutputFormat.YUV420P).build())) {
            int present = c.frameMd5().size();
            assertEquals(50, d.size());
            // The first present frames decode exactly as FFmpeg decodes them.
            for (int i = 0; i < 20; i++) {
                FrameBatch b = d.getFramesAt(i);
                assertEquals(c.frameMd5().md5(i), FrameHasher.md5(b.data()), "frame " + i);
            }
            expect(Kind.TRUNCATED, "past the end", () -> d.getFrameAt(49));
            // After the error the decoder still works for frames that are present.
            assertEquals(c.frameMd5().md5(3), FrameHasher.md5(d.getFramesAt(3).data()));
            assertTrue(present < 50);
        }
    }

    @Test
    void closedDecoder() {
        VideoDecoder d = VideoDecoder.open(file("main_cabac"));
        d.close();
        d.close(); // idempotent
        expect(Kind.CLOSED, "closed", () -> d.getFrameAt(0));
    }

    @Test
    void inputStreamLimit() throws Exception {
        byte[] bytes = Files.readAllBytes(file("main_cabac"));
        expect(Kind.LIMIT_EXCEEDED, "larger than 1000 bytes", () -> VideoDecoder.open(
                new java.io.ByteArrayInputStream(bytes), DecoderOptions.builder().maxInputStreamBytes(1000).build()));
        try (VideoDecoder d = VideoDecoder.open(new java.io.ByteArrayInputStream(bytes), DecoderOptions.defaults())) {
            assertEquals(50, d.size());
        }
    }

    @Test
    void limitsAreCheckedBeforeAllocating() {
        expect(Kind.LIMIT_EXCEEDED, "coded picture 320x240 exceeds the limit of 256x256", () -> VideoDecoder.open(
                file("main_cabac"), DecoderOptions.builder().maxPictureSize(256, 256, 1 << 20).build()));
        expect(Kind.LIMIT_EXCEEDED, "exceeds the limit", () -> VideoDecoder.open(
                file("main_cabac"), DecoderOptions.builder().maxPictureSize(8192, 8192, 320 * 200).build()));
        expect(Kind.LIMIT_EXCEEDED, "decoded picture buffer needs", () -> VideoDecoder.open(
                file("multiref"), DecoderOptions.builder().maxDpbBytes(400_000).build()));
        expect(Kind.LIMIT_EXCEEDED, "cannot read", () -> VideoDecoder.open(
                file("main_cabac"), DecoderOptions.builder().maxSamples(10, 1 << 20).build()));
        expect(Kind.LIMIT_EXCEEDED, "cannot read", () -> VideoDecoder.open(
                file("main_cabac"), DecoderOptions.builder().maxSamples(1000, 1000).build()));
    }

    @Test
    void badOptions() {
        expect(Kind.INVALID_ARGUMENT, "threads must be in [1, 64]", () -> DecoderOptions.builder().threads(0));
        expect(Kind.INVALID_ARGUMENT, "no frame of the stream has pts 7",
                () -> VideoDecoder.open(file("main_cabac"), DecoderOptions.builder()
                        .customFrameMappings(java.util.List.of(new FrameMapping(7, 512, true))).build()));
    }
}
