package org.purecodec.h264;

import java.io.ByteArrayOutputStream;

import org.purecodec.h264.nal.Rbsp;

/** Test helper: writes RBSP bits (u, ue, se) and finishes NAL units with trailing bits and escaping. */
final class BitWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int cur;
    private int n;

    BitWriter u(int bits, long value) {
        for (int i = bits - 1; i >= 0; i--) {
            cur = (cur << 1) | (int) ((value >> i) & 1);
            if (++n == 8) {
                out.write(cur);
                cur = 0;
                n = 0;
            }
        }
        return this;
    }

    BitWriter flag(boolean b) {
        return u(1, b ? 1 : 0);
    }

    BitWriter ue(int v) {
        long x = (long) v + 1;
        int len = 64 - Long.numberOfLeadingZeros(x);
        u(len - 1, 0);
        return u(len, x);
    }

    BitWriter se(int v) {
        return ue(v <= 0 ? -2 * v : 2 * v - 1);
    }

    /** rbsp_trailing_bits, then the RBSP bytes. */
    byte[] rbsp() {
        u(1, 1);
        while (n != 0) {
            u(1, 0);
        }
        return out.toByteArray();
    }

    /** A complete escaped NAL unit with the given header byte. */
    byte[] nal(int header) {
        byte[] r = Rbsp.escape(rbsp());
        byte[] nal = new byte[r.length + 1];
        nal[0] = (byte) header;
        System.arraycopy(r, 0, nal, 1, r.length);
        return nal;
    }

    /** An SPS NAL unit (11x9 macroblocks or map units, POC type 0, no VUI); MBAFF when not frameMbsOnly. */
    static byte[] sps(int profile, int chromaFormatIdc, int bitDepth, boolean frameMbsOnly) {
        return sps(profile, chromaFormatIdc, bitDepth, frameMbsOnly, !frameMbsOnly);
    }

    /**
     * An SPS NAL unit: 11 macroblocks wide, 9 map units high (9 macroblock rows, or 18 when not
     * {@code frameMbsOnly}), POC type 0, max_frame_num and max POC lsb 16, no VUI.
     */
    static byte[] sps(int profile, int chromaFormatIdc, int bitDepth, boolean frameMbsOnly, boolean mbaff) {
        BitWriter w = new BitWriter().u(8, profile).u(8, 0).u(8, 30).ue(0);
        if (profile == 100 || profile == 110 || profile == 122 || profile == 244) {
            w.ue(chromaFormatIdc);
            if (chromaFormatIdc == 3) {
                w.flag(false);
            }
            w.ue(bitDepth - 8).ue(bitDepth - 8).flag(false).flag(false);
        }
        w.ue(0).ue(0).ue(0).ue(1).flag(false).ue(10).ue(8).flag(frameMbsOnly);
        if (!frameMbsOnly) {
            w.flag(mbaff);
        }
        w.flag(true).flag(false).flag(false);
        return w.nal(0x67);
    }

    /** A PPS NAL unit (CAVLC) with {@code sliceGroups} slice groups (map type 0). */
    static byte[] pps(int sliceGroups) {
        BitWriter w = new BitWriter().ue(0).ue(0).flag(false).flag(false).ue(sliceGroups - 1);
        if (sliceGroups > 1) {
            w.ue(0);
            for (int i = 0; i < sliceGroups; i++) {
                w.ue(3);
            }
        }
        w.ue(0).ue(0).flag(false).u(2, 0).se(0).se(0).se(0).flag(true).flag(false).flag(false);
        return w.nal(0x68);
    }
}
