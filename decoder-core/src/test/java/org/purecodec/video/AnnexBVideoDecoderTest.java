package org.purecodec.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.purecodec.testdata.Clip;
import org.purecodec.testdata.FrameHasher;
import org.purecodec.testdata.TestData;

/** Raw Annex B streams through VideoDecoder: detected by content, indexed by one scan, exact seeking. */
class AnnexBVideoDecoderTest {
    private static final DecoderOptions YUV = DecoderOptions.builder().outputFormat(OutputFormat.YUV420P).build();

    static Stream<Clip> clips() {
        return TestData.get().clips(Clip.Kind.PLAYABLE).stream()
                .filter(c -> c.annexB() != null && !KnownDifferences.isKnown(c.name()));
    }

    /** The video stream's frame rate as FFmpeg probed it from the clip's MP4 ({@code r_frame_rate}, "num/den"). */
    private static double probedFps(Clip c) {
        for (org.purecodec.testdata.Json s : c.probe().get("streams").asArr().items()) {
            if ("video".equals(s.asObj().text("codec_type"))) {
                String[] r = s.asObj().text("r_frame_rate").split("/");
                return Double.parseDouble(r[0]) / Double.parseDouble(r[1]);
            }
        }
        throw new AssertionError(c.name() + ": no video stream in the probe");
    }

    /**
     * Every frame against FFmpeg's checksums; the frames evenly spaced at the rate of the SPS's VUI timing info,
     * which for these x264 streams is the MP4's frame rate as FFmpeg probed it (25 fps, 30000/1001 for
     * {@code ntsc_2997}).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("clips")
    void everyFrameMatchesFfmpegAndRandomAccessAgrees(Clip c) throws Exception {
        int n = c.frameMd5().size();
        double fps = probedFps(c);
        try (VideoDecoder d = VideoDecoder.open(c.annexB(), YUV)) {
            VideoMetadata m = d.metadata();
            assertEquals(n, d.size());
            assertEquals(fps, m.averageFps(), 1e-9);
            assertEquals(n / fps, m.durationSeconds(), 1e-9);
            FrameBatch all = d.getFramesInRange(0, n, 1);
            List<String> got = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                got.add(new FrameHasher().bytes(all.data(), k * all.frameSize(), all.frameSize()).hex());
                assertEquals(k / fps, all.ptsSeconds()[k], 1e-9);
            }
            List<String> expected = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                expected.add(c.frameMd5().md5(k));
            }
            assertEquals(expected, got);
            Random rnd = new Random(c.name().hashCode());
            for (int k = 0; k < 8; k++) {
                int i = rnd.nextInt(n);
                assertEquals(c.frameMd5().md5(i), FrameHasher.md5(d.getFrameAt(i).data()), "frame " + i);
            }
        }
        // The same from memory.
        byte[] bytes = Files.readAllBytes(c.annexB());
        try (VideoDecoder d = VideoDecoder.open(bytes, YUV)) {
            assertEquals(c.frameMd5().md5(n - 1), FrameHasher.md5(d.getFrameAt(-1).data()));
        }
    }

    @Test
    void keyFramesAndTimes() {
        Clip c = TestData.get().clip("baseline_cavlc"); // keyint 25: IDRs at 0 and 25
        try (VideoDecoder d = VideoDecoder.open(c.annexB(), YUV)) {
            assertArrayEquals(new int[] {0, 25}, d.keyFrameIndices());
            assertEquals(c.frameMd5().md5(30), FrameHasher.md5(d.getFramePlayedAt(1.21).data()));
            assertTrue(d.metadata().bitRate() > 0);
        }
    }

    /** The raw NTSC stream's timeline is the MP4's: the same frame is played at the same second. */
    @Test
    void theVuiFrameRateGivesTheMp4sTimeline() {
        Clip c = TestData.get().clip("ntsc_2997");
        try (VideoDecoder raw = VideoDecoder.open(c.annexB(), YUV); VideoDecoder mp4 = VideoDecoder.open(c.file(), YUV)) {
            assertEquals(30000.0 / 1001, raw.metadata().averageFps(), 1e-9);
            assertEquals(mp4.size(), raw.size());
            for (double t : new double[] {0.0, 0.5, 1.0, 1.001, 1.9}) {
                Frame a = raw.getFramePlayedAt(t);
                Frame b = mp4.getFramePlayedAt(t);
                assertEquals(b.ptsSeconds(), a.ptsSeconds(), 1e-9, "played at " + t);
                assertArrayEquals(b.data(), a.data(), "played at " + t);
            }
            assertEquals(30, mp4.getFramePlayedAt(1.001).index()); // frame 30 starts at 30 * 1001 / 30000 s
        }
    }

