package org.purecodec.video;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Options of a {@link VideoDecoder}, built with {@link #builder()}; immutable.
 *
 * <pre>{@code
 * DecoderOptions opts = DecoderOptions.builder()
 *         .dimensionOrder(DimensionOrder.NHWC)
 *         .seekMode(SeekMode.APPROXIMATE)
 *         .build();
 * }</pre>
 */
public final class DecoderOptions {
    /** Stream index meaning "the best video stream". */
    public static final int BEST_STREAM = -1;

    private static final DecoderOptions DEFAULTS = builder().build();

    private final int streamIndex;
    private final DimensionOrder dimensionOrder;
    private final OutputFormat outputFormat;
    private final int threads;
    private final ThreadType threadType;
    private final SeekMode seekMode;
    private final List<FrameMapping> customFrameMappings;
    private final long maxInputStreamBytes;
    private final boolean applyRotation;
    private final int maxWidth;
    private final int maxHeight;
    private final long maxPixels;
    private final long maxDpbBytes;
    private final int maxSamples;
    private final int maxSampleSize;
    private final ErrorPolicy errorPolicy;
    private final int parallelism;
    private final List<Transform> transforms;

    private DecoderOptions(Builder b) {
        this.streamIndex = b.streamIndex;
        this.dimensionOrder = b.dimensionOrder;
        this.outputFormat = b.outputFormat;
        this.threads = b.threads;
        this.threadType = b.threadType;
        this.seekMode = b.seekMode;
        this.customFrameMappings = b.customFrameMappings == null ? null
                : Collections.unmodifiableList(new ArrayList<>(b.customFrameMappings));
        this.maxInputStreamBytes = b.maxInputStreamBytes;
        this.applyRotation = b.applyRotation;
        this.maxWidth = b.maxWidth;
        this.maxHeight = b.maxHeight;
        this.maxPixels = b.maxPixels;
        this.maxDpbBytes = b.maxDpbBytes;
        this.maxSamples = b.maxSamples;
        this.maxSampleSize = b.maxSampleSize;
        this.errorPolicy = b.errorPolicy;
        this.parallelism = b.parallelism;
        this.transforms = List.copyOf(b.transforms);
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.streamIndex = streamIndex;
        b.dimensionOrder = dimensionOrder;
        b.outputFormat = outputFormat;
        b.threads = threads;
        b.threadType = threadType;
        b.seekMode = seekMode;
        b.customFrameMappings = customFrameMappings == null ? null : new ArrayList<>(customFrameMappings);
        b.maxInputStreamBytes = maxInputStreamBytes;
        b.applyRotation = applyRotation;
        b.maxWidth = maxWidth;
        b.maxHeight = maxHeight;
        b.maxPixels = maxPixels;
        b.maxDpbBytes = maxDpbBytes;
        b.maxSamples = maxSamples;
        b.maxSampleSize = maxSampleSize;
        b.errorPolicy = errorPolicy;
        b.parallelism = parallelism;
        b.transforms = new ArrayList<>(transforms);
        return b;
    }

    /**
     * How many decoders batch requests may use at once (default 1). Above 1, {@code getFramesAt},
     * {@code getFramesInRange}, {@code getFramesPlayedAt}/{@code InRange} and the samplers cut the work
     * at key frames into chunks of equal decoding cost and decode them on that many virtual threads
     * (platform threads on Java 17), each with its own decoder over the same file. Used for MP4/MOV
     * files opened from a path or a byte array with {@link ErrorPolicy#FAIL}; otherwise requests run
     * on one decoder. Results are identical either way.
     */
    public int parallelism() {
        return parallelism;
    }

    /** The transforms applied to every frame, in order (default none); see {@link Transform}. */
    public List<Transform> transforms() {
        return transforms;
    }

    /** What happens to corrupt frames (default {@link ErrorPolicy#FAIL}). */
    public ErrorPolicy errorPolicy() {
        return errorPolicy;
    }

    /** Largest coded picture width accepted (default 8192). */
    public int maxWidth() {
        return maxWidth;
    }

    /** Largest coded picture height accepted (default 8192). */
    public int maxHeight() {
        return maxHeight;
    }

    /** Largest coded picture area accepted, in pixels (default 36 Mpixel). */
    public long maxPixels() {
        return maxPixels;
    }

    /**
     * Most memory the decoded picture buffer may need, in bytes, as the stream's SPS declares it
     * ((max_num_ref_frames + 1) pictures of 1.5 bytes per pixel; default 1 GiB).
     */
    public long maxDpbBytes() {
        return maxDpbBytes;
    }

    /** Most samples (frames) a track may have (default 16 Mi). */
    public int maxSamples() {
        return maxSamples;
    }

    /** Largest sample (coded frame) in bytes (default 64 MiB). */
    public int maxSampleSize() {
        return maxSampleSize;
    }

    /** The defaults: best video stream, NCHW, RGB24, 1 thread, EXACT seek mode. */
    public static DecoderOptions defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The stream (track) index in file order, or {@link #BEST_STREAM}. */
    public int streamIndex() {
        return streamIndex;
    }

    /** Layout of RGB frames. */
    public DimensionOrder dimensionOrder() {
        return dimensionOrder;
    }

    /** What frames hold. */
    public OutputFormat outputFormat() {
        return outputFormat;
    }

    /**
     * Threads the H.264 decoder may use internally ({@link #threadType()}: frame threads by default, which
     * reconstruct several pictures at the same time).
     */
    public int threads() {
        return threads;
    }

    /** What the {@link #threads()} share out: pictures ({@link ThreadType#FRAME}, default) or slices. */
    public ThreadType threadType() {
        return threadType;
    }

    /** How indices and timestamps are mapped. */
    public SeekMode seekMode() {
        return seekMode;
    }

    /** The custom frame index replacing the container's, or null. */
    public List<FrameMapping> customFrameMappings() {
        return customFrameMappings;
    }

    /** Largest input read into memory when opening from an {@code InputStream}. */
    public long maxInputStreamBytes() {
        return maxInputStreamBytes;
    }

    /**
     * Whether frames are rotated by the stream's display rotation (default true, as FFmpeg and
     * TorchCodec do); false gives the pictures as coded.
     */
    public boolean applyRotation() {
        return applyRotation;
    }

    /** A builder of {@link DecoderOptions}. */
    public static final class Builder {
        private int streamIndex = BEST_STREAM;
        private DimensionOrder dimensionOrder = DimensionOrder.NCHW;
        private OutputFormat outputFormat = OutputFormat.RGB24;
        private int threads = 1;
        private ThreadType threadType = ThreadType.FRAME;
        private SeekMode seekMode = SeekMode.EXACT;
        private List<FrameMapping> customFrameMappings;
        private long maxInputStreamBytes = Integer.MAX_VALUE - 64;
        private boolean applyRotation = true;
        private int maxWidth = 8192;
        private int maxHeight = 8192;
        private long maxPixels = 36L << 20;
        private long maxDpbBytes = 1L << 30;
        private int maxSamples = 1 << 24;
        private int maxSampleSize = 64 << 20;
        private ErrorPolicy errorPolicy = ErrorPolicy.FAIL;
        private int parallelism = 1;
        private List<Transform> transforms = new ArrayList<>();

        private Builder() {
        }

        /** Decoders batch requests may use at once, 1 to 256 (default 1); see {@link DecoderOptions#parallelism()}. */
        public Builder parallelism(int n) {
            if (n < 1 || n > 256) {
                throw new VideoDecoderException(VideoDecoderException.Kind.INVALID_ARGUMENT,
                        "parallelism must be in [1, 256], got " + n);
            }
            this.parallelism = n;
            return this;
        }

        /** FAIL (default), SKIP or CONCEAL corrupt frames. */
        public Builder errorPolicy(ErrorPolicy policy) {
            this.errorPolicy = Objects.requireNonNull(policy, "errorPolicy");
            return this;
        }

        /**
         * Limits for hostile input: pictures larger than {@code maxWidth x maxHeight} or than
         * {@code maxPixels} are refused with {@code LIMIT_EXCEEDED} before any picture memory is
         * allocated. Defaults 8192 x 8192 and 36 Mpixel.
         */
        public Builder maxPictureSize(int maxWidth, int maxHeight, long maxPixels) {
            if (maxWidth < 16 || maxHeight < 16 || maxPixels < 256) {
                throw new VideoDecoderException(VideoDecoderException.Kind.INVALID_ARGUMENT,
                        "picture size limits too small: " + maxWidth + "x" + maxHeight + ", " + maxPixels + " pixels");
            }
            this.maxWidth = maxWidth;
            this.maxHeight = maxHeight;
            this.maxPixels = maxPixels;
            return this;
        }

        /** Most memory the decoded picture buffer may need (default 1 GiB). */
        public Builder maxDpbBytes(long bytes) {
            if (bytes < 1024) {
                throw new VideoDecoderException(VideoDecoderException.Kind.INVALID_ARGUMENT,
                        "maxDpbBytes must be >= 1024, got " + bytes);
            }
            this.maxDpbBytes = bytes;
            return this;
        }

        /** Most samples per track and largest sample in bytes (defaults 16 Mi and 64 MiB). */
        public Builder maxSamples(int maxSamples, int maxSampleSize) {
            if (maxSamples < 1 || maxSampleSize < 1) {
                throw new VideoDecoderException(VideoDecoderException.Kind.INVALID_ARGUMENT,
                        "sample limits must be positive: " + maxSamples + ", " + maxSampleSize);
            }
            this.maxSamples = maxSamples;
            this.maxSampleSize = maxSampleSize;
            return this;
        }

        /** Rotate frames by the display rotation (default true); false: pictures as coded. */
        public Builder applyRotation(boolean apply) {
            this.applyRotation = apply;
            return this;
        }

        /** The stream (track) index in file order, or {@link #BEST_STREAM} (default). */
        public Builder streamIndex(int streamIndex) {
            if (streamIndex < BEST_STREAM) {
                throw new VideoDecoderException(VideoDecoderException.Kind.INVALID_ARGUMENT,
                        "stream index must be >= 0 (or BEST_STREAM), got " + streamIndex);
            }
            this.streamIndex = streamIndex;
            return this;
        }

        /** NCHW (default) or NHWC. */
        public Builder dimensionOrder(DimensionOrder order) {
            this.dimensionOrder = Objects.requireNonNull(order, "dimensionOrder");
            return this;
        }

        /** RGB24 (default) or YUV420P. */
        public Builder outputFormat(OutputFormat format) {
            this.outputFormat = Objects.requireNonNull(format, "outputFormat");
            return this;
        }

        /** What the internal threads share out: pictures (default) or the slices of a picture. */
        public Builder threadType(ThreadType type) {
            this.threadType = Objects.requireNonNull(type, "threadType");
            return this;
        }

        /**
         * Internal decoder threads, 1 to 64 (default 1): frame threads, or slice threads with
         * {@link #threadType(ThreadType) threadType(SLICE)}.
         */
        public Builder threads(int threads) {
            if (threads < 1 || threads > 64) {
                throw new VideoDecoderException(VideoDecoderException.Kind.INVALID_ARGUMENT,
                        "threads must be in [1, 64], got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** EXACT (default) or APPROXIMATE. */
        public Builder seekMode(SeekMode mode) {
            this.seekMode = Objects.requireNonNull(mode, "seekMode");
            return this;
        }

        /**
         * A frame index to use instead of the container's: each mapping must name the pts of a frame
         * the container presents. Frames are ordered by pts.
         */
        public Builder customFrameMappings(List<FrameMapping> mappings) {
            this.customFrameMappings = mappings == null ? null : new ArrayList<>(mappings);
            return this;
        }

        /** Largest input read into memory when opening from an {@code InputStream} (default ~2 GiB). */
        public Builder maxInputStreamBytes(long bytes) {
            if (bytes < 1 || bytes > Integer.MAX_VALUE - 64) {
                throw new VideoDecoderException(VideoDecoderException.Kind.INVALID_ARGUMENT,
                        "maxInputStreamBytes must be in [1, " + (Integer.MAX_VALUE - 64) + "], got " + bytes);
            }
            this.maxInputStreamBytes = bytes;
            return this;
        }

        /**
         * Transforms applied to every frame after rotation, in this order (replacing any given before; none by
         * default): resizing and cropping as torchvision does it, see {@link Transform}. Frames then come out at
         * the size the last one gives; {@link VideoMetadata} keeps the stream's size. RGB24 output only.
         *
         * <pre>{@code
         * DecoderOptions.builder()
         *         .transforms(Transform.resizeShorterSide(256), Transform.centerCrop(224, 224))
         *         .build();
         * }</pre>
         */
        public Builder transforms(Transform... transforms) {
            return transforms(java.util.Arrays.asList(Objects.requireNonNull(transforms, "transforms")));
        }

        /** {@link #transforms(Transform...)} from a list. */
        public Builder transforms(List<Transform> transforms) {
            List<Transform> list = new ArrayList<>(Objects.requireNonNull(transforms, "transforms"));
            for (Transform t : list) {
                Objects.requireNonNull(t, "a transform is null");
            }
            this.transforms = list;
            return this;
        }

        /**
         * The options.
         *
         * @throws VideoDecoderException INVALID_ARGUMENT for transforms with YUV420P output
         */
        public DecoderOptions build() {
            if (!transforms.isEmpty() && outputFormat != OutputFormat.RGB24) {
                throw new VideoDecoderException(VideoDecoderException.Kind.INVALID_ARGUMENT,
                        "transforms apply to RGB24 output only, not " + outputFormat);
            }
            return new DecoderOptions(this);
        }
    }
}
