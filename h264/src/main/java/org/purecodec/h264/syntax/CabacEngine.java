package org.purecodec.h264.syntax;

import org.purecodec.h264.H264Exception;

/**
 * The CABAC arithmetic decoding engine (9.3.1.2, 9.3.3.2) with context states (9.3.1.1).
 *
 * <p>codIOffset is kept scaled: {@code value = codIOffset * 2^bits + (the next 'bits' input bits)}, so that
 * renormalisation only shifts codIRange and lowers {@code bits}, and input is fetched two bytes at a time
 * when {@code bits} drops below zero. Context states are one byte per ctxIdx: {@code pStateIdx << 1 | valMPS}.
 * Bytes past the end of the slice data read as zeros; fetching more than a few of them means the data is
 * damaged or truncated and throws TRUNCATED, so decoding always ends.
 */
final class CabacEngine {
    private final byte[] state = new byte[CabacTables.CONTEXTS];
    private byte[] d;
    private int end;
    private int ptr;
    private int range;
    private int value;
    private int bits;

    /** Context initialisation (9.3.1.1) for SliceQPY and the table column (0 = I slices, 1..3 = cabac_init_idc + 1). */
    void initContexts(int sliceQp, int column) {
        int[] mn = CabacTables.MN[column];
        int qp = sliceQp < 0 ? 0 : (sliceQp > 51 ? 51 : sliceQp);
        for (int i = 0; i < CabacTables.CONTEXTS; i++) {
            int pre = ((mn[2 * i] * qp) >> 4) + mn[2 * i + 1];
            pre = pre < 1 ? 1 : (pre > 126 ? 126 : pre);
            state[i] = (byte) (pre <= 63 ? (63 - pre) << 1 : ((pre - 64) << 1) | 1);
        }
    }

    /** The state of context {@code ctx} ({@code pStateIdx << 1 | valMPS}); for tests. */
    byte stateOf(int ctx) {
        return state[ctx];
    }

    /** Initialises the decoding engine at byte {@code start} of {@code data[0..length)} (9.3.1.2). */
    void start(byte[] data, int start, int length) {
        d = data;
        end = length;
        ptr = start;
        value = (next() << 16) | (next() << 8) | next();
        bits = 15;
        range = 510;
    }

    private int next() {
        int p = ptr++;
        if (p < end) {
            return d[p] & 0xff;
        }
        // A conforming slice never makes the engine fetch beyond byte end (9.3.1.2 reads 9 bits, and the
        // look-ahead is at most 15 bits): a couple of zero bytes more is damage, not data.
        if (p > end + 2) {
            throw new H264Exception(H264Exception.Kind.TRUNCATED, "CABAC slice data ends early (read past its end)");
        }
        return 0;
    }

    private void refill() {
        value = (value << 16) | fetch16();
        bits += 16;
    }

    /** The next two input bytes, big-endian (zeros, then TRUNCATED, past the end as {@link #next}). */
    private int fetch16() {
        int p = ptr;
        if (p + 1 < end) {
            ptr = p + 2;
            return ((d[p] & 0xff) << 8) | (d[p + 1] & 0xff);
        }
        return (next() << 8) | next();
    }

    /** rangeTabLPS by {@code state << 2 | qCodIRangeIdx}, state = pStateIdx << 1 | valMPS. */
    private static final int[] LPS_BY_STATE = new int[128 * 4];
    /** Next state by {@code state << 1 | isLps}. */
    private static final byte[] NEXT_STATE = new byte[256];

    static {
        for (int st = 0; st < 128; st++) {
            int p = st >> 1;
            int mps = st & 1;
            for (int q = 0; q < 4; q++) {
                LPS_BY_STATE[(st << 2) | q] = CabacTables.RANGE_LPS[(p << 2) | q];
            }
            NEXT_STATE[st << 1] = (byte) ((Math.min(p + 1, 62) << 1) | mps);
            NEXT_STATE[(st << 1) | 1] = (byte) ((CabacTables.TRANS_LPS[p] << 1) | (p == 0 ? 1 - mps : mps));
        }
    }

