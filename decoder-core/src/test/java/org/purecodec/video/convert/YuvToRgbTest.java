package org.purecodec.video.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class YuvToRgbTest {
    /** The textbook conversion in floating point, for a sanity bound on the integer kernel. */
    private static int[] exact(YuvToRgb.Matrix m, boolean full, int y, int u, int v) {
        double kr = m == YuvToRgb.Matrix.BT709 ? 0.2126 : 0.299;
        double kb = m == YuvToRgb.Matrix.BT709 ? 0.0722 : 0.114;
        double kg = 1 - kr - kb;
        double yy = full ? y : (y - 16) * 255.0 / 219.0;
        double cb = full ? u - 128 : (u - 128) * 255.0 / 224.0;
        double cr = full ? v - 128 : (v - 128) * 255.0 / 224.0;
        double r = yy + 2 * (1 - kr) * cr;
        double b = yy + 2 * (1 - kb) * cb;
        double g = yy - 2 * kb * (1 - kb) / kg * cb - 2 * kr * (1 - kr) / kg * cr;
        return new int[] {clip(r), clip(g), clip(b)};
    }

    private static int clip(double x) {
        return (int) Math.max(0, Math.min(255, Math.round(x)));
    }

    @Test
    void integerKernelStaysWithinThreeLevelsOfTheTextbookFormula() {
        // FFmpeg's arithmetic truncates at 13-bit precision; it never strays far from the exact values.
        for (YuvToRgb.Matrix m : new YuvToRgb.Matrix[] {YuvToRgb.Matrix.BT601, YuvToRgb.Matrix.BT709}) {
            for (boolean full : new boolean[] {false, true}) {
                YuvToRgb c = YuvToRgb.of(m, full);
                int worst = 0;
                for (int y = 0; y < 256; y += 3) {
                    for (int u = 0; u < 256; u += 5) {
                        for (int v = 0; v < 256; v += 5) {
                            int[] got = c.pixel(y, u, v);
                            int[] want = exact(m, full, y, u, v);
                            for (int k = 0; k < 3; k++) {
                                worst = Math.max(worst, Math.abs(got[k] - want[k]));
                            }
                        }
                    }
                }
                assertTrue(worst <= 3, m + " full=" + full + ": worst difference " + worst);
            }
        }
    }

    @Test
    void planarAndInterleavedAgreeWithThePixelFormulaOnOddSizes() {
        Random rnd = new Random(1);
        int w = 7;
        int h = 5;
        int cw = 4;
        int ch = 3;
        byte[] y = new byte[w * h + 3];
        byte[] u = new byte[cw * ch];
        byte[] v = new byte[cw * ch];
        rnd.nextBytes(y);
        rnd.nextBytes(u);
        rnd.nextBytes(v);
        YuvToRgb c = YuvToRgb.of(YuvToRgb.Matrix.BT709, false);
        byte[] hwc = new byte[w * h * 3];
        byte[] chw = new byte[w * h * 3];
        // Y starts at offset 3 with stride w; convert in two row bands to exercise row ranges.
        c.toInterleaved(y, 3, w, u, 0, cw, v, 0, cw, w, 0, 2, hwc, 0, w * 3);
        c.toInterleaved(y, 3, w, u, 0, cw, v, 0, cw, w, 2, h, hwc, 0, w * 3);
        c.toPlanar(y, 3, w, u, 0, cw, v, 0, cw, w, 0, h, chw, 0, w, w * h);
        for (int row = 0; row < h; row++) {
            for (int x = 0; x < w; x++) {
                int[] p = c.pixel(y[3 + row * w + x] & 0xff, u[(row / 2) * cw + x / 2] & 0xff, v[(row / 2) * cw + x / 2] & 0xff);
                for (int k = 0; k < 3; k++) {
                    assertEquals(p[k], hwc[(row * w + x) * 3 + k] & 0xff);
                    assertEquals(p[k], chw[k * w * h + row * w + x] & 0xff);
                }
            }
        }
    }

    @Test
    void matrixCodes() {
        assertEquals(YuvToRgb.Matrix.BT709, YuvToRgb.Matrix.fromCode(1));
        assertEquals(YuvToRgb.Matrix.BT601, YuvToRgb.Matrix.fromCode(2));
        assertEquals(YuvToRgb.Matrix.BT601, YuvToRgb.Matrix.fromCode(6));
        assertEquals(YuvToRgb.Matrix.BT2020, YuvToRgb.Matrix.fromCode(9));
    }

    @Test
    void rotationsOfASmallImage() {
        // 3x2 image, one byte per pixel:  a b c / d e f
        byte[] img = {'a', 'b', 'c', 'd', 'e', 'f'};
        byte[] out = new byte[6];
        Rotation.rotate(img, 0, 3, 3, 2, 1, 90, out, 0);     // counterclockwise: c f / b e / a d
        assertArrayEquals("cfbead".getBytes(), out);
        Rotation.rotate(img, 0, 3, 3, 2, 1, 180, out, 0);
        assertArrayEquals("fedcba".getBytes(), out);
        Rotation.rotate(img, 0, 3, 3, 2, 1, 270, out, 0);    // clockwise: d a / e b / f c
        assertArrayEquals("daebfc".getBytes(), out);
        Rotation.rotate(img, 0, 3, 3, 2, 1, -90, out, 0);
        assertArrayEquals("daebfc".getBytes(), out);
        assertTrue(Rotation.swapsAxes(90) && !Rotation.swapsAxes(180));
    }

    /**
     * The 2x2 loops against the one-pixel formula, on every matrix and range: random sizes (odd ones too),
     * strides, offsets and row bands (starting at odd rows too), samples drawn towards 0 and 255 half of the
     * time so that every channel saturates both ways; nothing outside the rows' pixels may be written.
     */
    @Test
    void twoByTwoLoopsEqualThePixelFormulaOnRandomLayouts() {
        Random rnd = new Random(20261205);
        byte sentinel = (byte) 0xa5;
        for (YuvToRgb.Matrix m : YuvToRgb.Matrix.values()) {
            for (boolean full : new boolean[] {false, true}) {
                YuvToRgb c = YuvToRgb.of(m, full);
                for (int trial = 0; trial < 60; trial++) {
                    int w = 1 + rnd.nextInt(40);
                    int h = 1 + rnd.nextInt(12);
                    int cw = (w + 1) / 2;
                    int ch = (h + 1) / 2;
                    int yStride = w + rnd.nextInt(5);
                    int cStride = cw + rnd.nextInt(3);
                    int yOff = rnd.nextInt(4);
                    int uOff = rnd.nextInt(4);
                    int vOff = rnd.nextInt(4);
                    boolean extremes = trial % 2 == 0;
                    byte[] y = samples(rnd, yOff + yStride * h, extremes);
                    byte[] u = samples(rnd, uOff + cStride * ch, extremes);
                    byte[] v = samples(rnd, vOff + cStride * ch, extremes);
                    int hwcStride = 3 * w + rnd.nextInt(4);
                    int hwcOff = rnd.nextInt(4);
                    byte[] hwc = new byte[hwcOff + hwcStride * h + 3];
                    int chwStride = w + rnd.nextInt(3);
                    int plane = chwStride * h + rnd.nextInt(3);
                    int chwOff = rnd.nextInt(4);
                    byte[] chw = new byte[chwOff + 3 * plane + 3];
                    java.util.Arrays.fill(hwc, sentinel);
                    java.util.Arrays.fill(chw, sentinel);
                    // the rows in random bands
                    for (int row0 = 0; row0 < h; ) {
                        int row1 = Math.min(h, row0 + 1 + rnd.nextInt(4));
                        c.toInterleaved(y, yOff, yStride, u, uOff, cStride, v, vOff, cStride, w, row0, row1, hwc, hwcOff,
                                hwcStride);
                        c.toPlanar(y, yOff, yStride, u, uOff, cStride, v, vOff, cStride, w, row0, row1, chw, chwOff,
                                chwStride, plane);
                        row0 = row1;
                    }
                    byte[] wantHwc = new byte[hwc.length];
                    byte[] wantChw = new byte[chw.length];
                    java.util.Arrays.fill(wantHwc, sentinel);
                    java.util.Arrays.fill(wantChw, sentinel);
                    for (int row = 0; row < h; row++) {
                        for (int x = 0; x < w; x++) {
                            int ci = (row / 2) * cStride + x / 2;
                            int[] p = c.pixel(y[yOff + row * yStride + x] & 0xff, u[uOff + ci] & 0xff, v[vOff + ci] & 0xff);
                            for (int k = 0; k < 3; k++) {
                                wantHwc[hwcOff + row * hwcStride + 3 * x + k] = (byte) p[k];
                                wantChw[chwOff + k * plane + row * chwStride + x] = (byte) p[k];
                            }
                        }
                    }
                    String where = m + " full=" + full + " " + w + "x" + h + " trial " + trial;
                    assertArrayEquals(wantHwc, hwc, "interleaved, " + where);
                    assertArrayEquals(wantChw, chw, "planar, " + where);
                }
            }
        }
    }

    private static byte[] samples(Random rnd, int n, boolean extremes) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            int r = rnd.nextInt(256);
            if (extremes) {
                r = r < 128 ? r / 8 : 255 - (r - 128) / 8; // 0..15 or 240..255
            }
            b[i] = (byte) r;
        }
        return b;
    }

    @Test
    void everySumTheLoopsSaturateFitsTheTable() {
        for (YuvToRgb.Matrix m : YuvToRgb.Matrix.values()) {
            for (boolean full : new boolean[] {false, true}) {
                int[] r = YuvToRgb.of(m, full).sumRange();
                assertTrue(r[0] >= -1024 && r[1] <= 1023, m + " full=" + full + ": " + r[0] + ".." + r[1]);
                // and the range really reaches outside 0..255 both ways, so saturation is exercised
                assertTrue(r[0] < 0 && r[1] > 255, m + " full=" + full + ": " + r[0] + ".." + r[1]);
            }
        }
    }
}
