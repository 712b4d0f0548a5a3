package org.purecodec.video.internal;

import java.util.ArrayList;
import java.util.List;
import org.purecodec.h264.DecodedFrame;
import org.purecodec.video.DimensionOrder;
import org.purecodec.video.OutputFormat;
import org.purecodec.video.Transform;
import org.purecodec.video.VideoDecoderException;
import org.purecodec.video.convert.Resampler;
import org.purecodec.video.convert.Rotation;
import org.purecodec.video.convert.YuvToRgb;

/**
 * Turns a decoded picture into the bytes of one output frame: RGB24 in NCHW or NHWC, or I420 planes,
 * with the stream's rotation applied, then the options' {@link Transform}s (RGB24 only). One instance per
 * decoder; keeps its scratch buffers.
 */
public final class FrameConverter {
    private final OutputFormat format;
    private final DimensionOrder order;
    private final YuvToRgb yuvToRgb;
    private final int rotation;
    private final int codedWidth;
    private final int codedHeight;
    private final List<Transform> transforms;
    private final long maxPixels;
    /** The transforms for this picture size: {@link Window}s of the image so far and {@link Resampler}s. */
    private final List<Object> steps = new ArrayList<>();
    /** Output size after the transforms. */
    private final int outWidth;
    private final int outHeight;
    private byte[] scratch;
    private byte[] scratch2;
    private byte[] scratch3;

    /**
     * @param codedWidth  picture width before rotation
     * @param codedHeight picture height before rotation
     * @param rotation    counterclockwise degrees (multiple of 90)
     */
    public FrameConverter(OutputFormat format, DimensionOrder order, YuvToRgb yuvToRgb, int rotation, int codedWidth,
                          int codedHeight) {
        this(format, order, yuvToRgb, rotation, codedWidth, codedHeight, List.of(), Long.MAX_VALUE);
    }

    /**
     * With transforms applied after rotation (RGB24 only), each image on the way holding at most
     * {@code maxPixels} pixels.
     *
     * @throws VideoDecoderException INVALID_ARGUMENT when a transform does not apply to pictures of this size,
     *                               or transforms are asked for with YUV output; LIMIT_EXCEEDED when an image
     *                               on the way would be larger than {@code maxPixels}
     */
    public FrameConverter(OutputFormat format, DimensionOrder order, YuvToRgb yuvToRgb, int rotation, int codedWidth,
                          int codedHeight, List<Transform> transforms, long maxPixels) {
        this.format = format;
        this.order = order;
        this.yuvToRgb = yuvToRgb;
        this.rotation = Rotation.normalize(rotation);
        this.codedWidth = codedWidth;
        this.codedHeight = codedHeight;
        this.transforms = List.copyOf(transforms);
        this.maxPixels = maxPixels;
        int w = rotatedWidth();
        int h = rotatedHeight();
        if (!this.transforms.isEmpty() && format != OutputFormat.RGB24) {
            throw new VideoDecoderException(VideoDecoderException.Kind.INVALID_ARGUMENT,
                    "transforms apply to RGB24 output only, not " + format);
        }
        for (Transform t : this.transforms) {
            int[] size = t.outputSize(h, w); // checks that a crop fits
            if ((long) size[0] * size[1] > maxPixels || (long) size[0] * size[1] * 3 > Integer.MAX_VALUE - 64) {
                throw new VideoDecoderException(VideoDecoderException.Kind.LIMIT_EXCEEDED, t + " makes a " + size[1]
                        + "x" + size[0] + " image of a " + w + "x" + h + " frame: more than the " + maxPixels
                        + " pixels allowed (DecoderOptions.maxPictureSize)");
            }
            if (t instanceof Transform.CenterCrop c) {
                steps.add(new Window(c.top(h), c.left(w), size[0], size[1]));
            } else if (t instanceof Transform.Crop c) {
                steps.add(new Window(c.top(), c.left(), size[0], size[1]));
            } else if (t instanceof Transform.RandomCrop c) {
                int[] at = c.place(h, w);
                steps.add(new Window(at[0], at[1], size[0], size[1]));
            } else if (size[0] != h || size[1] != w) {
                Transform.Interpolation f = t instanceof Transform.Resize r ? r.interpolation()
                        : ((Transform.ResizeShorterSide) t).interpolation();
                steps.add(new Resampler(w, h, size[1], size[0], f));
            }
            h = size[0];
            w = size[1];
        }
        this.outWidth = w;
        this.outHeight = h;
    }

