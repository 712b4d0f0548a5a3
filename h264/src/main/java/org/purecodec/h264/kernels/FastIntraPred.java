package org.purecodec.h264.kernels;

import java.util.Arrays;

/**
 * Fast intra prediction. The Intra_4x4 / Intra_8x8 neighbours are gathered into one edge array running
 * from the bottom-left sample up to the corner and along to the top-right end, so that every directional
 * mode becomes an index into a 3-tap-filtered or 2-tap-averaged version of that edge. Holds scratch: one
 * instance per thread.
 */
public final class FastIntraPred implements IntraPred {
    // Edge layout for block size n, centre C = n: e[C - 1 - y] = p[-1, y], e[C] = p[-1, -1], e[C + 1 + x] = p[x, -1].
    private final int[] e = new int[25];
    private final int[] ef = new int[25];
    private final int[] f3 = new int[25];
    private final int[] a2 = new int[25];

    @Override
    public void pred4x4(int mode, byte[] pix, int off, int stride, int avail) {
        int top = off - stride;
        switch (mode) {
            case VERTICAL:
                for (int y = 0; y < 4; y++) {
                    System.arraycopy(pix, top, pix, off + y * stride, 4);
                }
                return;
            case HORIZONTAL:
                for (int y = 0; y < 4; y++) {
                    int o = off + y * stride;
                    byte v = pix[o - 1];
                    pix[o] = v;
                    pix[o + 1] = v;
                    pix[o + 2] = v;
                    pix[o + 3] = v;
                }
                return;
            case DC: {
                int dc;
                boolean l = (avail & LEFT) != 0;
                boolean t = (avail & TOP) != 0;
                int st = t ? (pix[top] & 0xff) + (pix[top + 1] & 0xff) + (pix[top + 2] & 0xff) + (pix[top + 3] & 0xff) : 0;
                int sl = 0;
                if (l) {
                    for (int y = 0; y < 4; y++) {
                        sl += pix[off + y * stride - 1] & 0xff;
                    }
                }
                if (l && t) {
                    dc = (st + sl + 4) >> 3;
                } else if (l) {
                    dc = (sl + 2) >> 2;
                } else if (t) {
                    dc = (st + 2) >> 2;
                } else {
                    dc = 128;
                }
                fill(pix, off, stride, 4, 4, (byte) dc);
                return;
            }
            default:
                break;
        }
        int[] e = this.e;
        final int c = 4;
        if ((avail & LEFT) != 0) {
            for (int y = 0; y < 4; y++) {
                e[c - 1 - y] = pix[off + y * stride - 1] & 0xff;
            }
        }
        if ((avail & TOP_LEFT) != 0) {
            e[c] = pix[top - 1] & 0xff;
        }
        if ((avail & TOP) != 0) {
            for (int x = 0; x < 4; x++) {
                e[c + 1 + x] = pix[top + x] & 0xff;
            }
            if ((avail & TOP_RIGHT) != 0) {
                for (int x = 4; x < 8; x++) {
                    e[c + 1 + x] = pix[top + x] & 0xff;
                }
            } else {
                int v = e[c + 4];
                e[c + 5] = v;
                e[c + 6] = v;
                e[c + 7] = v;
                e[c + 8] = v;
            }
        }
        directional(e, mode, 4, pix, off, stride);
    }

