package org.purecodec.video;

/**
 * A change applied to every RGB frame as it is decoded ({@link DecoderOptions.Builder#transforms}), after
 * the stream's rotation, in the order given: the frames of a {@link FrameBatch} then come out at the size the
 * last transform gives, and no full-size copy of them is kept. As TorchCodec's decoder-native transforms:
 * resizing and cropping each frame before handing it over saves the memory of frames that a model would shrink
 * anyway (the frame is converted to RGB whole first, as the resizing must see it; a crop that comes first
 * converts only its rows).
 *
 * <ul>
 *   <li>{@link #resize(int, int)}: bilinear resampling with antialiasing when shrinking, computed as Pillow's
 *       {@code Image.resize(size, Image.BILINEAR)} computes it on an RGB image, bit for bit: a triangle filter
 *       widened by the scale factor when shrinking, coefficients in 22-bit fixed point, a horizontal pass and
 *       then a vertical one, each rounded to 8 bits. torchvision's default {@code Resize} uses this filter: on
 *       a PIL image it is Pillow's, so the same bytes; on a uint8 tensor torch's own kernel runs, which differs
 *       from Pillow's by one level in a few samples (up to 1% of them in the cases measured).
 *       {@link #resize(int, int, Interpolation)} takes any of Pillow's other filters ({@link Interpolation}),
 *       as bit-exact: {@code BICUBIC} is what CLIP-style preprocessing ({@code Resize(224,
 *       interpolation=BICUBIC)}, {@code CenterCrop(224)}) runs on PIL images.</li>
 *   <li>{@link #resizeShorterSide(int)}: as torchvision's {@code Resize(size)} with one number: the shorter
 *       side becomes {@code size} and the longer one keeps the aspect ratio (rounded down); with a filter of
 *       choice, {@link #resizeShorterSide(int, Interpolation)}.</li>
 *   <li>{@link #centerCrop(int, int)}: as torchvision's {@code CenterCrop}: the window's top-left corner at
 *       half the difference of the sizes, rounded half to even as Python's {@code round}.</li>
 *   <li>{@link #crop(int, int, int, int)}: a window at a given place.</li>
 *   <li>{@link #randomCrop(int, int, long)}: as TorchCodec's decoder-native {@code RandomCrop}: a window at a
 *       random place, chosen once (not per frame), here from a seed, so that the same seed gives the same
 *       window on every run, in every worker process, on every JVM; {@link #randomCrop(int, int)} draws the
 *       seed.</li>
 * </ul>
 *
 * A crop larger than the frame it applies to is {@code INVALID_ARGUMENT} (torchvision would pad). Transforms
 * need {@link OutputFormat#RGB24}.
 */
public sealed interface Transform {

    /**
     * The resampling filters, each as Pillow's {@code Image.resize} computes it on an RGB image (the filters of
     * torchvision's {@code InterpolationMode} with the same names, on PIL images). All but {@code NEAREST}
     * convolve with antialiasing when shrinking (the filter widened by the scale factor).
     */
    enum Interpolation {
        /** Each output pixel is the input pixel under its centre ({@code Image.NEAREST}). */
        NEAREST,
        /** Box filter, support 0.5: the mean of the input pixels under the output pixel ({@code Image.BOX}). */
        BOX,
        /** Triangle filter, support 1 ({@code Image.BILINEAR}; torchvision's default). */
        BILINEAR,
        /** Hamming-windowed sinc, support 1 ({@code Image.HAMMING}). */
        HAMMING,
        /** Keys' cubic convolution with a = -0.5, support 2 ({@code Image.BICUBIC}). */
        BICUBIC,
        /** Lanczos with three lobes, support 3 ({@code Image.LANCZOS}). */
        LANCZOS
    }

    /** Resamples the frame to {@code width} x {@code height}, bilinear (see {@link Transform}). */
    static Transform resize(int height, int width) {
        return new Resize(height, width);
    }

    /** Resamples the frame to {@code width} x {@code height} with that filter. */
    static Transform resize(int height, int width, Interpolation interpolation) {
        return new Resize(height, width, interpolation);
    }

    /** Resamples the frame so that its shorter side is {@code size}, keeping its aspect ratio; bilinear. */
    static Transform resizeShorterSide(int size) {
        return new ResizeShorterSide(size);
    }

    /** As {@link #resizeShorterSide(int)}, with that filter. */
    static Transform resizeShorterSide(int size, Interpolation interpolation) {
        return new ResizeShorterSide(size, interpolation);
    }

    /** The centred {@code height} x {@code width} window of the frame. */
    static Transform centerCrop(int height, int width) {
        return new CenterCrop(height, width);
    }

    /** The {@code height} x {@code width} window whose top-left sample is at row {@code top}, column {@code left}. */
    static Transform crop(int top, int left, int height, int width) {
        return new Crop(top, left, height, width);
    }

