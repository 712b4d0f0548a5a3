package org.purecodec.h264.kernels;

import java.util.Locale;
import java.util.Random;

/**
 * Micro-benchmark: Reference vs Fast for each kernel on random data, printed as ns/call. A plain
 * {@code main} (never run by the test suite, no timed assertions):
 * {@code java -cp h264/target/classes:h264/target/test-classes org.purecodec.h264.kernels.KernelBench [ms [name-filter]]}.
 * Crude (no JMH): each case warms up, then the best of twenty short timed windows is kept
 * (the minimum is the estimate least disturbed by other processes on a shared machine).
 */
public final class KernelBench {
    private KernelBench() {
    }

    /** Runs {@code iters} calls of one kernel and returns a value derived from the output. */
    interface Case {
        long run(Kernels k, int iters);
    }

    private static final Random R = new Random(1);
    /** yFrac * 4 + xFrac of the luma positions that use the centre sample j: j, f, q, i, k. */
    private static final int[] CENTRE_CASES = {10, 6, 14, 9, 11};
    private static final int STRIDE = 64;
    private static long sink;
    private static String filter = "";

    private static byte[] plane(int rows) {
        byte[] b = new byte[STRIDE * rows];
        R.nextBytes(b);
        return b;
    }

    private static int[] coefs(int n, int count, int range) {
        int[] c = new int[n];
        for (int i = 0; i < count; i++) {
            c[R.nextInt(n)] = R.nextInt(2 * range + 1) - range;
        }
        return c;
    }

