package org.purecodec.h264;

/**
 * One decoded picture in presentation order, cropped to the SPS cropping window, 4:2:0 with 8-bit
 * samples stored as ordinary unsigned values in bytes ({@code b & 0xff} is the sample, 0..255).
 *
 * <p>Plane {@code p} sample (x, y) is at {@code p[pOffset + y * pStride + x]}; chroma planes are
 * {@link #chromaWidth()} x {@link #chromaHeight()}. The arrays belong to the frame (not reused by the
 * decoder).
 *
 * @param width       luma width after cropping
 * @param height      luma height after cropping
 * @param y           luma plane
 * @param yOffset     offset of the first luma sample
 * @param yStride     distance between luma rows
 * @param u           Cb plane
 * @param uOffset     offset of the first Cb sample
 * @param uStride     distance between Cb rows
 * @param v           Cr plane
 * @param vOffset     offset of the first Cr sample
 * @param vStride     distance between Cr rows
 * @param pts         the presentation time given with the access unit ({@link H264Decoder#NO_PTS} if none)
 * @param poc         picture order count (PicOrderCnt of the frame) within its coded video sequence
 * @param idr         true for an IDR picture
 * @param keyFrame    true when decoding can start at this picture: IDR, or an I picture with a
 *                    recovery point SEI
 * @param type        the slice type of the picture (I if all slices are I, B if any is B, else P)
 * @param decodeIndex index of the access unit in decoding order (0-based)
 */
public record DecodedFrame(int width, int height, byte[] y, int yOffset, int yStride, byte[] u, int uOffset,
                           int uStride, byte[] v, int vOffset, int vStride, long pts, int poc, boolean idr,
                           boolean keyFrame, PictureType type, long decodeIndex) {

    /** Coarse picture type. */
    public enum PictureType {
        /** All slices intra. */
        I,
        /** Some P slices, no B slice. */
        P,
        /** At least one B slice. */
        B
    }

    /** Width of the chroma planes. */
    public int chromaWidth() {
        return (width + 1) / 2;
    }

    /** Height of the chroma planes. */
    public int chromaHeight() {
        return (height + 1) / 2;
    }

    @Override
    public String toString() {
        return "DecodedFrame[" + width + "x" + height + " " + type + (idr ? " IDR" : "") + " poc=" + poc + " pts=" + pts
                + " decodeIndex=" + decodeIndex + "]";
    }
}
