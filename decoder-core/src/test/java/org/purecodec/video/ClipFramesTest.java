package org.purecodec.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.purecodec.testdata.Clip;
import org.purecodec.testdata.FrameHasher;
import org.purecodec.testdata.FrameMd5;
import org.purecodec.testdata.TestData;

/**
 * Every playable clip, decoded through the public API, against FFmpeg's per-frame checksums: YUV
 * bit-exact, RGB bit-exact, timestamps equal, in both dimension orders.
 */
class ClipFramesTest {
    static Stream<Clip> clips() {
        return TestData.get().clips(Clip.Kind.PLAYABLE).stream().filter(c -> !KnownDifferences.isKnown(c.name()));
    }

    static Stream<Clip> knownDifferent() {
        return TestData.get().clips(Clip.Kind.PLAYABLE).stream().filter(c -> KnownDifferences.isKnown(c.name()));
    }

    static List<String> yuvMd5s(VideoDecoder d) {
        List<String> out = new ArrayList<>();
        FrameBatch all = d.getFramesInRange(0, d.size(), 1);
        for (int k = 0; k < all.size(); k++) {
            out.add(new FrameHasher().bytes(all.data(), k * all.frameSize(), all.frameSize()).hex());
        }
        return out;
    }

    static List<String> expected(FrameMd5 ref) {
        List<String> out = new ArrayList<>();
        for (FrameMd5.Entry e : ref.entries()) {
            out.add(e.md5());
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clips")
    void yuvFramesAreBitExact(Clip clip) {
        FrameMd5 ref = clip.frameMd5();
        try (VideoDecoder d = VideoDecoder.open(clip.file(),
                DecoderOptions.builder().outputFormat(OutputFormat.YUV420P).build())) {
            assertEquals(ref.size(), d.size(), "frame count");
            assertEquals(expected(ref), yuvMd5s(d));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clips")
    void rgbFramesAreBitExactInBothOrders(Clip clip) {
        FrameMd5 ref = clip.rgbFrameMd5();
        DecoderOptions nhwc = DecoderOptions.builder().dimensionOrder(DimensionOrder.NHWC).build();
        try (VideoDecoder d = VideoDecoder.open(clip.file(), nhwc);
             VideoDecoder planar = VideoDecoder.open(clip.file())) {
            // ffmpeg writes framemd5 timestamps relative to the file's start time (format.start_time).
            String start = clip.probe().get("format").asObj().text("start_time");
            double startSeconds = start == null ? 0 : Double.parseDouble(start);
            int w = d.metadata().width();
            int h = d.metadata().height();
            FrameBatch all = d.getFramesInRange(0, d.size(), 1);
            assertArrayEquals(new int[] {ref.size(), h, w, 3}, all.shape());
            List<String> got = new ArrayList<>();
            for (int k = 0; k < all.size(); k++) {
                got.add(new FrameHasher().bytes(all.data(), k * all.frameSize(), all.frameSize()).hex());
                FrameMd5.Entry e = ref.entries().get(k);
                double expectedPts = (double) e.pts() * ref.timeBaseNum() / ref.timeBaseDen();
                assertEquals(expectedPts + startSeconds, all.ptsSeconds()[k], 1e-6, "pts of frame " + k);
            }
            assertEquals(expected(ref), got);
            // NCHW holds the same pixels, one plane per channel.
            FrameBatch chw = planar.getFramesInRange(0, planar.size(), 1);
            assertArrayEquals(new int[] {ref.size(), 3, h, w}, chw.shape());
            int n = w * h;
            for (int k = 0; k < all.size(); k += Math.max(1, all.size() / 5)) {
                int base = k * n * 3;
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < 3; c++) {
                        if (chw.data()[base + c * n + i] != all.data()[base + 3 * i + c]) {
                            throw new AssertionError("frame " + k + " pixel " + i + " channel " + c + " differs");
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("knownDifferent")
    void knownDifferencesStillDecodeEveryFrame(Clip clip) {
        FrameMd5 ref = clip.frameMd5();
        try (VideoDecoder d = VideoDecoder.open(clip.file(),
                DecoderOptions.builder().outputFormat(OutputFormat.YUV420P).build())) {
            List<String> got = yuvMd5s(d);
            assertEquals(ref.size(), got.size());
            int same = 0;
            for (int k = 0; k < got.size(); k++) {
                same += got.get(k).equals(ref.md5(k)) ? 1 : 0;
            }
            // If this fails because every frame matches, the known difference is fixed: remove it from the list.
            assertTrue(same < got.size(), clip + " now matches FFmpeg on every frame: remove it from KnownDifferences");
        }
    }
}
