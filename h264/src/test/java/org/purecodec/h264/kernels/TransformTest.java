package org.purecodec.h264.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** {@link FastTransform} against {@link ReferenceTransform} on random input, plus hand-computed cases. */
class TransformTest {
    private static final int CASES = 3000;
    private final Transform ref = new ReferenceTransform();
    private final Transform fast = new FastTransform();

    @Test
    void tablesHaveSpecShapes() {
        assertEquals(52, Tables.ALPHA.length);
        assertEquals(52, Tables.BETA.length);
        assertEquals(52 * 4, Tables.TC0.length);
        assertEquals(25, Tables.tc0(51, 3));
        assertEquals(13, Tables.tc0(51, 1));
        assertEquals(1, Tables.tc0(17, 3));
        assertEquals(0, Tables.tc0(17, 2));
        assertEquals(39, Tables.chromaQp(51));
        assertEquals(29, Tables.chromaQp(29));
        assertEquals(29, Tables.chromaQp(30));
        int[] ls = new int[96];
        Tables.levelScale4x4(Tables.FLAT_4X4, ls);
        assertEquals(160, ls[0]); // 16 * v00 for m = 0
        assertEquals(208, ls[1]); // (0, 1): v02 = 13
        assertEquals(256, ls[5]); // (1, 1): v01 = 16
        assertEquals(16 * 29, ls[5 * 16 + 15]);
        int[] ls8 = new int[384];
        Tables.levelScale8x8(Tables.FLAT_8X8, ls8);
        assertEquals(16 * 20, ls8[0]);
        assertEquals(16 * 18, ls8[9]); // (1, 1)
        assertEquals(16 * 32, ls8[18]); // (2, 2)
        assertEquals(16 * 19, ls8[1]); // (0, 1)
        assertEquals(16 * 25, ls8[2]); // (0, 2)
        assertEquals(16 * 24, ls8[3 * 8 + 2]); // (3, 2): none of the above
        int[] seen = new int[64];
        for (int r : Tables.ZIGZAG_8X8) {
            seen[r]++;
        }
        int[] ones = new int[64];
        Arrays.fill(ones, 1);
        assertArrayEquals(ones, seen);
    }

    @Test
    void handComputedTransforms() {
        for (Transform t : new Transform[] {ref, fast}) {
            byte[] px = new byte[4 * 8];
            Arrays.fill(px, (byte) 100);
            int[] c = new int[16];
            c[1] = 64; // d01: horizontal frequency 1 -> residual row [1, 1, 0, -1] on every row
            t.idct4Add(c, 0, px, 0, 8);
            for (int y = 0; y < 4; y++) {
                assertArrayEquals(new byte[] {101, 101, 100, 99}, Arrays.copyOfRange(px, y * 8, y * 8 + 4), t + " row " + y);
            }
            assertArrayEquals(new int[16], c);
            c[0] = 64 * 200; // large DC clips to 255
            t.idct4AddDc(c, 0, px, 0, 8);
            assertEquals((byte) 255, px[3 * 8 + 3]);
            assertEquals(100, px[4]); // outside the block untouched

            byte[] p8 = new byte[8 * 8];
            int[] c8 = new int[64];
            c8[0] = -64 * 3;
            Arrays.fill(p8, (byte) 2);
            t.idct8Add(c8, 0, p8, 0, 8);
            for (byte b : p8) {
                assertEquals(0, b); // 2 - 3 clips to 0
            }

            int[] ls = new int[96];
            Tables.levelScale4x4(Tables.FLAT_4X4, ls);
            int[] dc = new int[16];
            Arrays.fill(dc, 1); // Hadamard of all ones: f00 = 16, rest 0
            t.lumaDcDequant(dc, 0, ls, 36); // qP 36: (f * 160) << 0
            int[] want = new int[16];
            want[0] = 16 * 160;
            assertArrayEquals(want, dc);
            int[] cdc = {1, 0, 0, 0};
            t.chromaDcDequant(cdc, 0, ls, 0); // f = all 1, (160 << 0) >> 5 = 5
            assertArrayEquals(new int[] {5, 5, 5, 5}, cdc);
            int[] q = new int[16];
            q[0] = 1;
            q[5] = -2;
            t.dequant4x4(q, 0, ls, 28, false); // qP 28: m = 4, (c * LS) << 0
            assertEquals(16 * 16, q[0]);
            assertEquals(-2 * 16 * 25, q[5]);
            q = new int[16];
            q[0] = 7;
            q[1] = 3;
            t.dequant4x4(q, 0, ls, 0, true); // qP 0: (3 * 208 + 8) >> 4 = 39, DC kept
            assertEquals(7, q[0]);
            assertEquals(39, q[1]);
        }
    }

