package org.purecodec.h264.syntax;

import java.util.Arrays;

/**
 * The CABAC arithmetic encoder of Rec. ITU-T H.264 9.3.4, written plainly (bit by bit, as the standard
 * describes it) for tests: context initialisation (9.3.1.1) computed here from the (m, n) table,
 * InitEncoder (9.3.4.1), EncodeDecision with RenormE and PutBit (9.3.4.2, 9.3.4.3), EncodeBypass
 * (9.3.4.4), EncodeTerminate and EncodeFlush (9.3.4.5), plus raw bit writing for the bits around the
 * arithmetic code (slice header stand-ins, cabac_alignment_one_bit, pcm_alignment_zero_bit, pcm samples,
 * rbsp alignment).
 */
final class CabacTestEncoder {
    private final int[] pStateIdx = new int[CabacTables.CONTEXTS];
    private final int[] valMps = new int[CabacTables.CONTEXTS];
    private byte[] buf = new byte[256];
    private long bitCount;
    private int codILow;
    private int codIRange;
    private int bitsOutstanding;
    private boolean firstBitFlag;
    /** Number of regular, bypass and terminate bins encoded (for test statistics). */
    long bins;

    /** 9.3.1.1: preCtxState = Clip3(1, 126, ((m * Clip3(0, 51, SliceQPY)) >> 4) + n). */
    void initContexts(int sliceQp, int column) {
        int[] mn = CabacTables.MN[column];
        int qp = Math.max(0, Math.min(51, sliceQp));
        for (int ctx = 0; ctx < CabacTables.CONTEXTS; ctx++) {
            int pre = Math.max(1, Math.min(126, ((mn[2 * ctx] * qp) >> 4) + mn[2 * ctx + 1]));
            if (pre <= 63) {
                pStateIdx[ctx] = 63 - pre;
                valMps[ctx] = 0;
            } else {
                pStateIdx[ctx] = pre - 64;
                valMps[ctx] = 1;
            }
        }
    }

    /** 9.3.4.1 InitEncoder. */
    void initEncoder() {
        codILow = 0;
        codIRange = 510;
        firstBitFlag = true;
        bitsOutstanding = 0;
    }

    void writeBit(int b) {
        int byteIdx = (int) (bitCount >> 3);
        if (byteIdx >= buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        if (b != 0) {
            buf[byteIdx] |= (byte) (0x80 >> (bitCount & 7));
        }
        bitCount++;
    }

    void writeBits(int value, int n) {
        for (int i = n - 1; i >= 0; i--) {
            writeBit((value >> i) & 1);
        }
    }

    void writeByte(int v) {
        writeBits(v & 0xff, 8);
    }

    boolean byteAligned() {
        return (bitCount & 7) == 0;
    }

    long bitPosition() {
        return bitCount;
    }

    byte[] bytes() {
        return Arrays.copyOf(buf, (int) ((bitCount + 7) >> 3));
    }

    private void putBit(int b) {
        if (firstBitFlag) {
            firstBitFlag = false;
        } else {
            writeBit(b);
        }
        while (bitsOutstanding > 0) {
            writeBit(1 - b);
            bitsOutstanding--;
        }
    }

    private void renormE() {
        while (codIRange < 256) {
            if (codILow < 256) {
                putBit(0);
            } else if (codILow >= 512) {
                codILow -= 512;
                putBit(1);
            } else {
                codILow -= 256;
                bitsOutstanding++;
            }
            codIRange <<= 1;
            codILow <<= 1;
        }
    }

    /** 9.3.4.2 EncodeDecision. */
    void decision(int ctxIdx, int binVal) {
        bins++;
        int q = (codIRange >> 6) & 3;
        int lps = CabacTables.RANGE_LPS[pStateIdx[ctxIdx] * 4 + q];
        codIRange -= lps;
        if (binVal != valMps[ctxIdx]) {
            codILow += codIRange;
            codIRange = lps;
            if (pStateIdx[ctxIdx] == 0) {
                valMps[ctxIdx] = 1 - valMps[ctxIdx];
            }
            pStateIdx[ctxIdx] = CabacTables.TRANS_LPS[pStateIdx[ctxIdx]];
        } else {
            pStateIdx[ctxIdx] = Math.min(pStateIdx[ctxIdx] + 1, 62);
        }
        renormE();
    }

    /** 9.3.4.4 EncodeBypass. */
    void bypass(int binVal) {
        bins++;
        codILow <<= 1;
        if (binVal != 0) {
            codILow += codIRange;
        }
        if (codILow >= 1024) {
            putBit(1);
            codILow -= 1024;
        } else if (codILow < 512) {
            putBit(0);
        } else {
            codILow -= 512;
            bitsOutstanding++;
        }
    }

    /**
     * 9.3.4.5 EncodeTerminate; with binVal 1 also EncodeFlush, whose last written bit is 1 (the
     * rbsp_stop_one_bit after end_of_slice_flag, or the bit before pcm_alignment_zero_bits).
     */
    void terminate(int binVal) {
        bins++;
        codIRange -= 2;
        if (binVal != 0) {
            codILow += codIRange;
            codIRange = 2;
            renormE();
            putBit((codILow >> 9) & 1);
            writeBits(((codILow >> 7) & 3) | 1, 2);
        } else {
            renormE();
        }
    }
}