    @Override
    public void pred8x8(int mode, byte[] pix, int off, int stride, int avail) {
        int[] e = this.e;
        int[] p = this.ef;
        final int c = 8;
        int top = off - stride;
        boolean hasTop = (avail & TOP) != 0;
        boolean hasLeft = (avail & LEFT) != 0;
        boolean hasCorner = (avail & TOP_LEFT) != 0;
        if (hasLeft) {
            for (int y = 0; y < 8; y++) {
                e[c - 1 - y] = pix[off + y * stride - 1] & 0xff;
            }
        }
        if (hasCorner) {
            e[c] = pix[top - 1] & 0xff;
        }
        if (hasTop) {
            for (int x = 0; x < 8; x++) {
                e[c + 1 + x] = pix[top + x] & 0xff;
            }
            if ((avail & TOP_RIGHT) != 0) {
                for (int x = 8; x < 16; x++) {
                    e[c + 1 + x] = pix[top + x] & 0xff;
                }
            } else {
                Arrays.fill(e, c + 9, c + 17, e[c + 8]);
            }
            // 8.3.2.2.1: top row
            p[c + 1] = hasCorner ? (e[c] + 2 * e[c + 1] + e[c + 2] + 2) >> 2 : (3 * e[c + 1] + e[c + 2] + 2) >> 2;
            for (int k = c + 2; k < c + 16; k++) {
                p[k] = (e[k - 1] + 2 * e[k] + e[k + 1] + 2) >> 2;
            }
            p[c + 16] = (e[c + 15] + 3 * e[c + 16] + 2) >> 2;
        }
        if (hasCorner) {
            if (hasTop && hasLeft) {
                p[c] = (e[c + 1] + 2 * e[c] + e[c - 1] + 2) >> 2;
            } else if (hasTop) {
                p[c] = (3 * e[c] + e[c + 1] + 2) >> 2;
            } else if (hasLeft) {
                p[c] = (3 * e[c] + e[c - 1] + 2) >> 2;
            } else {
                p[c] = e[c];
            }
        }
        if (hasLeft) {
            p[c - 1] = hasCorner ? (e[c] + 2 * e[c - 1] + e[c - 2] + 2) >> 2 : (3 * e[c - 1] + e[c - 2] + 2) >> 2;
            for (int k = c - 2; k > 0; k--) {
                p[k] = (e[k + 1] + 2 * e[k] + e[k - 1] + 2) >> 2;
            }
            p[0] = (e[1] + 3 * e[0] + 2) >> 2;
        }
        switch (mode) {
            case VERTICAL:
                for (int y = 0; y < 8; y++) {
                    int o = off + y * stride;
                    for (int x = 0; x < 8; x++) {
                        pix[o + x] = (byte) p[c + 1 + x];
                    }
                }
                return;
            case HORIZONTAL:
                for (int y = 0; y < 8; y++) {
                    Arrays.fill(pix, off + y * stride, off + y * stride + 8, (byte) p[c - 1 - y]);
                }
                return;
            case DC: {
                int st = 0;
                int sl = 0;
                for (int k = 0; k < 8; k++) {
                    st += p[c + 1 + k];
                    sl += p[c - 1 - k];
                }
                int dc;
                if (hasTop && hasLeft) {
                    dc = (st + sl + 8) >> 4;
                } else if (hasLeft) {
                    dc = (sl + 4) >> 3;
                } else if (hasTop) {
                    dc = (st + 4) >> 3;
                } else {
                    dc = 128;
                }
                fill(pix, off, stride, 8, 8, (byte) dc);
                return;
            }
            default:
                directional(p, mode, 8, pix, off, stride);
        }
    }

