package org.purecodec.h264.kernels;

/** Plain transcription of 8.4.2.2.1, 8.4.2.2.2, 8.4.2.3.1 and 8.4.2.3.2: the yardstick for {@link FastInterPred}. */
public final class ReferenceInterPred implements InterPred {

    /** The luma reference sample array relative to the block's full-sample position. */
    private static final class Luma {
        final byte[] src;
        final int off;
        final int stride;

        Luma(byte[] src, int off, int stride) {
            this.src = src;
            this.off = off;
            this.stride = stride;
        }

        /** Full sample at (x, y). */
        int g(int x, int y) {
            return src[off + y * stride + x] & 0xff;
        }

        static int tap(int e, int f, int g, int h, int i, int j) {
            return e - 5 * f + 20 * g + 20 * h - 5 * i + j;
        }

        /** b1: intermediate horizontal half sample between (x, y) and (x + 1, y) (8-241). */
        int b1(int x, int y) {
            return tap(g(x - 2, y), g(x - 1, y), g(x, y), g(x + 1, y), g(x + 2, y), g(x + 3, y));
        }

        /** h1: intermediate vertical half sample between (x, y) and (x, y + 1) (8-242). */
        int h1(int x, int y) {
            return tap(g(x, y - 2), g(x, y - 1), g(x, y), g(x, y + 1), g(x, y + 2), g(x, y + 3));
        }

        /** b (8-243). */
        int b(int x, int y) {
            return Planes.clip1((b1(x, y) + 16) >> 5);
        }

        /** h (8-244). */
        int h(int x, int y) {
            return Planes.clip1((h1(x, y) + 16) >> 5);
        }

        /** j (8-245, 8-247): from the vertical intermediates cc, dd, h1, m1, ee, ff. */
        int j(int x, int y) {
            int j1 = tap(h1(x - 2, y), h1(x - 1, y), h1(x, y), h1(x + 1, y), h1(x + 2, y), h1(x + 3, y));
            return Planes.clip1((j1 + 512) >> 10);
        }

        /** Table 8-12 with the quarter sample equations 8-250 to 8-261. */
        int sample(int x, int y, int xFrac, int yFrac) {
            int gg = g(x, y);
            int bb = b(x, y);
            int hh = h(x, y);
            int m = h(x + 1, y); // vertical half sample right of h
            int s = b(x, y + 1); // horizontal half sample below b
            switch (yFrac * 4 + xFrac) {
                case 0: return gg; // G
                case 4: return (gg + hh + 1) >> 1; // d
                case 8: return hh; // h
                case 12: return (g(x, y + 1) + hh + 1) >> 1; // n: (M + h + 1) >> 1
                case 1: return (gg + bb + 1) >> 1; // a
                case 5: return (bb + hh + 1) >> 1; // e
                case 9: return (hh + j(x, y) + 1) >> 1; // i
                case 13: return (hh + s + 1) >> 1; // p
                case 2: return bb; // b
                case 6: return (bb + j(x, y) + 1) >> 1; // f
                case 10: return j(x, y); // j
                case 14: return (j(x, y) + s + 1) >> 1; // q
                case 3: return (g(x + 1, y) + bb + 1) >> 1; // c: (H + b + 1) >> 1
                case 7: return (bb + m + 1) >> 1; // g
                case 11: return (j(x, y) + m + 1) >> 1; // k
                case 15: return (m + s + 1) >> 1; // r
                default: throw new IllegalArgumentException("fraction " + xFrac + "," + yFrac);
            }
        }
    }

    @Override
    public void lumaMc(byte[] dst, int dstOff, int dstStride, byte[] src, int srcOff, int srcStride, int w, int h,
            int xFrac, int yFrac, boolean avg) {
        Luma l = new Luma(src, srcOff, srcStride);
        byte[] pred = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                pred[y * w + x] = (byte) l.sample(x, y, xFrac, yFrac);
            }
        }
        store(dst, dstOff, dstStride, pred, w, h, avg);
    }

    /** Writes the prediction, or averages it into dst (8-271). */
    private void store(byte[] dst, int dstOff, int dstStride, byte[] pred, int w, int h, boolean avg) {
        if (avg) {
            average(dst, dstOff, dstStride, pred, 0, w, w, h);
            return;
        }
        for (int y = 0; y < h; y++) {
            System.arraycopy(pred, y * w, dst, dstOff + y * dstStride, w);
        }
    }

    @Override
    public void chromaMc(byte[] dstCb, byte[] dstCr, int dstOff, int dstStride, byte[] srcCb, byte[] srcCr, int srcOff,
            int srcStride, int w, int h, int xFrac, int yFrac, boolean avg) {
        chroma(dstCb, dstOff, dstStride, srcCb, srcOff, srcStride, w, h, xFrac, yFrac, avg);
        chroma(dstCr, dstOff, dstStride, srcCr, srcOff, srcStride, w, h, xFrac, yFrac, avg);
    }

    private void chroma(byte[] dst, int dstOff, int dstStride, byte[] src, int srcOff, int srcStride, int w, int h,
            int xFrac, int yFrac, boolean avg) {
        byte[] pred = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = srcOff + y * srcStride + x;
                int a = src[p] & 0xff;
                int b = src[p + 1] & 0xff;
                int c = src[p + srcStride] & 0xff;
                int d = src[p + srcStride + 1] & 0xff;
                int v = ((8 - xFrac) * (8 - yFrac) * a + xFrac * (8 - yFrac) * b + (8 - xFrac) * yFrac * c
                        + xFrac * yFrac * d + 32) >> 6; // 8-266
                pred[y * w + x] = (byte) v;
            }
        }
        store(dst, dstOff, dstStride, pred, w, h, avg);
    }

    @Override
    public void average(byte[] dst, int dstOff, int dstStride, byte[] src, int srcOff, int srcStride, int w, int h) {
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p0 = dst[dstOff + y * dstStride + x] & 0xff;
                int p1 = src[srcOff + y * srcStride + x] & 0xff;
                dst[dstOff + y * dstStride + x] = (byte) ((p0 + p1 + 1) >> 1); // 8-271
            }
        }
    }

    @Override
    public void weight(byte[] dst, int dstOff, int dstStride, int w, int h, int logWD, int weight, int offset) {
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = dst[dstOff + y * dstStride + x] & 0xff;
                int v;
                if (logWD >= 1) {
                    v = Planes.clip1(((p * weight + (1 << (logWD - 1))) >> logWD) + offset); // 8-272
                } else {
                    v = Planes.clip1(p * weight + offset); // 8-273
                }
                dst[dstOff + y * dstStride + x] = (byte) v;
            }
        }
    }

    @Override
    public void weightBi(byte[] dst, int dstOff, int dstStride, byte[] src, int srcOff, int srcStride, int w, int h,
            int logWD, int w0, int w1, int o0, int o1) {
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p0 = dst[dstOff + y * dstStride + x] & 0xff;
                int p1 = src[srcOff + y * srcStride + x] & 0xff;
                int v = Planes.clip1(((p0 * w0 + p1 * w1 + (1 << logWD)) >> (logWD + 1)) + ((o0 + o1 + 1) >> 1)); // 8-276
                dst[dstOff + y * dstStride + x] = (byte) v;
            }
        }
    }
}
