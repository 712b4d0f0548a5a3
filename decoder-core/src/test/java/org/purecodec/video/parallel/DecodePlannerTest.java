package org.purecodec.video.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.purecodec.testdata.TestData;
import org.purecodec.video.DecoderOptions;

class DecodePlannerTest {
    static int[] every(int step, int n) {
        int[] a = new int[(n + step - 1) / step];
        for (int i = 0; i < a.length; i++) {
            a[i] = i * step;
        }
        return a;
    }

    @Test
    void gopAwarePlanDecodesEveryGopOnceAndBalances() {
        Path f = TestData.get().clip("baseline_cavlc").file(); // keyint 25: 2 GOPs in 50 frames
        int[] idx = every(4, 50);
        DecodePlan seq = DecodePlanner.plan(f, DecoderOptions.defaults(), idx, 1, SplitMode.GOP_AWARE);
        DecodePlan gop = DecodePlanner.plan(f, DecoderOptions.defaults(), idx, 2, SplitMode.GOP_AWARE);
        DecodePlan naive = DecodePlanner.plan(f, DecoderOptions.defaults(), idx, 3, SplitMode.NAIVE);
        assertEquals(2, gop.workers());
        assertEquals(seq.totalCost(), gop.totalCost(), "no entry decoded twice");
        assertTrue(naive.totalCost() > seq.totalCost(), "a naive cut inside a GOP decodes its start twice");
        BitSet seen = new BitSet();
        for (DecodePlan.Chunk c : gop.chunks()) {
            for (DecodePlan.Run r : c.runs()) {
                for (int e = r.startEntry(); e <= r.endEntry(); e++) {
                    assertTrue(!seen.get(e), "entry " + e + " in two runs");
                    seen.set(e);
                }
            }
        }
        int[] covered = gop.chunks().stream().flatMapToInt(c -> Arrays.stream(c.frames())).sorted().toArray();
        assertArrayEquals(idx, covered);
    }

    @Test
    void costsFollowTheKeyFrames() {
        // sample.mp4: key frames 0 and 250 of 345; every 12th frame
        Path f = TestData.get().sample().file();
        int[] idx = every(12, 345);
        DecodePlan p = DecodePlanner.plan(f, DecoderOptions.defaults(), idx, 2, SplitMode.GOP_AWARE);
        assertEquals(2, p.workers());
        DecodePlan.Run first = p.chunks().get(0).runs().get(0);
        DecodePlan.Run second = p.chunks().get(1).runs().get(0);
        assertEquals(0, first.startEntry());
        assertTrue(second.frames()[0] >= 250 && second.frames()[0] < 262, Arrays.toString(second.frames()));
        // the second run starts at the key frame shown as frame 250
        assertTrue(second.startEntry() <= 250 && second.startEntry() >= 240, "start " + second.startEntry());
        assertTrue(p.totalCost() > 300 && p.totalCost() <= 345, "cost " + p.totalCost());
        assertEquals(p.totalCost(), DecodePlanner.sequentialCost(f, DecoderOptions.defaults(), idx));
    }

    @Test
    void moreWorkersThanRunsGiveOneChunkPerRun() {
        Path f = TestData.get().clip("long_gop").file();
        DecodePlan p = DecodePlanner.plan(f, DecoderOptions.defaults(), every(5, 120), 4, SplitMode.GOP_AWARE);
        assertEquals(1, p.workers());
        DecodePlan naive = DecodePlanner.plan(f, DecoderOptions.defaults(), every(5, 120), 4, SplitMode.NAIVE);
        assertEquals(4, naive.workers());
        assertTrue(naive.totalCost() > 2 * p.totalCost());
    }

    @Test
    void jsonRoundTrip() {
        Path f = TestData.get().clip("editlist_bframe").file();
        DecodePlan p = DecodePlanner.plan(f, DecoderOptions.defaults(), new int[] {5, -1, 0, 5, 20}, 2,
                SplitMode.NAIVE);
        String json = p.toJson();
        assertTrue(json.startsWith("{\"file\":"), json);
        DecodePlan q = DecodePlan.fromJson(json);
        assertEquals(p, q);
        assertEquals(json, q.toJson());
        assertThrows(IllegalArgumentException.class, () -> DecodePlan.fromJson("{\"file\":1}"));
        assertThrows(IllegalArgumentException.class, () -> DecodePlan.fromJson(json.substring(0, json.length() - 2)));
        assertEquals(new DecodePlan("a \"b\"\n", 0, SplitMode.GOP_AWARE, new int[0], java.util.List.of()),
                DecodePlan.fromJson(new DecodePlan("a \"b\"\n", 0, SplitMode.GOP_AWARE, new int[0],
                        java.util.List.of()).toJson()));
    }
}