    /** Modes 3..8 of Intra_4x4 / Intra_8x8 on edge array {@code e} (centre n) for block size n. */
    private void directional(int[] e, int mode, int n, byte[] pix, int off, int stride) {
        final int c = n;
        int len = 3 * n + 1;
        int[] f = f3;
        int[] a = a2;
        for (int k = 1; k < len - 1; k++) {
            f[k] = (e[k - 1] + 2 * e[k] + e[k + 1] + 2) >> 2;
        }
        for (int k = 0; k < len - 1; k++) {
            a[k] = (e[k] + e[k + 1] + 1) >> 1;
        }
        switch (mode) {
            case DIAGONAL_DOWN_LEFT:
                for (int y = 0; y < n; y++) {
                    int o = off + y * stride;
                    for (int x = 0; x < n; x++) {
                        pix[o + x] = (byte) f[c + 2 + x + y];
                    }
                }
                pix[off + (n - 1) * stride + n - 1] = (byte) ((e[c + 2 * n - 1] + 3 * e[c + 2 * n] + 2) >> 2);
                return;
            case DIAGONAL_DOWN_RIGHT:
                for (int y = 0; y < n; y++) {
                    int o = off + y * stride;
                    for (int x = 0; x < n; x++) {
                        pix[o + x] = (byte) f[c + x - y];
                    }
                }
                return;
            case VERTICAL_RIGHT:
                for (int y = 0; y < n; y++) {
                    int o = off + y * stride;
                    int h = y >> 1;
                    int[] src = (y & 1) == 0 ? a : f;
                    int x0 = (y + 1) >> 1; // first x with zVR >= 0
                    for (int x = x0; x < n; x++) {
                        pix[o + x] = (byte) src[c + x - h];
                    }
                    for (int x = 0; x < x0; x++) {
                        int z = 2 * x - y;
                        pix[o + x] = (byte) (z == -1 ? f[c] : f[c + 1 + 2 * x - y]);
                    }
                }
                return;
            case HORIZONTAL_DOWN:
                for (int y = 0; y < n; y++) {
                    int o = off + y * stride;
                    int xMax = Math.min(n - 1, 2 * y); // zHD >= 0 for x <= 2y
                    for (int x = 0; x <= xMax; x++) {
                        int k = y - (x >> 1);
                        pix[o + x] = (byte) (((x & 1) == 0) ? a[c - 1 - k] : f[c - k]);
                    }
                    for (int x = xMax + 1; x < n; x++) {
                        int z = 2 * y - x;
                        pix[o + x] = (byte) (z == -1 ? f[c] : f[c + x - 2 * y - 1]);
                    }
                }
                return;
            case VERTICAL_LEFT:
                for (int y = 0; y < n; y++) {
                    int o = off + y * stride;
                    int h = y >> 1;
                    if ((y & 1) == 0) {
                        for (int x = 0; x < n; x++) {
                            pix[o + x] = (byte) a[c + 1 + x + h];
                        }
                    } else {
                        for (int x = 0; x < n; x++) {
                            pix[o + x] = (byte) f[c + 2 + x + h];
                        }
                    }
                }
                return;
            case HORIZONTAL_UP: {
                int last = 2 * n - 3;
                int lastVal = (e[c - n + 1] + 3 * e[c - n] + 2) >> 2; // p[-1, n-2], p[-1, n-1]
                byte bottom = (byte) e[c - n];
                for (int y = 0; y < n; y++) {
                    int o = off + y * stride;
                    for (int x = 0; x < n; x++) {
                        int z = x + 2 * y;
                        int k = y + (x >> 1);
                        int v;
                        if (z < last) {
                            v = (z & 1) == 0 ? a[c - 2 - k] : f[c - 2 - k];
                        } else if (z == last) {
                            v = lastVal;
                        } else {
                            v = bottom & 0xff;
                        }
                        pix[o + x] = (byte) v;
                    }
                }
                return;
            }
            default:
                throw new IllegalArgumentException("intra " + n + "x" + n + " mode " + mode);
        }
    }

    @Override
    public void pred16x16(int mode, byte[] pix, int off, int stride, int avail) {
        int top = off - stride;
        switch (mode) {
            case 0:
                for (int y = 0; y < 16; y++) {
                    System.arraycopy(pix, top, pix, off + y * stride, 16);
                }
                return;
            case 1:
                for (int y = 0; y < 16; y++) {
                    int o = off + y * stride;
                    Arrays.fill(pix, o, o + 16, pix[o - 1]);
                }
                return;
            case 2: {
                boolean l = (avail & LEFT) != 0;
                boolean t = (avail & TOP) != 0;
                int st = 0;
                int sl = 0;
                if (t) {
                    for (int x = 0; x < 16; x++) {
                        st += pix[top + x] & 0xff;
                    }
                }
                if (l) {
                    for (int y = 0; y < 16; y++) {
                        sl += pix[off + y * stride - 1] & 0xff;
                    }
                }
                int dc = l && t ? (st + sl + 16) >> 5 : l ? (sl + 8) >> 4 : t ? (st + 8) >> 4 : 128;
                fill(pix, off, stride, 16, 16, (byte) dc);
                return;
            }
            case 3: {
                int h = 0;
                int v = 0;
                for (int k = 0; k < 8; k++) {
                    h += (k + 1) * ((pix[top + 8 + k] & 0xff) - (pix[top + 6 - k] & 0xff));
                    v += (k + 1) * ((pix[off + (8 + k) * stride - 1] & 0xff) - (pix[off + (6 - k) * stride - 1] & 0xff));
                }
                int a = 16 * ((pix[off + 15 * stride - 1] & 0xff) + (pix[top + 15] & 0xff));
                int b = (5 * h + 32) >> 6;
                int c = (5 * v + 32) >> 6;
                plane(pix, off, stride, 16, a + 16 - 7 * b - 7 * c, b, c);
                return;
            }
            default:
                throw new IllegalArgumentException("intra 16x16 mode " + mode);
        }
    }

