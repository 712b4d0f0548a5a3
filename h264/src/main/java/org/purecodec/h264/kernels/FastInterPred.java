package org.purecodec.h264.kernels;

/**
 * Fast inter prediction. Luma: each of the 16 fractional positions is one or two of three separable
 * passes (horizontal half sample b, vertical half sample h, centre j from horizontal intermediates
 * filtered vertically) plus a rounding average (8-250 to 8-261). Chroma: the bilinear filter with its
 * weights hoisted and one-dimensional special cases. Holds scratch: one instance per thread.
 */
public final class FastInterPred implements InterPred {
    private static final int MAX = 16;
    private final byte[] tmp = new byte[MAX * MAX];
    private final int[] mid = new int[(MAX + 5) * MAX];

    @Override
    public void lumaMc(byte[] dst, int dstOff, int dstStride, byte[] src, int srcOff, int srcStride, int w, int h,
            int xFrac, int yFrac) {
        byte[] t = tmp;
        switch (yFrac * 4 + xFrac) {
            case 0:
                for (int y = 0; y < h; y++) {
                    System.arraycopy(src, srcOff + y * srcStride, dst, dstOff + y * dstStride, w);
                }
                return;
            case 1: // a = (G + b + 1) >> 1
                putHAvg(dst, dstOff, dstStride, src, srcOff, srcStride, w, h, 0);
                return;
            case 2: // b
                putH(dst, dstOff, dstStride, src, srcOff, srcStride, w, h);
                return;
            case 3: // c = (H + b + 1) >> 1
                putHAvg(dst, dstOff, dstStride, src, srcOff, srcStride, w, h, 1);
                return;
            case 4: // d = (G + h + 1) >> 1
                putVAvg(dst, dstOff, dstStride, src, srcOff, srcStride, w, h, 0);
                return;
            case 8: // h
                putV(dst, dstOff, dstStride, src, srcOff, srcStride, w, h);
                return;
            case 12: // n = (M + h + 1) >> 1
                putVAvg(dst, dstOff, dstStride, src, srcOff, srcStride, w, h, srcStride);
                return;
            case 10: // j
                putHV(dst, dstOff, dstStride, src, srcOff, srcStride, w, h);
                return;
            case 5: // e = (b + h + 1) >> 1
            case 7: // g = (b + m + 1) >> 1
            case 13: // p = (h + s + 1) >> 1
            case 15: // r = (m + s + 1) >> 1
                putDiag(dst, dstOff, dstStride, src, srcOff + (yFrac == 3 ? srcStride : 0), srcOff + (xFrac == 3 ? 1 : 0),
                        srcStride, w, h);
                return;
            case 6: // f = (b + j + 1) >> 1
            case 14: // q = (j + s + 1) >> 1
                putHV(dst, dstOff, dstStride, src, srcOff, srcStride, w, h);
                putH(t, 0, MAX, src, srcOff + (yFrac == 3 ? srcStride : 0), srcStride, w, h);
                average(dst, dstOff, dstStride, t, 0, MAX, w, h);
                return;
            case 9: // i = (h + j + 1) >> 1
            case 11: // k = (j + m + 1) >> 1
                putHV(dst, dstOff, dstStride, src, srcOff, srcStride, w, h);
                putV(t, 0, MAX, src, srcOff + (xFrac == 3 ? 1 : 0), srcStride, w, h);
                average(dst, dstOff, dstStride, t, 0, MAX, w, h);
                return;
            default:
                throw new IllegalArgumentException("fraction " + xFrac + "," + yFrac);
        }
    }

    /** Horizontal half samples b at each position: Clip1((E - 5F + 20G + 20H - 5I + J + 16) >> 5). */
    private static void putH(byte[] dst, int dOff, int dStride, byte[] src, int sOff, int sStride, int w, int h) {
        for (int y = 0; y < h; y++) {
            int s = sOff + y * sStride - 2;
            int d = dOff + y * dStride;
            for (int x = 0; x < w; x++) {
                int p = s + x;
                int v = (src[p] & 0xff) + (src[p + 5] & 0xff) - 5 * ((src[p + 1] & 0xff) + (src[p + 4] & 0xff))
                        + 20 * ((src[p + 2] & 0xff) + (src[p + 3] & 0xff));
                dst[d + x] = (byte) Math.max(0, Math.min(255, (v + 16) >> 5));
            }
        }
    }

