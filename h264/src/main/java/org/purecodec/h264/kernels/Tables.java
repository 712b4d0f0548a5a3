package org.purecodec.h264.kernels;

/**
 * Numeric tables of Rec. ITU-T H.264 used by the kernels, and the LevelScale derivation (8.5.9).
 * Arrays are shared: never modify them.
 */
public final class Tables {
    private Tables() {
    }

    /** Zig-zag scan for 4x4 blocks in frame macroblocks (Table 8-13): scan index to raster index. */
    public static final int[] ZIGZAG_4X4 = {0, 1, 4, 8, 5, 2, 3, 6, 9, 12, 13, 10, 7, 11, 14, 15};

    /** Zig-zag scan for 8x8 blocks in frame macroblocks (Table 8-14): scan index to raster index. */
    public static final int[] ZIGZAG_8X8 = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63};

    /** Field scan for 4x4 blocks in field macroblocks (Table 8-13): scan index to raster index. */
    public static final int[] FIELD_4X4 = {0, 4, 1, 8, 12, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15};

    /** Field scan for 8x8 blocks in field macroblocks (Table 8-14): scan index to raster index. */
    public static final int[] FIELD_8X8 = {
        0, 8, 16, 1, 9, 24, 32, 17, 2, 25, 40, 48, 56, 33, 10, 3,
        18, 41, 49, 57, 26, 11, 4, 19, 34, 42, 50, 58, 27, 12, 5, 20,
        35, 43, 51, 59, 28, 13, 6, 21, 36, 44, 52, 60, 29, 14, 22, 37,
        45, 53, 61, 30, 7, 15, 38, 46, 54, 62, 23, 31, 39, 47, 55, 63};

    /** Flat_4x4_16 (7.4.2.1.1), in scan order. */
    public static final int[] FLAT_4X4 = filled(16, 16);
    /** Flat_8x8_16 (7.4.2.1.1), in scan order. */
    public static final int[] FLAT_8X8 = filled(64, 16);

    /** v of 8.5.9 for 4x4 blocks: normAdjust4x4 columns per m = qP % 6. */
    static final int[][] V4 = {{10, 16, 13}, {11, 18, 14}, {13, 20, 16}, {14, 23, 18}, {16, 25, 20}, {18, 29, 23}};

    /** v of 8.5.9 for 8x8 blocks: normAdjust8x8 columns per m = qP % 6. */
    static final int[][] V8 = {
        {20, 18, 32, 19, 25, 24}, {22, 19, 35, 21, 28, 26}, {26, 23, 42, 24, 33, 31},
        {28, 25, 45, 26, 35, 33}, {32, 28, 51, 30, 40, 38}, {36, 32, 58, 34, 46, 43}};

    /** alpha' as a function of indexA (Table 8-16). */
    public static final int[] ALPHA = {
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        4, 4, 5, 6, 7, 8, 9, 10, 12, 13, 15, 17, 20, 22, 25, 28,
        32, 36, 40, 45, 50, 56, 63, 71, 80, 90, 101, 113, 127, 144, 162, 182,
        203, 226, 255, 255};

    /** beta' as a function of indexB (Table 8-16). */
    public static final int[] BETA = {
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 6, 6, 7, 7, 8, 8,
        9, 9, 10, 10, 11, 11, 12, 12, 13, 13, 14, 14, 15, 15, 16, 16,
        17, 17, 18, 18};

    /** t'C0 as a function of indexA and bS (Table 8-17): index {@code indexA * 4 + bS}, bS 1..3 (0 for bS 0). */
    public static final int[] TC0 = {
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 1, 1, 1,
        0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 2, 0, 1, 1, 2, 0, 1, 1, 2, 0, 1, 1, 2, 0, 1, 2, 3,
        0, 1, 2, 3, 0, 2, 2, 3, 0, 2, 2, 4, 0, 2, 3, 4, 0, 2, 3, 4, 0, 3, 3, 5, 0, 3, 4, 6, 0, 3, 4, 6,
        0, 4, 5, 7, 0, 4, 5, 8, 0, 4, 6, 9, 0, 5, 7, 10, 0, 6, 8, 11, 0, 6, 8, 13, 0, 7, 10, 14, 0, 8, 11, 16,
        0, 9, 12, 18, 0, 10, 13, 20, 0, 11, 15, 23, 0, 13, 17, 25};

    /** QPc as a function of qPI for qPI &gt;= 30 (Table 8-15); below 30, QPc = qPI. Index qPI - 30. */
    private static final int[] QPC_FROM_30 = {29, 30, 31, 32, 32, 33, 34, 34, 35, 35, 36, 36, 37, 37, 37, 38,
        38, 38, 39, 39, 39, 39};

    /** QPc from qPI (Table 8-15), qPI in 0..51 (8-bit). */
    public static int chromaQp(int qPI) {
        return qPI < 30 ? qPI : QPC_FROM_30[qPI - 30];
    }

    /** alpha for an edge (8.7.2.2): indexA = Clip3(0, 51, qPav + filterOffsetA), 8-bit. */
    public static int alpha(int indexA) {
        return ALPHA[indexA];
    }

    /** beta for an edge (8.7.2.2): indexB = Clip3(0, 51, qPav + filterOffsetB), 8-bit. */
    public static int beta(int indexB) {
        return BETA[indexB];
    }

    /** tC0 for an edge with bS in 1..3 (8.7.2.3, Table 8-17), 8-bit. */
    public static int tc0(int indexA, int bS) {
        return TC0[indexA * 4 + bS];
    }

    /**
     * LevelScale4x4(m, i, j) of 8.5.9 for m = 0..5, from a 4x4 scaling list in scan (coded) order; written
     * to {@code out[m * 16 + i * 4 + j]} (96 entries, raster within each m).
     */
    public static void levelScale4x4(int[] scalingList, int[] out) {
        for (int m = 0; m < 6; m++) {
            for (int k = 0; k < 16; k++) {
                int r = ZIGZAG_4X4[k];
                int i = r >> 2;
                int j = r & 3;
                int norm;
                if ((i & 1) == 0 && (j & 1) == 0) {
                    norm = V4[m][0];
                } else if ((i & 1) == 1 && (j & 1) == 1) {
                    norm = V4[m][1];
                } else {
                    norm = V4[m][2];
                }
                out[m * 16 + r] = scalingList[k] * norm;
            }
        }
    }

    /**
     * LevelScale8x8(m, i, j) of 8.5.9 for m = 0..5, from an 8x8 scaling list in scan (coded) order; written
     * to {@code out[m * 64 + i * 8 + j]} (384 entries).
     */
    public static void levelScale8x8(int[] scalingList, int[] out) {
        for (int m = 0; m < 6; m++) {
            for (int k = 0; k < 64; k++) {
                int r = ZIGZAG_8X8[k];
                int i = r >> 3;
                int j = r & 7;
                int norm;
                if (i % 4 == 0 && j % 4 == 0) {
                    norm = V8[m][0];
                } else if (i % 2 == 1 && j % 2 == 1) {
                    norm = V8[m][1];
                } else if (i % 4 == 2 && j % 4 == 2) {
                    norm = V8[m][2];
                } else if ((i % 4 == 0 && j % 2 == 1) || (i % 2 == 1 && j % 4 == 0)) {
                    norm = V8[m][3];
                } else if ((i % 4 == 0 && j % 4 == 2) || (i % 4 == 2 && j % 4 == 0)) {
                    norm = V8[m][4];
                } else {
                    norm = V8[m][5];
                }
                out[m * 64 + r] = scalingList[k] * norm;
            }
        }
    }

    private static int[] filled(int n, int v) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
