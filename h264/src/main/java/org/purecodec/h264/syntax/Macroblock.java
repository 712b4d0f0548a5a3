package org.purecodec.h264.syntax;

import java.util.Arrays;

/**
 * The syntax of one macroblock (7.3.5) as an entropy decoder read it, independent of CAVLC / CABAC. One
 * instance is reused for every macroblock of a slice: {@link #clear()} before each one (the slice loop
 * does it), then a reader fills it.
 *
 * <h2>Conventions</h2>
 * <ul>
 * <li>4x4 luma blocks are numbered in <b>raster order</b> inside the macroblock: {@code blk = by * 4 + bx}
 * (bx, by in 0..3), <em>not</em> in luma4x4BlkIdx order; {@link #BLK_OF_IDX} converts luma4x4BlkIdx
 * (parse order) to raster. 8x8 quadrants are numbered {@code q = qy * 2 + qx} (this equals luma8x8BlkIdx
 * and mbPartIdx of P_8x8/B_8x8). Chroma 4x4 blocks per component are raster 0..3 (equal to
 * chroma4x4BlkIdx for 4:2:0).</li>
 * <li>Coefficient levels are stored <b>de-scanned</b>: in raster order inside their block (the reader
 * applies the frame zig-zag scan, {@code kernels.Tables.ZIGZAG_4X4 / ZIGZAG_8X8}), unscaled. Entries the
 * bitstream did not code stay 0.</li>
 * <li>Motion vector differences are packed with {@code kernels.Mv.pack(x, y)}.</li>
 * </ul>
 */
public final class Macroblock {
    /** luma4x4BlkIdx (6.4.3) to raster 4x4 block number. */
    public static final int[] BLK_OF_IDX = {0, 1, 4, 5, 2, 3, 6, 7, 8, 9, 12, 13, 10, 11, 14, 15};

    /** Slice type of the slice holding the macroblock: {@link SliceHeader#P}, {@link SliceHeader#B} or {@link SliceHeader#I}. */
    public int sliceType;

    /** mb_skip_flag = 1 or inside an mb_skip_run (P_Skip / B_Skip); nothing else below is set then. */
    public boolean skip;

    /** Intra macroblock (in any slice type). Then {@link #mbType} is the I-slice mb_type (Table 7-11). */
    public boolean intra;

    /**
     * mb_type normalised per prediction mode: for intra macroblocks the I-slice value of Table 7-11 (0 =
     * I_NxN, 1..24 = I_16x16_*, 25 = I_PCM), i.e. the P-slice value minus 5 or the B-slice value minus 23;
     * for inter macroblocks the P-slice value of Table 7-13 (0..4, 4 = P_8x8ref0) or the B-slice value of
     * Table 7-14 (0..22, 0 = B_Direct_16x16, 22 = B_8x8).
     */
    public int mbType;

    /** sub_mb_type[mbPartIdx] for P_8x8 / P_8x8ref0 (Table 7-17, 0..3) and B_8x8 (Table 7-18, 0..12). */
    public final int[] subMbType = new int[4];

    /** transform_size_8x8_flag (0 when not present). */
    public boolean transform8x8;

    /**
     * Intra 4x4 / 8x8 prediction mode syntax, per luma4x4BlkIdx (0..15) or luma8x8BlkIdx (0..3) in
     * <b>parse order</b>: -1 when prev_intra4x4_pred_mode_flag / prev_intra8x8_pred_mode_flag is 1, else
     * rem_intra4x4_pred_mode / rem_intra8x8_pred_mode (0..7).
     */
    public final int[] intraModeSyntax = new int[16];

    /** Intra16x16PredMode (0..3) of an I_16x16 macroblock (from mb_type, Table 7-11). */
    public int intra16x16Mode;

    /** intra_chroma_pred_mode (0..3) of an intra macroblock other than I_PCM. */
    public int intraChromaMode;

    /**
     * coded_block_pattern: bits 0..3 the luma 8x8 quadrants, {@code cbp >> 4} the chroma part (0..2). For
     * I_16x16 derived from mb_type (luma 0 or 15). 0 for skipped and I_PCM macroblocks.
     */
    public int cbp;

    /** mb_qp_delta (0 when not present). */
    public int qpDelta;

    /**
     * ref_idx_lX per 8x8 quadrant {@code [list][q]}: the value of the partition covering the quadrant (a
     * 16x16 partition sets all four, 16x8 partition 0 sets quadrants 0 and 1, 8x16 partition 0 sets 0 and
     * 2, ...). 0 when the syntax element is absent because num_ref_idx_active is 1 (inferred) and for
     * P_8x8ref0; -1 when the partition does not use list X; -1 for direct-predicted quadrants (B_8x8 with
     * B_Direct_8x8, B_Direct_16x16), whose references the reconstruction derives.
     */
    public final int[][] refIdx = new int[2][4];

