package org.purecodec.h264.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** {@link FastInterPred} (and, in a subclass, {@link VectorInterPred}) against {@link ReferenceInterPred} on random input, plus hand-computed cases. */
class InterPredTest {
    private static final int[][] LUMA_SIZES = {{16, 16}, {16, 8}, {8, 16}, {8, 8}, {8, 4}, {4, 8}, {4, 4}};
    private static final int[][] CHROMA_SIZES = {{8, 8}, {8, 4}, {4, 8}, {4, 4}, {4, 2}, {2, 4}, {2, 2}};
    private static final int SRC_STRIDE = 40;
    private static final int DST_STRIDE = 24;

    private final InterPred ref = new ReferenceInterPred();
    private final InterPred fast = implementation();

    /** The implementation under test. */
    InterPred implementation() {
        return new FastInterPred();
    }

    private static byte[] randomPlane(Random r, int n) {
        byte[] b = new byte[n];
        if (r.nextInt(4) != 0) {
            r.nextBytes(b);
        } else { // 0/255 patterns drive the 6-tap filter far outside [0, 255] before clipping
            for (int i = 0; i < n; i++) {
                b[i] = (byte) (r.nextBoolean() ? 0 : 255);
            }
        }
        return b;
    }

    @Test
    void randomLumaMatchesReference() {
        Random r = new Random(0x6a6a);
        for (int n = 0; n < 16 * 7 * 12; n++) {
            int xFrac = n & 3;
            int yFrac = (n >> 2) & 3;
            int[] size = LUMA_SIZES[(n >> 4) % 7];
            int w = size[0];
            int h = size[1];
            byte[] src = randomPlane(r, SRC_STRIDE * 30);
            // block plus margin (2 left/above, 3 right/below) inside the array, anywhere
            int sx = 2 + r.nextInt(SRC_STRIDE - w - 5 + 1);
            int sy = 2 + r.nextInt(30 - h - 5 + 1);
            int srcOff = sy * SRC_STRIDE + sx;
            byte[] a = randomPlane(r, DST_STRIDE * 20);
            byte[] b = a.clone();
            int dOff = r.nextInt(DST_STRIDE - w + 1) + r.nextInt(20 - h + 1) * DST_STRIDE;
            boolean avg = (n / (16 * 7)) % 2 == 1; // every size and fraction both stored and averaged into dst
            ref.lumaMc(a, dOff, DST_STRIDE, src, srcOff, SRC_STRIDE, w, h, xFrac, yFrac, avg);
            fast.lumaMc(b, dOff, DST_STRIDE, src, srcOff, SRC_STRIDE, w, h, xFrac, yFrac, avg);
            assertArrayEquals(a, b, "luma " + w + "x" + h + " frac " + xFrac + "," + yFrac + " avg " + avg + " case " + n);
        }
    }

    @Test
    void randomChromaMatchesReference() {
        Random r = new Random(0xc4c4);
        for (int n = 0; n < 64 * 7 * 6; n++) {
            int xFrac = n & 7;
            int yFrac = (n >> 3) & 7;
            int[] size = CHROMA_SIZES[(n >> 6) % 7];
            int w = size[0];
            int h = size[1];
            byte[] srcCb = randomPlane(r, SRC_STRIDE * 20);
            byte[] srcCr = randomPlane(r, SRC_STRIDE * 20);
            int srcOff = r.nextInt(SRC_STRIDE - w) + r.nextInt(20 - h) * SRC_STRIDE;
            byte[] aCb = randomPlane(r, DST_STRIDE * 12);
            byte[] aCr = randomPlane(r, DST_STRIDE * 12);
            byte[] bCb = aCb.clone();
            byte[] bCr = aCr.clone();
            int dOff = r.nextInt(DST_STRIDE - w + 1) + r.nextInt(12 - h + 1) * DST_STRIDE;
            boolean avg = (n / (64 * 7)) % 2 == 1;
            ref.chromaMc(aCb, aCr, dOff, DST_STRIDE, srcCb, srcCr, srcOff, SRC_STRIDE, w, h, xFrac, yFrac, avg);
            fast.chromaMc(bCb, bCr, dOff, DST_STRIDE, srcCb, srcCr, srcOff, SRC_STRIDE, w, h, xFrac, yFrac, avg);
            String what = "chroma " + w + "x" + h + " frac " + xFrac + "," + yFrac + " avg " + avg + " case " + n;
            assertArrayEquals(aCb, bCb, "Cb " + what);
            assertArrayEquals(aCr, bCr, "Cr " + what);
        }
    }