    /** Horizontal half sample b averaged with the full sample at column offset {@code g} (0: G, 1: H), one pass. */
    private static void putHAvg(byte[] dst, int dOff, int dStride, byte[] src, int sOff, int sStride, int w, int h, int g) {
        for (int y = 0; y < h; y++) {
            int s = sOff + y * sStride - 2;
            int d = dOff + y * dStride;
            for (int x = 0; x < w; x++) {
                int p = s + x;
                int v = (src[p] & 0xff) + (src[p + 5] & 0xff) - 5 * ((src[p + 1] & 0xff) + (src[p + 4] & 0xff))
                        + 20 * ((src[p + 2] & 0xff) + (src[p + 3] & 0xff));
                int b = Math.max(0, Math.min(255, (v + 16) >> 5));
                dst[d + x] = (byte) ((b + (src[p + 2 + g] & 0xff) + 1) >> 1);
            }
        }
    }

    /** Vertical half sample h averaged with the full sample at offset {@code g} (0: G, stride: M), one pass. */
    private static void putVAvg(byte[] dst, int dOff, int dStride, byte[] src, int sOff, int sStride, int w, int h, int g) {
        for (int y = 0; y < h; y++) {
            int s = sOff + (y - 2) * sStride;
            int d = dOff + y * dStride;
            int s1 = s + sStride;
            int s2 = s1 + sStride;
            int s3 = s2 + sStride;
            int s4 = s3 + sStride;
            int s5 = s4 + sStride;
            int sg = s2 + g;
            for (int x = 0; x < w; x++) {
                int v = (src[s + x] & 0xff) + (src[s5 + x] & 0xff) - 5 * ((src[s1 + x] & 0xff) + (src[s4 + x] & 0xff))
                        + 20 * ((src[s2 + x] & 0xff) + (src[s3 + x] & 0xff));
                int hv = Math.max(0, Math.min(255, (v + 16) >> 5));
                dst[d + x] = (byte) ((hv + (src[sg + x] & 0xff) + 1) >> 1);
            }
        }
    }

    /**
     * Diagonal quarter samples e, g, p, r: the average of a horizontal half sample (rows from {@code hOff})
     * and a vertical one (columns from {@code vOff}), one pass.
     */
    private static void putDiag(byte[] dst, int dOff, int dStride, byte[] src, int hOff, int vOff, int sStride, int w, int h) {
        for (int y = 0; y < h; y++) {
            int sh = hOff + y * sStride - 2;
            int s = vOff + (y - 2) * sStride;
            int s1 = s + sStride;
            int s2 = s1 + sStride;
            int s3 = s2 + sStride;
            int s4 = s3 + sStride;
            int s5 = s4 + sStride;
            int d = dOff + y * dStride;
            for (int x = 0; x < w; x++) {
                int p = sh + x;
                int vb = (src[p] & 0xff) + (src[p + 5] & 0xff) - 5 * ((src[p + 1] & 0xff) + (src[p + 4] & 0xff))
                        + 20 * ((src[p + 2] & 0xff) + (src[p + 3] & 0xff));
                int vh = (src[s + x] & 0xff) + (src[s5 + x] & 0xff) - 5 * ((src[s1 + x] & 0xff) + (src[s4 + x] & 0xff))
                        + 20 * ((src[s2 + x] & 0xff) + (src[s3 + x] & 0xff));
                int b = Math.max(0, Math.min(255, (vb + 16) >> 5));
                int hh = Math.max(0, Math.min(255, (vh + 16) >> 5));
                dst[d + x] = (byte) ((b + hh + 1) >> 1);
            }
        }
    }

    /** Vertical half samples h at each position (row by row, independent loads). */
    private static void putV(byte[] dst, int dOff, int dStride, byte[] src, int sOff, int sStride, int w, int h) {
        for (int y = 0; y < h; y++) {
            int s = sOff + (y - 2) * sStride;
            int d = dOff + y * dStride;
            int s1 = s + sStride;
            int s2 = s1 + sStride;
            int s3 = s2 + sStride;
            int s4 = s3 + sStride;
            int s5 = s4 + sStride;
            for (int x = 0; x < w; x++) {
                int v = (src[s + x] & 0xff) + (src[s5 + x] & 0xff) - 5 * ((src[s1 + x] & 0xff) + (src[s4 + x] & 0xff))
                        + 20 * ((src[s2 + x] & 0xff) + (src[s3 + x] & 0xff));
                dst[d + x] = (byte) Math.max(0, Math.min(255, (v + 16) >> 5));
            }
        }
    }