    @Override
    public void predChroma(int mode, byte[] pix, int off, int stride, int avail) {
        int top = off - stride;
        switch (mode) {
            case CHROMA_DC: {
                boolean l = (avail & LEFT) != 0;
                boolean t = (avail & TOP) != 0;
                int t0 = 0;
                int t1 = 0;
                int l0 = 0;
                int l1 = 0;
                if (t) {
                    for (int x = 0; x < 4; x++) {
                        t0 += pix[top + x] & 0xff;
                        t1 += pix[top + 4 + x] & 0xff;
                    }
                }
                if (l) {
                    for (int y = 0; y < 4; y++) {
                        l0 += pix[off + y * stride - 1] & 0xff;
                        l1 += pix[off + (y + 4) * stride - 1] & 0xff;
                    }
                }
                int d00 = l && t ? (t0 + l0 + 4) >> 3 : l ? (l0 + 2) >> 2 : t ? (t0 + 2) >> 2 : 128;
                int d10 = t ? (t1 + 2) >> 2 : l ? (l0 + 2) >> 2 : 128; // xO = 4, yO = 0
                int d01 = l ? (l1 + 2) >> 2 : t ? (t0 + 2) >> 2 : 128; // xO = 0, yO = 4
                int d11 = l && t ? (t1 + l1 + 4) >> 3 : l ? (l1 + 2) >> 2 : t ? (t1 + 2) >> 2 : 128;
                fill(pix, off, stride, 4, 4, (byte) d00);
                fill(pix, off + 4, stride, 4, 4, (byte) d10);
                fill(pix, off + 4 * stride, stride, 4, 4, (byte) d01);
                fill(pix, off + 4 * stride + 4, stride, 4, 4, (byte) d11);
                return;
            }
            case CHROMA_HORIZONTAL:
                for (int y = 0; y < 8; y++) {
                    int o = off + y * stride;
                    Arrays.fill(pix, o, o + 8, pix[o - 1]);
                }
                return;
            case CHROMA_VERTICAL:
                for (int y = 0; y < 8; y++) {
                    System.arraycopy(pix, top, pix, off + y * stride, 8);
                }
                return;
            case CHROMA_PLANE: {
                int h = 0;
                int v = 0;
                for (int k = 0; k < 4; k++) {
                    h += (k + 1) * ((pix[top + 4 + k] & 0xff) - (pix[top + 2 - k] & 0xff));
                    v += (k + 1) * ((pix[off + (4 + k) * stride - 1] & 0xff) - (pix[off + (2 - k) * stride - 1] & 0xff));
                }
                int a = 16 * ((pix[off + 7 * stride - 1] & 0xff) + (pix[top + 7] & 0xff));
                int b = (34 * h + 32) >> 6;
                int c = (34 * v + 32) >> 6;
                plane(pix, off, stride, 8, a + 16 - 3 * b - 3 * c, b, c);
                return;
            }
            default:
                throw new IllegalArgumentException("intra chroma mode " + mode);
        }
    }

    /** Plane prediction: Clip1((base + b * x + c * y) &gt;&gt; 5), base holding a + 16 and the centre offsets. */
    private static void plane(byte[] pix, int off, int stride, int n, int base, int b, int c) {
        for (int y = 0; y < n; y++) {
            int acc = base + c * y;
            int o = off + y * stride;
            for (int x = 0; x < n; x++) {
                pix[o + x] = (byte) FastTransform.clip(acc >> 5);
                acc += b;
            }
        }
    }

    private static void fill(byte[] pix, int off, int stride, int w, int h, byte v) {
        for (int y = 0; y < h; y++) {
            int o = off + y * stride;
            Arrays.fill(pix, o, o + w, v);
        }
    }
}
