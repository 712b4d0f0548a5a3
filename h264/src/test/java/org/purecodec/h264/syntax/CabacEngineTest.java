package org.purecodec.h264.syntax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.purecodec.h264.H264Exception;

/**
 * The arithmetic decoding engine against the arithmetic encoder of the standard (9.3.4.2 to 9.3.4.5),
 * written here plainly as a test oracle: random sequences of regular bins (random contexts, biased
 * values), bypass bins and terminate bins round-trip exactly, for every context-table column and a range
 * of slice QPs.
 */
class CabacEngineTest {

    /** The encoder of 9.3.4, bit by bit. */
    static final class Encoder {
        private final byte[] state = new byte[CabacTables.CONTEXTS];
        private int low;
        private int range = 510;
        private int outstanding;
        private boolean first = true;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int cur;
        private int nbits;

        Encoder(int qp, int column) {
            CabacEngine init = new CabacEngine();
            init.initContexts(qp, column);
            for (int i = 0; i < state.length; i++) {
                state[i] = init.stateOf(i);
            }
        }

        private void write(int b) {
            cur = (cur << 1) | b;
            if (++nbits == 8) {
                out.write(cur);
                cur = 0;
                nbits = 0;
            }
        }

        private void putBit(int b) {
            if (first) {
                first = false;
            } else {
                write(b);
            }
            for (; outstanding > 0; outstanding--) {
                write(1 - b);
            }
        }

        private void renorm() {
            while (range < 256) {
                if (low < 256) {
                    putBit(0);
                } else if (low >= 512) {
                    low -= 512;
                    putBit(1);
                } else {
                    low -= 256;
                    outstanding++;
                }
                range <<= 1;
                low <<= 1;
            }
        }

        void decision(int ctx, int bin) {
            int s = state[ctx];
            int p = s >> 1;
            int mps = s & 1;
            int lps = CabacTables.RANGE_LPS[(p << 2) | ((range >> 6) & 3)];
            range -= lps;
            if (bin != mps) {
                low += range;
                range = lps;
                if (p == 0) {
                    mps = 1 - mps;
                }
                p = CabacTables.TRANS_LPS[p];
            } else {
                p = Math.min(p + 1, 62);
            }
            state[ctx] = (byte) ((p << 1) | mps);
            renorm();
        }

        void bypass(int bin) {
            low <<= 1;
            if (bin != 0) {
                low += range;
            }
            if (low >= 1024) {
                putBit(1);
                low -= 1024;
            } else if (low < 512) {
                putBit(0);
            } else {
                low -= 512;
                outstanding++;
            }
        }

