package org.purecodec.video.internal;

import org.purecodec.h264.DecodedFrame;
import org.purecodec.video.DimensionOrder;
import org.purecodec.video.OutputFormat;
import org.purecodec.video.convert.Rotation;
import org.purecodec.video.convert.YuvToRgb;

/**
 * Turns a decoded picture into the bytes of one output frame: RGB24 in NCHW or NHWC, or I420 planes,
 * with the stream's rotation applied. One instance per decoder; keeps its scratch buffer.
 */
public final class FrameConverter {
    private final OutputFormat format;
    private final DimensionOrder order;
    private final YuvToRgb yuvToRgb;
    private final int rotation;
    private final int codedWidth;
    private final int codedHeight;
    private byte[] scratch;

    /**
     * @param codedWidth  picture width before rotation
     * @param codedHeight picture height before rotation
     * @param rotation    counterclockwise degrees (multiple of 90)
     */
    public FrameConverter(OutputFormat format, DimensionOrder order, YuvToRgb yuvToRgb, int rotation, int codedWidth,
                          int codedHeight) {
        this.format = format;
        this.order = order;
        this.yuvToRgb = yuvToRgb;
        this.rotation = Rotation.normalize(rotation);
        this.codedWidth = codedWidth;
        this.codedHeight = codedHeight;
    }

    /**
     * A converter like this one (format, order, rotation) for pictures of another size or colour description (a
     * stream that changes them with new parameter sets); with a scratch buffer of its own.
     */
    public FrameConverter with(int codedWidth, int codedHeight, YuvToRgb colour) {
        return new FrameConverter(format, order, colour, rotation, codedWidth, codedHeight);
    }

    /** Whether this converter converts to RGB with that matrix and range. */
    public boolean hasColour(YuvToRgb.Matrix matrix, boolean fullRange) {
        return yuvToRgb.matrix() == matrix && yuvToRgb.fullRange() == fullRange;
    }

    /** Whether {@code f} has the coded size this converter was made for (frames of another size cannot be converted). */
    public boolean fits(DecodedFrame f) {
        return f.width() == codedWidth && f.height() == codedHeight;
    }

    /** Width before rotation. */
    public int codedWidth() {
        return codedWidth;
    }

    /** Height before rotation. */
    public int codedHeight() {
        return codedHeight;
    }

    /** Output width (after rotation). */
    public int width() {
        return Rotation.swapsAxes(rotation) ? codedHeight : codedWidth;
    }

    /** Output height (after rotation). */
    public int height() {
        return Rotation.swapsAxes(rotation) ? codedWidth : codedHeight;
    }

    /** Shape of one frame. */
    public int[] frameShape() {
        if (format == OutputFormat.YUV420P) {
            return new int[] {frameSize()};
        }
        return order == DimensionOrder.NCHW ? new int[] {3, height(), width()} : new int[] {height(), width(), 3};
    }

    /** Bytes of one frame. */
    public int frameSize() {
        if (format == OutputFormat.YUV420P) {
            int cw = (codedWidth + 1) / 2;
            int ch = (codedHeight + 1) / 2;
            return Math.multiplyExact(codedWidth, codedHeight) + 2 * cw * ch;
        }
        return Math.multiplyExact(Math.multiplyExact(codedWidth, codedHeight), 3);
    }

    /** Writes frame {@code f} to {@code dst[off .. off + frameSize())}. */
    public void convert(DecodedFrame f, byte[] dst, int off) {
        int w = f.width();
        int h = f.height();
        if (w != codedWidth || h != codedHeight) {
            throw new IllegalStateException("picture size changed mid-stream: " + w + "x" + h + ", expected "
                    + codedWidth + "x" + codedHeight);
        }
        if (format == OutputFormat.YUV420P) {
            int cw = f.chromaWidth();
            int ch = f.chromaHeight();
            int o = plane(f.y(), f.yOffset(), f.yStride(), w, h, dst, off);
            o = plane(f.u(), f.uOffset(), f.uStride(), cw, ch, dst, o);
            plane(f.v(), f.vOffset(), f.vStride(), cw, ch, dst, o);
            return;
        }
        boolean planar = order == DimensionOrder.NCHW;
        if (rotation == 0) {
            if (planar) {
                yuvToRgb.toPlanar(f.y(), f.yOffset(), f.yStride(), f.u(), f.uOffset(), f.uStride(), f.v(), f.vOffset(),
                        f.vStride(), w, 0, h, dst, off, w, w * h);
            } else {
                yuvToRgb.toInterleaved(f.y(), f.yOffset(), f.yStride(), f.u(), f.uOffset(), f.uStride(), f.v(),
                        f.vOffset(), f.vStride(), w, 0, h, dst, off, w * 3);
            }
            return;
        }
        int n = w * h;
        if (planar) {
            byte[] s = scratch(3 * n);
            yuvToRgb.toPlanar(f.y(), f.yOffset(), f.yStride(), f.u(), f.uOffset(), f.uStride(), f.v(), f.vOffset(),
                    f.vStride(), w, 0, h, s, 0, w, n);
            for (int c = 0; c < 3; c++) {
                Rotation.rotate(s, c * n, w, w, h, 1, rotation, dst, off + c * n);
            }
        } else {
            byte[] s = scratch(3 * n);
            yuvToRgb.toInterleaved(f.y(), f.yOffset(), f.yStride(), f.u(), f.uOffset(), f.uStride(), f.v(), f.vOffset(),
                    f.vStride(), w, 0, h, s, 0, w * 3);
            Rotation.rotate(s, 0, w * 3, w, h, 3, rotation, dst, off);
        }
    }

    private int plane(byte[] src, int srcOff, int stride, int w, int h, byte[] dst, int off) {
        if (rotation == 0) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(src, srcOff + y * stride, dst, off + y * w, w);
            }
        } else {
            Rotation.rotate(src, srcOff, stride, w, h, 1, rotation, dst, off);
        }
        return off + w * h;
    }

    private byte[] scratch(int n) {
        if (scratch == null || scratch.length < n) {
            scratch = new byte[n];
        }
        return scratch;
    }
}
