package org.purecodec.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.purecodec.testdata.Clip;
import org.purecodec.testdata.FrameHasher;
import org.purecodec.testdata.FrameMd5;
import org.purecodec.testdata.TestData;

/**
 * Every access method, in both seek modes, against FFmpeg's per-frame checksums, on every playable
 * clip (YUV bit-exact; RGB in both dimension orders is covered by {@link ClipFramesTest}).
 */
class AccessMethodsTest {
    static Stream<Clip> clips() {
        return TestData.get().clips(Clip.Kind.PLAYABLE).stream().filter(c -> !KnownDifferences.isKnown(c.name()));
    }

    /** Reference pts of each frame in seconds, on the decoder's time line (FFmpeg starts at 0). */
    private static double[] refPts(Clip c) {
        FrameMd5 ref = c.frameMd5();
        String start = c.probe().get("format").asObj().text("start_time");
        double offset = start == null ? 0 : Double.parseDouble(start);
        double[] pts = new double[ref.size()];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = offset + (double) ref.entries().get(i).pts() * ref.timeBaseNum() / ref.timeBaseDen();
        }
        return pts;
    }

    private static String md5(FrameBatch b, int k) {
        return new FrameHasher().bytes(b.data(), k * b.frameSize(), b.frameSize()).hex();
    }

    private static DecoderOptions yuv(SeekMode mode) {
        return DecoderOptions.builder().outputFormat(OutputFormat.YUV420P).seekMode(mode).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clips")
    void exactMode(Clip c) {
        FrameMd5 ref = c.frameMd5();
        int n = ref.size();
        double[] pts = refPts(c);
        Random rnd = new Random(c.name().hashCode());
        try (VideoDecoder d = VideoDecoder.open(c.file(), yuv(SeekMode.EXACT))) {
            double end = d.metadata().endStreamSeconds();
            // iterator: every frame in order
            List<String> seen = new ArrayList<>();
            d.iterator().forEachRemaining(f -> seen.add(FrameHasher.md5(f.data())));
            List<String> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(ref.md5(i));
            }
            assertEquals(all, seen, "iterator");
            // getFrameAt, positive and negative
            for (int k = 0; k < 6; k++) {
                int i = rnd.nextInt(n);
                assertEquals(ref.md5(i), FrameHasher.md5(d.getFrameAt(i).data()), "getFrameAt " + i);
                assertEquals(ref.md5(i), FrameHasher.md5(d.getFrameAt(i - n).data()), "getFrameAt " + (i - n));
            }
            // getFramesAt: unsorted with a duplicate, returned in the caller's order
            int[] idx = {rnd.nextInt(n), rnd.nextInt(n), 0, n - 1, rnd.nextInt(n)};
            idx[4] = idx[0];
            FrameBatch b = d.getFramesAt(idx);
            assertArrayEquals(idx, b.indices());
            for (int k = 0; k < idx.length; k++) {
                assertEquals(ref.md5(idx[k]), md5(b, k), "getFramesAt slot " + k);
                assertEquals(pts[idx[k]], b.ptsSeconds()[k], 1e-6, "pts of slot " + k);
            }
            // played at: a time inside each chosen frame's display interval
            double[] times = new double[4];
            int[] want = new int[4];
            for (int k = 0; k < times.length; k++) {
                int i = rnd.nextInt(n);
                double next = i + 1 < n ? pts[i + 1] : end;
                want[k] = i;
                times[k] = pts[i] + (next - pts[i]) * 0.5;
                assertEquals(ref.md5(i), FrameHasher.md5(d.getFramePlayedAt(times[k]).data()), "played at " + times[k]);
            }
            FrameBatch tb = d.getFramesPlayedAt(times);
            for (int k = 0; k < times.length; k++) {
                assertEquals(ref.md5(want[k]), md5(tb, k), "getFramesPlayedAt " + times[k]);
            }
            // played in range: frames a..b-1 when the range is [pts[a], pts[b])
            if (n >= 3) {
                int a = rnd.nextInt(n - 2);
                int e = a + 1 + rnd.nextInt(Math.min(5, n - a - 1));
                FrameBatch r = d.getFramesPlayedInRange(pts[a], pts[e]);
                assertEquals(e - a, r.size(), "frames in [" + pts[a] + ", " + pts[e] + ")");
                for (int k = 0; k < r.size(); k++) {
                    assertEquals(ref.md5(a + k), md5(r, k), "range frame " + (a + k));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clips")
    void approximateMode(Clip c) {
        FrameMd5 ref = c.frameMd5();
        int n = ref.size();
        double[] pts = refPts(c);
        try (VideoDecoder d = VideoDecoder.open(c.file(), yuv(SeekMode.APPROXIMATE))) {
            VideoMetadata m = d.metadata();
            int size = d.size();
            for (int i = 0; i < size; i += Math.max(1, size / 7)) {
                // index -> time through the average frame rate -> the frame shown then (last one past the end)
                double t = m.beginStreamSeconds() + i / m.averageFps();
                int expected = 0;
                while (expected + 1 < n && pts[expected + 1] <= t + 1e-9) {
                    expected++;
                }
                assertEquals(ref.md5(expected), FrameHasher.md5(d.getFrameAt(i).data()),
                        "approximate index " + i + " (t = " + t + " s) should show frame " + expected);
            }
            // time-based access is the same in both modes
            double t = pts[n / 2];
            assertEquals(ref.md5(n / 2), FrameHasher.md5(d.getFramePlayedAt(t).data()));
        }
    }
}
