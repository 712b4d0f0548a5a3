package org.purecodec.h264.kernels;

/** Plain transcription of 8.3.1.2, 8.3.2.2, 8.3.3 and 8.3.4 (4:2:0): the yardstick for {@link FastIntraPred}. */
public final class ReferenceIntraPred implements IntraPred {

    /** The neighbouring samples p[x, y] of one block; {@code NA} marks "not available for Intra prediction". */
    private static final class Neighbours {
        static final int NA = -1;
        final int[] top; // p[x, -1] at index x + 1, x = -1..topLen-1
        final int[] left; // p[-1, y], y = 0..leftLen-1

        Neighbours(byte[] pix, int off, int stride, int avail, int topLen, int leftLen, int topAvailLen) {
            top = new int[topLen + 1];
            left = new int[leftLen];
            top[0] = (avail & TOP_LEFT) != 0 ? pix[off - stride - 1] & 0xff : NA;
            for (int x = 0; x < topLen; x++) {
                boolean a = (avail & TOP) != 0 && (x < topAvailLen || (avail & TOP_RIGHT) != 0);
                top[x + 1] = a ? pix[off - stride + x] & 0xff : NA;
            }
            for (int y = 0; y < leftLen; y++) {
                left[y] = (avail & LEFT) != 0 ? pix[off + y * stride - 1] & 0xff : NA;
            }
        }

        boolean available(int x, int y) {
            return (y == -1 ? top[x + 1] : left[y]) != NA;
        }

        int p(int x, int y) {
            int v = y == -1 ? top[x + 1] : left[y];
            if (x != -1 && y != -1 || v == NA) {
                throw new IllegalStateException("p[" + x + ", " + y + "] not available for Intra prediction");
            }
            return v;
        }

        void set(int x, int y, int v) {
            if (y == -1) {
                top[x + 1] = v;
            } else {
                left[y] = v;
            }
        }
    }