    @Test
    void garbageIsRefused() {
        byte[] junk = {0, 0, 0, 1, 0x67, 1, 2, 3};
        VideoDecoderException e = org.junit.jupiter.api.Assertions.assertThrows(VideoDecoderException.class,
                () -> VideoDecoder.open(junk));
        assertTrue(e.getMessage().startsWith("raw H.264 stream") || e.getMessage().contains("stream 0"), e.getMessage());
    }

    /** Two clips' streams end to end (as {@code cat a.h264 b.h264} makes them). */
    private static byte[] joined(String a, String b) throws Exception {
        byte[] x = Files.readAllBytes(TestData.get().clip(a).annexB());
        byte[] y = Files.readAllBytes(TestData.get().clip(b).annexB());
        byte[] both = java.util.Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, both, x.length, y.length);
        return both;
    }

    /**
     * CAVLC then CABAC, each with its own SPS and PPS of id 0: every picture is indexed and decoded with the
     * parameter sets in force where it stands (until 2026-12-05 the index scan read every slice header with
     * the stream's last SPS / PPS and refused the stream), also after seeks into either half.
     */
    @Test
    void streamsJoinedEndToEndWithNewParameterSets() throws Exception {
        Clip a = TestData.get().clip("baseline_cavlc");
        Clip b = TestData.get().clip("main_cabac");
        int na = a.frameMd5().size();
        int n = na + b.frameMd5().size();
        try (VideoDecoder d = VideoDecoder.open(joined("baseline_cavlc", "main_cabac"), YUV)) {
            assertEquals(n, d.size());
            FrameBatch all = d.getFramesInRange(0, n, 1);
            for (int k = 0; k < n; k++) {
                String want = k < na ? a.frameMd5().md5(k) : b.frameMd5().md5(k - na);
                assertEquals(want, new FrameHasher().bytes(all.data(), k * all.frameSize(), all.frameSize()).hex(),
                        "frame " + k);
            }
            for (int k : new int[] {na + 7, 3, n - 1, na - 1, na, 30}) {
                String want = k < na ? a.frameMd5().md5(k) : b.frameMd5().md5(k - na);
                assertEquals(want, FrameHasher.md5(d.getFrameAt(k).data()), "frame " + k + " after a seek");
            }
        }
    }

    /**
     * A joined stream whose second part has another picture size: its frames come out at their own size (see
     * SizeChangingStreamsTest), a batch across the change is a typed error naming both frames.
     */
    @Test
    void aChangeOfPictureSizeMidStreamGivesFramesOfTheNewSize() throws Exception {
        Clip a = TestData.get().clip("baseline_cavlc");
        Clip b = TestData.get().clip("odd_642x362");
        int na = a.frameMd5().size();
        try (VideoDecoder d = VideoDecoder.open(joined("baseline_cavlc", "odd_642x362"), YUV)) {
            assertEquals(a.frameMd5().md5(na - 1), FrameHasher.md5(d.getFrameAt(na - 1).data()));
            Frame f = d.getFrameAt(na);
            assertEquals(642, f.width());
            assertEquals(362, f.height());
            assertEquals(b.frameMd5().md5(0), FrameHasher.md5(f.data()));
            VideoDecoderException e = org.junit.jupiter.api.Assertions.assertThrows(VideoDecoderException.class,
                    () -> d.getFramesInRange(na - 1, na + 1, 1));
            assertEquals(VideoDecoderException.Kind.UNSUPPORTED, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("frame " + na + " is 642x362 and frame " + (na - 1)
                    + " of the same request 320x240"), e.getMessage());
            // the decoder stays usable at both sizes
            assertEquals(a.frameMd5().md5(3), FrameHasher.md5(d.getFrameAt(3).data()));
            assertEquals(b.frameMd5().md5(1), FrameHasher.md5(d.getFrameAt(na + 1).data()));
        }
    }
}
