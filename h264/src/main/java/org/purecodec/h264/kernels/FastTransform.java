package org.purecodec.h264.kernels;

/** Fast scaling and inverse transforms: in-place butterflies on the coefficient array, DC-only shortcuts. */
public final class FastTransform implements Transform {

    static int clip(int v) {
        return (v & ~0xff) == 0 ? v : (~v >> 31) & 0xff;
    }

    @Override
    public void dequant4x4(int[] coef, int off, int[] levelScale4x4, int qP, boolean skipDc) {
        int qp6 = qP / 6;
        int base = (qP - qp6 * 6) * 16;
        int k0 = skipDc ? 1 : 0;
        // no test for zero: a zero level scales to zero either way (rnd < 2^sh), and the loop has no branch
        if (qP >= 24) {
            int sh = qp6 - 4;
            for (int k = k0; k < 16; k++) {
                coef[off + k] = (coef[off + k] * levelScale4x4[base + k]) << sh;
            }
        } else {
            int sh = 4 - qp6;
            int rnd = 1 << (3 - qp6);
            for (int k = k0; k < 16; k++) {
                coef[off + k] = (coef[off + k] * levelScale4x4[base + k] + rnd) >> sh;
            }
        }
    }

    @Override
    public void dequant8x8(int[] coef, int off, int[] levelScale8x8, int qP) {
        int qp6 = qP / 6;
        int base = (qP - qp6 * 6) * 64;
        if (qP >= 36) {
            int sh = qp6 - 6;
            for (int k = 0; k < 64; k++) {
                coef[off + k] = (coef[off + k] * levelScale8x8[base + k]) << sh;
            }
        } else {
            int sh = 6 - qp6;
            int rnd = 1 << (5 - qp6);
            for (int k = 0; k < 64; k++) {
                coef[off + k] = (coef[off + k] * levelScale8x8[base + k] + rnd) >> sh;
            }
        }
    }

    @Override
    public void lumaDcDequant(int[] dc, int off, int[] levelScale4x4, int qP) {
        // Rows then columns of the 4-point Hadamard transform [1 1 1 1; 1 1 -1 -1; 1 -1 -1 1; 1 -1 1 -1].
        for (int i = 0; i < 4; i++) {
            int o = off + i * 4;
            int a = dc[o] + dc[o + 1];
            int b = dc[o] - dc[o + 1];
            int c = dc[o + 2] + dc[o + 3];
            int d = dc[o + 2] - dc[o + 3];
            dc[o] = a + c;
            dc[o + 1] = a - c;
            dc[o + 2] = b - d;
            dc[o + 3] = b + d;
        }
        int qp6 = qP / 6;
        int ls = levelScale4x4[(qP - qp6 * 6) * 16];
        int sh;
        int rnd;
        boolean left = qP >= 36;
        if (left) {
            sh = qp6 - 6;
            rnd = 0;
        } else {
            sh = 6 - qp6;
            rnd = 1 << (5 - qp6);
        }
        for (int j = 0; j < 4; j++) {
            int o = off + j;
            int a = dc[o] + dc[o + 4];
            int b = dc[o] - dc[o + 4];
            int c = dc[o + 8] + dc[o + 12];
            int d = dc[o + 8] - dc[o + 12];
            int f0 = a + c;
            int f1 = a - c;
            int f2 = b - d;
            int f3 = b + d;
            if (left) {
                dc[o] = (f0 * ls) << sh;
                dc[o + 4] = (f1 * ls) << sh;
                dc[o + 8] = (f2 * ls) << sh;
                dc[o + 12] = (f3 * ls) << sh;
            } else {
                dc[o] = (f0 * ls + rnd) >> sh;
                dc[o + 4] = (f1 * ls + rnd) >> sh;
                dc[o + 8] = (f2 * ls + rnd) >> sh;
                dc[o + 12] = (f3 * ls + rnd) >> sh;
            }
        }
    }

    @Override
    public void chromaDcDequant(int[] dc, int off, int[] levelScale4x4, int qP) {
        int c0 = dc[off];
        int c1 = dc[off + 1];
        int c2 = dc[off + 2];
        int c3 = dc[off + 3];
        int a = c0 + c2;
        int b = c1 + c3;
        int c = c0 - c2;
        int d = c1 - c3;
        int qp6 = qP / 6;
        int ls = levelScale4x4[(qP - qp6 * 6) * 16];
        dc[off] = ((a + b) * ls << qp6) >> 5;
        dc[off + 1] = ((a - b) * ls << qp6) >> 5;
        dc[off + 2] = ((c + d) * ls << qp6) >> 5;
        dc[off + 3] = ((c - d) * ls << qp6) >> 5;
    }