    /**
     * DecodeDecision (9.3.3.2.1) with context {@code ctx}, without a branch on the decoded bin (MPS or LPS
     * is a mask; a mispredicted branch there costs more than the arithmetic on both outcomes), then
     * RenormD as one shift by the number of leading zeros of the new range.
     */
    int decision(int ctx) {
        int s = state[ctx];
        int rng = range;
        int lps = LPS_BY_STATE[(s << 2) | ((rng >> 6) & 3)];
        int r = rng - lps;
        int scaled = r << bits;
        int val = value;
        int lpsMask = (scaled - val - 1) >> 31; // 0: MPS (val < scaled), -1: LPS
        value = val - (scaled & lpsMask);
        r ^= (r ^ lps) & lpsMask;
        int isLps = lpsMask & 1;
        state[ctx] = NEXT_STATE[(s << 1) | isLps];
        int shift = Integer.numberOfLeadingZeros(r) - 23;
        range = r << shift;
        int b = bits - shift;
        bits = b;
        if (b < 0) {
            refill();
        }
        return (s & 1) ^ isLps;
    }

    /**
     * The significance map and the levels of one residual block (7.3.5.3.3 residual_block_cabac, contexts
     * by 9.3.3.1.3), the hottest loop of CABAC decoding. The engine registers stay in local variables for the
     * whole block: DecodeDecision and DecodeBypass are written out in place (the same arithmetic as
     * {@link #decision} and {@link #bypass}) instead of storing and reloading the fields for every bin.
     *
     * @param sigCtx  ctxIdx of significant_coeff_flag by scan position
     * @param lastCtx ctxIdx of last_significant_coeff_flag by scan position
     * @param max     the number of coefficients of the block (maxNumCoeff)
     * @param absBase ctxIdx of coeff_abs_level_minus1 with ctxIdxInc 0
     * @param gtCap   the largest ctxIdxInc offset of the later coeff_abs_level_minus1 bins (4, 3 for chroma DC)
     * @param pos     receives the scan positions of the non-zero coefficients, in increasing order
     * @param lv      receives their levels (sign applied), in the same order
     * @return the number of non-zero coefficients (at least 1)
     */
    int residualBlock(int[] sigCtx, int[] lastCtx, int max, int absBase, int gtCap, int[] pos, int[] lv) {
        byte[] st = state;
        int rng = range;
        int val = value;
        int bts = bits;
        int n = 0;
        int end = max - 1;
        int i = 0;
        for (; i < end; i++) {
            // significant_coeff_flag
            int ctx = sigCtx[i];
            int s = st[ctx];
            int lps = LPS_BY_STATE[(s << 2) | ((rng >> 6) & 3)];
            int r = rng - lps;
            int scaled = r << bts;
            int m = (scaled - val - 1) >> 31;
            val -= scaled & m;
            r ^= (r ^ lps) & m;
            st[ctx] = NEXT_STATE[(s << 1) | (m & 1)];
            int sh = Integer.numberOfLeadingZeros(r) - 23;
            rng = r << sh;
            bts -= sh;
            if (bts < 0) {
                val = (val << 16) | fetch16();
                bts += 16;
            }
            if (((s ^ m) & 1) == 0) {
                continue;
            }
            pos[n++] = i;
            // last_significant_coeff_flag
            ctx = lastCtx[i];
            s = st[ctx];
            lps = LPS_BY_STATE[(s << 2) | ((rng >> 6) & 3)];
            r = rng - lps;
            scaled = r << bts;
            m = (scaled - val - 1) >> 31;
            val -= scaled & m;
            r ^= (r ^ lps) & m;
            st[ctx] = NEXT_STATE[(s << 1) | (m & 1)];
            sh = Integer.numberOfLeadingZeros(r) - 23;
            rng = r << sh;
            bts -= sh;
            if (bts < 0) {
                val = (val << 16) | fetch16();
                bts += 16;
            }
            if (((s ^ m) & 1) != 0) {
                break;
            }
        }
        if (i == end) {
            pos[n++] = end; // no last_significant_coeff_flag: the last coefficient is significant
        }
        // coeff_abs_level_minus1 in reverse scan order: bin 0 with ctxIdxInc by the levels decoded so far
        // (1 + numDecodAbsLevelEq1, or 0 once one is greater than 1), later bins with 5 + numDecodAbsLevelGt1
        int eq1 = 0;
        int gt1 = 0;
        for (int k = n - 1; k >= 0; k--) {
            int ctx = absBase + (gt1 != 0 ? 0 : (eq1 < 3 ? 1 + eq1 : 4));
            int bin;
            int abs = 1;
            do {
                int s = st[ctx];
                int lps = LPS_BY_STATE[(s << 2) | ((rng >> 6) & 3)];
                int r = rng - lps;
                int scaled = r << bts;
                int m = (scaled - val - 1) >> 31;
                val -= scaled & m;
                r ^= (r ^ lps) & m;
                st[ctx] = NEXT_STATE[(s << 1) | (m & 1)];
                int sh = Integer.numberOfLeadingZeros(r) - 23;
                rng = r << sh;
                bts -= sh;
                if (bts < 0) {
                    val = (val << 16) | fetch16();
                    bts += 16;
                }
                bin = (s ^ m) & 1;
                if (bin == 0) {
                    break;
                }
                // prefix bins after the first (TU, cMax 14) share one context
                ctx = absBase + 5 + (gt1 < gtCap ? gt1 : gtCap);
                abs++;
            } while (abs < 15);
            if (abs == 15) { // prefix of 14 ones: an Exp-Golomb (k = 0) bypass suffix follows
                range = rng;
                value = val;
                bits = bts;
                abs += expGolombBypass();
                rng = range;
                val = value;
                bts = bits;
            }
            if (abs == 1) {
                eq1++;
            } else {
                gt1++;
            }
            // coeff_sign_flag (bypass)
            if (--bts < 0) {
                val = (val << 16) | fetch16();
                bts += 16;
            }
            int scaled = rng << bts;
            int neg = (scaled - val - 1) >> 31; // -1: bin 1, minus
            val -= scaled & neg;
            lv[k] = (abs ^ neg) - neg;
        }
        range = rng;
        value = val;
        bits = bts;
        return n;
    }

