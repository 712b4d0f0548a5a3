package org.purecodec.video.convert;

/**
 * YUV 4:2:0 (8-bit) to RGB24 conversion that reproduces FFmpeg's default {@code -pix_fmt rgb24}
 * output bit for bit (libswscale's unscaled path as run on x86: chroma repeated over each 2x2 block,
 * 13-bit coefficients applied with a high-half 16-bit multiply, then saturation to 0..255).
 *
 * <p>Every term is a table lookup: {@code R = clip(Y'[y] + Rv[v])}, {@code G = clip(Y'[y] + Gu[u] + Gv[v])},
 * {@code B = clip(Y'[y] + Bu[u])}, where each table entry is {@code floor(x * c / 65536)} with
 * {@code x = 8*sample - 8*offset} and {@code c = round(coefficient * 8192)}. Integer only, one pass, no
 * per-pixel calls. Instances are immutable and thread-safe; rows can be converted in parallel.
 */
public final class YuvToRgb {
    /** The YUV to RGB matrix. */
    public enum Matrix {
        /** ITU-R BT.601 (Kr = 0.299, Kb = 0.114): the default when nothing is signalled. */
        BT601(0.299, 0.114),
        /** ITU-R BT.709 (Kr = 0.2126, Kb = 0.0722). */
        BT709(0.2126, 0.0722),
        /** ITU-R BT.2020 non-constant luminance (Kr = 0.2627, Kb = 0.0593). */
        BT2020(0.2627, 0.0593),
        /** SMPTE 240M (Kr = 0.212, Kb = 0.087). */
        SMPTE240M(0.212, 0.087),
        /** FCC (Kr = 0.30, Kb = 0.11). */
        FCC(0.30, 0.11);

        final double kr;
        final double kb;

        Matrix(double kr, double kb) {
            this.kr = kr;
            this.kb = kb;
        }

        /**
         * The matrix for an H.264 VUI / ISO 23091-2 {@code matrix_coefficients} value; BT.601 for
         * unspecified (2), reserved or unknown values, as FFmpeg does.
         */
        public static Matrix fromCode(int matrixCoefficients) {
            switch (matrixCoefficients) {
                case 1:
                    return BT709;
                case 4:
                    return FCC;
                case 7:
                    return SMPTE240M;
                case 9:
                case 10:
                    return BT2020;
                default:
                    return BT601;
            }
        }
    }

    private final Matrix matrix;
    private final boolean fullRange;
    private final int[] yTab = new int[256];
    private final int[] rv = new int[256];
    private final int[] gu = new int[256];
    private final int[] gv = new int[256];
    private final int[] bu = new int[256];

    private YuvToRgb(Matrix matrix, boolean fullRange) {
        this.matrix = matrix;
        this.fullRange = fullRange;
        double kr = matrix.kr;
        double kb = matrix.kb;
        double kg = 1 - kr - kb;
        double ys = fullRange ? 1.0 : 255.0 / 219.0;
        double cs = fullRange ? 1.0 : 255.0 / 224.0;
        int yOffset8 = fullRange ? 0 : 16 * 8;
        int yc = q13(ys);
        int vrc = q13(2 * (1 - kr) * cs);
        int ubc = q13(2 * (1 - kb) * cs);
        int ugc = -q13(2 * kb * (1 - kb) / kg * cs);
        int vgc = -q13(2 * kr * (1 - kr) / kg * cs);
        for (int i = 0; i < 256; i++) {
            int c8 = i * 8 - 1024;
            yTab[i] = (i * 8 - yOffset8) * yc >> 16;
            rv[i] = c8 * vrc >> 16;
            gu[i] = c8 * ugc >> 16;
            gv[i] = c8 * vgc >> 16;
            bu[i] = c8 * ubc >> 16;
        }
    }

    private static int q13(double c) {
        return (int) Math.round(c * 8192);
    }

    /** A converter for that matrix and range. */
    public static YuvToRgb of(Matrix matrix, boolean fullRange) {
        return new YuvToRgb(matrix, fullRange);
    }

    /** The matrix. */
    public Matrix matrix() {
        return matrix;
    }

    /** Whether the input is full range (0..255) rather than limited (16..235 / 16..240). */
    public boolean fullRange() {
        return fullRange;
    }

    private static int clip(int v) {
        return v < 0 ? 0 : v > 255 ? 255 : v;
    }

    /**
     * Converts rows {@code [row0, row1)} of a {@code width x height} 4:2:0 picture to interleaved RGB
     * ({@code R G B} per pixel): pixel (x, row) goes to {@code dst[dstOff + row * dstStride + 3 * x]}.
     */
    public void toInterleaved(byte[] y, int yOff, int yStride, byte[] u, int uOff, int uStride, byte[] v, int vOff,
                              int vStride, int width, int row0, int row1, byte[] dst, int dstOff, int dstStride) {
        for (int row = row0; row < row1; row++) {
            int yp = yOff + row * yStride;
            int cp = (row >> 1);
            int up = uOff + cp * uStride;
            int vp = vOff + cp * vStride;
            int d = dstOff + row * dstStride;
            for (int x = 0; x < width; x++) {
                int cu = u[up + (x >> 1)] & 0xff;
                int cv = v[vp + (x >> 1)] & 0xff;
                int l = yTab[y[yp + x] & 0xff];
                dst[d] = (byte) clip(l + rv[cv]);
                dst[d + 1] = (byte) clip(l + gu[cu] + gv[cv]);
                dst[d + 2] = (byte) clip(l + bu[cu]);
                d += 3;
            }
        }
    }

    /**
     * Converts rows {@code [row0, row1)} to three planes (R, G, B) of {@code planeSize} bytes each,
     * starting at {@code dstOff}: pixel (x, row) of channel c goes to
     * {@code dst[dstOff + c * planeSize + row * dstStride + x]}.
     */
    public void toPlanar(byte[] y, int yOff, int yStride, byte[] u, int uOff, int uStride, byte[] v, int vOff,
                         int vStride, int width, int row0, int row1, byte[] dst, int dstOff, int dstStride,
                         int planeSize) {
        for (int row = row0; row < row1; row++) {
            int yp = yOff + row * yStride;
            int cp = (row >> 1);
            int up = uOff + cp * uStride;
            int vp = vOff + cp * vStride;
            int r = dstOff + row * dstStride;
            int g = r + planeSize;
            int b = g + planeSize;
            for (int x = 0; x < width; x++) {
                int cu = u[up + (x >> 1)] & 0xff;
                int cv = v[vp + (x >> 1)] & 0xff;
                int l = yTab[y[yp + x] & 0xff];
                dst[r + x] = (byte) clip(l + rv[cv]);
                dst[g + x] = (byte) clip(l + gu[cu] + gv[cv]);
                dst[b + x] = (byte) clip(l + bu[cu]);
            }
        }
    }

    /** The reference formula for one pixel (R, G, B), used by tests; same result as the tables. */
    public int[] pixel(int yv, int uv, int vv) {
        int l = yTab[yv];
        return new int[] {clip(l + rv[vv]), clip(l + gu[uv] + gv[vv]), clip(l + bu[uv])};
    }
}