    /**
     * The {@code height} x {@code width} window at a place drawn from {@code seed}: for a frame of H x W,
     * row {@code top} uniform in [0, H - height] and column {@code left} uniform in [0, W - width], drawn from
     * {@code new SplittableRandom(seed)} (top first). The same for every frame of that size.
     */
    static Transform randomCrop(int height, int width, long seed) {
        return new RandomCrop(height, width, seed);
    }

    /** As {@link #randomCrop(int, int, long)} with a seed drawn now ({@link RandomCrop#seed()} tells which). */
    static Transform randomCrop(int height, int width) {
        return new RandomCrop(height, width, java.util.concurrent.ThreadLocalRandom.current().nextLong());
    }

    /**
     * The size this transform gives a frame of {@code width} x {@code height}: {@code {height, width}}.
     *
     * @throws VideoDecoderException INVALID_ARGUMENT when it does not apply to such a frame (a crop that does
     *                               not fit in it)
     */
    int[] outputSize(int height, int width);

    /** Resampling to a fixed size. */
    record Resize(int height, int width, Interpolation interpolation) implements Transform {
        public Resize {
            positive("resize", height, width);
            given("resize", interpolation);
        }

        /** Bilinear. */
        public Resize(int height, int width) {
            this(height, width, Interpolation.BILINEAR);
        }

        @Override
        public int[] outputSize(int h, int w) {
            return new int[] {height, width};
        }
    }

    /** Resampling so that the shorter side is {@code size}. */
    record ResizeShorterSide(int size, Interpolation interpolation) implements Transform {
        public ResizeShorterSide {
            positive("resizeShorterSide", size, size);
            given("resizeShorterSide", interpolation);
        }

        /** Bilinear. */
        public ResizeShorterSide(int size) {
            this(size, Interpolation.BILINEAR);
        }

        @Override
        public int[] outputSize(int h, int w) {
            // as torchvision: new_long = int(size * long / short) in double precision
            if (w <= h) {
                return new int[] {(int) ((double) size * h / w), size};
            }
            return new int[] {size, (int) ((double) size * w / h)};
        }
    }

    /** A centred window. */
    record CenterCrop(int height, int width) implements Transform {
        public CenterCrop {
            positive("centerCrop", height, width);
        }

        @Override
        public int[] outputSize(int h, int w) {
            fits("centerCrop", -1, -1, height, width, h, w);
            return new int[] {height, width};
        }

        /** Top row of the window in a frame of height {@code h}. */
        public int top(int h) {
            return (int) Math.rint((h - height) / 2.0);
        }

        /** Left column of the window in a frame of width {@code w}. */
        public int left(int w) {
            return (int) Math.rint((w - width) / 2.0);
        }
    }

    /** A window at a given place. */
    record Crop(int top, int left, int height, int width) implements Transform {
        public Crop {
            positive("crop", height, width);
            if (top < 0 || left < 0) {
                throw new VideoDecoderException(VideoDecoderException.Kind.INVALID_ARGUMENT,
                        "crop: top and left must be at least 0, got " + top + ", " + left);
            }
        }

        @Override
        public int[] outputSize(int h, int w) {
            fits("crop", top, left, height, width, h, w);
            return new int[] {height, width};
        }
    }

    /** A window at a place drawn from a seed. */
    record RandomCrop(int height, int width, long seed) implements Transform {
        public RandomCrop {
            positive("randomCrop", height, width);
        }

        @Override
        public int[] outputSize(int h, int w) {
            fits("randomCrop", -1, -1, height, width, h, w);
            return new int[] {height, width};
        }

        /**
         * Where the window lies in a frame of {@code h} x {@code w}: {@code {top, left}}.
         *
         * @throws VideoDecoderException INVALID_ARGUMENT when it does not fit
         */
        public int[] place(int h, int w) {
            fits("randomCrop", -1, -1, height, width, h, w);
            java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
            int top = r.nextInt(h - height + 1);
            int left = r.nextInt(w - width + 1);
            return new int[] {top, left};
        }
    }

    private static void positive(String what, int height, int width) {
        if (height < 1 || width < 1 || height > 65536 || width > 65536) {
            throw new VideoDecoderException(VideoDecoderException.Kind.INVALID_ARGUMENT,
                    what + ": height and width must be in [1, 65536], got " + height + " x " + width);
        }
    }

    private static void given(String what, Interpolation interpolation) {
        if (interpolation == null) {
            throw new VideoDecoderException(VideoDecoderException.Kind.INVALID_ARGUMENT, what + ": no interpolation given");
        }
    }

    /** Checks that the window at {@code top}, {@code left} (-1, -1: centred) fits in an h x w frame. */
    private static void fits(String what, int top, int left, int height, int width, int h, int w) {
        if ((long) Math.max(top, 0) + height > h || (long) Math.max(left, 0) + width > w) {
            throw new VideoDecoderException(VideoDecoderException.Kind.INVALID_ARGUMENT, what + ": a " + height + "x"
                    + width + " window" + (top < 0 ? "" : " at row " + top + ", column " + left) + " does not fit in a "
                    + h + "x" + w + " frame (height x width)");
        }
    }
}
