package org.purecodec.h264.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** {@link FastLoopFilter} (or a subclass's {@link #implementation()}) against {@link ReferenceLoopFilter}, hand-computed edges, and the bS rules. */
class LoopFilterTest {
    private static final int STRIDE = 32;
    private static final int ROWS = 32;

    private final LoopFilter ref = new ReferenceLoopFilter();
    private final LoopFilter fast = implementation();

    /** The implementation checked against {@link ReferenceLoopFilter}. */
    LoopFilter implementation() {
        return new FastLoopFilter();
    }

    /** Blocky content: two flat-ish sides with a step and small noise, so every filter branch is taken. */
    private static byte[] blockyPlane(Random r, boolean vertical, int edgeAt) {
        byte[] b = new byte[STRIDE * ROWS];
        int baseP = r.nextInt(256);
        int step = r.nextInt(4) == 0 ? r.nextInt(256) - 128 : r.nextInt(41) - 20;
        int noise = 1 + r.nextInt(r.nextBoolean() ? 4 : 24);
        for (int y = 0; y < ROWS; y++) {
            for (int x = 0; x < STRIDE; x++) {
                boolean q = vertical ? x >= edgeAt : y >= edgeAt;
                int v = baseP + (q ? step : 0) + r.nextInt(noise) - noise / 2;
                b[y * STRIDE + x] = (byte) Planes.clip1(v);
            }
        }
        if (r.nextInt(8) == 0) {
            r.nextBytes(b);
        }
        return b;
    }

    @Test
    void randomEdgesMatchReference() {
        Random r = new Random(0xdb10);
        int[] bS = new int[6];
        for (int n = 0; n < 6000; n++) {
            boolean chroma = (n & 1) != 0;
            boolean vertical = (n & 2) != 0;
            int edgeAt = 4 + r.nextInt(8);
            byte[] a = blockyPlane(r, vertical, edgeAt);
            byte[] b = a.clone();
            int bSOff = r.nextInt(3);
            int kind = r.nextInt(3);
            for (int k = 0; k < 4; k++) {
                bS[bSOff + k] = kind == 0 ? 4 : kind == 1 ? 1 + r.nextInt(3) : r.nextInt(5);
            }
            int indexA = r.nextInt(4) == 0 ? r.nextInt(52) : 16 + r.nextInt(36);
            int indexB = r.nextInt(4) == 0 ? r.nextInt(52) : 16 + r.nextInt(36);
            int other = 2 + r.nextInt(4);
            int off = vertical ? other * STRIDE + edgeAt : edgeAt * STRIDE + other;
            int across = vertical ? 1 : STRIDE;
            int along = vertical ? STRIDE : 1;
            if (chroma) {
                ref.chromaEdge(a, off, across, along, bS, bSOff, indexA, indexB);
                fast.chromaEdge(b, off, across, along, bS, bSOff, indexA, indexB);
            } else {
                ref.lumaEdge(a, off, across, along, bS, bSOff, indexA, indexB);
                fast.lumaEdge(b, off, across, along, bS, bSOff, indexA, indexB);
            }
            assertArrayEquals(a, b, (chroma ? "chroma" : "luma") + (vertical ? " vertical" : " horizontal")
                    + " edge case " + n + " indexA " + indexA + " indexB " + indexB);
        }
    }

    private static byte[] stepEdge(boolean vertical) {
        byte[] b = new byte[STRIDE * ROWS];
        for (int y = 0; y < ROWS; y++) {
            for (int x = 0; x < STRIDE; x++) {
                b[y * STRIDE + x] = (byte) ((vertical ? x : y) >= 8 ? 110 : 100);
            }
        }
        return b;
    }

    private static int[] line(byte[] b, boolean vertical, int k) {
        int[] v = new int[8];
        for (int i = 0; i < 8; i++) {
            v[i] = b[vertical ? (2 + k) * STRIDE + 4 + i : (4 + i) * STRIDE + 2 + k] & 0xff;
        }
        return v;
    }

    @Test
    void handComputedEdges() {
        for (LoopFilter f : new LoopFilter[] {ref, fast}) {
            for (boolean vertical : new boolean[] {true, false}) {
                int off = vertical ? 2 * STRIDE + 8 : 8 * STRIDE + 2;
                int across = vertical ? 1 : STRIDE;
                int along = vertical ? STRIDE : 1;
                // indexA = indexB = 40: alpha 80, beta 13, tC0(bS 1) = 4; p = 100s, q = 110s
                byte[] b = stepEdge(vertical);
                f.lumaEdge(b, off, across, along, new int[] {4, 1, 0, 4}, 0, 40, 40);
                assertArrayEquals(new int[] {100, 101, 103, 104, 106, 108, 109, 110}, line(b, vertical, 0), f + " strong");
                // bS 1: tC = 4 + 2, delta = ((10 << 2) + (100 - 110) + 4) >> 3 = 4;
                // p1' = 100 + ((100 + 105 - 200) >> 1) = 102, q1' = 110 + ((110 + 105 - 220) >> 1) = 107
                assertArrayEquals(new int[] {100, 100, 102, 104, 106, 107, 110, 110}, line(b, vertical, 4), f + " normal");
                assertArrayEquals(new int[] {100, 100, 100, 100, 110, 110, 110, 110}, line(b, vertical, 8), f + " bS 0");
                // the step is above alpha at indexA 20 (alpha 7): nothing changes
                b = stepEdge(vertical);
                f.lumaEdge(b, off, across, along, new int[] {4, 4, 4, 4}, 0, 20, 40);
                assertArrayEquals(stepEdge(vertical), b);
                // chroma, bS 1: tC = tC0 + 1 = 5, delta 4, p1/q1 untouched; bS 4: p0' = (200 + 100 + 110 + 2) >> 2 = 103
                b = stepEdge(vertical);
                f.chromaEdge(b, off, across, along, new int[] {1, 4, 0, 0}, 0, 40, 40);
                assertArrayEquals(new int[] {100, 100, 100, 104, 106, 110, 110, 110}, line(b, vertical, 1), f + " chroma normal");
                assertArrayEquals(new int[] {100, 100, 100, 103, 108, 110, 110, 110}, line(b, vertical, 2), f + " chroma strong");
                assertArrayEquals(new int[] {100, 100, 100, 100, 110, 110, 110, 110}, line(b, vertical, 4), f + " chroma bS 0");
            }
        }
    }

    @Test
    void boundaryStrengthRules() {
        int zero = Mv.pack(0, 0);
        int near = Mv.pack(3, -3);
        int far = Mv.pack(0, 4);
        int farX = Mv.pack(-4, 0);
        // intra
        assertEquals(4, BoundaryStrength.derive(true, true, false, false, false, -1, -1, 0, 0, 0, -1, zero, 0));
        assertEquals(3, BoundaryStrength.derive(false, false, true, false, false, 0, -1, zero, 0, -1, -1, 0, 0));
        // coefficients
        assertEquals(2, BoundaryStrength.derive(true, false, false, false, true, 0, -1, zero, 0, 0, -1, zero, 0));
        // one vector each
        assertEquals(0, BoundaryStrength.derive(true, false, false, false, false, 5, -1, zero, 0, 5, -1, near, 0));
        assertEquals(1, BoundaryStrength.derive(true, false, false, false, false, 5, -1, zero, 0, 5, -1, far, 0));
        assertEquals(1, BoundaryStrength.derive(false, false, false, false, false, 5, -1, zero, 0, 5, -1, farX, 0));
        assertEquals(1, BoundaryStrength.derive(true, false, false, false, false, 5, -1, zero, 0, 6, -1, zero, 0));
        // same picture through list 0 on one side and list 1 on the other: same reference
        assertEquals(0, BoundaryStrength.derive(true, false, false, false, false, 5, -1, zero, 0, -1, 5, 0, near));
        // different number of vectors
        assertEquals(1, BoundaryStrength.derive(true, false, false, false, false, 5, 6, zero, zero, 5, -1, zero, 0));
        // two different pictures, crossed lists: compare vectors of the same picture
        assertEquals(0, BoundaryStrength.derive(true, false, false, false, false, 5, 6, zero, far, 6, 5, far, zero));
        assertEquals(1, BoundaryStrength.derive(true, false, false, false, false, 5, 6, zero, far, 6, 5, zero, far));
        assertEquals(1, BoundaryStrength.derive(true, false, false, false, false, 5, 6, zero, zero, 5, 7, zero, zero));
        // both vectors to the same picture: bS 1 only when both pairings differ
        assertEquals(0, BoundaryStrength.derive(true, false, false, false, false, 5, 5, zero, far, 5, 5, far, zero));
        assertEquals(0, BoundaryStrength.derive(true, false, false, false, false, 5, 5, zero, far, 5, 5, zero, far));
        assertEquals(1, BoundaryStrength.derive(true, false, false, false, false, 5, 5, zero, far, 5, 5, far, far));
    }
}
