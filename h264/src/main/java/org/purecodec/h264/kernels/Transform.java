package org.purecodec.h264.kernels;

/**
 * Scaling (dequantisation) and inverse transforms of 8.5 with the residual added to the prediction.
 *
 * <p>Coefficient blocks are {@code int} arrays in raster order at an offset (see the package notes).
 * {@code levelScale4x4} / {@code levelScale8x8} are the LevelScale tables built by
 * {@link Tables#levelScale4x4} / {@link Tables#levelScale8x8} (96 / 384 entries). {@code qP} is the
 * quantisation parameter of the colour component (QP'Y or QP'C; 0..51 for 8-bit video).
 */
public interface Transform {

    /**
     * Scaling of a 4x4 block (8.5.12.1), in place. With {@code skipDc} the DC entry is left as it is
     * (Intra16x16 luma and chroma blocks, whose DC comes from the DC transform, 8.5.10/8.5.11).
     */
    void dequant4x4(int[] coef, int off, int[] levelScale4x4, int qP, boolean skipDc);

    /** Scaling of an 8x8 block (8.5.13.1), in place. */
    void dequant8x8(int[] coef, int off, int[] levelScale8x8, int qP);

    /**
     * Intra16x16 luma DC: inverse Hadamard transform and scaling (8.5.10), in place on 16 values. Input c
     * (raster 4x4 after inverse scan), output dcY in raster order: entry {@code i * 4 + j} is the DC of the
     * 4x4 block in block row i, block column j of the macroblock. Uses LevelScale4x4(qP % 6, 0, 0).
     */
    void lumaDcDequant(int[] dc, int off, int[] levelScale4x4, int qP);

    /**
     * Chroma DC for 4:2:0: 2x2 inverse transform and scaling (8.5.11.1, 8.5.11.2), in place on 4 values
     * c00, c01, c10, c11 (raster: entry {@code i * 2 + j} belongs to chroma block row i, column j).
     */
    void chromaDcDequant(int[] dc, int off, int[] levelScale4x4, int qP);

    /**
     * 4x4 inverse transform (8.5.12.2) of scaled coefficients d, then (x + 32) &gt;&gt; 6 and
     * u = Clip1(pred + r) in place on the 4x4 block at {@code dst[dstOff]}. Clears the 16 coefficients.
     */
    void idct4Add(int[] coef, int off, byte[] dst, int dstOff, int stride);

    /**
     * {@link #idct4Add} when only the DC coefficient may be non-zero (the caller guarantees the other 15 are
     * zero). Clears the DC coefficient.
     */
    void idct4AddDc(int[] coef, int off, byte[] dst, int dstOff, int stride);

    /** 8x8 inverse transform (8.5.13.2) and add, like {@link #idct4Add}. Clears the 64 coefficients. */
    void idct8Add(int[] coef, int off, byte[] dst, int dstOff, int stride);

    /** {@link #idct8Add} when only the DC coefficient may be non-zero. Clears the DC coefficient. */
    void idct8AddDc(int[] coef, int off, byte[] dst, int dstOff, int stride);
}