        void terminate(int bin) {
            range -= 2;
            if (bin != 0) {
                low += range;
                range = 2;
                renorm();
                putBit((low >> 9) & 1);
                write((low >> 8) & 1);
                write(1); // rbsp_stop_one_bit
                while (nbits != 0) {
                    write(0);
                }
            } else {
                renorm();
            }
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** A decoding engine with the contexts of {@code qp} and {@code column}, started at the beginning of {@code data}. */
    private static CabacEngine started(byte[] data, int qp, int column) {
        CabacEngine dec = new CabacEngine();
        dec.initContexts(qp, column);
        dec.start(data, 0, data.length);
        return dec;
    }

    /** The encoder's final terminate bin (1), after which the engine stands at the end of the data. */
    private static void assertEndsAt(CabacEngine dec, int length, String what) {
        assertEquals(1, dec.terminate(), what + ": the final terminate bin");
        assertEquals(length, dec.alignedBytePosition(), what + ": engine position after the last bin");
    }

    @Test
    void randomBinSequencesRoundTrip() {
        Random rnd = new Random(20261124);
        for (int trial = 0; trial < 3000; trial++) {
            int qp = rnd.nextInt(52);
            int column = rnd.nextInt(4);
            int n = 1 + rnd.nextInt(trial % 10 == 0 ? 5000 : 300);
            int[] kind = new int[n];
            int[] ctx = new int[n];
            int[] bin = new int[n];
            int contexts = 1 + rnd.nextInt(40);
            int base = rnd.nextInt(CabacTables.CONTEXTS - contexts);
            double bias = rnd.nextDouble();
            Encoder enc = new Encoder(qp, column);
            for (int i = 0; i < n; i++) {
                int r = rnd.nextInt(100);
                kind[i] = r < 80 ? 0 : (r < 98 ? 1 : 2);
                ctx[i] = base + rnd.nextInt(contexts);
                bin[i] = kind[i] == 2 ? 0 : (rnd.nextDouble() < bias ? 1 : 0);
                if (kind[i] == 0) {
                    enc.decision(ctx[i], bin[i]);
                } else if (kind[i] == 1) {
                    enc.bypass(bin[i]);
                } else {
                    enc.terminate(0);
                }
            }
            enc.terminate(1);
            byte[] data = enc.bytes();
            CabacEngine dec = started(data, qp, column);
            for (int i = 0; i < n; i++) {
                int got = kind[i] == 0 ? dec.decision(ctx[i]) : (kind[i] == 1 ? dec.bypass() : dec.terminate());
                assertEquals(bin[i], got, "trial " + trial + ", bin " + i + " (kind " + kind[i] + ")");
            }
            assertEndsAt(dec, data.length, "trial " + trial);
        }
    }

    /**
     * Reading on past the end of the data: zeros are fed for a little while (the engine's look-ahead), then
     * TRUNCATED, so no damaged slice can keep a reader busy; bins of every kind count.
     */
    @Test
    void readingFarPastTheEndThrowsTruncated() {
        Random rnd = new Random(5);
        for (int trial = 0; trial < 2000; trial++) {
            int n = rnd.nextInt(40);
            byte[] data = new byte[n + 10];
            rnd.nextBytes(data);
            int start = rnd.nextInt(5);
            CabacEngine dec = new CabacEngine();
            dec.initContexts(rnd.nextInt(52), rnd.nextInt(4));
            int kinds = rnd.nextInt(3);
            long bins = 0;
            try {
                dec.start(data, start, start + n);
                while (bins < 1_000_000) {
                    int k = kinds == 0 ? 1 : rnd.nextInt(3);
                    if (k == 0) {
                        dec.decision(rnd.nextInt(CabacTables.CONTEXTS));
                    } else if (k == 1) {
                        dec.bypass();
                    } else {
                        dec.terminate();
                    }
                    bins++;
                }
                fail("trial " + trial + ": no error after " + bins + " bins from " + n + " bytes");
            } catch (H264Exception e) {
                assertEquals(H264Exception.Kind.TRUNCATED, e.kind());
                if (kinds == 0) {
                    // bypass bins consume one bit each (after the 9 bits of the initialisation): all the data
                    // was read before the error, and at most 3 bytes of zeros after it
                    assertTrue(bins + 9 >= 8L * n, "trial " + trial + ": error after " + bins + " bypass bins of " + n + " bytes");
                    assertTrue(bins + 9 <= 8L * (n + 3), "trial " + trial + ": error after " + bins + " bypass bins of " + n + " bytes");
                }
            }
        }
    }

    /** A random interleaved significance-map context array (significant, last) for maxNumCoeff {@code max}. */
    /**
     * The contexts {@link CabacEngine#significanceMap4} computes for a block of {@code max} coefficients whose
     * significant_coeff_flag context at scan position 0 is {@code sigCtx}, in {@link CabacEngine#significanceMap}'s
     * interleaved form.
     */
    private static int[] computedMapContexts(int sigCtx, int max) {
        int[] c = new int[2 * (max - 1)];
        for (int i = 0; i < max - 1; i++) {
            c[2 * i] = sigCtx + i;
            c[2 * i + 1] = sigCtx + CabacEngine.LAST_MINUS_SIG + i;
        }
        return c;
    }

    /** Significance map through the table-driven loop, or through {@link CabacEngine#significanceMap4} when sigCtx >= 0. */
    private static int significanceMap(CabacEngine dec, int[] ctx, int sigCtx, int[] pos) {
        return sigCtx >= 0 ? dec.significanceMap4(sigCtx, ctx.length / 2, pos) : dec.significanceMap(ctx, pos);
    }

    private static int[] randomMapContexts(Random rnd, int max) {
        int[] c = new int[2 * (max - 1)];
        int base = rnd.nextInt(CabacTables.CONTEXTS - 40);
        for (int k = 0; k < c.length; k++) {
            c[k] = base + rnd.nextInt(40);
        }
        return c;
    }

    /** residual_block_cabac (7.3.5.3.3) of {@code coeff[0..max)}, at least one non-zero, with the encoder. */
    private static void encodeBlock(Encoder enc, int[] ctx, int absBase, int gtCap, int[] coeff) {
        int max = ctx.length / 2 + 1;
        int lastNz = -1;
        for (int i = 0; i < max; i++) {
            if (coeff[i] != 0) {
                lastNz = i;
            }
        }
        for (int i = 0; i < max - 1; i++) {
            int sig = coeff[i] != 0 ? 1 : 0;
            enc.decision(ctx[2 * i], sig);
            if (sig == 1) {
                enc.decision(ctx[2 * i + 1], i == lastNz ? 1 : 0);
                if (i == lastNz) {
                    break;
                }
            }
        }
        int eq1 = 0;
        int gt1 = 0;
        for (int i = lastNz; i >= 0; i--) {
            if (coeff[i] == 0) {
                continue;
            }
            int v = Math.abs(coeff[i]) - 1;
            int prefix = Math.min(v, 14);
            for (int b = 0; b <= prefix && b < 14; b++) {
                int inc = b == 0 ? (gt1 != 0 ? 0 : Math.min(1 + eq1, 4)) : 5 + Math.min(gt1, gtCap);
                enc.decision(absBase + inc, b < prefix ? 1 : 0);
            }
            if (v >= 14) { // UEG0 suffix, Exp-Golomb k = 0 in bypass bins
                int suf = v - 14;
                int k = 0;
                while (suf >= (1 << k)) {
                    enc.bypass(1);
                    suf -= 1 << k;
                    k++;
                }
                enc.bypass(0);
                while (k-- > 0) {
                    enc.bypass((suf >> k) & 1);
                }
            }
            if (v == 0) {
                eq1++;
            } else {
                gt1++;
            }
            enc.bypass(coeff[i] < 0 ? 1 : 0);
        }
    }

    /**
     * The residual loops (significanceMap, levels: their own copy of the decision and bypass arithmetic, input
     * fetched without tests) against the encoder: random blocks of every size, sparse and dense, small and huge
     * levels (Exp-Golomb suffixes), mixed with single bins, and the engine ends where the data ends.
     */
    @Test
    void randomResidualBlocksRoundTrip() {
        Random rnd = new Random(20261203);
        int[] sizes = {4, 15, 16, 64};
        for (int trial = 0; trial < 1500; trial++) {
            int qp = rnd.nextInt(52);
            int column = rnd.nextInt(4);
            int blocks = 1 + rnd.nextInt(trial % 10 == 0 ? 200 : 20);
            int[][] ctxs = new int[blocks][];
            int[] sigCtx = new int[blocks];
            int[] absBase = new int[blocks];
            int[] gtCap = new int[blocks];
            int[][] coeffs = new int[blocks][];
            int[] extra = new int[blocks];
            Encoder enc = new Encoder(qp, column);
            for (int b = 0; b < blocks; b++) {
                int max = sizes[rnd.nextInt(sizes.length)];
                // up to 16 coefficients: half of the blocks with the contexts significanceMap4 computes
                sigCtx[b] = max <= 16 && rnd.nextBoolean() ? rnd.nextInt(CabacTables.CONTEXTS - CabacEngine.LAST_MINUS_SIG - 16) : -1;
                ctxs[b] = sigCtx[b] >= 0 ? computedMapContexts(sigCtx[b], max) : randomMapContexts(rnd, max);
                absBase[b] = rnd.nextInt(CabacTables.CONTEXTS - 10);
                gtCap[b] = 3 + rnd.nextInt(2);
                int[] c = new int[max];
                double density = rnd.nextDouble();
                int big = rnd.nextInt(4);
                for (int i = 0; i < max; i++) {
                    if (rnd.nextDouble() < density) {
                        int mag = big == 0 ? 1 + rnd.nextInt(5000) : (big == 1 ? 1 + rnd.nextInt(20) : 1 + rnd.nextInt(3));
                        c[i] = rnd.nextBoolean() ? mag : -mag;
                    }
                }
                if (java.util.Arrays.stream(c).allMatch(x -> x == 0)) {
                    c[rnd.nextInt(max)] = rnd.nextBoolean() ? 1 : -1;
                }
                coeffs[b] = c;
                encodeBlock(enc, ctxs[b], absBase[b], gtCap[b], c);
                extra[b] = rnd.nextInt(3); // a single bin between blocks: 0 none, 1 decision 1, 2 bypass 1
                if (extra[b] == 1) {
                    enc.decision(absBase[b], 1);
                } else if (extra[b] == 2) {
                    enc.bypass(1);
                }
            }
            enc.terminate(1);
            byte[] data = enc.bytes();
            CabacEngine dec = started(data, qp, column);
            int[] pos = new int[64];
            int[] lv = new int[64];
            for (int b = 0; b < blocks; b++) {
                int n = significanceMap(dec, ctxs[b], sigCtx[b], pos);
                dec.levels(n, absBase[b], gtCap[b], lv);
                int[] got = new int[coeffs[b].length];
                for (int k = 0; k < n; k++) {
                    got[pos[k]] = lv[k];
                }
                assertArrayEquals(coeffs[b], got, "trial " + trial + ", block " + b);
                if (extra[b] == 1) {
                    assertEquals(1, dec.decision(absBase[b]), "trial " + trial + ", decision after block " + b);
                } else if (extra[b] == 2) {
                    assertEquals(1, dec.bypass(), "trial " + trial + ", bypass after block " + b);
                }
            }
            assertEndsAt(dec, data.length, "trial " + trial);
        }
    }

    /** A start at or past the end of the data (damaged slice data, or I_PCM samples running past it). */
    @Test
    void startingPastTheEndReadsZerosThenThrowsTruncated() {
        byte[] data = {1, 2, 3};
        for (int start = 3; start < 8; start++) {
            CabacEngine dec = new CabacEngine();
            dec.initContexts(26, 0);
            dec.start(data, start, data.length);
            int bins = 0;
            try {
                while (bins < 1000) {
                    dec.bypass();
                    bins++;
                }
                fail("start " + start + ": no error after " + bins + " bins");
            } catch (H264Exception e) {
                assertEquals(H264Exception.Kind.TRUNCATED, e.kind());
                assertTrue(bins < 40, "start " + start + ": " + bins + " bins before TRUNCATED");
            }
        }
    }

    /**
     * The residual loops read past the end without tests: on short random data they still stop with
     * TRUNCATED (never an index error), after at most a few zero bytes more than the data.
     */
    @Test
    void residualLoopsPastTheEndThrowTruncated() {
        Random rnd = new Random(77);
        int[] sizes = {4, 15, 16, 64};
        int[] pos = new int[64];
        int[] lv = new int[64];
        for (int trial = 0; trial < 2000; trial++) {
            int n = rnd.nextInt(30);
            byte[] data = new byte[n + 8];
            rnd.nextBytes(data);
            int start = rnd.nextInt(5);
            CabacEngine dec = new CabacEngine();
            dec.initContexts(rnd.nextInt(52), rnd.nextInt(4));
            long blocks = 0;
            try {
                dec.start(data, start, start + n);
                while (blocks < 1_000_000) {
                    int max = sizes[rnd.nextInt(sizes.length)];
                    int sigCtx = max <= 16 && rnd.nextBoolean() ? rnd.nextInt(CabacTables.CONTEXTS - CabacEngine.LAST_MINUS_SIG - 16) : -1;
                    int[] ctx = sigCtx >= 0 ? computedMapContexts(sigCtx, max) : randomMapContexts(rnd, max);
                    int k = significanceMap(dec, ctx, sigCtx, pos);
                    dec.levels(k, rnd.nextInt(CabacTables.CONTEXTS - 10), 4, lv);
                    blocks++;
                }
                fail("trial " + trial + ": no error after " + blocks + " blocks from " + n + " bytes");
            } catch (H264Exception e) {
                assertEquals(H264Exception.Kind.TRUNCATED, e.kind(), "trial " + trial);
            }
        }
    }
}