    /**
     * A converter like this one (format, order, rotation, transforms) for pictures of another size or colour
     * description (a stream that changes them with new parameter sets); with scratch buffers of its own.
     */
    public FrameConverter with(int codedWidth, int codedHeight, YuvToRgb colour) {
        return new FrameConverter(format, order, colour, rotation, codedWidth, codedHeight, transforms, maxPixels);
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

    /** Output width (after rotation and transforms). */
    public int width() {
        return outWidth;
    }

    /** Output height (after rotation and transforms). */
    public int height() {
        return outHeight;
    }

    /** Width after rotation, before transforms (the stream's displayed width). */
    public int rotatedWidth() {
        return Rotation.swapsAxes(rotation) ? codedHeight : codedWidth;
    }

    /** Height after rotation, before transforms. */
    public int rotatedHeight() {
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
        return Math.multiplyExact(Math.multiplyExact(outWidth, outHeight), 3);
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
        if (!transforms.isEmpty()) {
            convertTransformed(f, dst, off);
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

    /**
     * RGB with transforms: the rotated frame interleaved in a scratch buffer, each crop a window of the image so
     * far, each resampling into the other scratch buffer, then the last image into {@code dst} in the output's
     * dimension order.
     */
    private void convertTransformed(DecodedFrame f, byte[] dst, int off) {
        int w = f.width();
        int h = f.height();
        byte[] img;
        if (rotation == 0) {
            // a crop first: only its rows are converted (the window reads nothing else)
            int row0 = 0;
            int row1 = h;
            if (!steps.isEmpty() && steps.get(0) instanceof Window c) {
                row0 = c.top;
                row1 = c.top + c.height;
            }
            img = scratch2 = grow(scratch2, 3 * w * h);
            yuvToRgb.toInterleaved(f.y(), f.yOffset(), f.yStride(), f.u(), f.uOffset(), f.uStride(), f.v(), f.vOffset(),
                    f.vStride(), w, row0, row1, img, 0, w * 3);
        } else {
            byte[] s = scratch(3 * w * h);
            yuvToRgb.toInterleaved(f.y(), f.yOffset(), f.yStride(), f.u(), f.uOffset(), f.uStride(), f.v(), f.vOffset(),
                    f.vStride(), w, 0, h, s, 0, w * 3);
            img = scratch2 = grow(scratch2, 3 * w * h);
            Rotation.rotate(s, 0, w * 3, w, h, 3, rotation, img, 0);
        }
        int vw = rotatedWidth();
        int vh = rotatedHeight();
        int vo = 0;
        int vs = 3 * vw;
        for (Object step : steps) {
            if (step instanceof Window c) {
                vo += c.top * vs + 3 * c.left;
                vh = c.height;
                vw = c.width;
            } else {
                Resampler r = (Resampler) step;
                byte[] out;
                if (img == scratch2) {
                    out = scratch3 = grow(scratch3, 3 * r.outWidth() * r.outHeight());
                } else {
                    out = scratch2 = grow(scratch2, 3 * r.outWidth() * r.outHeight());
                }
                r.resize(img, vo, vs, out, 0, 3 * r.outWidth());
                img = out;
                vw = r.outWidth();
                vh = r.outHeight();
                vo = 0;
                vs = 3 * vw;
            }
        }
        if (order == DimensionOrder.NHWC) {
            for (int y = 0; y < vh; y++) {
                System.arraycopy(img, vo + y * vs, dst, off + y * 3 * vw, 3 * vw);
            }
            return;
        }
        int n = vw * vh;
        for (int y = 0; y < vh; y++) {
            int p = vo + y * vs;
            int o = off + y * vw;
            for (int x = 0; x < vw; x++, p += 3, o++) {
                dst[o] = img[p];
                dst[o + n] = img[p + 1];
                dst[o + 2 * n] = img[p + 2];
            }
        }
    }

    /** A crop: the window of the image so far whose top-left sample is at row {@code top}, column {@code left}. */
    private record Window(int top, int left, int height, int width) {
    }

    private static byte[] grow(byte[] b, int n) {
        return b == null || b.length < n ? new byte[n] : b;
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
