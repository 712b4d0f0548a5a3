package org.purecodec.h264;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One decoded picture in presentation order, cropped to the SPS cropping window, 4:2:0 with 8-bit
 * samples stored as ordinary unsigned values in bytes ({@code b & 0xff} is the sample, 0..255).
 *
 * <p>Plane {@code p} sample (x, y) is at {@code p[pOffset + y * pStride + x]}; chroma planes are
 * {@link #chromaWidth()} x {@link #chromaHeight()}. Strides may be larger than the width and offsets
 * non-zero (the planes can be the decoder's macroblock-aligned picture buffers, with the cropping window
 * expressed by offset and stride): always address samples through them. Two planes may be parts of one
 * array (the decoder's picture buffers keep luma and Cb in one), so never treat a whole array as one plane.
 *
 * <p><b>Buffer ownership.</b> The plane arrays belong to the frame until {@link #release()} is called
 * (or {@link H264Decoder#release(DecodedFrame)}). Releasing hands them back to the decoder that produced
 * the frame, which reuses them for later pictures, so that steady-state decoding allocates no new planes;
 * after release the frame must not be read any more (its samples may be overwritten at any time).
 * Releasing is optional: a frame that is never released stays valid and is simply garbage collected, so
 * callers that keep frames, or do not care about allocation, need not do anything. A frame of the default
 * backend is the planes of the decoder's picture buffer (padded, never a copy), so a caller that keeps many
 * frames and cares about memory should copy out what it needs and release them. Releasing twice, or
 * after the decoder was closed, does nothing. {@code release()} may be called from any thread.
 */
public final class DecodedFrame {

    /** Coarse picture type. */
    public enum PictureType {
        /** All slices intra. */
        I,
        /** Some P slices, no B slice. */
        P,
        /** At least one B slice. */
        B
    }

    /** Where released planes go: implemented by the decoder's buffer pool. */
    interface Recycler {
        void recycle(byte[][] planes, boolean pictureBuffer);
    }

    private final int width;
    private final int height;
    private final byte[] y;
    private final int yOffset;
    private final int yStride;
    private final byte[] u;
    private final int uOffset;
    private final int uStride;
    private final byte[] v;
    private final int vOffset;
    private final int vStride;
    private final long pts;
    private final int poc;
    private final boolean idr;
    private final boolean keyFrame;
    private final PictureType type;
    private final long decodeIndex;
    private final Recycler recycler;
    private final byte[][] planes;
    private final boolean pictureBuffer;
    private final AtomicBoolean released = new AtomicBoolean();
    private int matrixCoefficients = 2;
    private boolean fullRange;

    /**
     * A frame over the given planes, owned by the caller (release does nothing).
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
    public DecodedFrame(int width, int height, byte[] y, int yOffset, int yStride, byte[] u, int uOffset, int uStride,
                        byte[] v, int vOffset, int vStride, long pts, int poc, boolean idr, boolean keyFrame,
                        PictureType type, long decodeIndex) {
        this(width, height, y, yOffset, yStride, u, uOffset, uStride, v, vOffset, vStride, pts, poc, idr, keyFrame, type,
                decodeIndex, null, null, false);
    }

    DecodedFrame(int width, int height, byte[] y, int yOffset, int yStride, byte[] u, int uOffset, int uStride, byte[] v,
                 int vOffset, int vStride, long pts, int poc, boolean idr, boolean keyFrame, PictureType type,
                 long decodeIndex, Recycler recycler, byte[][] planes, boolean pictureBuffer) {
        this.width = width;
        this.height = height;
        this.y = y;
        this.yOffset = yOffset;
        this.yStride = yStride;
        this.u = u;
        this.uOffset = uOffset;
        this.uStride = uStride;
        this.v = v;
        this.vOffset = vOffset;
        this.vStride = vStride;
        this.pts = pts;
        this.poc = poc;
        this.idr = idr;
        this.keyFrame = keyFrame;
        this.type = type;
        this.decodeIndex = decodeIndex;
        this.recycler = recycler;
        this.planes = planes;
        this.pictureBuffer = pictureBuffer;
    }

    /** Sets the colour description of the picture's SPS (see {@link #matrixCoefficients()}); returns this. */
    DecodedFrame colour(int matrixCoefficients, boolean fullRange) {
        this.matrixCoefficients = matrixCoefficients;
        this.fullRange = fullRange;
        return this;
    }

    /**
     * The {@code matrix_coefficients} of the VUI of the SPS this picture was decoded with (ISO/IEC 23091-2 code
     * points); 2 (unspecified) when the SPS does not say, and for frames not made by {@link H264Decoder}. A stream
     * may change it with new parameter sets.
     */
    public int matrixCoefficients() {
        return matrixCoefficients;
    }

    /** The {@code video_full_range_flag} of the VUI of the SPS this picture was decoded with (false when absent). */
    public boolean fullRange() {
        return fullRange;
    }

    /**
     * Hands the planes back to the decoder for reuse; the frame must not be used afterwards. Optional,
     * idempotent, callable from any thread (see the class description).
     */
    public void release() {
        if (recycler != null && released.compareAndSet(false, true)) {
            recycler.recycle(planes, pictureBuffer);
        }
    }

    /** True once {@link #release()} was called. */
    public boolean isReleased() {
        return released.get();
    }

    /** Luma width after cropping. */
    public int width() {
        return width;
    }

    /** Luma height after cropping. */
    public int height() {
        return height;
    }

    /** Luma plane. */
    public byte[] y() {
        return y;
    }

    /** Offset of the first luma sample. */
    public int yOffset() {
        return yOffset;
    }

    /** Distance between luma rows. */
    public int yStride() {
        return yStride;
    }

    /** Cb plane. */
    public byte[] u() {
        return u;
    }

    /** Offset of the first Cb sample. */
    public int uOffset() {
        return uOffset;
    }

    /** Distance between Cb rows. */
    public int uStride() {
        return uStride;
    }

    /** Cr plane. */
    public byte[] v() {
        return v;
    }

    /** Offset of the first Cr sample. */
    public int vOffset() {
        return vOffset;
    }

    /** Distance between Cr rows. */
    public int vStride() {
        return vStride;
    }

    /** The presentation time given with the access unit ({@link H264Decoder#NO_PTS} if none). */
    public long pts() {
        return pts;
    }

    /** Picture order count (PicOrderCnt of the frame) within its coded video sequence. */
    public int poc() {
        return poc;
    }

    /** True for an IDR picture. */
    public boolean idr() {
        return idr;
    }

    /** True when decoding can start at this picture: IDR, or an I picture with a recovery point SEI. */
    public boolean keyFrame() {
        return keyFrame;
    }

    /** The slice type of the picture (I if all slices are I, B if any is B, else P). */
    public PictureType type() {
        return type;
    }

    /** Index of the access unit in decoding order (0-based). */
    public long decodeIndex() {
        return decodeIndex;
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
