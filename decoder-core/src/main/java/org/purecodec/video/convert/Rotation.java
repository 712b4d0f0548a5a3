package org.purecodec.video.convert;

/**
 * Rotation of single-channel planes or interleaved pixels by a multiple of 90 degrees
 * counterclockwise, the direction of the display-matrix rotation FFmpeg reports (and applies when
 * it auto-rotates). Plain loops over arrays with offsets and strides.
 */
public final class Rotation {
    private Rotation() {
    }

    /** Normalises degrees to 0, 90, 180 or 270 (counterclockwise); other angles are rejected. */
    public static int normalize(int degrees) {
        int d = ((degrees % 360) + 360) % 360;
        if (d % 90 != 0) {
            throw new IllegalArgumentException("rotation must be a multiple of 90 degrees, got " + degrees);
        }
        return d;
    }

    /** Whether a rotation swaps width and height. */
    public static boolean swapsAxes(int degrees) {
        int d = normalize(degrees);
        return d == 90 || d == 270;
    }

    /**
     * Rotates a {@code width x height} image of {@code channels} interleaved bytes per pixel by
     * {@code degrees} counterclockwise into {@code dst} (tightly packed: stride = output width *
     * channels). For 90 degrees the output is {@code height x width} and output pixel (x', y') is input
     * pixel (width - 1 - y', x').
     */
    public static void rotate(byte[] src, int srcOff, int srcStride, int width, int height, int channels, int degrees,
                              byte[] dst, int dstOff) {
        int d = normalize(degrees);
        int outW = (d == 90 || d == 270) ? height : width;
        int outStride = outW * channels;
        for (int y = 0; y < height; y++) {
            int s = srcOff + y * srcStride;
            for (int x = 0; x < width; x++, s += channels) {
                int ox;
                int oy;
                switch (d) {
                    case 0:
                        ox = x;
                        oy = y;
                        break;
                    case 90:
                        ox = y;
                        oy = width - 1 - x;
                        break;
                    case 180:
                        ox = width - 1 - x;
                        oy = height - 1 - y;
                        break;
                    default:
                        ox = height - 1 - y;
                        oy = x;
                        break;
                }
                int o = dstOff + oy * outStride + ox * channels;
                for (int c = 0; c < channels; c++) {
                    dst[o + c] = src[s + c];
                }
            }
        }
    }
}
