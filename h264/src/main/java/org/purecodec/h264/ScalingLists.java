package org.purecodec.h264;

import org.purecodec.h264.nal.BitReader;

/**
 * Scaling matrices (7.3.2.1.1.1, 7.4.2.1.1, 7.4.2.2, Table 7-2): the lists signalled in an SPS or PPS,
 * {@code useDefaultScalingMatrixFlag}, and the fall-back rules A (sequence level, or picture level when
 * the SPS has no matrix) and B (picture level falling back to the sequence's lists).
 *
 * <p>Lists are kept in the order they are coded (zig-zag scan order), as JCodec's dequantisation expects.
 * Index i: 0..2 = 4x4 intra Y/Cb/Cr, 3..5 = 4x4 inter Y/Cb/Cr, 6 = 8x8 intra Y, 7 = 8x8 inter Y.
 */
final class ScalingLists {
    static final int[] DEFAULT_4X4_INTRA = {6, 13, 13, 20, 20, 20, 28, 28, 28, 28, 32, 32, 32, 37, 37, 42};
    static final int[] DEFAULT_4X4_INTER = {10, 14, 14, 20, 20, 20, 24, 24, 24, 24, 27, 27, 27, 30, 30, 34};
    static final int[] DEFAULT_8X8_INTRA = {
        6, 10, 10, 13, 11, 13, 16, 16, 16, 16, 18, 18, 18, 18, 18, 23, 23, 23, 23, 23, 23, 25, 25, 25, 25, 25, 25, 25,
        27, 27, 27, 27, 27, 27, 27, 27, 29, 29, 29, 29, 29, 29, 29, 31, 31, 31, 31, 31, 31, 33, 33, 33, 33, 33, 36, 36,
        36, 36, 38, 38, 38, 40, 40, 42};
    static final int[] DEFAULT_8X8_INTER = {
        9, 13, 13, 15, 13, 15, 17, 17, 17, 17, 19, 19, 19, 19, 19, 21, 21, 21, 21, 21, 21, 22, 22, 22, 22, 22, 22, 22,
        24, 24, 24, 24, 24, 24, 24, 24, 25, 25, 25, 25, 25, 25, 25, 27, 27, 27, 27, 27, 27, 28, 28, 28, 28, 28, 30, 30,
        30, 30, 32, 32, 32, 33, 33, 35};

    /** Marker for useDefaultScalingMatrixFlag in a parsed (unresolved) list slot. */
    private static final int[] USE_DEFAULT = new int[0];

    /**
     * The scaling-matrix syntax of one parameter set: whether the matrix is present and, per list, the
     * coded list, {@link #USE_DEFAULT}, or null when not present (fall-back).
     */
    record Signalled(boolean present, int[][] lists) {
        static final Signalled ABSENT = new Signalled(false, new int[8][]);
    }

    private ScalingLists() {
    }

    /** Reads {@code count} scaling_list() structures after a *_scaling_matrix_present_flag of 1. */
    static Signalled read(BitReader r, int count) {
        int[][] lists = new int[8][];
        for (int i = 0; i < count; i++) {
            if (r.flag()) {
                lists[i] = readList(r, i < 6 ? 16 : 64);
            }
        }
        return new Signalled(true, lists);
    }

    /** scaling_list() (7.3.2.1.1.1); {@link #USE_DEFAULT} when useDefaultScalingMatrixFlag is inferred. */
    private static int[] readList(BitReader r, int size) {
        int[] list = new int[size];
        int last = 8;
        int next = 8;
        for (int j = 0; j < size; j++) {
            if (next != 0) {
                int delta = r.se();
                if (delta < -128 || delta > 127) {
                    throw H264Exception.invalid("delta_scale " + delta + " out of range [-128, 127]");
                }
                next = (last + delta + 256) % 256;
                if (j == 0 && next == 0) {
                    return USE_DEFAULT;
                }
            }
            list[j] = next == 0 ? last : next;
            last = list[j];
        }
        return list;
    }

    private static int[] defaultList(int i) {
        if (i < 3) {
            return DEFAULT_4X4_INTRA;
        } else if (i < 6) {
            return DEFAULT_4X4_INTER;
        }
        return i == 6 ? DEFAULT_8X8_INTRA : DEFAULT_8X8_INTER;
    }

    /**
     * The 8 lists in use for a picture with the given SPS and PPS syntax, or null when both are flat
     * (Flat_4x4_16 / Flat_8x8_16: no matrix signalled anywhere).
     */
    static int[][] resolve(Signalled sps, Signalled pps) {
        if (!sps.present() && (pps == null || !pps.present())) {
            return null;
        }
        int[][] seq = new int[8][];
        if (sps.present()) {
            fallBack(sps.lists(), null, seq);
        } else {
            for (int i = 0; i < 8; i++) {
                seq[i] = flat(i < 6 ? 16 : 64);
            }
        }
        if (pps == null || !pps.present()) {
            return seq;
        }
        int[][] pic = new int[8][];
        fallBack(pps.lists(), sps.present() ? seq : null, pic);
        return pic;
    }

    /** Table 7-2: rule A when {@code seq} is null, rule B (first lists of each kind from {@code seq}) otherwise. */
    private static void fallBack(int[][] coded, int[][] seq, int[][] out) {
        for (int i = 0; i < 8; i++) {
            int[] c = coded[i];
            if (c == USE_DEFAULT) {
                out[i] = defaultList(i);
            } else if (c != null) {
                out[i] = c;
            } else if (i == 0 || i == 3 || i == 6 || i == 7) {
                out[i] = seq == null ? defaultList(i) : seq[i];
            } else {
                out[i] = out[i - 1];
            }
        }
    }

    private static int[] flat(int n) {
        int[] f = new int[n];
        java.util.Arrays.fill(f, 16);
        return f;
    }

    /**
     * JCodec's 12-entry layout for its macroblock decoders: 0..7 as above, and 8..11 the lists its chroma
     * DC dequantisation reads (index 6 or 7 plus 2 x component, of which it uses element 0): Cb intra,
     * Cb inter, Cr intra, Cr inter — i.e. the 4x4 chroma lists, as the standard requires.
     */
    static int[][] forJCodec(int[][] resolved) {
        if (resolved == null) {
            return null;
        }
        int[][] m = new int[12][];
        System.arraycopy(resolved, 0, m, 0, 8);
        m[8] = resolved[1];
        m[9] = resolved[4];
        m[10] = resolved[2];
        m[11] = resolved[5];
        return m;
    }
}