    /** Centre half samples j: horizontal intermediates b1 of rows -2..h+2, then the vertical 6-tap, (+512) >> 10. */
    private void putHV(byte[] dst, int dOff, int dStride, byte[] src, int sOff, int sStride, int w, int h) {
        int[] m = mid;
        for (int y = 0; y < h + 5; y++) {
            int s = sOff + (y - 2) * sStride - 2;
            int o = y * MAX;
            for (int x = 0; x < w; x++) {
                int p = s + x;
                m[o + x] = (src[p] & 0xff) + (src[p + 5] & 0xff) - 5 * ((src[p + 1] & 0xff) + (src[p + 4] & 0xff))
                        + 20 * ((src[p + 2] & 0xff) + (src[p + 3] & 0xff));
            }
        }
        for (int y = 0; y < h; y++) {
            int o = y * MAX;
            int d = dOff + y * dStride;
            for (int x = 0; x < w; x++) {
                int p = o + x;
                int v = m[p] + m[p + 5 * MAX] - 5 * (m[p + MAX] + m[p + 4 * MAX]) + 20 * (m[p + 2 * MAX] + m[p + 3 * MAX]);
                dst[d + x] = (byte) Math.max(0, Math.min(255, (v + 512) >> 10));
            }
        }
    }

    @Override
    public void chromaMc(byte[] dst, int dstOff, int dstStride, byte[] src, int srcOff, int srcStride, int w, int h,
            int xFrac, int yFrac) {
        if ((xFrac | yFrac) == 0) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(src, srcOff + y * srcStride, dst, dstOff + y * dstStride, w);
            }
        } else if (xFrac == 0 || yFrac == 0) {
            // one-dimensional: ((8 - f) * A + f * B + 4) >> 3 equals 8-266 with the other fraction 0
            int f = xFrac + yFrac;
            int g = 8 - f;
            int step = xFrac != 0 ? 1 : srcStride;
            for (int y = 0; y < h; y++) {
                int s = srcOff + y * srcStride;
                int d = dstOff + y * dstStride;
                for (int x = 0; x < w; x++) {
                    dst[d + x] = (byte) ((g * (src[s + x] & 0xff) + f * (src[s + x + step] & 0xff) + 4) >> 3);
                }
            }
        } else {
            int wa = (8 - xFrac) * (8 - yFrac);
            int wb = xFrac * (8 - yFrac);
            int wc = (8 - xFrac) * yFrac;
            int wd = xFrac * yFrac;
            for (int y = 0; y < h; y++) {
                int s = srcOff + y * srcStride;
                int s1 = s + srcStride;
                int d = dstOff + y * dstStride;
                for (int x = 0; x < w; x++) {
                    dst[d + x] = (byte) ((wa * (src[s + x] & 0xff) + wb * (src[s + x + 1] & 0xff)
                            + wc * (src[s1 + x] & 0xff) + wd * (src[s1 + x + 1] & 0xff) + 32) >> 6);
                }
            }
        }
    }

    @Override
    public void average(byte[] dst, int dstOff, int dstStride, byte[] src, int srcOff, int srcStride, int w, int h) {
        for (int y = 0; y < h; y++) {
            int d = dstOff + y * dstStride;
            int s = srcOff + y * srcStride;
            for (int x = 0; x < w; x++) {
                dst[d + x] = (byte) (((dst[d + x] & 0xff) + (src[s + x] & 0xff) + 1) >> 1);
            }
        }
    }

    @Override
    public void weight(byte[] dst, int dstOff, int dstStride, int w, int h, int logWD, int weight, int offset) {
        // ((p * w + 2^(logWD-1)) >> logWD) + o == (p * w + 2^(logWD-1) + (o << logWD)) >> logWD, exactly,
        // and for logWD = 0 the rounding term is 0.
        int add = (logWD >= 1 ? 1 << (logWD - 1) : 0) + (offset << logWD);
        for (int y = 0; y < h; y++) {
            int d = dstOff + y * dstStride;
            for (int x = 0; x < w; x++) {
                dst[d + x] = (byte) Math.max(0, Math.min(255, ((dst[d + x] & 0xff) * weight + add) >> logWD));
            }
        }
    }

    @Override
    public void weightBi(byte[] dst, int dstOff, int dstStride, byte[] src, int srcOff, int srcStride, int w, int h,
            int logWD, int w0, int w1, int o0, int o1) {
        int sh = logWD + 1;
        int add = (1 << logWD) + (((o0 + o1 + 1) >> 1) << sh);
        for (int y = 0; y < h; y++) {
            int d = dstOff + y * dstStride;
            int s = srcOff + y * srcStride;
            for (int x = 0; x < w; x++) {
                int v = ((dst[d + x] & 0xff) * w0 + (src[s + x] & 0xff) * w1 + add) >> sh;
                dst[d + x] = (byte) Math.max(0, Math.min(255, v));
            }
        }
    }
}
