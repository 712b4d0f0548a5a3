package org.purecodec.h264.syntax;

import java.util.Arrays;

import org.purecodec.h264.H264Exception;

/**
 * The CABAC arithmetic decoding engine (9.3.1.2, 9.3.3.2) with context states (9.3.1.1).
 *
 * <p>codIOffset is kept scaled with the look-ahead input below it: {@code low} (a {@code long}) holds codIOffset
 * in bits 23..31, then the input bits fetched ahead, then a single 1 bit (the marker), then zeros.
 * Renormalisation shifts codIRange and {@code low} alike; once the marker has moved up to bit 16 or above, the
 * next two input bytes are added just below it (the marker moves down by 16), so no separate bit count has to
 * be kept, which leaves the residual loops one register more. codIRange is kept scaled the same way
 * ({@code range} is codIRange << 23, and so are the rangeTabLPS entries), so comparisons need no shift, and a
 * renormalised codIRange (256..510) fills bits 31 down: the renormalisation shift is the number of leading
 * zeros of the low 32 bits of the new range, with nothing to subtract on the chain from one bin to the next
 * (in 64-bit arithmetic nothing overflows: every value stays below 2^33).
 * Context states are one byte per ctxIdx: {@code pStateIdx << 1 | valMPS}.
 *
 * <p>The slice data is copied into a buffer of the engine's own with {@link #PAD} zero bytes after it, so
 * that the residual loops ({@link #significanceMap}, {@link #levels}) can fetch input without a bounds test
 * and without a call (a call in the loop, even on the rare path, makes C2 move the loop's values to the stack
 * and back on every bin). Bytes past the end of the slice data read as zeros; fetching more than a few of
 * them means the data is damaged or truncated and throws TRUNCATED (the residual loops test it once at their
 * end: they cannot read more than {@link #PAD} bytes), so decoding always ends.
 */
final class CabacEngine {
    /**
     * Zero bytes after the slice data in {@link #buf}: more than one call of {@link #significanceMap} or
     * {@link #levels} can consume (at most 126 decisions, or 64 x 14 decisions and 64 bypass bins; a
     * decision's renormalisation shifts by at most 6 bits: under 700 bytes), starting at most 3 bytes past the
     * end.
     */
    static final int PAD = 1024;

