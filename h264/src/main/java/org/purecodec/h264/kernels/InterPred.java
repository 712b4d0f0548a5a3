package org.purecodec.h264.kernels;

/**
 * Inter prediction sample kernels (8.4.2.2 fractional sample interpolation, 8.4.2.3 weighted sample
 * prediction), 8-bit, 4:2:0.
 *
 * <p>Motion compensation reads the reference plane at {@code src[srcOff]}, the full-sample position
 * (xInt, yInt) of the block's top-left sample, i.e. the block position plus {@code mv >> 2} (luma) or
 * {@code mv >> 3} (chroma, with the 4:2:0 vertical offset already applied by the caller), and writes the w x h
 * prediction (predPartLX) to {@code dst}. The fractional part is {@code xFrac, yFrac} = {@code mv & 3}
 * (luma) or {@code mv & 7} (chroma). No coordinate is clipped: the reference plane must be padded so that
 * the block plus its margin (luma: 2 samples left/above and 3 right/below; chroma: 1 right/below) is inside
 * the array (see {@link Planes#padBorders}). dst must not overlap src.
 *
 * <p>Luma block sizes: w, h in {4, 8, 16}; chroma: w, h in {2, 4, 8}.
 */
public interface InterPred {

    /**
     * Luma sample interpolation (8.4.2.2.1), xFrac, yFrac in 0..3. With {@code avg} the prediction is not
     * stored but averaged into dst as by {@link #average} (dst holding predPartL0, the prediction predPartL1).
     */
    void lumaMc(byte[] dst, int dstOff, int dstStride, byte[] src, int srcOff, int srcStride, int w, int h,
            int xFrac, int yFrac, boolean avg);

    /**
     * Chroma sample interpolation (8.4.2.2.2) of both chroma planes at the same position, xFrac, yFrac in
     * 0..7; {@code avg} as for {@link #lumaMc}.
     */
    void chromaMc(byte[] dstCb, byte[] dstCr, int dstOff, int dstStride, byte[] srcCb, byte[] srcCr, int srcOff,
            int srcStride, int w, int h, int xFrac, int yFrac, boolean avg);

    /**
     * Default weighted sample prediction for bi-prediction (8.4.2.3.1): dst = (dst + src + 1) &gt;&gt; 1, dst
     * holding predPartL0 and src predPartL1.
     */
    void average(byte[] dst, int dstOff, int dstStride, byte[] src, int srcOff, int srcStride, int w, int h);

    /**
     * Explicit weighted prediction from one list (8.4.2.3.2), in place: if logWD &gt;= 1
     * Clip1(((p * w + 2^(logWD - 1)) &gt;&gt; logWD) + o), else Clip1(p * w + o). For 8-bit video o is
     * the signalled offset.
     */
    void weight(byte[] dst, int dstOff, int dstStride, int w, int h, int logWD, int weight, int offset);

    /**
     * Weighted bi-prediction (8.4.2.3.2, explicit or implicit weights), in place on dst holding predPartL0,
     * src holding predPartL1: Clip1(((p0 * w0 + p1 * w1 + 2^logWD) &gt;&gt; (logWD + 1)) + ((o0 + o1 + 1)
     * &gt;&gt; 1)).
     */
    void weightBi(byte[] dst, int dstOff, int dstStride, byte[] src, int srcOff, int srcStride, int w, int h,
            int logWD, int w0, int w1, int o0, int o1);
}
