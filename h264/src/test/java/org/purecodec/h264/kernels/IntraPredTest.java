package org.purecodec.h264.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** {@link FastIntraPred} against {@link ReferenceIntraPred} for every mode and availability, plus hand cases. */
class IntraPredTest {
    private static final int STRIDE = 48;
    private static final int ROWS = 40;
    private static final int L = IntraPred.LEFT;
    private static final int T = IntraPred.TOP;
    private static final int TL = IntraPred.TOP_LEFT;
    private static final int TR = IntraPred.TOP_RIGHT;

    private final IntraPred ref = new ReferenceIntraPred();
    private final IntraPred fast = new FastIntraPred();

    /** Availability a 4x4/8x8 mode needs (8.3.1.2.x); the others are random. */
    private static int required4x4(int mode) {
        switch (mode) {
            case IntraPred.VERTICAL:
            case IntraPred.DIAGONAL_DOWN_LEFT:
            case IntraPred.VERTICAL_LEFT:
                return T;
            case IntraPred.HORIZONTAL:
            case IntraPred.HORIZONTAL_UP:
                return L;
            case IntraPred.DC:
                return 0;
            default:
                return T | L | TL;
        }
    }

    private static byte[] randomPlane(Random r) {
        byte[] b = new byte[STRIDE * ROWS];
        int kind = r.nextInt(3);
        if (kind == 0) {
            r.nextBytes(b);
        } else { // smooth gradients (plane mode, clipping at both ends), with noise
            int gx = r.nextInt(41) - 20;
            int gy = r.nextInt(41) - 20;
            int base = r.nextInt(256);
            for (int y = 0; y < ROWS; y++) {
                for (int x = 0; x < STRIDE; x++) {
                    int v = base + (gx * x + gy * y) / 4 + (kind == 2 ? r.nextInt(9) - 4 : 0);
                    b[y * STRIDE + x] = (byte) Planes.clip1(v);
                }
            }
        }
        return b;
    }

    interface Call {
        void run(IntraPred p, int mode, byte[] pix, int off, int avail);
    }

    private void compare(String what, int cases, int modes, long seed, Call call, java.util.function.IntUnaryOperator required) {
        Random r = new Random(seed);
        for (int n = 0; n < cases; n++) {
            int mode = n % modes;
            int avail = r.nextInt(16) | required.applyAsInt(mode);
            byte[] a = randomPlane(r);
            byte[] b = a.clone();
            int off = (2 + r.nextInt(8)) * STRIDE + 2 + r.nextInt(8);
            call.run(ref, mode, a, off, avail);
            call.run(fast, mode, b, off, avail);
            assertArrayEquals(a, b, what + " mode " + mode + " avail " + avail + " case " + n);
        }
    }

    @Test
    void random4x4MatchesReference() {
        compare("4x4", 9 * 600, 9, 0x44, (p, m, pix, off, av) -> p.pred4x4(m, pix, off, STRIDE, av),
                IntraPredTest::required4x4);
    }

    @Test
    void random8x8MatchesReference() {
        compare("8x8", 9 * 600, 9, 0x88, (p, m, pix, off, av) -> p.pred8x8(m, pix, off, STRIDE, av),
                IntraPredTest::required4x4);
    }

    @Test
    void random16x16MatchesReference() {
        compare("16x16", 4 * 500, 4, 0x1616, (p, m, pix, off, av) -> p.pred16x16(m, pix, off, STRIDE, av),
                m -> m == 0 ? T : m == 1 ? L : m == 2 ? 0 : T | L | TL);
    }

    @Test
    void randomChromaMatchesReference() {
        compare("chroma", 4 * 600, 4, 0xc8, (p, m, pix, off, av) -> p.predChroma(m, pix, off, STRIDE, av),
                m -> m == 0 ? 0 : m == 1 ? L : m == 2 ? T : T | L | TL);
    }

    @Test
    void referenceRefusesUnavailableSamples() {
        byte[] pix = new byte[STRIDE * ROWS];
        assertThrows(IllegalStateException.class, () -> ref.pred4x4(IntraPred.VERTICAL, pix, 4 * STRIDE + 4, STRIDE, L));
        assertThrows(IllegalStateException.class,
                () -> ref.pred8x8(IntraPred.DIAGONAL_DOWN_RIGHT, pix, 4 * STRIDE + 4, STRIDE, T | L));
        assertThrows(IllegalStateException.class, () -> ref.pred16x16(3, pix, 4 * STRIDE + 4, STRIDE, T | L));
    }

    @Test
    void handComputedCases() {
        for (IntraPred p : new IntraPred[] {ref, fast}) {
            // no neighbours: DC = 128 (8.3.1.2.3)
            byte[] pix = new byte[STRIDE * ROWS];
            int off = 4 * STRIDE + 4;
            p.pred4x4(IntraPred.DC, pix, off, STRIDE, 0);
            assertEquals(128, pix[off + 3 * STRIDE + 3] & 0xff);

            // 4x4 diagonal down left with top 0..3 = 10,20,30,40 and no top-right: p[4..7,-1] = 40
            pix = new byte[STRIDE * ROWS];
            for (int x = 0; x < 4; x++) {
                pix[off - STRIDE + x] = (byte) (10 * (x + 1));
                pix[off - STRIDE + 4 + x] = (byte) 99; // must not be read
            }
            p.pred4x4(IntraPred.DIAGONAL_DOWN_LEFT, pix, off, STRIDE, T);
            // (0,0): (10 + 2*20 + 30 + 2) >> 2 = 20; (2,1): p[3],p[4],p[5] = 40,40,40 -> 40; (3,3): (40 + 3*40 + 2)>>2 = 40
            assertEquals(20, pix[off]);
            assertEquals(30, pix[off + 1]);
            assertEquals((30 + 80 + 40 + 2) >> 2, pix[off + 2]);
            assertEquals(40, pix[off + STRIDE + 2]);
            assertEquals(40, pix[off + 3 * STRIDE + 3]);

            // 16x16 plane on a plane that is itself linear: prediction continues the ramp x + 2y + 10
            pix = new byte[STRIDE * ROWS];
            off = 4 * STRIDE + 4;
            for (int y = -1; y < 16; y++) {
                for (int x = -1; x < 16; x++) {
                    if (x == -1 || y == -1) {
                        pix[off + y * STRIDE + x] = (byte) (x + 2 * y + 10);
                    }
                }
            }
            p.pred16x16(IntraPred.PLANE_16X16, pix, off, STRIDE, T | L | TL);
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 16; x++) {
                    assertEquals(x + 2 * y + 10, pix[off + y * STRIDE + x] & 0xff, "plane at " + x + "," + y);
                }
            }

            // chroma DC, top only: block (4,4) uses its own top (8.3.4.1-3), block (0,4) falls back to the top-left sums
            pix = new byte[STRIDE * ROWS];
            for (int x = 0; x < 8; x++) {
                pix[off - STRIDE + x] = (byte) (x < 4 ? 20 : 60);
            }
            p.predChroma(IntraPred.CHROMA_DC, pix, off, STRIDE, T);
            assertEquals(20, pix[off]);
            assertEquals(60, pix[off + 4]);
            assertEquals(20, pix[off + 4 * STRIDE]);
            assertEquals(60, pix[off + 4 * STRIDE + 4]);
        }
    }
}