    private final byte[] state = new byte[CabacTables.CONTEXTS];
    /** The slice data from the byte where the engine was started, then PAD zero bytes. */
    private byte[] buf = new byte[PAD];
    /** Index in the caller's array of buf[0]. */
    private int origin;
    /** Number of slice data bytes in buf. */
    private int end;
    /** The next byte of buf to fetch. */
    private int ptr;
    /** codIRange << 23 ({@link #SCALE}), so that it compares with {@link #low} without a shift. */
    private long range;
    /** codIOffset << 23 | look-ahead bits | marker bit (see the class comment). */
    private long low;
    /** Where codIRange and codIOffset sit in {@link #range} and {@link #low}: bits 23..31. */
    private static final int SCALE = 23;

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
        int n = Math.max(0, length - start);
        if (buf.length < n + PAD) {
            buf = new byte[n + (n >> 2) + PAD];
        }
        if (n > 0) { // none when damaged data puts the start at or past the end: zeros, then TRUNCATED
            System.arraycopy(data, start, buf, 0, n);
        }
        Arrays.fill(buf, n, n + PAD, (byte) 0);
        origin = start;
        end = n;
        ptr = 0;
        low = (long) next() << 24 | next() << 16 | next() << 8 | 0x80; // 9 bits of codIOffset, 15 ahead, the marker
        range = 510L << SCALE;
    }

    private int next() {
        int p = ptr++;
        // A conforming slice never makes the engine fetch beyond byte end (9.3.1.2 reads 9 bits, and the
        // look-ahead is at most 16 bits): a couple of zero bytes more is damage, not data.
        if (p > end + 2) {
            throw truncated();
        }
        return buf[p] & 0xff;
    }

    private static H264Exception truncated() {
        return new H264Exception(H264Exception.Kind.TRUNCATED, "CABAC slice data ends early (read past its end)");
    }

    /** After fetching without tests: TRUNCATED once a fetch went further than {@link #next} allows. */
    private void checkEnd() {
        if (ptr > end + 3) {
            throw truncated();
        }
    }

    /**
     * The next two input bytes into {@code l} (a {@code low} whose marker has reached bit 16 or above);
     * zeros, then TRUNCATED, past the end as {@link #next}.
     */
    private long refill(long l) {
        int p = ptr;
        if (p > end + 1) {
            throw truncated();
        }
        ptr = p + 2;
        return fill(l, twoBytes(buf, p));
    }

    /**
     * {@code l} with the two input bytes {@code two} (from {@link #twoBytes}) added just below its marker
     * (replacing it) and the new marker just below them. The residual loops call it and {@link #twoBytes}
     * without a test on the position (see {@link #PAD}). Two methods of at most 35 bytes of bytecode each
     * (now 16 and 22): C2 inlines larger methods only at call sites it finds hot, the refill after a
     * last_significant_coeff_flag is not one, and a call left in the loop makes C2 move the loop's values to
     * the stack and back on every bin.
     */
    private static long fill(long l, int two) {
        return l + ((long) (two - 0xffff) << Long.numberOfTrailingZeros(l) - 16);
    }

    /** The input bytes {@code in[p]}, {@code in[p + 1]} as bits 16..1 of an int (for {@link #fill}). */
    private static int twoBytes(byte[] in, int p) {
        return in[p] << 9 & 0x1fe00 | (in[p + 1] & 0xff) << 1;
    }

    /**
     * The four rangeTabLPS entries of a state (pStateIdx << 1 | valMPS) in one long, scaled like {@link #range}
     * (times 2^23): qCodIRangeIdx 0 in bits 23..30 up to 3 in bits 47..54 (the largest entry is 240). A bin
     * picks its entry with {@code LPS4[s] >>> ((int) (range >>> 26) & 24) & LPS_MASK}. The load depends on the
     * state only, which is known early (the context's state byte), so the chain from one bin's codIRange to
     * the next bin's has no dependent table load on it; measured 2026-12-04 with the residual laps
     * (CabacReader.residual, 9,660 frames of sample.mp4 in one JVM) when the entries were unscaled bytes:
     * 6254 to 6032 ms and 6004 to 5828 ms.
     */
    private static final long[] LPS4 = new long[128];
    /** An entry of {@link #LPS4} once shifted down: bits 23..30. */
    private static final long LPS_MASK = 0xffL << SCALE;
    /** Next state by {@code state << 1 | isMps} (1 after an MPS, 0 after an LPS). */
    private static final byte[] NEXT_STATE = new byte[256];

    static {
        for (int st = 0; st < 128; st++) {
            int p = st >> 1;
            int mps = st & 1;
            for (int q = 0; q < 4; q++) {
                LPS4[st] |= (long) CabacTables.RANGE_LPS[(p << 2) | q] << (SCALE + 8 * q);
            }
            NEXT_STATE[(st << 1) | 1] = (byte) ((Math.min(p + 1, 62) << 1) | mps);
            NEXT_STATE[st << 1] = (byte) ((CabacTables.TRANS_LPS[p] << 1) | (p == 0 ? 1 - mps : mps));
        }
    }

    /**
     * DecodeDecision (9.3.3.2.1) with context {@code ctx}, without a branch on the decoded bin (MPS or LPS
     * is a mask; a mispredicted branch there costs more than the arithmetic on both outcomes), then
     * RenormD as one shift by the number of leading zeros of the new range.
     */
    int decision(int ctx) {
        int s = state[ctx];
        long rng = range;
        long lps = LPS4[s] >>> ((int) (rng >>> 26) & 24) & LPS_MASK;
        long r = rng - lps;
        long l = low;
        long mpsMask = (l - rng + lps) >> 63; // -1: MPS (codIOffset < codIRange), 0: LPS
        l -= r & ~mpsMask;
        r = lps ^ ((lps ^ r) & mpsMask);
        int isMps = (int) mpsMask & 1;
        state[ctx] = NEXT_STATE[(s << 1) | isMps];
        int shift = Integer.numberOfLeadingZeros((int) r);
        range = r << shift;
        l <<= shift;
        low = (l & 0xffff) == 0 ? refill(l) : l;
        return (s & 1) ^ isMps ^ 1;
    }

    /**
     * The significance map of one residual block (significant_coeff_flag and last_significant_coeff_flag of
     * 7.3.5.3.3 residual_block_cabac, contexts by 9.3.3.1.3) with its contexts from a table: the 8x8 luma
     * blocks; the others, whose contexts follow the scan position, go through {@link #significanceMap4}, the
     * same loop with the contexts computed. With {@link #levels}, the hottest code of CABAC decoding. The engine
     * registers stay in local variables for the whole map: DecodeDecision is written out in place (the same
     * arithmetic as {@link #decision}). The levels are a separate method ({@link #levels}) so that this loop
     * carries as few values as possible: with more, C2 moves them to the stack and back on every bin.
     *
     * @param ctx ctxIdx of significant_coeff_flag and of last_significant_coeff_flag by scan position,
     *            interleaved ({@code ctx[2 i]}, {@code ctx[2 i + 1]}), for scan positions 0 .. maxNumCoeff - 2
     * @param pos receives the scan positions of the non-zero coefficients, in increasing order
     * @return the number of non-zero coefficients (at least 1)
     */
    int significanceMap(int[] ctx, int[] pos) {
        byte[] st = state;
        byte[] in = buf;
        long rng = range;
        long l = low;
        int n = 0;
        int last = ctx.length >> 1; // maxNumCoeff - 1
        int i = 0;
        for (; i < last; i++) {
            // significant_coeff_flag
            int c = ctx[2 * i];
            int s = st[c];
            long lps = LPS4[s] >>> ((int) (rng >>> 26) & 24) & LPS_MASK;
            long r = rng - lps;
            long m = (l - rng + lps) >> 63; // -1: MPS (codIOffset < codIRange), 0: LPS
            l -= r & ~m;
            r = lps ^ ((lps ^ r) & m);
            st[c] = NEXT_STATE[(s << 1) | ((int) m & 1)];
            int sh = Integer.numberOfLeadingZeros((int) r);
            rng = r << sh;
            l <<= sh;
            if ((l & 0xffff) == 0) {
                l = fill(l, twoBytes(in, ptr)); // no test on ptr: see PAD
                ptr += 2;
            }
            if (((s ^ (int) m) & 1) != 0) {
                continue;
            }
            pos[n++] = i;
            // last_significant_coeff_flag
            c = ctx[2 * i + 1];
            s = st[c];
            lps = LPS4[s] >>> ((int) (rng >>> 26) & 24) & LPS_MASK;
            r = rng - lps;
            m = (l - rng + lps) >> 63;
            l -= r & ~m;
            r = lps ^ ((lps ^ r) & m);
            st[c] = NEXT_STATE[(s << 1) | ((int) m & 1)];
            sh = Integer.numberOfLeadingZeros((int) r);
            rng = r << sh;
            l <<= sh;
            if ((l & 0xffff) == 0) {
                l = fill(l, twoBytes(in, ptr)); // no test on ptr: see PAD
                ptr += 2;
            }
            if (((s ^ (int) m) & 1) == 0) {
                break;
            }
        }
        if (i == last) {
            pos[n++] = last; // no last_significant_coeff_flag: the last coefficient is significant
        }
        range = rng;
        low = l;
        checkEnd();
        return n;
    }

    /** ctxIdx of last_significant_coeff_flag minus that of significant_coeff_flag, blocks other than 8x8. */
    static final int LAST_MINUS_SIG = 61;

    /**
     * {@link #significanceMap} for the blocks whose ctxIdxInc is the scan position (every ctxBlockCat but the
     * 8x8 luma blocks, 4:2:0): the contexts are {@code sigCtx + i} and {@code sigCtx + LAST_MINUS_SIG + i},
     * computed instead of loaded, so the loop carries no context table, and the context state array is
     * indexed by the loop counter plus a constant, which lets C2 check its bounds once before the loop. The
     * decision arithmetic is written out again here on purpose (it must stay in local variables); keep the two
     * loops in step: {@code CabacEngineTest} round-trips both.
     *
     * @param sigCtx ctxIdx of significant_coeff_flag at scan position 0
     * @param last   maxNumCoeff - 1
     */
    int significanceMap4(int sigCtx, int last, int[] pos) {
        byte[] st = state;
        long rng = range;
        long l = low;
        int n = 0;
        int i = 0;
        for (; i < last; i++) {
            // significant_coeff_flag
            int c = sigCtx + i;
            int s = st[c];
            long lps = LPS4[s] >>> ((int) (rng >>> 26) & 24) & LPS_MASK;
            long r = rng - lps;
            long m = (l - rng + lps) >> 63; // -1: MPS (codIOffset < codIRange), 0: LPS
            l -= r & ~m;
            r = lps ^ ((lps ^ r) & m);
            st[c] = NEXT_STATE[(s << 1) | ((int) m & 1)];
            int sh = Integer.numberOfLeadingZeros((int) r);
            rng = r << sh;
            l <<= sh;
            if ((l & 0xffff) == 0) {
                l = fill(l, twoBytes(buf, ptr)); // no test on ptr: see PAD
                ptr += 2;
            }
            if (((s ^ (int) m) & 1) != 0) {
                continue;
            }
            pos[n++] = i;
            // last_significant_coeff_flag
            c += LAST_MINUS_SIG;
            s = st[c];
            lps = LPS4[s] >>> ((int) (rng >>> 26) & 24) & LPS_MASK;
            r = rng - lps;
            m = (l - rng + lps) >> 63;
            l -= r & ~m;
            r = lps ^ ((lps ^ r) & m);
            st[c] = NEXT_STATE[(s << 1) | ((int) m & 1)];
            sh = Integer.numberOfLeadingZeros((int) r);
            rng = r << sh;
            l <<= sh;
            if ((l & 0xffff) == 0) {
                l = fill(l, twoBytes(buf, ptr)); // no test on ptr: see PAD
                ptr += 2;
            }
            if (((s ^ (int) m) & 1) == 0) {
                break;
            }
        }
        if (i == last) {
            pos[n++] = last; // no last_significant_coeff_flag: the last coefficient is significant
        }
        range = rng;
        low = l;
        checkEnd();
        return n;
    }

    /**
     * coeff_abs_level_minus1 and coeff_sign_flag of the {@code n} coefficients of a significance map, in
     * reverse scan order (7.3.5.3.3; contexts by 9.3.3.1.3), DecodeDecision and DecodeBypass written out in
     * place as in {@link #significanceMap}. The decision is written out three times on purpose (bin 0 before
     * and after the first level above 1, the later prefix bins), each loop with its context known ahead:
     * the second phase as one loop with a single decision site measured slower on 2026-12-04 (residual
     * laps +4.8%, -1.2%, +3.6%, -0.6% in four runs). Keep the copies in step: {@code CabacEngineTest}
     * round-trips random levels through this method.
     *
     * @param absBase ctxIdx of coeff_abs_level_minus1 with ctxIdxInc 0
     * @param gtCap   the largest ctxIdxInc offset of the later coeff_abs_level_minus1 bins (4, 3 for chroma DC)
     * @param lv      receives the levels (sign applied), in the order of the significance map
     */
    void levels(int n, int absBase, int gtCap, int[] lv) {
        byte[] st = state;
        byte[] in = buf;
        long rng = range;
        long l = low;
        int k = n - 1;
        // Until a level above 1 turns up, bin 0 has ctxIdxInc 1 + numDecodAbsLevelEq1 (at most 4), and
        // numDecodAbsLevelEq1 is the number of levels decoded so far: the context follows the loop count, not
        // the decoded bins, so its state can be loaded ahead of the bin before.
        int ctx = absBase + 1;
        int eqEnd = absBase + 4;
        for (; k >= 0; k--) {
            int s = st[ctx];
            long lps = LPS4[s] >>> ((int) (rng >>> 26) & 24) & LPS_MASK;
            long r = rng - lps;
            long m = (l - rng + lps) >> 63; // -1: MPS (codIOffset < codIRange), 0: LPS
            l -= r & ~m;
            r = lps ^ ((lps ^ r) & m);
            st[ctx] = NEXT_STATE[(s << 1) | ((int) m & 1)];
            int sh = Integer.numberOfLeadingZeros((int) r);
            rng = r << sh;
            l <<= sh;
            if ((l & 0xffff) == 0) {
                l = fill(l, twoBytes(in, ptr)); // no test on ptr: see PAD
                ptr += 2;
            }
            if (((s ^ (int) m) & 1) == 0) {
                break; // a level above 1: its prefix goes on below
            }
            // coeff_sign_flag (bypass) of a level 1
            l <<= 1;
            if ((l & 0xffff) == 0) {
                l = fill(l, twoBytes(in, ptr)); // no test on ptr: see PAD
                ptr += 2;
            }
            long plus = (l - rng) >> 63; // -1: bin 0, plus
            l -= rng & ~plus;
            lv[k] = ~(int) plus - (int) plus;
            ctx += ctx < eqEnd ? 1 : 0;
        }
        // From the first level above 1 on: bin 0 has ctxIdxInc 0, the later prefix bins (TU, cMax 14) share
        // ctxIdxInc 5 + numDecodAbsLevelGt1 (at most 5 + gtCap). Coefficient k has had its bin 0 (a 1).
        int gtCtx = absBase + 5;
        int gtEnd = absBase + 5 + gtCap;
        while (k >= 0) {
            int abs = 2;
            while (true) {
                int s = st[gtCtx];
                long lps = LPS4[s] >>> ((int) (rng >>> 26) & 24) & LPS_MASK;
                long r = rng - lps;
                long m = (l - rng + lps) >> 63; // -1: MPS (codIOffset < codIRange), 0: LPS
                l -= r & ~m;
                r = lps ^ ((lps ^ r) & m);
                st[gtCtx] = NEXT_STATE[(s << 1) | ((int) m & 1)];
                int sh = Integer.numberOfLeadingZeros((int) r);
                rng = r << sh;
                l <<= sh;
                if ((l & 0xffff) == 0) {
                    l = fill(l, twoBytes(in, ptr)); // no test on ptr: see PAD
                    ptr += 2;
                }
                if (((s ^ (int) m) & 1) != 0) {
                    break;
                }
                if (++abs == 15) { // prefix of 14 ones: an Exp-Golomb (k = 0) bypass suffix follows
                    range = rng;
                    low = l;
                    abs += expGolombBypass();
                    rng = range;
                    l = low;
                    break;
                }
            }
            gtCtx += gtCtx < gtEnd ? 1 : 0;
            // the sign, then the levels after it, each with bin 0 in context absBase, until the next above 1
            while (true) {
                l <<= 1; // coeff_sign_flag (bypass)
                if ((l & 0xffff) == 0) {
                    l = fill(l, twoBytes(in, ptr)); // no test on ptr: see PAD
                    ptr += 2;
                }
                long plus = (l - rng) >> 63; // -1: bin 0, plus
                l -= rng & ~plus;
                lv[k] = (-abs ^ (int) plus) - (int) plus;
                if (--k < 0) {
                    break;
                }
                int s = st[absBase];
                long lps = LPS4[s] >>> ((int) (rng >>> 26) & 24) & LPS_MASK;
                long r = rng - lps;
                long m = (l - rng + lps) >> 63; // -1: MPS (codIOffset < codIRange), 0: LPS
                l -= r & ~m;
                r = lps ^ ((lps ^ r) & m);
                st[absBase] = NEXT_STATE[(s << 1) | ((int) m & 1)];
                int sh = Integer.numberOfLeadingZeros((int) r);
                rng = r << sh;
                l <<= sh;
                if ((l & 0xffff) == 0) {
                    l = fill(l, twoBytes(in, ptr)); // no test on ptr: see PAD
                    ptr += 2;
                }
                if (((s ^ (int) m) & 1) == 0) {
                    break; // above 1 again: back to its prefix
                }
                abs = 1;
            }
        }
        range = rng;
        low = l;
        checkEnd();
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
        long l = low << 1;
        if ((l & 0xffff) == 0) {
            l = refill(l);
        }
        long rng = range;
        if (l >= rng) {
            low = l - rng;
            return 1;
        }
        low = l;
        return 0;
    }

    /** DecodeTerminate (9.3.3.2.2). */
    int terminate() {
        long r = range - (2L << SCALE);
        if (low >= r) {
            // decoding ends here (9.3.3.2.2: no renormalisation; the slice ends, or I_PCM samples follow and
            // the engine is started again): codIRange is left in 256..510 all the same, the LPS lookup in
            // the decisions relies on it should damaged data make a caller go on
            range = 510L << SCALE;
            return 1;
        }
        range = r;
        if (r < 256L << SCALE) {
            range = r << 1;
            long l = low << 1;
            low = (l & 0xffff) == 0 ? refill(l) : l;
        }
        return 0;
    }

    /**
     * The byte position right after the bits the engine has consumed (9 + renormalisation shifts), rounded
     * up to a byte boundary: where pcm_alignment_zero_bits end after an I_PCM mb_type.
     */
    int alignedBytePosition() {
        // every fetched bit except those still ahead, between codIOffset (bits 23..) and the marker
        long consumedBits = ((long) origin + ptr) * 8 - (SCALE - 1 - Long.numberOfTrailingZeros(low));
        return (int) ((consumedBits + 7) >> 3);
    }
}