    /**
     * mvd_lX per 4x4 block {@code [list][blk]} (raster), packed: each partition's value is repeated over
     * all 4x4 blocks it covers; 0 where the list is not used and for direct-predicted blocks.
     */
    public final int[][] mvd = new int[2][16];

    /** Luma levels: 16 blocks of 16 (4x4 transform, block b at {@code 16 * b}) or 4 blocks of 64 (8x8, quadrant q at {@code 64 * q}). */
    public final int[] luma = new int[256];

    /**
     * Intra16x16DCLevel de-scanned to raster order of the 4x4 array c of 8.5.10 (entry {@code i * 4 + j}:
     * row i, column j), unscaled.
     */
    public final int[] lumaDc = new int[16];

    /** Chroma DC levels c[chroma4x4BlkIdx] (4:2:0, 8.5.11.1): Cb at 0..3, Cr at 4..7. */
    public final int[] chromaDc = new int[8];

    /**
     * Chroma AC levels: component {@code c} (0 Cb, 1 Cr), block {@code b} at {@code 64 * c + 16 * b}, raster
     * inside the 4x4 block; entry 0 (DC) of each block is left 0 (the DC comes from {@link #chromaDc}).
     */
    public final int[] chromaAc = new int[128];

    /**
     * Number of non-zero levels (total_coeff) per luma 4x4 block (raster, 0..15) and per chroma AC block at
     * {@code 16 + 4 * c + b}. For I_16x16 the luma counts are those of the AC blocks (the DC block is not
     * counted). With the 8x8 transform, CAVLC sets each 4x4 block's own count of the interleaved 4x4 parse
     * (7.3.5.3.2), CABAC sets all four blocks of a quadrant to the quadrant's count. For I_PCM all are 16.
     */
    public final int[] totalCoeff = new int[24];

    /** pcm_sample_luma (256, raster) then pcm_sample_chroma (Cb 64, Cr 64, raster) of an I_PCM macroblock. */
    public final int[] pcm = new int[384];

    /** A macroblock in the reset state ({@link #clearAll()}). */
    public Macroblock() {
        clearAll();
    }

    /**
     * Resets the macroblock-level fields and the small level arrays for the next macroblock. The large
     * level arrays ({@link #luma}, {@link #chromaAc}) are not touched: the reconstruction clears every
     * coefficient it consumes (the inverse transforms zero their input), so they are all-zero again after
     * each macroblock. After an error, call {@link #clearAll()}.
     */
    public void clear() {
        // the arrays hold what the previous macroblock's parse wrote, so only those it can have written are
        // reset: motion vector differences by a coded inter macroblock, the syntax prediction modes by an
        // intra one, the residual bookkeeping by one with coefficients (coded_block_pattern != 0, Intra16x16,
        // I_PCM); anything else is still as the last reset left it
        if (!intra && !skip) {
            Arrays.fill(mvd[0], 0);
            Arrays.fill(mvd[1], 0);
        }
        if (intra) {
            Arrays.fill(intraModeSyntax, -1);
        }
        if (cbp != 0 || intra) {
            Arrays.fill(lumaDc, 0);
            Arrays.fill(chromaDc, 0);
            Arrays.fill(totalCoeff, 0);
        }
        skip = false;
        intra = false;
        mbType = 0;
        transform8x8 = false;
        intra16x16Mode = 0;
        intraChromaMode = 0;
        cbp = 0;
        qpDelta = 0;
        for (int i = 0; i < 4; i++) {
            subMbType[i] = 0;
            refIdx[0][i] = -1;
            refIdx[1][i] = -1;
        }
    }

    /** Resets every field to its "not present" value, level arrays included. */
    public void clearAll() {
        skip = false;
        intra = false;
        mbType = 0;
        transform8x8 = false;
        intra16x16Mode = 0;
        intraChromaMode = 0;
        cbp = 0;
        qpDelta = 0;
        Arrays.fill(subMbType, 0);
        Arrays.fill(intraModeSyntax, -1);
        Arrays.fill(refIdx[0], -1);
        Arrays.fill(refIdx[1], -1);
        Arrays.fill(mvd[0], 0);
        Arrays.fill(mvd[1], 0);
        Arrays.fill(luma, 0);
        Arrays.fill(lumaDc, 0);
        Arrays.fill(chromaDc, 0);
        Arrays.fill(chromaAc, 0);
        Arrays.fill(totalCoeff, 0);
    }

    /** I_PCM. */
    public boolean isPcm() {
        return intra && mbType == 25;
    }

    /** I_16x16. */
    public boolean isIntra16x16() {
        return intra && mbType >= 1 && mbType <= 24;
    }
}
