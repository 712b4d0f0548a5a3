package org.purecodec.h264.syntax;

/**
 * The variable-length code tables of CAVLC residual coding (9.2), as code strings transcribed from
 * Rec. ITU-T H.264, and the peek-indexed lookup tables built from them once at class initialisation.
 *
 * <p>coeff_token tables (Table 9-5) list one code per (TotalCoeff, TrailingOnes) pair in the order
 * TotalCoeff 0..16 (0..4 for chroma DC), and for each TrailingOnes 0..min(TotalCoeff, 3). total_zeros
 * tables (Tables 9-7, 9-8, 9-9a) list codes for total_zeros = 0, 1, ... per TotalCoeff; run_before
 * (Table 9-10) lists codes for run_before = 0, 1, ... per zerosLeft (1..6, and &gt; 6).
 */
final class CavlcTables {
    private CavlcTables() {
    }

    /** coeff_token, 0 &lt;= nC &lt; 2. */
    static final String[] COEFF_TOKEN_0 = {
        "1", "000101", "01", "00000111", "000100", "001", "000000111", "00000110",
        "0000101", "00011", "0000000111", "000000110", "00000101", "000011", "00000000111", "0000000110",
        "000000101", "0000100", "0000000001111", "00000000110", "0000000101", "00000100", "0000000001011", "0000000001110",
        "00000000101", "000000100", "0000000001000", "0000000001010", "0000000001101", "0000000100", "00000000001111", "00000000001110",
        "0000000001001", "00000000100", "00000000001011", "00000000001010", "00000000001101", "0000000001100", "000000000001111", "000000000001110",
        "00000000001001", "00000000001100", "000000000001011", "000000000001010", "000000000001101", "00000000001000", "0000000000001111", "000000000000001",
        "000000000001001", "000000000001100", "0000000000001011", "0000000000001110", "0000000000001101", "000000000001000", "0000000000000111", "0000000000001010",
        "0000000000001001", "0000000000001100", "0000000000000100", "0000000000000110", "0000000000000101", "0000000000001000",
    };

    /** coeff_token, 2 &lt;= nC &lt; 4. */
    static final String[] COEFF_TOKEN_2 = {
        "11", "001011", "10", "000111", "00111", "011", "0000111", "001010",
        "001001", "0101", "00000111", "000110", "000101", "0100", "00000100", "0000110",
        "0000101", "00110", "000000111", "00000110", "00000101", "001000", "00000001111", "000000110",
        "000000101", "000100", "00000001011", "00000001110", "00000001101", "0000100", "000000001111", "00000001010",
        "00000001001", "000000100", "000000001011", "000000001110", "000000001101", "00000001100", "000000001000", "000000001010",
        "000000001001", "00000001000", "0000000001111", "0000000001110", "0000000001101", "000000001100", "0000000001011", "0000000001010",
        "0000000001001", "0000000001100", "0000000000111", "00000000001011", "0000000000110", "0000000001000", "00000000001001", "00000000001000",
        "00000000001010", "0000000000001", "00000000000111", "00000000000110", "00000000000101", "00000000000100",
    };

    /** coeff_token, 4 &lt;= nC &lt; 8. */
    static final String[] COEFF_TOKEN_4 = {
        "1111", "001111", "1110", "001011", "01111", "1101", "001000", "01100",
        "01110", "1100", "0001111", "01010", "01011", "1011", "0001011", "01000",
        "01001", "1010", "0001001", "001110", "001101", "1001", "0001000", "001010",
        "001001", "1000", "00001111", "0001110", "0001101", "01101", "00001011", "00001110",
        "0001010", "001100", "000001111", "00001010", "00001101", "0001100", "000001011", "000001110",
        "00001001", "00001100", "000001000", "000001010", "000001101", "00001000", "0000001101", "000000111",
        "000001001", "000001100", "0000001001", "0000001100", "0000001011", "0000001010", "0000000101", "0000001000",
        "0000000111", "0000000110", "0000000001", "0000000100", "0000000011", "0000000010",
    };