    @Override
    public void idct4Add(int[] coef, int off, byte[] dst, int dstOff, int stride) {
        for (int i = 0; i < 4; i++) {
            int o = off + i * 4;
            int d0 = coef[o];
            int d1 = coef[o + 1];
            int d2 = coef[o + 2];
            int d3 = coef[o + 3];
            int e0 = d0 + d2;
            int e1 = d0 - d2;
            int e2 = (d1 >> 1) - d3;
            int e3 = d1 + (d3 >> 1);
            coef[o] = e0 + e3;
            coef[o + 1] = e1 + e2;
            coef[o + 2] = e1 - e2;
            coef[o + 3] = e0 - e3;
        }
        for (int j = 0; j < 4; j++) {
            int o = off + j;
            int f0 = coef[o] + 32; // rounding folded into the DC path of the column transform
            int f1 = coef[o + 4];
            int f2 = coef[o + 8];
            int f3 = coef[o + 12];
            coef[o] = 0;
            coef[o + 4] = 0;
            coef[o + 8] = 0;
            coef[o + 12] = 0;
            int g0 = f0 + f2;
            int g1 = f0 - f2;
            int g2 = (f1 >> 1) - f3;
            int g3 = f1 + (f3 >> 1);
            int p = dstOff + j;
            dst[p] = (byte) clip((dst[p] & 0xff) + ((g0 + g3) >> 6));
            p += stride;
            dst[p] = (byte) clip((dst[p] & 0xff) + ((g1 + g2) >> 6));
            p += stride;
            dst[p] = (byte) clip((dst[p] & 0xff) + ((g1 - g2) >> 6));
            p += stride;
            dst[p] = (byte) clip((dst[p] & 0xff) + ((g0 - g3) >> 6));
        }
    }

    @Override
    public void idct4AddDc(int[] coef, int off, byte[] dst, int dstOff, int stride) {
        int r = (coef[off] + 32) >> 6;
        coef[off] = 0;
        for (int i = 0; i < 4; i++) {
            int p = dstOff + i * stride;
            dst[p] = (byte) clip((dst[p] & 0xff) + r);
            dst[p + 1] = (byte) clip((dst[p + 1] & 0xff) + r);
            dst[p + 2] = (byte) clip((dst[p + 2] & 0xff) + r);
            dst[p + 3] = (byte) clip((dst[p + 3] & 0xff) + r);
        }
    }

    @Override
    public void idct8Add(int[] coef, int off, byte[] dst, int dstOff, int stride) {
        for (int i = 0; i < 8; i++) {
            idct8Pass(coef, off + i * 8, 1);
        }
        for (int j = 0; j < 8; j++) {
            int o = off + j;
            coef[o] += 32; // rounding of (x + 32) >> 6: row 0 enters every output of the column pass with weight 1
            idct8Pass(coef, o, 8);
            int p = dstOff + j;
            for (int i = 0; i < 8; i++) {
                dst[p] = (byte) clip((dst[p] & 0xff) + (coef[o] >> 6));
                coef[o] = 0;
                o += 8;
                p += stride;
            }
        }
    }

    /** One 8-point inverse transform on coef[o + k * step], k = 0..7, in place. */
    private static void idct8Pass(int[] coef, int o, int step) {
        int d0 = coef[o];
        int d1 = coef[o + step];
        int d2 = coef[o + 2 * step];
        int d3 = coef[o + 3 * step];
        int d4 = coef[o + 4 * step];
        int d5 = coef[o + 5 * step];
        int d6 = coef[o + 6 * step];
        int d7 = coef[o + 7 * step];
        int e0 = d0 + d4;
        int e1 = -d3 + d5 - d7 - (d7 >> 1);
        int e2 = d0 - d4;
        int e3 = d1 + d7 - d3 - (d3 >> 1);
        int e4 = (d2 >> 1) - d6;
        int e5 = -d1 + d7 + d5 + (d5 >> 1);
        int e6 = d2 + (d6 >> 1);
        int e7 = d3 + d5 + d1 + (d1 >> 1);
        int f0 = e0 + e6;
        int f1 = e1 + (e7 >> 2);
        int f2 = e2 + e4;
        int f3 = e3 + (e5 >> 2);
        int f4 = e2 - e4;
        int f5 = (e3 >> 2) - e5;
        int f6 = e0 - e6;
        int f7 = e7 - (e1 >> 2);
        coef[o] = f0 + f7;
        coef[o + step] = f2 + f5;
        coef[o + 2 * step] = f4 + f3;
        coef[o + 3 * step] = f6 + f1;
        coef[o + 4 * step] = f6 - f1;
        coef[o + 5 * step] = f4 - f3;
        coef[o + 6 * step] = f2 - f5;
        coef[o + 7 * step] = f0 - f7;
    }

    @Override
    public void idct8AddDc(int[] coef, int off, byte[] dst, int dstOff, int stride) {
        int r = (coef[off] + 32) >> 6;
        coef[off] = 0;
        for (int i = 0; i < 8; i++) {
            int p = dstOff + i * stride;
            for (int j = 0; j < 8; j++) {
                dst[p + j] = (byte) clip((dst[p + j] & 0xff) + r);
            }
        }
    }
}
