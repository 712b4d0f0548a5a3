package org.purecodec.h264.syntax;

/**
 * Macroblock and sub-macroblock type semantics (Tables 7-11, 7-13, 7-14, 7-17, 7-18) for the normalised
 * values of {@link Macroblock#mbType} / {@link Macroblock#subMbType}. Prediction use is a bit mask:
 * {@link #L0} | {@link #L1} (3 = BiPred), 0 for direct.
 */
public final class MbTypes {
    private MbTypes() {
    }

    public static final int L0 = 1;
    public static final int L1 = 2;

    /** Partition shapes of an inter macroblock. */
    public static final int P16X16 = 0;
    public static final int P16X8 = 1;
    public static final int P8X16 = 2;
    /** Four 8x8 sub-macroblocks (P_8x8, P_8x8ref0, B_8x8). */
    public static final int P8X8 = 3;
    /** B_Direct_16x16 (and B_Skip): no partitions in the syntax. */
    public static final int DIRECT = 4;

    /** Sub-macroblock partition shapes. */
    public static final int SUB_8X8 = 0;
    public static final int SUB_8X4 = 1;
    public static final int SUB_4X8 = 2;
    public static final int SUB_4X4 = 3;
    /** B_Direct_8x8. */
    public static final int SUB_DIRECT = 4;

    /** I_PCM in the I-slice numbering. */
    public static final int I_PCM = 25;
    /** P_8x8ref0. */
    public static final int P_8X8REF0 = 4;
    /** B_8x8. */
    public static final int B_8X8 = 22;

    private static final int[] B_PART0 = {0, 1, 2, 3, 1, 1, 2, 2, 1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 3, 3, 3, 3, 0};
    private static final int[] B_PART1 = {0, 0, 0, 0, 1, 1, 2, 2, 2, 2, 1, 1, 3, 3, 3, 3, 1, 1, 2, 2, 3, 3, 0};
    private static final int[] B_SUB_PRED = {0, 1, 2, 3, 1, 1, 2, 2, 3, 3, 1, 2, 3};
    private static final int[] B_SUB_SHAPE = {SUB_DIRECT, SUB_8X8, SUB_8X8, SUB_8X8, SUB_8X4, SUB_4X8, SUB_8X4, SUB_4X8,
        SUB_8X4, SUB_4X8, SUB_4X4, SUB_4X4, SUB_4X4};
    private static final int[] SUB_PARTS = {1, 2, 2, 4, 4};

    /** Partition shape of an inter macroblock (not skipped) of a P ({@code b = false}) or B slice. */
    public static int shape(boolean b, int mbType) {
        if (b) {
            if (mbType == 0) {
                return DIRECT;
            }
            if (mbType == B_8X8) {
                return P8X8;
            }
            return mbType <= 3 ? P16X16 : ((mbType & 1) == 0 ? P16X8 : P8X16);
        }
        return mbType == 0 ? P16X16 : (mbType == 1 ? P16X8 : (mbType == 2 ? P8X16 : P8X8));
    }

    /** Number of macroblock partitions (NumMbPart) of a shape: 1, 2, 2, 4, or 0 for DIRECT. */
    public static int numParts(int shape) {
        return shape == P16X16 ? 1 : (shape == P8X8 ? 4 : (shape == DIRECT ? 0 : 2));
    }

    /** Lists used by partition {@code part} (0 or 1) of a P/B macroblock of shape 16x16, 16x8 or 8x16. */
    public static int partPred(boolean b, int mbType, int part) {
        if (!b) {
            return L0;
        }
        return part == 0 ? B_PART0[mbType] : B_PART1[mbType];
    }

    /** Sub-macroblock partition shape of a sub_mb_type. */
    public static int subShape(boolean b, int subMbType) {
        return b ? B_SUB_SHAPE[subMbType] : subMbType;
    }

    /** NumSubMbPart of a sub-macroblock shape (4 for direct: 4x4 units when direct_8x8_inference is 0). */
    public static int numSubParts(int subShape) {
        return SUB_PARTS[subShape];
    }

    /** Lists used by a sub_mb_type (0 for B_Direct_8x8). */
    public static int subPred(boolean b, int subMbType) {
        return b ? B_SUB_PRED[subMbType] : L0;
    }

    /** Number of valid sub_mb_type values: 4 in P slices, 13 in B slices. */
    public static int numSubTypes(boolean b) {
        return b ? 13 : 4;
    }
}
