package org.purecodec.video.convert;

import org.purecodec.video.Transform.Interpolation;

/**
 * Resampling of 8-bit RGB images, bit-exact with Pillow's {@code Image.resize(size, filter)} on an RGB image (no
 * box, no reducing gap) for each of its filters ({@link Interpolation}). With a convolution filter (every one
 * but {@code NEAREST}) each output sample is a weighted sum of the input samples under the filter centred on
 * it, the filter widened by the scale factor when shrinking (so every input sample contributes: antialiasing);
 * the weights of each output position are normalised to sum to 1 and turned into 22-bit fixed point, and the
 * sum is rounded to 8 bits and clamped. Two passes: the rows horizontally (only the rows the vertical pass
 * reads), then the columns; a pass whose size does not change is skipped. The weights are computed once per
 * pair of sizes. {@code NEAREST} takes for output position i the input position at (i + 0.5) * scale, rounded
 * down, the positions summed up one step at a time in double precision as Pillow does.
 *
 * <p>Images are interleaved RGB (3 bytes per pixel) with a row stride. One instance per size pair and thread
 * (it keeps the intermediate image).
 */
public final class Resampler {
    /** Fixed-point fraction bits of the weights (8 bits of result and 2 spare in a 32-bit sum). */
    static final int PRECISION_BITS = 32 - 8 - 2;

    private final int inWidth;
    private final int inHeight;
    private final int outWidth;
    private final int outHeight;
    private final Axis horizontal;
    private final Axis vertical;
    /** {@code NEAREST}: the input column and row of each output column and row (-1: none, black). */
    private final int[] nearestX;
    private final int[] nearestY;
    /** The horizontal pass's rows (those the vertical pass reads), 3 bytes per pixel. */
    private byte[] temp;
    /** The vertical pass's sums for one output row. */
    private int[] sums;

    /** Weights of one axis: for each output position the first input position, the count and the weights. */
    static final class Axis {
        final int taps;
        final int[] first;
        final int[] count;
        final int[] weights;

        Axis(int taps, int[] first, int[] count, int[] weights) {
            this.taps = taps;
            this.first = first;
            this.count = count;
            this.weights = weights;
        }
    }

    /** A bilinear resampler ({@link Interpolation#BILINEAR}). */
    public Resampler(int inWidth, int inHeight, int outWidth, int outHeight) {
        this(inWidth, inHeight, outWidth, outHeight, Interpolation.BILINEAR);
    }

    /** A resampler from {@code inWidth} x {@code inHeight} to {@code outWidth} x {@code outHeight} with that filter. */
    public Resampler(int inWidth, int inHeight, int outWidth, int outHeight, Interpolation filter) {
        if (filter == null) {
            throw new IllegalArgumentException("no interpolation given");
        }
        if (inWidth < 1 || inHeight < 1 || outWidth < 1 || outHeight < 1) {
            throw new IllegalArgumentException("sizes must be positive: " + inWidth + "x" + inHeight + " -> " + outWidth
                    + "x" + outHeight);
        }
        this.inWidth = inWidth;
        this.inHeight = inHeight;
        this.outWidth = outWidth;
        this.outHeight = outHeight;
        boolean same = inWidth == outWidth && inHeight == outHeight;
        if (filter == Interpolation.NEAREST) {
            this.horizontal = null;
            this.vertical = null;
            this.nearestX = same ? null : nearest(inWidth, outWidth);
            this.nearestY = same ? null : nearest(inHeight, outHeight);
        } else {
            this.horizontal = outWidth != inWidth ? axis(inWidth, outWidth, filter) : null;
            this.vertical = outHeight != inHeight ? axis(inHeight, outHeight, filter) : null;
            this.nearestX = null;
            this.nearestY = null;
        }
    }

    /**
     * {@code NEAREST}'s input positions: the first at half a step, each next one a step further (step = inSize /
     * outSize), summed in double precision in this order and rounded down; a position outside the input is -1.
     */
    static int[] nearest(int inSize, int outSize) {
        double step = (double) inSize / outSize;
        double at = step * 0.5;
        int[] pos = new int[outSize];
        for (int i = 0; i < outSize; i++) {
            int p = at < 0.0 ? -1 : (int) at;
            pos[i] = p < inSize ? p : -1;
            at += step;
        }
        return pos;
    }

    public int outWidth() {
        return outWidth;
    }

    public int outHeight() {
        return outHeight;
    }