    private static byte[] smooth(int rows) {
        byte[] b = new byte[STRIDE * rows];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (100 + ((i % STRIDE) >= 32 ? 8 : 0) + R.nextInt(5));
        }
        return b;
    }

    public static void main(String[] args) {
        int ms = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        filter = args.length > 1 ? args[1] : "";
        Kernels ref = Kernels.reference();
        Kernels fast = Kernels.fast();
        int[] ls4 = new int[96];
        int[] ls8 = new int[384];
        Tables.levelScale4x4(Tables.FLAT_4X4, ls4);
        Tables.levelScale8x8(Tables.FLAT_8X8, ls8);

        byte[] pix = plane(48);
        int[] c4 = coefs(16, 6, 400);
        int[] c8 = coefs(64, 12, 400);
        int[] work = new int[64];
        int[] lv4 = coefs(16, 6, 10);
        bench("dequant4x4", ms, ref, fast, (k, n) -> {
            for (int i = 0; i < n; i++) {
                System.arraycopy(lv4, 0, work, 0, 16);
                k.transform.dequant4x4(work, 0, ls4, 20 + (i & 15), false);
            }
            return work[0];
        });
        bench("lumaDcDequant", ms, ref, fast, (k, n) -> {
            for (int i = 0; i < n; i++) {
                System.arraycopy(lv4, 0, work, 0, 16);
                k.transform.lumaDcDequant(work, 0, ls4, 20 + (i & 15));
            }
            return work[0];
        });
        bench("idct4Add (incl. 16-int copy)", ms, ref, fast, (k, n) -> {
            for (int i = 0; i < n; i++) {
                System.arraycopy(c4, 0, work, 0, 16);
                k.transform.idct4Add(work, 0, pix, STRIDE + (i & 31), STRIDE);
            }
            return pix[STRIDE];
        });
        bench("idct4AddDc vs ref idct4Add", ms, ref, fast, (k, n) -> {
            for (int i = 0; i < n; i++) {
                work[0] = 300;
                k.transform.idct4AddDc(work, 0, pix, STRIDE + (i & 31), STRIDE);
            }
            return pix[STRIDE];
        });
        bench("idct8Add (incl. 64-int copy)", ms, ref, fast, (k, n) -> {
            for (int i = 0; i < n; i++) {
                System.arraycopy(c8, 0, work, 0, 64);
                k.transform.idct8Add(work, 0, pix, STRIDE + (i & 31), STRIDE);
            }
            return pix[STRIDE];
        });

        int all = IntraPred.LEFT | IntraPred.TOP | IntraPred.TOP_LEFT | IntraPred.TOP_RIGHT;
        byte[] ip = plane(48);
        bench("pred4x4 (9 modes cycled)", ms, ref, fast, (k, n) -> {
            for (int i = 0; i < n; i++) {
                k.intra.pred4x4(i % 9, ip, 8 * STRIDE + 8 + (i & 7) * 4, STRIDE, all);
            }
            return ip[9 * STRIDE + 9];
        });
        bench("pred8x8 (9 modes cycled)", ms, ref, fast, (k, n) -> {
            for (int i = 0; i < n; i++) {
                k.intra.pred8x8(i % 9, ip, 8 * STRIDE + 8 + (i & 3) * 8, STRIDE, all);
            }
            return ip[9 * STRIDE + 9];
        });
        bench("pred16x16 (4 modes cycled)", ms, ref, fast, (k, n) -> {
            for (int i = 0; i < n; i++) {
                k.intra.pred16x16(i & 3, ip, 8 * STRIDE + 8 + (i & 1) * 16, STRIDE, all);
            }
            return ip[9 * STRIDE + 9];
        });
        bench("predChroma (4 modes cycled)", ms, ref, fast, (k, n) -> {
            for (int i = 0; i < n; i++) {
                k.intra.predChroma(i & 3, ip, 8 * STRIDE + 8 + (i & 3) * 8, STRIDE, all);
            }
            return ip[9 * STRIDE + 9];
        });

        byte[] src = plane(48);
        byte[] dst = new byte[16 * 16];
        byte[] dst2 = plane(20);
        bench("lumaMc 16x16 (16 fractions cycled)", ms, ref, fast, (k, n) -> {
            for (int i = 0; i < n; i++) {
                k.inter.lumaMc(dst, 0, 16, src, 8 * STRIDE + 8 + (i & 7), STRIDE, 16, 16, i & 3, (i >> 2) & 3, false);
            }
            return dst[17];
        });
        bench("lumaMc 16x16 centre (j, f, q, i, k cycled)", ms, ref, fast, (k, n) -> {
            for (int i = 0; i < n; i++) {
                int c = CENTRE_CASES[i % 5];
                k.inter.lumaMc(dst, 0, 16, src, 8 * STRIDE + 8 + (i & 7), STRIDE, 16, 16, c & 3, c >> 2, false);
            }
            return dst[17];
        });
        bench("lumaMc 8x8 centre (j, f, q, i, k cycled)", ms, ref, fast, (k, n) -> {
            for (int i = 0; i < n; i++) {
                int c = CENTRE_CASES[i % 5];
                k.inter.lumaMc(dst, 0, 16, src, 8 * STRIDE + 8 + (i & 7), STRIDE, 8, 8, c & 3, c >> 2, false);
            }
            return dst[17];
        });
        bench("lumaMc 4x4 (16 fractions cycled)", ms, ref, fast, (k, n) -> {
            for (int i = 0; i < n; i++) {
                k.inter.lumaMc(dst, 0, 16, src, 8 * STRIDE + 8 + (i & 7), STRIDE, 4, 4, i & 3, (i >> 2) & 3, false);
            }
            return dst[17];
        });
        bench("chromaMc 8x8 (64 fractions cycled)", ms, ref, fast, (k, n) -> {
            for (int i = 0; i < n; i++) {
                k.inter.chromaMc(dst, dst, 0, 16, src, src, 8 * STRIDE + 8 + (i & 7), STRIDE, 8, 8, i & 7, (i >> 3) & 7, false);
            }
            return dst[17];
        });
        bench("chromaMc 4x4 (64 fractions, every other averaged)", ms, ref, fast, (k, n) -> {
            for (int i = 0; i < n; i++) {
                k.inter.chromaMc(dst, dst2, 0, 16, src, src, 8 * STRIDE + 8 + (i & 7), STRIDE, 4, 4, i & 7, (i >> 3) & 7,
                        (i & 64) != 0);
            }
            return dst[17];
        });
        bench("chromaMc 2x2 (64 fractions cycled)", ms, ref, fast, (k, n) -> {
            for (int i = 0; i < n; i++) {
                k.inter.chromaMc(dst, dst2, 0, 16, src, src, 8 * STRIDE + 8 + (i & 7), STRIDE, 2, 2, i & 7, (i >> 3) & 7, false);
            }
            return dst[17];
        });
        bench("average 16x16", ms, ref, fast, (k, n) -> {
            for (int i = 0; i < n; i++) {
                k.inter.average(dst, 0, 16, dst2, i & 15, STRIDE, 16, 16);
            }
            return dst[17];
        });
        bench("weightBi 16x16", ms, ref, fast, (k, n) -> {
            for (int i = 0; i < n; i++) {
                k.inter.weightBi(dst, 0, 16, dst2, i & 15, STRIDE, 16, 16, 5, 40, 24, 3, -2);
            }
            return dst[17];
        });
        bench("weight 16x16", ms, ref, fast, (k, n) -> {
            for (int i = 0; i < n; i++) {
                k.inter.weight(dst, 0, 16, 16, 16, 6, 70, -3);
            }
            return dst[17];
        });

        byte[] db = smooth(48);
        int[] bsMix = {4, 2, 1, 3};
        int[] bsNormal = {2, 2, 1, 1};
        bench("lumaEdge vertical (bS 4,2,1,3)", ms, ref, fast, (k, n) -> {
            for (int i = 0; i < n; i++) {
                k.loopFilter.lumaEdge(db, 8 * STRIDE + 32, 1, STRIDE, bsMix, 0, 30 + (i & 7), 30 + (i & 7));
            }
            return db[8 * STRIDE + 32];
        });
        bench("lumaEdge horizontal (bS 2,2,1,1)", ms, ref, fast, (k, n) -> {
            for (int i = 0; i < n; i++) {
                k.loopFilter.lumaEdge(db, 16 * STRIDE + 24, STRIDE, 1, bsNormal, 0, 30 + (i & 7), 30 + (i & 7));
            }
            return db[16 * STRIDE + 24];
        });
        bench("chromaEdge vertical (bS 4,2,1,3)", ms, ref, fast, (k, n) -> {
            for (int i = 0; i < n; i++) {
                k.loopFilter.chromaEdge(db, 8 * STRIDE + 32, 1, STRIDE, bsMix, 0, 30 + (i & 7), 30 + (i & 7));
            }
            return db[8 * STRIDE + 32];
        });
        bench("lumaEdge vertical (bS 2,2,1,1)", ms, ref, fast, (k, n) -> {
            for (int i = 0; i < n; i++) {
                k.loopFilter.lumaEdge(db, 8 * STRIDE + 32, 1, STRIDE, bsNormal, 0, 30 + (i & 7), 30 + (i & 7));
            }
            return db[8 * STRIDE + 32];
        });
        bench("chromaEdge vertical (bS 2,2,1,1)", ms, ref, fast, (k, n) -> {
            for (int i = 0; i < n; i++) {
                k.loopFilter.chromaEdge(db, 8 * STRIDE + 32, 1, STRIDE, bsNormal, 0, 30 + (i & 7), 30 + (i & 7));
            }
            return db[8 * STRIDE + 32];
        });
        bench("chromaEdge horizontal (bS 2,2,1,1)", ms, ref, fast, (k, n) -> {
            for (int i = 0; i < n; i++) {
                k.loopFilter.chromaEdge(db, 16 * STRIDE + 24, STRIDE, 1, bsNormal, 0, 30 + (i & 7), 30 + (i & 7));
            }
            return db[16 * STRIDE + 24];
        });
        System.out.println("sink " + sink);
    }

    private static void bench(String name, int ms, Kernels ref, Kernels fast, Case c) {
        if (!name.contains(filter)) {
            return;
        }
        double r = time(c, ref, ms);
        double f = time(c, fast, ms);
        System.out.println(String.format(Locale.ROOT, "%-38s reference %9.1f ns/call   fast %8.1f ns/call   x%.1f",
                name, r, f, r / f));
    }

    private static double time(Case c, Kernels k, int ms) {
        int iters = 200;
        long deadline = System.nanoTime() + ms * 1_000_000L;
        while (System.nanoTime() < deadline) { // warm-up
            sink += c.run(k, iters);
        }
        double best = Double.MAX_VALUE;
        for (int rep = 0; rep < 20; rep++) { // many short windows, keep the least disturbed one
            long n = 0;
            long t0 = System.nanoTime();
            long end = t0 + ms * 1_000_000L / 10;
            long t;
            do {
                sink += c.run(k, iters);
                n += iters;
                t = System.nanoTime();
            } while (t < end);
            best = Math.min(best, (double) (t - t0) / n);
        }
        return best;
    }
}
