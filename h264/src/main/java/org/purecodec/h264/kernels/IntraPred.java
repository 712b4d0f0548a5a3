package org.purecodec.h264.kernels;

/**
 * Intra prediction (8.3), in place: the prediction of the block at {@code pix[off]} is computed from the
 * reconstructed neighbours in the same plane (the row above, the column to the left) and written over the
 * block. {@code avail} is a mask of {@link #LEFT}, {@link #TOP}, {@link #TOP_RIGHT} and {@link #TOP_LEFT}:
 * which neighbouring samples are "available for Intra prediction" (the caller applies picture and slice
 * edges, constrained_intra_pred and the block-order rules for the top-right samples). Unavailable
 * neighbours are never read.
 *
 * <p>Modes are the spec's numbers: Intra4x4PredMode / Intra8x8PredMode 0..8 ({@link #VERTICAL} ..
 * {@link #HORIZONTAL_UP}), Intra16x16PredMode 0..3 (vertical, horizontal, DC, plane), intra_chroma_pred_mode
 * 0..3 (DC, horizontal, vertical, plane). A mode that needs unavailable samples (other than the top-right
 * samples, which are substituted per 8.3.1.2 / 8.3.2.2) is a bitstream error the caller must refuse: the
 * reference implementation throws, the fast one produces unspecified samples.
 */
public interface IntraPred {
    int LEFT = 1;
    int TOP = 2;
    int TOP_RIGHT = 4;
    int TOP_LEFT = 8;

    int VERTICAL = 0;
    int HORIZONTAL = 1;
    int DC = 2;
    int DIAGONAL_DOWN_LEFT = 3;
    int DIAGONAL_DOWN_RIGHT = 4;
    int VERTICAL_RIGHT = 5;
    int HORIZONTAL_DOWN = 6;
    int VERTICAL_LEFT = 7;
    int HORIZONTAL_UP = 8;

    /** Intra16x16PredMode 3. */
    int PLANE_16X16 = 3;

    int CHROMA_DC = 0;
    int CHROMA_HORIZONTAL = 1;
    int CHROMA_VERTICAL = 2;
    int CHROMA_PLANE = 3;

    /** Intra_4x4 prediction of one 4x4 luma block (8.3.1.2). */
    void pred4x4(int mode, byte[] pix, int off, int stride, int avail);

    /** Intra_8x8 prediction of one 8x8 luma block with reference sample filtering (8.3.2.2). */
    void pred8x8(int mode, byte[] pix, int off, int stride, int avail);

    /** Intra_16x16 prediction of a luma macroblock (8.3.3); TOP_RIGHT is ignored. */
    void pred16x16(int mode, byte[] pix, int off, int stride, int avail);

    /** Intra prediction of one 8x8 chroma block of a 4:2:0 macroblock (8.3.4); TOP_RIGHT is ignored. */
    void predChroma(int mode, byte[] pix, int off, int stride, int avail);
}
