package org.purecodec.h264.syntax;

import org.purecodec.h264.H264Exception;

/**
 * Bit reader over the slice data of an RBSP for CAVLC parsing: peeks 32 bits at a time (bytes past the end
 * read as zeros), Exp-Golomb codes via leading-zero counts, and more_rbsp_data() (7.2) from the position
 * of the rbsp_stop_one_bit, found once per slice. Reading past the end of the data throws TRUNCATED, so a
 * damaged slice can never make parsing run on.
 */
final class SliceBits {
    private byte[] d;
    private int end;
    private long pos;
    private long limit;
    private long stopBit;

    void init(byte[] data, int length, long bitPos) {
        d = data;
        end = length;
        pos = bitPos;
        limit = (long) length * 8;
        int last = length - 1;
        while (last >= 0 && data[last] == 0) {
            last--;
        }
        stopBit = last < 0 ? 0 : (long) last * 8 + 7 - Integer.numberOfTrailingZeros(data[last] & 0xff);
    }

    long position() {
        return pos;
    }

    private int b(int i) {
        return i < end ? d[i] & 0xff : 0;
    }

    /** The next 32 bits, MSB first (zeros past the end). */
    int peek32() {
        int i = (int) (pos >>> 3);
        long v = ((long) b(i) << 32) | ((long) b(i + 1) << 24) | (b(i + 2) << 16) | (b(i + 3) << 8) | b(i + 4);
        return (int) (v >>> (8 - (pos & 7)));
    }

    void skip(int n) {
        pos += n;
        if (pos > limit) {
            throw new H264Exception(H264Exception.Kind.TRUNCATED, "slice data ends inside a syntax element (bit " + pos + ")");
        }
    }

    /** u(n), 1 &lt;= n &lt;= 31. */
    int u(int n) {
        int v = peek32() >>> (32 - n);
        skip(n);
        return v;
    }

    int u1() {
        int v = peek32() >>> 31;
        skip(1);
        return v;
    }

    /** ue(v) up to 2^31 - 2. */
    int ue() {
        int p = peek32();
        int lz = Integer.numberOfLeadingZeros(p);
        if (lz < 16) {
            skip(2 * lz + 1);
            return (p >>> (31 - 2 * lz)) - 1;
        }
        if (lz > 30) {
            throw H264Exception.invalid("Exp-Golomb code with more than 30 leading zeros (bit " + pos + ")");
        }
        skip(lz);
        long v = (peek32() & 0xffffffffL) >>> (31 - lz);
        skip(lz + 1);
        return (int) (v - 1);
    }

    /** se(v). */
    int se() {
        int k = ue();
        return (k & 1) != 0 ? (k + 1) >>> 1 : -(k >>> 1);
    }

    /** ue(v) in [0, max], else INVALID_DATA naming the element. */
    int ue(String what, int max) {
        int v = ue();
        if (v < 0 || v > max) {
            throw H264Exception.invalid(what + " = " + v + " out of range [0, " + max + "]");
        }
        return v;
    }

    /** more_rbsp_data(): whether data remains before the rbsp_stop_one_bit. */
    boolean moreRbspData() {
        return pos < stopBit;
    }

    /** Skips to the next byte boundary; the skipped bits must be zero (pcm_alignment_zero_bit). */
    void alignZero() {
        int k = (int) (-pos & 7);
        if (k > 0 && u(k) != 0) {
            throw H264Exception.invalid("pcm_alignment_zero_bit is not 0");
        }
    }
}