    /**
     * The weights for resampling {@code inSize} positions to {@code outSize}: for output position i, the centre
     * (i + 0.5) * scale in input coordinates, the filter's support times max(scale, 1) either side, the input
     * positions from round(centre - support) to round(centre + support) (clamped to the image), each weighted
     * by the filter at its distance from the centre over max(scale, 1), normalised; in double precision, in
     * this order (the fixed-point weights depend on the last bit), then rounded half away from zero to 22
     * fraction bits.
     */
    static Axis axis(int inSize, int outSize, Interpolation filter) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = support(filter) * filterScale;
        int taps = (int) Math.ceil(support) * 2 + 1;
        if ((long) taps * outSize > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("too many resampling weights: " + inSize + " -> " + outSize);
        }
        int[] first = new int[outSize];
        int[] count = new int[outSize];
        int[] weights = new int[taps * outSize];
        double[] k = new double[taps];
        double ss = 1.0 / filterScale;
        for (int i = 0; i < outSize; i++) {
            double centre = 0.0 + (i + 0.5) * scale;
            int min = Math.max((int) (centre - support + 0.5), 0);
            int max = Math.min((int) (centre + support + 0.5), inSize) - min;
            double sum = 0.0;
            for (int x = 0; x < max; x++) {
                double w = weight(filter, (x + min - centre + 0.5) * ss);
                k[x] = w;
                sum += w;
            }
            for (int x = 0; x < max; x++) {
                double w = sum != 0.0 ? k[x] / sum : k[x];
                weights[i * taps + x] = (int) (w < 0 ? -0.5 + w * (1 << PRECISION_BITS) : 0.5 + w * (1 << PRECISION_BITS));
            }
            first[i] = min;
            count[i] = max;
        }
        return new Axis(taps, first, count, weights);
    }

    /** How far from its centre the filter is not zero (before widening). */
    static double support(Interpolation filter) {
        switch (filter) {
            case BOX:
                return 0.5;
            case BILINEAR:
            case HAMMING:
                return 1.0;
            case BICUBIC:
                return 2.0;
            case LANCZOS:
                return 3.0;
            default:
                throw new IllegalArgumentException("not a convolution filter: " + filter);
        }
    }

    /**
     * The filter's value at {@code x}, as Pillow defines each: box 1 on (-0.5, 0.5]; triangle; Hamming-windowed
     * sinc (the window's constants 0.54 and 0.46 as single-precision values, as Pillow writes them); Keys' cubic
     * with a = -0.5; Lanczos with three lobes (sinc(x) sinc(x / 3) on [-3, 3)). {@code StrictMath}'s sine and
     * cosine, so that every JVM computes the same weights.
     */
    static double weight(Interpolation filter, double x) {
        switch (filter) {
            case BOX:
                return x > -0.5 && x <= 0.5 ? 1.0 : 0.0;
            case BILINEAR: {
                double a = Math.abs(x);
                return a < 1.0 ? 1.0 - a : 0.0;
            }
            case HAMMING: {
                double a = Math.abs(x);
                if (a == 0.0) {
                    return 1.0;
                }
                if (a >= 1.0) {
                    return 0.0;
                }
                a = a * Math.PI;
                return StrictMath.sin(a) / a * ((double) 0.54f + (double) 0.46f * StrictMath.cos(a));
            }
            case BICUBIC: {
                double a = Math.abs(x);
                final double k = -0.5;
                if (a < 1.0) {
                    return ((k + 2.0) * a - (k + 3.0)) * a * a + 1;
                }
                if (a < 2.0) {
                    return (((a - 5) * a + 8) * a - 4) * k;
                }
                return 0.0;
            }
            case LANCZOS:
                return -3.0 <= x && x < 3.0 ? sinc(x) * sinc(x / 3) : 0.0;
            default:
                throw new IllegalArgumentException("not a convolution filter: " + filter);
        }
    }

    private static double sinc(double x) {
        if (x == 0.0) {
            return 1.0;
        }
        x = x * Math.PI;
        return StrictMath.sin(x) / x;
    }

    /** The fixed-point sum rounded to 8 bits and clamped to 0..255. */
    private static int clip8(int sum) {
        int v = sum >> PRECISION_BITS;
        return v < 0 ? 0 : v > 255 ? 255 : v;
    }

    /**
     * Resamples the interleaved RGB image at {@code src[srcOff]} (row stride {@code srcStride} bytes, this
     * resampler's input size) into {@code dst[dstOff]} (row stride {@code dstStride}, its output size).
     */
    public void resize(byte[] src, int srcOff, int srcStride, byte[] dst, int dstOff, int dstStride) {
        if (nearestX != null) {
            nearestPass(src, srcOff, srcStride, dst, dstOff, dstStride);
            return;
        }
        if (horizontal == null && vertical == null) {
            for (int y = 0; y < inHeight; y++) {
                System.arraycopy(src, srcOff + y * srcStride, dst, dstOff + y * dstStride, 3 * inWidth);
            }
            return;
        }
        if (horizontal == null) {
            verticalPass(vertical, src, srcOff, srcStride, 0, dst, dstOff, dstStride);
            return;
        }
        if (vertical == null) {
            horizontalPass(horizontal, src, srcOff, srcStride, 0, inHeight, dst, dstOff, dstStride);
            return;
        }
        // the rows the vertical pass reads: from the first output row's first to the last one's end
        Axis v = vertical;
        int rowFirst = v.first[0];
        int rowEnd = v.first[outHeight - 1] + v.count[outHeight - 1];
        int rows = rowEnd - rowFirst;
        int tempStride = 3 * outWidth;
        int n = rows * tempStride;
        if (temp == null || temp.length < n) {
            temp = new byte[n];
        }
        horizontalPass(horizontal, src, srcOff, srcStride, rowFirst, rows, temp, 0, tempStride);
        verticalPass(v, temp, 0, tempStride, rowFirst, dst, dstOff, dstStride);
    }

    private void nearestPass(byte[] src, int srcOff, int srcStride, byte[] dst, int dstOff, int dstStride) {
        int[] xs = nearestX;
        for (int y = 0; y < outHeight; y++) {
            int out = dstOff + y * dstStride;
            int row = nearestY[y];
            if (row < 0) {
                java.util.Arrays.fill(dst, out, out + 3 * outWidth, (byte) 0);
                continue;
            }
            int in = srcOff + row * srcStride;
            for (int x = 0; x < outWidth; x++, out += 3) {
                int c = xs[x];
                if (c < 0) {
                    dst[out] = dst[out + 1] = dst[out + 2] = 0;
                } else {
                    int p = in + 3 * c;
                    dst[out] = src[p];
                    dst[out + 1] = src[p + 1];
                    dst[out + 2] = src[p + 2];
                }
            }
        }
    }

    private void horizontalPass(Axis a, byte[] src, int srcOff, int srcStride, int rowFirst, int rows, byte[] dst,
                                int dstOff, int dstStride) {
        int taps = a.taps;
        int[] first = a.first;
        int[] count = a.count;
        int[] wt = a.weights;
        int half = 1 << (PRECISION_BITS - 1);
        for (int y = 0; y < rows; y++) {
            int in = srcOff + (rowFirst + y) * srcStride;
            int out = dstOff + y * dstStride;
            for (int x = 0; x < outWidth; x++) {
                int p = in + 3 * first[x];
                int kw = x * taps;
                int r = half;
                int g = half;
                int b = half;
                for (int t = 0, c = count[x]; t < c; t++, p += 3) {
                    int w = wt[kw + t];
                    r += (src[p] & 0xff) * w;
                    g += (src[p + 1] & 0xff) * w;
                    b += (src[p + 2] & 0xff) * w;
                }
                dst[out++] = (byte) clip8(r);
                dst[out++] = (byte) clip8(g);
                dst[out++] = (byte) clip8(b);
            }
        }
    }

    /**
     * Vertical pass; {@code src} holds input rows from {@code rowFirst} on (the horizontal pass's rows). Row by
     * row: each input row under the filter is added to the output row's sums at its weight, then the sums are
     * rounded into the output row.
     */
    private void verticalPass(Axis a, byte[] src, int srcOff, int srcStride, int rowFirst, byte[] dst, int dstOff,
                              int dstStride) {
        int taps = a.taps;
        int[] first = a.first;
        int[] count = a.count;
        int[] wt = a.weights;
        int half = 1 << (PRECISION_BITS - 1);
        int rowBytes = 3 * outWidth;
        if (sums == null || sums.length < rowBytes) {
            sums = new int[rowBytes];
        }
        int[] acc = sums;
        for (int y = 0; y < outHeight; y++) {
            java.util.Arrays.fill(acc, 0, rowBytes, half);
            int in = srcOff + (first[y] - rowFirst) * srcStride;
            int kw = y * taps;
            for (int t = 0, c = count[y]; t < c; t++, in += srcStride) {
                int w = wt[kw + t];
                for (int x = 0; x < rowBytes; x++) {
                    acc[x] += (src[in + x] & 0xff) * w;
                }
            }
            int out = dstOff + y * dstStride;
            for (int x = 0; x < rowBytes; x++) {
                dst[out + x] = (byte) clip8(acc[x]);
            }
        }
    }
}