    /** coeff_token, 8 &lt;= nC (6-bit fixed length). */
    static final String[] COEFF_TOKEN_8 = {
        "000011", "000000", "000001", "000100", "000101", "000110", "001000", "001001",
        "001010", "001011", "001100", "001101", "001110", "001111", "010000", "010001",
        "010010", "010011", "010100", "010101", "010110", "010111", "011000", "011001",
        "011010", "011011", "011100", "011101", "011110", "011111", "100000", "100001",
        "100010", "100011", "100100", "100101", "100110", "100111", "101000", "101001",
        "101010", "101011", "101100", "101101", "101110", "101111", "110000", "110001",
        "110010", "110011", "110100", "110101", "110110", "110111", "111000", "111001",
        "111010", "111011", "111100", "111101", "111110", "111111",
    };

    /** coeff_token, nC == -1 (chroma DC, 4:2:0). */
    static final String[] COEFF_TOKEN_DC = {
        "01", "000111", "1", "000100", "000110", "001", "000011", "0000011",
        "0000010", "000101", "000010", "00000011", "00000010", "0000000",
    };

    /** total_zeros for 4x4 blocks, per TotalCoeff 1..15 (Tables 9-7, 9-8). */
    static final String[][] TOTAL_ZEROS = {
        {"1", "011", "010", "0011", "0010", "00011", "00010", "000011", "000010", "0000011", "0000010", "00000011", "00000010", "000000011", "000000010", "000000001"},
        {"111", "110", "101", "100", "011", "0101", "0100", "0011", "0010", "00011", "00010", "000011", "000010", "000001", "000000"},
        {"0101", "111", "110", "101", "0100", "0011", "100", "011", "0010", "00011", "00010", "000001", "00001", "000000"},
        {"00011", "111", "0101", "0100", "110", "101", "100", "0011", "011", "0010", "00010", "00001", "00000"},
        {"0101", "0100", "0011", "111", "110", "101", "100", "011", "0010", "00001", "0001", "00000"},
        {"000001", "00001", "111", "110", "101", "100", "011", "010", "0001", "001", "000000"},
        {"000001", "00001", "101", "100", "011", "11", "010", "0001", "001", "000000"},
        {"000001", "0001", "00001", "011", "11", "10", "010", "001", "000000"},
        {"000001", "000000", "0001", "11", "10", "001", "01", "00001"},
        {"00001", "00000", "001", "11", "10", "01", "0001"},
        {"0000", "0001", "001", "010", "1", "011"},
        {"0000", "0001", "01", "1", "001"},
        {"000", "001", "1", "01"},
        {"00", "01", "1"},
        {"0", "1"},
    };

    /** total_zeros for 2x2 chroma DC blocks, per TotalCoeff 1..3 (Table 9-9a). */
    static final String[][] TOTAL_ZEROS_DC = {
        {"1", "01", "001", "000"},
        {"1", "01", "00"},
        {"1", "0"},
    };

    /** run_before per zerosLeft 1..6 and &gt; 6 (Table 9-10). */
    static final String[][] RUN_BEFORE = {
        {"1", "0"},
        {"1", "01", "00"},
        {"11", "10", "01", "00"},
        {"11", "10", "01", "001", "000"},
        {"11", "10", "011", "010", "001", "000"},
        {"11", "000", "001", "011", "010", "101", "100"},
        {"111", "110", "101", "100", "011", "010", "001", "0001", "00001", "000001", "0000001", "00000001", "000000001", "0000000001", "00000000001"},
    };

    /** Table 9-4, ChromaArrayType 1 or 2: codeNum of coded_block_pattern to the value for Intra_4x4/Intra_8x8 macroblocks. */
    static final int[] CBP_INTRA = {47, 31, 15, 0, 23, 27, 29, 30, 7, 11, 13, 14, 39, 43, 45, 46, 16, 3, 5, 10, 12, 19, 21, 26,
        28, 35, 37, 42, 44, 1, 2, 4, 8, 17, 18, 20, 24, 6, 9, 22, 25, 32, 33, 34, 36, 40, 38, 41};

    /** Table 9-4, ChromaArrayType 1 or 2: codeNum of coded_block_pattern to the value for Inter macroblocks. */
    static final int[] CBP_INTER = {0, 16, 1, 2, 4, 8, 32, 3, 5, 10, 12, 15, 47, 7, 11, 13, 14, 6, 9, 31, 35, 37, 42, 44, 33, 34,
        36, 40, 39, 43, 45, 46, 17, 18, 20, 24, 19, 21, 26, 28, 23, 27, 29, 30, 22, 25, 38, 41};

