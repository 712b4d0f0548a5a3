package org.purecodec.h264.kernels;

/** Plain transcription of 8.5.9 to 8.5.13; the yardstick for {@link FastTransform}. */
public final class ReferenceTransform implements Transform {

    @Override
    public void dequant4x4(int[] coef, int off, int[] levelScale4x4, int qP, boolean skipDc) {
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                if (i == 0 && j == 0 && skipDc) {
                    continue; // d00 = c00 (8.5.12.1)
                }
                int c = coef[off + i * 4 + j];
                int ls = levelScale4x4[(qP % 6) * 16 + i * 4 + j];
                int d;
                if (qP >= 24) {
                    d = (c * ls) << (qP / 6 - 4);
                } else {
                    d = (c * ls + (1 << (3 - qP / 6))) >> (4 - qP / 6);
                }
                coef[off + i * 4 + j] = d;
            }
        }
    }

    @Override
    public void dequant8x8(int[] coef, int off, int[] levelScale8x8, int qP) {
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                int c = coef[off + i * 8 + j];
                int ls = levelScale8x8[(qP % 6) * 64 + i * 8 + j];
                int d;
                if (qP >= 36) {
                    d = (c * ls) << (qP / 6 - 6);
                } else {
                    d = (c * ls + (1 << (5 - qP / 6))) >> (6 - qP / 6);
                }
                coef[off + i * 8 + j] = d;
            }
        }
    }

    @Override
    public void lumaDcDequant(int[] dc, int off, int[] levelScale4x4, int qP) {
        int[][] a = {{1, 1, 1, 1}, {1, 1, -1, -1}, {1, -1, -1, 1}, {1, -1, 1, -1}};
        int[][] c = new int[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                c[i][j] = dc[off + i * 4 + j];
            }
        }
        int[][] f = multiply(multiply(a, c), a);
        int ls = levelScale4x4[(qP % 6) * 16];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                int d;
                if (qP >= 36) {
                    d = (f[i][j] * ls) << (qP / 6 - 6);
                } else {
                    d = (f[i][j] * ls + (1 << (5 - qP / 6))) >> (6 - qP / 6);
                }
                dc[off + i * 4 + j] = d;
            }
        }
    }

    @Override
    public void chromaDcDequant(int[] dc, int off, int[] levelScale4x4, int qP) {
        int[][] a = {{1, 1}, {1, -1}};
        int[][] c = {{dc[off], dc[off + 1]}, {dc[off + 2], dc[off + 3]}};
        int[][] f = multiply(multiply(a, c), a);
        int ls = levelScale4x4[(qP % 6) * 16];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                dc[off + i * 2 + j] = ((f[i][j] * ls) << (qP / 6)) >> 5;
            }
        }
    }

    @Override
    public void idct4Add(int[] coef, int off, byte[] dst, int dstOff, int stride) {
        int[][] d = new int[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                d[i][j] = coef[off + i * 4 + j];
                coef[off + i * 4 + j] = 0;
            }
        }
        int[][] f = new int[4][4];
        for (int i = 0; i < 4; i++) { // rows
            int e0 = d[i][0] + d[i][2];
            int e1 = d[i][0] - d[i][2];
            int e2 = (d[i][1] >> 1) - d[i][3];
            int e3 = d[i][1] + (d[i][3] >> 1);
            f[i][0] = e0 + e3;
            f[i][1] = e1 + e2;
            f[i][2] = e1 - e2;
            f[i][3] = e0 - e3;
        }
        int[][] h = new int[4][4];
        for (int j = 0; j < 4; j++) { // columns
            int g0 = f[0][j] + f[2][j];
            int g1 = f[0][j] - f[2][j];
            int g2 = (f[1][j] >> 1) - f[3][j];
            int g3 = f[1][j] + (f[3][j] >> 1);
            h[0][j] = g0 + g3;
            h[1][j] = g1 + g2;
            h[2][j] = g1 - g2;
            h[3][j] = g0 - g3;
        }
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                int r = (h[i][j] + 32) >> 6;
                int p = dst[dstOff + i * stride + j] & 0xff;
                dst[dstOff + i * stride + j] = (byte) Planes.clip1(p + r);
            }
        }
    }

    @Override
    public void idct4AddDc(int[] coef, int off, byte[] dst, int dstOff, int stride) {
        idct4Add(coef, off, dst, dstOff, stride);
    }

    @Override
    public void idct8Add(int[] coef, int off, byte[] dst, int dstOff, int stride) {
        int[][] d = new int[8][8];
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                d[i][j] = coef[off + i * 8 + j];
                coef[off + i * 8 + j] = 0;
            }
        }
        int[][] g = new int[8][];
        for (int i = 0; i < 8; i++) {
            g[i] = transform8(d[i]); // row transforms
        }
        int[][] m = new int[8][8];
        for (int j = 0; j < 8; j++) { // column transforms
            int[] col = new int[8];
            for (int i = 0; i < 8; i++) {
                col[i] = g[i][j];
            }
            int[] k = transform8(col);
            for (int i = 0; i < 8; i++) {
                m[i][j] = k[i];
            }
        }
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                int r = (m[i][j] + 32) >> 6;
                int p = dst[dstOff + i * stride + j] & 0xff;
                dst[dstOff + i * stride + j] = (byte) Planes.clip1(p + r);
            }
        }
    }

    @Override
    public void idct8AddDc(int[] coef, int off, byte[] dst, int dstOff, int stride) {
        idct8Add(coef, off, dst, dstOff, stride);
    }

    /** The one-dimensional 8-point inverse transform of 8.5.13.2 (8-330 to 8-353). */
    private static int[] transform8(int[] d) {
        int e0 = d[0] + d[4];
        int e1 = -d[3] + d[5] - d[7] - (d[7] >> 1);
        int e2 = d[0] - d[4];
        int e3 = d[1] + d[7] - d[3] - (d[3] >> 1);
        int e4 = (d[2] >> 1) - d[6];
        int e5 = -d[1] + d[7] + d[5] + (d[5] >> 1);
        int e6 = d[2] + (d[6] >> 1);
        int e7 = d[3] + d[5] + d[1] + (d[1] >> 1);
        int f0 = e0 + e6;
        int f1 = e1 + (e7 >> 2);
        int f2 = e2 + e4;
        int f3 = e3 + (e5 >> 2);
        int f4 = e2 - e4;
        int f5 = (e3 >> 2) - e5;
        int f6 = e0 - e6;
        int f7 = e7 - (e1 >> 2);
        return new int[] {f0 + f7, f2 + f5, f4 + f3, f6 + f1, f6 - f1, f4 - f3, f2 - f5, f0 - f7};
    }

    private static int[][] multiply(int[][] x, int[][] y) {
        int n = x.length;
        int[][] r = new int[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int s = 0;
                for (int k = 0; k < n; k++) {
                    s += x[i][k] * y[k][j];
                }
                r[i][j] = s;
            }
        }
        return r;
    }
}