    /** An Exp-Golomb (k = 0) bypass suffix (9.3.2.3), bounded: a damaged stream cannot make it loop long. */
    int expGolombBypass() {
        int v = 0;
        int k = 0;
        while (bypass() == 1) {
            v += 1 << k;
            k++;
            if (k > 24) {
                throw H264Exception.invalid("Exp-Golomb suffix too long");
            }
        }
        while (k-- > 0) {
            v += bypass() << k;
        }
        return v;
    }

    /** DecodeBypass (9.3.3.2.3). */
    int bypass() {
        if (--bits < 0) {
            refill();
        }
        int scaled = range << bits;
        if (value >= scaled) {
            value -= scaled;
            return 1;
        }
        return 0;
    }

    /** DecodeTerminate (9.3.3.2.2). */
    int terminate() {
        range -= 2;
        int scaled = range << bits;
        if (value >= scaled) {
            return 1;
        }
        if (range < 256) {
            range <<= 1;
            if (--bits < 0) {
                refill();
            }
        }
        return 0;
    }

    /**
     * The byte position right after the bits the engine has consumed (9 + renormalisation shifts), rounded
     * up to a byte boundary: where pcm_alignment_zero_bits end after an I_PCM mb_type.
     */
    int alignedBytePosition() {
        long consumedBits = (long) ptr * 8 - bits; // every fetched bit except the 'bits' still pending
        return (int) ((consumedBits + 7) >> 3);
    }
}