    private static int[] randomList(Random r, int n) {
        if (r.nextInt(3) == 0) {
            return n == 16 ? Tables.FLAT_4X4 : Tables.FLAT_8X8;
        }
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            l[i] = 1 + r.nextInt(255);
        }
        return l;
    }

    /** Sparse levels as an entropy decoder produces them, occasionally large. */
    private static void randomLevels(Random r, int[] c, int n) {
        Arrays.fill(c, 0);
        int nz = r.nextInt(n + 1);
        for (int k = 0; k < nz; k++) {
            int v = r.nextInt(8) == 0 ? r.nextInt(2001) - 1000 : r.nextInt(17) - 8;
            c[r.nextInt(n)] = v;
        }
    }

    private static byte[] randomPlane(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        if (r.nextBoolean()) { // flat areas near the clipping limits
            byte v = (byte) (r.nextBoolean() ? 250 : 4);
            for (int i = 0; i < n; i += 1 + r.nextInt(3)) {
                b[i] = v;
            }
        }
        return b;
    }

    @Test
    void random4x4MatchesReference() {
        Random r = new Random(0x4a4a);
        int stride = 12;
        int[] ls = new int[96];
        for (int n = 0; n < CASES; n++) {
            Tables.levelScale4x4(randomList(r, 16), ls);
            int qp = r.nextInt(52);
            boolean skipDc = r.nextBoolean();
            int off = r.nextInt(5);
            int[] a = new int[off + 16];
            int[] l = new int[16];
            randomLevels(r, l, 16);
            System.arraycopy(l, 0, a, off, 16);
            int[] b = a.clone();
            ref.dequant4x4(a, off, ls, qp, skipDc);
            fast.dequant4x4(b, off, ls, qp, skipDc);
            assertArrayEquals(a, b, "dequant4x4 case " + n);
            byte[] pa = randomPlane(r, stride * 6);
            byte[] pb = pa.clone();
            int dOff = stride + 1 + r.nextInt(3);
            ref.idct4Add(a, off, pa, dOff, stride);
            fast.idct4Add(b, off, pb, dOff, stride);
            assertArrayEquals(pa, pb, "idct4Add case " + n);
            assertArrayEquals(a, b);
            assertArrayEquals(new int[off + 16], b, "coefficients cleared");
            // DC only: the shortcut against the full reference transform
            a[off] = r.nextInt(20001) - 10000;
            b[off] = a[off];
            ref.idct4Add(a, off, pa, dOff, stride);
            fast.idct4AddDc(b, off, pb, dOff, stride);
            assertArrayEquals(pa, pb, "idct4AddDc case " + n);
            assertEquals(0, b[off]);
        }
    }

    @Test
    void random8x8MatchesReference() {
        Random r = new Random(0x8888);
        int stride = 20;
        int[] ls = new int[384];
        for (int n = 0; n < CASES; n++) {
            Tables.levelScale8x8(randomList(r, 64), ls);
            int qp = r.nextInt(52);
            int off = r.nextInt(5);
            int[] a = new int[off + 64];
            int[] l = new int[64];
            randomLevels(r, l, 64);
            System.arraycopy(l, 0, a, off, 64);
            int[] b = a.clone();
            ref.dequant8x8(a, off, ls, qp);
            fast.dequant8x8(b, off, ls, qp);
            assertArrayEquals(a, b, "dequant8x8 case " + n);
            byte[] pa = randomPlane(r, stride * 10);
            byte[] pb = pa.clone();
            int dOff = stride + 1 + r.nextInt(3);
            ref.idct8Add(a, off, pa, dOff, stride);
            fast.idct8Add(b, off, pb, dOff, stride);
            assertArrayEquals(pa, pb, "idct8Add case " + n);
            assertArrayEquals(new int[off + 64], b, "coefficients cleared");
            a[off] = r.nextInt(20001) - 10000;
            b[off] = a[off];
            ref.idct8Add(a, off, pa, dOff, stride);
            fast.idct8AddDc(b, off, pb, dOff, stride);
            assertArrayEquals(pa, pb, "idct8AddDc case " + n);
            assertEquals(0, b[off]);
        }
    }

    /** Raw scaled coefficients (not from dequantisation): small and mid-range values reach every rounding shift. */
    @Test
    void randomRawCoefficientsMatchReference() {
        Random r = new Random(0x1d1d);
        for (int n = 0; n < 2 * CASES; n++) {
            int size = (n & 1) == 0 ? 4 : 8;
            int count = size * size;
            int range = new int[] {4, 16, 300, 4000}[r.nextInt(4)];
            int[] a = new int[count];
            for (int k = 0; k < count; k++) {
                a[k] = r.nextInt(3) == 0 ? 0 : r.nextInt(2 * range + 1) - range;
            }
            int[] b = a.clone();
            int stride = 16;
            byte[] pa = randomPlane(r, stride * 9);
            byte[] pb = pa.clone();
            int dOff = r.nextInt(stride - size + 1);
            if (size == 4) {
                ref.idct4Add(a, 0, pa, dOff, stride);
                fast.idct4Add(b, 0, pb, dOff, stride);
            } else {
                ref.idct8Add(a, 0, pa, dOff, stride);
                fast.idct8Add(b, 0, pb, dOff, stride);
            }
            assertArrayEquals(pa, pb, "idct" + size + " raw case " + n);
        }
    }

    @Test
    void randomDcTransformsMatchReference() {
        Random r = new Random(0xdcdc);
        int[] ls = new int[96];
        for (int n = 0; n < CASES; n++) {
            Tables.levelScale4x4(randomList(r, 16), ls);
            int qp = r.nextInt(52);
            int off = r.nextInt(4);
            int[] a = new int[off + 16];
            int[] l = new int[16];
            randomLevels(r, l, 16);
            System.arraycopy(l, 0, a, off, 16);
            int[] b = a.clone();
            ref.lumaDcDequant(a, off, ls, qp);
            fast.lumaDcDequant(b, off, ls, qp);
            assertArrayEquals(a, b, "lumaDcDequant case " + n + " qp " + qp);
            int[] ca = new int[off + 4];
            for (int k = 0; k < 4; k++) {
                ca[off + k] = r.nextInt(4) == 0 ? 0 : r.nextInt(801) - 400;
            }
            int[] cb = ca.clone();
            ref.chromaDcDequant(ca, off, ls, qp);
            fast.chromaDcDequant(cb, off, ls, qp);
            assertArrayEquals(ca, cb, "chromaDcDequant case " + n + " qp " + qp);
        }
    }
}