    /** Table 9-4, ChromaArrayType 0 or 3: codeNum of coded_block_pattern to the value for Intra_4x4/Intra_8x8 macroblocks. */
    static final int[] CBP_INTRA_MONO = {15, 0, 7, 11, 13, 14, 3, 5, 10, 12, 1, 2, 4, 8, 6, 9};

    /** Table 9-4, ChromaArrayType 0 or 3: codeNum of coded_block_pattern to the value for Inter macroblocks. */
    static final int[] CBP_INTER_MONO = {0, 1, 2, 4, 8, 3, 5, 10, 12, 15, 7, 11, 13, 14, 6, 9};

    /** Peek width of the coeff_token lookups (the longest code has 16 bits). */
    static final int TOKEN_BITS = 16;
    /** Peek width of the total_zeros and run_before lookups (longest codes: 9 and 11 bits). */
    static final int SMALL_BITS = 11;

    /**
     * coeff_token lookups for nC in 0..1, 2..3, 4..7 and for chroma DC, indexed by the next
     * {@link #TOKEN_BITS} bits: {@code (length << 8) | (totalCoeff << 2) | trailingOnes}, 0 for no code.
     */
    static final char[] TOKEN_0 = tokenLut(COEFF_TOKEN_0, 16);
    static final char[] TOKEN_2 = tokenLut(COEFF_TOKEN_2, 16);
    static final char[] TOKEN_4 = tokenLut(COEFF_TOKEN_4, 16);
    static final char[] TOKEN_DC = tokenLut(COEFF_TOKEN_DC, 4);
    /** coeff_token for nC &gt;= 8 by its 6-bit code: {@code (6 << 8) | (totalCoeff << 2) | trailingOnes}, 0 for none. */
    static final char[] TOKEN_8 = tokenLut6(COEFF_TOKEN_8);

    /** total_zeros lookups per TotalCoeff (index TotalCoeff - 1), by the next {@link #SMALL_BITS} bits: {@code (length << 8) | value}. */
    static final char[][] TOTAL_ZEROS_LUT = luts(TOTAL_ZEROS);
    static final char[][] TOTAL_ZEROS_DC_LUT = luts(TOTAL_ZEROS_DC);
    /** run_before lookups per min(zerosLeft, 7) - 1. */
    static final char[][] RUN_BEFORE_LUT = luts(RUN_BEFORE);

    private static char[] tokenLut(String[] codes, int maxTotal) {
        char[] lut = new char[1 << TOKEN_BITS];
        int k = 0;
        for (int tc = 0; tc <= maxTotal; tc++) {
            for (int t1 = 0; t1 <= Math.min(tc, 3); t1++) {
                fill(lut, TOKEN_BITS, codes[k++], (tc << 2) | t1);
            }
        }
        check(k == codes.length);
        return lut;
    }

    private static char[] tokenLut6(String[] codes) {
        char[] lut = new char[64];
        int k = 0;
        for (int tc = 0; tc <= 16; tc++) {
            for (int t1 = 0; t1 <= Math.min(tc, 3); t1++) {
                fill(lut, 6, codes[k++], (tc << 2) | t1);
            }
        }
        return lut;
    }

    private static char[][] luts(String[][] tables) {
        char[][] out = new char[tables.length][];
        for (int i = 0; i < tables.length; i++) {
            out[i] = new char[1 << SMALL_BITS];
            for (int v = 0; v < tables[i].length; v++) {
                fill(out[i], SMALL_BITS, tables[i][v], v);
            }
        }
        return out;
    }

    private static void fill(char[] lut, int bits, String code, int value) {
        int len = code.length();
        check(len <= bits);
        int base = Integer.parseInt(code, 2) << (bits - len);
        for (int i = 0; i < 1 << (bits - len); i++) {
            check(lut[base + i] == 0); // prefix-free
            lut[base + i] = (char) ((len << 8) | value);
        }
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new IllegalStateException("CAVLC table inconsistent");
        }
    }
}
