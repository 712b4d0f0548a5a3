package org.purecodec.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.purecodec.testdata.Clip;
import org.purecodec.testdata.FrameHasher;
import org.purecodec.testdata.FrameMd5;
import org.purecodec.testdata.TestData;

/**
 * Random sequences of index and time requests give the same frames as a sequential decode (FFmpeg's
 * checksums), on clips with edit lists, open GOPs, long GOPs, VFR, fragments and B-pyramids.
 */
class SeekStressTest {
    @ParameterizedTest
    @ValueSource(strings = {"editlist_bframe", "open_gop", "long_gop", "vfr", "fragmented", "bframes_pyramid",
        "multiref", "intra_only", "two_frames"})
    void randomAccessMatchesSequentialDecode(String name) {
        Clip clip = TestData.get().clip(name);
        FrameMd5 ref = clip.frameMd5();
        int n = ref.size();
        String start = clip.probe().get("format").asObj().text("start_time");
        double startSeconds = start == null ? 0 : Double.parseDouble(start);
        double[] pts = new double[n];
        for (int i = 0; i < n; i++) {
            pts[i] = startSeconds + (double) ref.entries().get(i).pts() * ref.timeBaseNum() / ref.timeBaseDen();
        }
        Random rnd = new Random(name.hashCode() ^ 20261124L);
        try (VideoDecoder d = VideoDecoder.open(clip.file(),
                DecoderOptions.builder().outputFormat(OutputFormat.YUV420P).build())) {
            assertEquals(n, d.size());
            for (int op = 0; op < 60; op++) {
                switch (rnd.nextInt(4)) {
                    case 0: {
                        int i = rnd.nextInt(n);
                        boolean negative = rnd.nextBoolean();
                        Frame f = d.getFrameAt(negative ? i - n : i);
                        assertEquals(ref.md5(i), FrameHasher.md5(f.data()), "getFrameAt(" + i + ") op " + op);
                        break;
                    }
                    case 1: {
                        int[] idx = new int[1 + rnd.nextInt(5)];
                        for (int k = 0; k < idx.length; k++) {
                            idx[k] = rnd.nextInt(n);
                        }
                        if (idx.length > 1) {
                            idx[idx.length - 1] = idx[0]; // a duplicate
                        }
                        FrameBatch b = d.getFramesAt(idx);
                        assertArrayEquals(idx, b.indices());
                        for (int k = 0; k < idx.length; k++) {
                            assertEquals(ref.md5(idx[k]), new FrameHasher().bytes(b.data(), k * b.frameSize(),
                                    b.frameSize()).hex(), "getFramesAt slot " + k + " = frame " + idx[k] + ", op " + op);
                        }
                        break;
                    }
                    case 2: {
                        int i = rnd.nextInt(n);
                        // A time inside frame i's display interval.
                        double end = i + 1 < n ? pts[i + 1] : d.metadata().endStreamSeconds();
                        double t = pts[i] + (end - pts[i]) * rnd.nextDouble() * 0.999;
                        Frame f = d.getFramePlayedAt(t);
                        assertEquals(i, f.index(), "played at " + t);
                        assertEquals(ref.md5(i), FrameHasher.md5(f.data()), "played at " + t + ", op " + op);
                        break;
                    }
                    default: {
                        int s = rnd.nextInt(n);
                        int e = Math.min(n, s + 1 + rnd.nextInt(6));
                        int step = 1 + rnd.nextInt(3);
                        FrameBatch b = d.getFramesInRange(s, e, step);
                        for (int k = 0; k < b.size(); k++) {
                            int i = s + k * step;
                            assertEquals(i, b.indices()[k]);
                            assertEquals(ref.md5(i), new FrameHasher().bytes(b.data(), k * b.frameSize(),
                                    b.frameSize()).hex(), "range frame " + i + ", op " + op);
                        }
                    }
                }
            }
        }
    }
}