    @Test
    void randomWeightingMatchesReference() {
        Random r = new Random(0x3e3e);
        for (int n = 0; n < 3000; n++) {
            int[] size = (n & 1) == 0 ? LUMA_SIZES[r.nextInt(7)] : CHROMA_SIZES[r.nextInt(7)];
            int w = size[0];
            int h = size[1];
            byte[] a = randomPlane(r, DST_STRIDE * 20);
            byte[] b = a.clone();
            byte[] src = randomPlane(r, SRC_STRIDE * 20);
            int dOff = r.nextInt(DST_STRIDE - w + 1) + r.nextInt(20 - h + 1) * DST_STRIDE;
            int sOff = r.nextInt(SRC_STRIDE - w + 1) + r.nextInt(20 - h + 1) * SRC_STRIDE;
            int logWD = r.nextInt(8);
            int kind = n % 3;
            if (kind == 0) {
                ref.average(a, dOff, DST_STRIDE, src, sOff, SRC_STRIDE, w, h);
                fast.average(b, dOff, DST_STRIDE, src, sOff, SRC_STRIDE, w, h);
            } else if (kind == 1) {
                int wt = r.nextInt(256) - 128;
                int o = r.nextInt(256) - 128;
                ref.weight(a, dOff, DST_STRIDE, w, h, logWD, wt, o);
                fast.weight(b, dOff, DST_STRIDE, w, h, logWD, wt, o);
            } else {
                int w0;
                int w1;
                int o0 = 0;
                int o1 = 0;
                if (r.nextBoolean()) { // implicit (8.4.2.3.1): logWD 5, offsets 0, w0 + w1 = 64
                    logWD = 5;
                    w1 = r.nextInt(193) - 64;
                    w0 = 64 - w1;
                } else {
                    w0 = r.nextInt(256) - 128;
                    w1 = r.nextInt(256) - 128;
                    o0 = r.nextInt(256) - 128;
                    o1 = r.nextInt(256) - 128;
                }
                ref.weightBi(a, dOff, DST_STRIDE, src, sOff, SRC_STRIDE, w, h, logWD, w0, w1, o0, o1);
                fast.weightBi(b, dOff, DST_STRIDE, src, sOff, SRC_STRIDE, w, h, logWD, w0, w1, o0, o1);
            }
            assertArrayEquals(a, b, "weighting kind " + kind + " case " + n);
        }
    }

    @Test
    void handComputedCases() {
        for (InterPred p : new InterPred[] {ref, fast}) {
            // a row ..., 0, 0, 0 | 255, 255, 255, ... : G = 0 at x = 0, H = 255 at x = 1
            byte[] src = new byte[16 * 16];
            for (int y = 0; y < 16; y++) {
                for (int x = 8; x < 16; x++) {
                    src[y * 16 + x] = (byte) 255;
                }
            }
            int g = 4 * 16 + 7;
            byte[] dst = new byte[16];
            byte[] dst2 = new byte[16];
            p.lumaMc(dst, 0, 4, src, g, 16, 4, 4, 2, 0, false); // b1 = 20*255 - 5*255 + 255 = 4080 -> (4080 + 16) >> 5 = 128
            assertEquals(128, dst[0] & 0xff);
            p.lumaMc(dst, 0, 4, src, g, 16, 4, 4, 1, 0, false); // a = (0 + 128 + 1) >> 1
            assertEquals(64, dst[0] & 0xff);
            p.lumaMc(dst, 0, 4, src, g, 16, 4, 4, 3, 0, false); // c = (255 + 128 + 1) >> 1
            assertEquals(192, dst[0] & 0xff);
            p.lumaMc(dst, 0, 4, src, g, 16, 4, 4, 0, 2, false); // vertical filter on a constant column: 0
            assertEquals(0, dst[0] & 0xff);
            p.lumaMc(dst, 0, 4, src, g, 16, 4, 4, 2, 2, false); // j on vertically constant rows: j1 = 32 * b1 -> 128
            assertEquals(128, dst[0] & 0xff);
            p.lumaMc(dst, 0, 4, src, g + 1, 16, 4, 4, 0, 0, false);
            assertEquals(255, dst[0] & 0xff);

            p.chromaMc(dst, dst2, 0, 4, src, src, g, 16, 2, 2, 4, 0, false); // (4 * 0 + 4 * 255 * 8 + 32) >> 6 = 128
            assertEquals(128, dst[0] & 0xff);
            p.chromaMc(dst, dst2, 0, 4, src, src, g, 16, 2, 2, 1, 5, false); // (7*3*0 + 1*3*255 + 7*5*0 + 1*5*255 + 32) >> 6 = 32
            assertEquals((8 * 255 + 32) >> 6, dst[0] & 0xff);
            dst[0] = 100;
            p.lumaMc(dst, 0, 4, src, g, 16, 4, 4, 2, 0, true); // averaged into dst: (100 + 128 + 1) >> 1
            assertEquals(114, dst[0] & 0xff);
            dst[0] = 0;
            p.chromaMc(dst, dst2, 0, 4, src, src, g, 16, 2, 2, 4, 0, true); // (0 + 128 + 1) >> 1
            assertEquals(64, dst[0] & 0xff);

            byte[] d = {100, (byte) 200, 0, 0};
            p.weight(d, 0, 4, 2, 1, 0, 2, -10); // logWD 0: p * 2 - 10
            assertEquals(190, d[0] & 0xff);
            assertEquals(255, d[1] & 0xff);
            d = new byte[] {100, 101, 0, 0};
            p.weight(d, 0, 4, 2, 1, 1, 1, 0); // (p + 1) >> 1
            assertEquals(50, d[0] & 0xff);
            assertEquals(51, d[1] & 0xff);
            byte[] e = {10, 11, 0, 0};
            byte[] f = {20, 20, 0, 0};
            p.weightBi(e, 0, 4, f, 0, 4, 2, 1, 5, 32, 32, 0, 0); // implicit equal weights = default average
            assertEquals(15, e[0]);
            assertEquals(16, e[1]);
        }
    }
}
