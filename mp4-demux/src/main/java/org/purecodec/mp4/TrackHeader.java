package org.purecodec.mp4;

/**
 * The {@code tkhd} box.
 *
 * @param version  0 or 1
 * @param flags    1 = enabled, 2 = in movie, 4 = in preview
 * @param trackId  track identifier (non-zero)
 * @param duration duration in movie time scale units
 * @param matrix   the display matrix {a, b, u, c, d, v, x, y, w}: a,b,c,d,x,y in 16.16, u,v,w in 2.30
 * @param width    visual presentation width (16.16 fixed point already divided: pixels)
 * @param height   visual presentation height in pixels
 */
public record TrackHeader(int version, int flags, int trackId, long duration, int[] matrix, double width,
                          double height) {

    /**
     * Rotation of the display matrix in degrees, counterclockwise, as FFmpeg's
     * {@code av_display_rotation_get} and ffprobe's {@code rotation} report it (and TorchCodec after
     * them): {@code -atan2(b, a)}, rounded to a whole degree, in (-180, 180]. A file written with
     * {@code ffmpeg -metadata:s:v rotate=90} has rotation 90 (b = -1, c = 1).
     */
    public int rotation() {
        double a = matrix[0] / 65536.0;
        double b = matrix[1] / 65536.0;
        if (a == 0 && b == 0) {
            return 0;
        }
        long deg = -Math.round(Math.toDegrees(Math.atan2(b, a)));
        if (deg <= -180) {
            deg += 360;
        }
        return (int) deg;
    }
}