    @Override
    public void pred4x4(int mode, byte[] pix, int off, int stride, int avail) {
        Neighbours n = new Neighbours(pix, off, stride, avail, 8, 4, 4);
        // 8.3.1.2: p[x, -1], x = 4..7, not available and p[3, -1] available: substitute p[3, -1].
        if (!n.available(4, -1) && n.available(3, -1)) {
            for (int x = 4; x < 8; x++) {
                n.set(x, -1, n.p(3, -1));
            }
        }
        int[] pred = new int[16];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                pred[y * 4 + x] = directional(n, mode, x, y, 4);
            }
        }
        store(pred, 4, 4, pix, off, stride);
    }

    @Override
    public void pred8x8(int mode, byte[] pix, int off, int stride, int avail) {
        Neighbours n = new Neighbours(pix, off, stride, avail, 16, 8, 8);
        // 8.3.2.2: p[x, -1], x = 8..15, not available and p[7, -1] available: substitute p[7, -1].
        if (!n.available(8, -1) && n.available(7, -1)) {
            for (int x = 8; x < 16; x++) {
                n.set(x, -1, n.p(7, -1));
            }
        }
        Neighbours f = filter8x8(n);
        int[] pred = new int[64];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                pred[y * 8 + x] = directional(f, mode, x, y, 8);
            }
        }
        store(pred, 8, 8, pix, off, stride);
    }

    /** Reference sample filtering for Intra_8x8 (8.3.2.2.1): returns p'. */
    private static Neighbours filter8x8(Neighbours n) {
        Neighbours f = new Neighbours(new byte[0], 0, 0, 0, 16, 8, 0); // all NA
        f.top[0] = Neighbours.NA;
        boolean topAll = true;
        for (int x = 0; x < 16; x++) {
            topAll &= n.available(x, -1);
        }
        if (topAll) {
            if (n.available(-1, -1)) {
                f.set(0, -1, (n.p(-1, -1) + 2 * n.p(0, -1) + n.p(1, -1) + 2) >> 2);
            } else {
                f.set(0, -1, (3 * n.p(0, -1) + n.p(1, -1) + 2) >> 2);
            }
            for (int x = 1; x <= 14; x++) {
                f.set(x, -1, (n.p(x - 1, -1) + 2 * n.p(x, -1) + n.p(x + 1, -1) + 2) >> 2);
            }
            f.set(15, -1, (n.p(14, -1) + 3 * n.p(15, -1) + 2) >> 2);
        }
        if (n.available(-1, -1)) {
            if (!n.available(0, -1) || !n.available(-1, 0)) {
                if (n.available(0, -1)) {
                    f.set(-1, -1, (3 * n.p(-1, -1) + n.p(0, -1) + 2) >> 2);
                } else if (n.available(-1, 0)) {
                    f.set(-1, -1, (3 * n.p(-1, -1) + n.p(-1, 0) + 2) >> 2);
                } else {
                    f.set(-1, -1, n.p(-1, -1));
                }
            } else {
                f.set(-1, -1, (n.p(0, -1) + 2 * n.p(-1, -1) + n.p(-1, 0) + 2) >> 2);
            }
        }
        boolean leftAll = true;
        for (int y = 0; y < 8; y++) {
            leftAll &= n.available(-1, y);
        }
        if (leftAll) {
            if (n.available(-1, -1)) {
                f.set(-1, 0, (n.p(-1, -1) + 2 * n.p(-1, 0) + n.p(-1, 1) + 2) >> 2);
            } else {
                f.set(-1, 0, (3 * n.p(-1, 0) + n.p(-1, 1) + 2) >> 2);
            }
            for (int y = 1; y <= 6; y++) {
                f.set(-1, y, (n.p(-1, y - 1) + 2 * n.p(-1, y) + n.p(-1, y + 1) + 2) >> 2);
            }
            f.set(-1, 7, (n.p(-1, 6) + 3 * n.p(-1, 7) + 2) >> 2);
        }
        return f;
    }

    /** The nine Intra_4x4 / Intra_8x8 modes for block size s (4 or 8); p is p (4x4) or p' (8x8). */
    private static int directional(Neighbours p, int mode, int x, int y, int s) {
        switch (mode) {
            case VERTICAL:
                return p.p(x, -1);
            case HORIZONTAL:
                return p.p(-1, y);
            case DC: {
                boolean top = true;
                boolean left = true;
                for (int k = 0; k < s; k++) {
                    top &= p.available(k, -1);
                    left &= p.available(-1, k);
                }
                int sumTop = 0;
                int sumLeft = 0;
                for (int k = 0; k < s; k++) {
                    sumTop += top ? p.p(k, -1) : 0;
                    sumLeft += left ? p.p(-1, k) : 0;
                }
                int log = s == 4 ? 2 : 3;
                if (top && left) {
                    return (sumTop + sumLeft + s) >> (log + 1);
                } else if (left) {
                    return (sumLeft + (s >> 1)) >> log;
                } else if (top) {
                    return (sumTop + (s >> 1)) >> log;
                }
                return 128;
            }
            case DIAGONAL_DOWN_LEFT:
                if (x == s - 1 && y == s - 1) {
                    return (p.p(2 * s - 2, -1) + 3 * p.p(2 * s - 1, -1) + 2) >> 2;
                }
                return (p.p(x + y, -1) + 2 * p.p(x + y + 1, -1) + p.p(x + y + 2, -1) + 2) >> 2;
            case DIAGONAL_DOWN_RIGHT:
                if (x > y) {
                    return (p.p(x - y - 2, -1) + 2 * p.p(x - y - 1, -1) + p.p(x - y, -1) + 2) >> 2;
                } else if (x < y) {
                    return (p.p(-1, y - x - 2) + 2 * p.p(-1, y - x - 1) + p.p(-1, y - x) + 2) >> 2;
                }
                return (p.p(0, -1) + 2 * p.p(-1, -1) + p.p(-1, 0) + 2) >> 2;
            case VERTICAL_RIGHT: {
                int zVR = 2 * x - y;
                if (zVR >= 0 && (zVR & 1) == 0) {
                    return (p.p(x - (y >> 1) - 1, -1) + p.p(x - (y >> 1), -1) + 1) >> 1;
                } else if (zVR >= 0) {
                    return (p.p(x - (y >> 1) - 2, -1) + 2 * p.p(x - (y >> 1) - 1, -1) + p.p(x - (y >> 1), -1) + 2) >> 2;
                } else if (zVR == -1) {
                    return (p.p(-1, 0) + 2 * p.p(-1, -1) + p.p(0, -1) + 2) >> 2;
                }
                return (p.p(-1, y - 2 * x - 1) + 2 * p.p(-1, y - 2 * x - 2) + p.p(-1, y - 2 * x - 3) + 2) >> 2;
            }
            case HORIZONTAL_DOWN: {
                int zHD = 2 * y - x;
                if (zHD >= 0 && (zHD & 1) == 0) {
                    return (p.p(-1, y - (x >> 1) - 1) + p.p(-1, y - (x >> 1)) + 1) >> 1;
                } else if (zHD >= 0) {
                    return (p.p(-1, y - (x >> 1) - 2) + 2 * p.p(-1, y - (x >> 1) - 1) + p.p(-1, y - (x >> 1)) + 2) >> 2;
                } else if (zHD == -1) {
                    return (p.p(-1, 0) + 2 * p.p(-1, -1) + p.p(0, -1) + 2) >> 2;
                }
                return (p.p(x - 2 * y - 1, -1) + 2 * p.p(x - 2 * y - 2, -1) + p.p(x - 2 * y - 3, -1) + 2) >> 2;
            }
            case VERTICAL_LEFT:
                if ((y & 1) == 0) {
                    return (p.p(x + (y >> 1), -1) + p.p(x + (y >> 1) + 1, -1) + 1) >> 1;
                }
                return (p.p(x + (y >> 1), -1) + 2 * p.p(x + (y >> 1) + 1, -1) + p.p(x + (y >> 1) + 2, -1) + 2) >> 2;
            case HORIZONTAL_UP: {
                int zHU = x + 2 * y;
                int last = 2 * s - 3; // 5 for 4x4, 13 for 8x8
                if (zHU < last && (zHU & 1) == 0) {
                    return (p.p(-1, y + (x >> 1)) + p.p(-1, y + (x >> 1) + 1) + 1) >> 1;
                } else if (zHU < last) {
                    return (p.p(-1, y + (x >> 1)) + 2 * p.p(-1, y + (x >> 1) + 1) + p.p(-1, y + (x >> 1) + 2) + 2) >> 2;
                } else if (zHU == last) {
                    return (p.p(-1, s - 2) + 3 * p.p(-1, s - 1) + 2) >> 2;
                }
                return p.p(-1, s - 1);
            }
            default:
                throw new IllegalArgumentException("intra " + s + "x" + s + " mode " + mode);
        }
    }

    @Override
    public void pred16x16(int mode, byte[] pix, int off, int stride, int avail) {
        Neighbours p = new Neighbours(pix, off, stride, avail & ~TOP_RIGHT, 16, 16, 16);
        int[] pred = new int[256];
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                int v;
                switch (mode) {
                    case 0:
                        v = p.p(x, -1);
                        break;
                    case 1:
                        v = p.p(-1, y);
                        break;
                    case 2:
                        v = dcSum(p, 0, 0, 16, 16, 0);
                        break;
                    case 3: {
                        int h = 0;
                        int vv = 0;
                        for (int k = 0; k <= 7; k++) {
                            h += (k + 1) * (p.p(8 + k, -1) - p.p(6 - k, -1));
                            vv += (k + 1) * (p.p(-1, 8 + k) - p.p(-1, 6 - k));
                        }
                        int a = 16 * (p.p(-1, 15) + p.p(15, -1));
                        int b = (5 * h + 32) >> 6;
                        int c = (5 * vv + 32) >> 6;
                        v = Planes.clip1((a + b * (x - 7) + c * (y - 7) + 16) >> 5);
                        break;
                    }
                    default:
                        throw new IllegalArgumentException("intra 16x16 mode " + mode);
                }
                pred[y * 16 + x] = v;
            }
        }
        store(pred, 16, 16, pix, off, stride);
    }

    /**
     * DC over the top samples x0..x0+w-1 and left samples y0..y0+h-1. order 0: both, else left, else top
     * (8.3.3.3); order 1: chroma rule for xO &gt; 0, yO = 0 (top, else left); order 2: xO = 0, yO &gt; 0
     * (left, else top). 16x16 and chroma blocks are square here.
     */
    private static int dcSum(Neighbours p, int x0, int y0, int w, int h, int order) {
        boolean top = true;
        boolean left = true;
        for (int k = 0; k < w; k++) {
            top &= p.available(x0 + k, -1);
        }
        for (int k = 0; k < h; k++) {
            left &= p.available(-1, y0 + k);
        }
        int log = w == 16 ? 4 : 2;
        int sumTop = 0;
        int sumLeft = 0;
        if (top) {
            for (int k = 0; k < w; k++) {
                sumTop += p.p(x0 + k, -1);
            }
        }
        if (left) {
            for (int k = 0; k < h; k++) {
                sumLeft += p.p(-1, y0 + k);
            }
        }
        int half = 1 << (log - 1);
        if (order == 0) {
            if (top && left) {
                return (sumTop + sumLeft + w) >> (log + 1);
            } else if (left) {
                return (sumLeft + half) >> log;
            } else if (top) {
                return (sumTop + half) >> log;
            }
        } else if (order == 1) {
            if (top) {
                return (sumTop + half) >> log;
            } else if (left) {
                return (sumLeft + half) >> log;
            }
        } else {
            if (left) {
                return (sumLeft + half) >> log;
            } else if (top) {
                return (sumTop + half) >> log;
            }
        }
        return 128;
    }

    @Override
    public void predChroma(int mode, byte[] pix, int off, int stride, int avail) {
        Neighbours p = new Neighbours(pix, off, stride, avail & ~TOP_RIGHT, 8, 8, 8);
        int[] pred = new int[64];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                int v;
                switch (mode) {
                    case CHROMA_DC: {
                        int xO = x & ~3;
                        int yO = y & ~3;
                        int order = (xO == 0 && yO == 0) || (xO > 0 && yO > 0) ? 0 : (yO == 0 ? 1 : 2);
                        v = dcSum(p, xO, yO, 4, 4, order);
                        break;
                    }
                    case CHROMA_HORIZONTAL:
                        v = p.p(-1, y);
                        break;
                    case CHROMA_VERTICAL:
                        v = p.p(x, -1);
                        break;
                    case CHROMA_PLANE: {
                        // 4:2:0: xCF = yCF = 0, 34 - 29 * (ChromaArrayType == 3) = 34
                        int h = 0;
                        int vv = 0;
                        for (int k = 0; k <= 3; k++) {
                            h += (k + 1) * (p.p(4 + k, -1) - p.p(2 - k, -1));
                            vv += (k + 1) * (p.p(-1, 4 + k) - p.p(-1, 2 - k));
                        }
                        int a = 16 * (p.p(-1, 7) + p.p(7, -1));
                        int b = (34 * h + 32) >> 6;
                        int c = (34 * vv + 32) >> 6;
                        v = Planes.clip1((a + b * (x - 3) + c * (y - 3) + 16) >> 5);
                        break;
                    }
                    default:
                        throw new IllegalArgumentException("intra chroma mode " + mode);
                }
                pred[y * 8 + x] = v;
            }
        }
        store(pred, 8, 8, pix, off, stride);
    }

    private static void store(int[] pred, int w, int h, byte[] pix, int off, int stride) {
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                pix[off + y * stride + x] = (byte) pred[y * w + x];
            }
        }
    }
}
