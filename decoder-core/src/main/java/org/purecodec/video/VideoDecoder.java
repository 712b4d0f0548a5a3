package org.purecodec.video;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.purecodec.h264.DecodedFrame;
import org.purecodec.h264.H264Decoder;
import org.purecodec.h264.H264Exception;
import org.purecodec.h264.SequenceInfo;
import org.purecodec.mp4.AvcConfig;
import org.purecodec.mp4.ColourInfo;
import org.purecodec.mp4.Mp4Demuxer;
import org.purecodec.mp4.Mp4FormatException;
import org.purecodec.mp4.Mp4Limits;
import org.purecodec.mp4.Track;
import org.purecodec.mp4.TrackMetadata;
import org.purecodec.video.VideoDecoderException.Kind;
import org.purecodec.video.convert.Rotation;
import org.purecodec.video.convert.YuvToRgb;
import org.purecodec.video.internal.DescriptionParameterSets;
import org.purecodec.video.internal.FieldPictures;
import org.purecodec.video.internal.FrameConverter;
import org.purecodec.video.internal.FrameDecoder;
import org.purecodec.video.internal.FrameIndex;
import org.purecodec.video.internal.Mp4Source;
import org.purecodec.video.internal.StreamHeader;
import org.purecodec.video.internal.StreamSource;
import org.purecodec.video.internal.AnnexBSource;
import org.purecodec.video.parallel.ParallelDecoder;
import org.purecodec.video.parallel.ParallelOptions;
import org.purecodec.video.parallel.ParallelStrategy;
import org.purecodec.video.parallel.SplitMode;

/**
 * Decodes frames of the H.264 video stream of an MP4 or MOV file, by index or by time, the way
 * TorchCodec's {@code VideoDecoder} does.
 *
 * <pre>{@code
 * try (VideoDecoder decoder = VideoDecoder.open(Paths.get("video.mp4"))) {
 *     VideoMetadata m = decoder.metadata();
 *     Frame first = decoder.getFrameAt(0);              // RGB24, shape [3, H, W]
 *     FrameBatch some = decoder.getFramesAt(0, 10, 20);  // shape [3, 3, H, W]
 *     Frame at2s = decoder.getFramePlayedAt(2.0);
 * }
 * }</pre>
 *
 * <p>Frame index {@code i} is the i-th frame in presentation order after the container's edit list
 * (in {@link SeekMode#EXACT}); negative indices count from the end. Frames are bit-exact with FFmpeg:
 * YUV planes equal {@code ffmpeg -f framemd5}'s, RGB equals FFmpeg's default {@code rgb24} conversion,
 * with the display rotation applied as FFmpeg does.
 *
 * <p>Thread safety: every method is {@code synchronized}; a decoder can be shared but decodes one
 * request at a time. For parallel decoding open one decoder per thread.
 *
 * <p>Errors are {@link VideoDecoderException}s whose {@link VideoDecoderException#kind() kind} says what
 * happened; the message says where.
 */
public final class VideoDecoder implements AutoCloseable {
    private final StreamSource source;
    private final DecoderOptions options;
    private final VideoMetadata metadata;
    private final FrameIndex index;
    private final FrameConverter converter;
    private final FrameDecoder frames;
    /** The last correctly decoded frame's output bytes (ErrorPolicy.CONCEAL only), or null. */
    private byte[] lastGood;
    /** The converter of {@link #lastGood}'s size. */
    private FrameConverter lastGoodConverter;
    /**
     * The converter for pictures of another size or colour description than the stream's first (a stream may change
     * them with new parameter sets), or null.
     */
    private FrameConverter otherSize;
    /** The matrix_coefficients of the container's colr box when it gives one (it then applies to every frame), else -1. */
    private final int colrMatrix;
    /** Whether the container's colr box says full range. */
    private final boolean colrFullRange;
    /** Where the file came from, for parallel batch decoding (a Path or a byte[]; null otherwise). */
    private Object origin;
    private boolean closed;

    /** What a container tells about the selected stream, before any decoding. */
    private record Setup(StreamSource source, StreamHeader header, SequenceInfo sps, int streamIndex, String codec,
                         int rotation, int colrMatrix, int colrPrimaries, int colrTransfer, boolean colrFullRange,
                         int keyFrameCount, int profile, int level) {
    }

    private VideoDecoder(Setup s, DecoderOptions options) {
        this.source = s.source();
        this.options = options;
        SequenceInfo sps = s.sps();
        checkLimits(sps, options, s.streamIndex());
        this.index = new FrameIndex(source, s.header(), options.seekMode(), options.customFrameMappings());
        int rotation = options.applyRotation() ? Rotation.normalize(roundRotation(s.rotation())) : 0;
        this.colrMatrix = s.colrMatrix() >= 0 && s.colrMatrix() != 2 ? s.colrMatrix() : -1;
        this.colrFullRange = s.colrFullRange();
        int matrix = colrMatrix >= 0 ? colrMatrix : sps.matrixCoefficients();
        boolean fullRange = sps.fullRange() || colrFullRange;
        int primaries = s.colrPrimaries() >= 0 && s.colrPrimaries() != 2 ? s.colrPrimaries() : sps.colourPrimaries();
        int transfer = s.colrTransfer() >= 0 && s.colrTransfer() != 2 ? s.colrTransfer() : sps.transferCharacteristics();
        this.converter = new FrameConverter(options.outputFormat(), options.dimensionOrder(),
                YuvToRgb.of(YuvToRgb.Matrix.fromCode(matrix), fullRange), rotation, sps.width(), sps.height(),
                options.transforms(), options.maxPixels());
        StreamHeader h = s.header();
        double ts = h.timescale();
        double contentBegin = source.framePts(0) / ts;
        int last = source.frameCount() - 1;
        double contentEnd = (source.framePts(last) + source.frameDuration(last)) / ts;
        this.metadata = new VideoMetadata(s.streamIndex(), s.codec(), converter.rotatedWidth(),
                converter.rotatedHeight(), sps.width(),
                sps.height(), rotation, index.end() - index.begin(), index.begin(), index.end(), index.numFrames(),
                index.fps(), h.durationSeconds(), h.sampleCount(), h.averageFps(), source.frameCount(),
                contentBegin, contentEnd, h.bitRate(), s.keyFrameCount(), h.timescale(),
                fullRange ? "yuvj420p" : "yuv420p", fullRange ? "pc" : "tv", ColourNames.matrix(matrix),
                ColourNames.primaries(primaries), ColourNames.transfer(transfer), s.profile(), s.level());
        this.frames = new FrameDecoder(source, options.errorPolicy() != ErrorPolicy.FAIL, options.threads(),
                options.threadType() == ThreadType.SLICE ? H264Decoder.ThreadType.SLICE : H264Decoder.ThreadType.FRAME,
                later -> limitExceeded(later, options));
    }

    private static SequenceInfo parseSps(byte[] nal, int stream) {
        try {
            return SequenceInfo.parse(nal);
        } catch (H264Exception e) {
            throw new VideoDecoderException(e.kind() == H264Exception.Kind.UNSUPPORTED ? Kind.UNSUPPORTED
                    : Kind.INVALID_DATA, "stream " + stream + ": " + e.getMessage(), e);
        }
    }

    /**
     * A track whose samples use several sample descriptions is decoded with each sample's own parameter sets
     * ({@code Mp4Source}); each description used must have an SPS the decoder takes, within the options' limits
     * (checked here so that the open fails rather than a frame). A description may change the picture size: its
     * frames come out at their own size (see {@link VideoMetadata#width()}).
     */
    private static void checkOtherDescriptions(Track track, AvcConfig[] configs, int first, DecoderOptions options) {
        for (int d : track.samples().descriptionsUsed()) {
            if (d == first) {
                continue;
            }
            SequenceInfo sps = parseSps(configs[d].sps().get(0), track.index());
            String exceeded = limitExceeded(sps, options);
            if (exceeded != null) {
                throw new VideoDecoderException(Kind.LIMIT_EXCEEDED, "stream " + track.index() + ", sample description "
                        + (d + 1) + ": " + exceeded);
            }
        }
    }

    /**
     * The setup of an MP4/MOV file's selected H.264 track. Parameter sets come from each sample description's
     * avcC, or for an avc3 description without them from its first samples ({@link DescriptionParameterSets}).
     */
    private static Setup mp4Setup(Mp4Demuxer demuxer, DecoderOptions options) {
        Track track = selectTrack(demuxer, options.streamIndex());
        AvcConfig avc = track.sampleEntry() == null ? null : track.sampleEntry().avcConfig();
        TrackMetadata tm = track.metadata();
        if (avc == null) {
            throw new VideoDecoderException(Kind.UNSUPPORTED, "stream " + track.index() + " uses codec '" + tm.codec()
                    + "' (" + tm.fourcc().trim() + "); only H.264 (avc1/avc3) is supported");
        }
        if (track.presentation().frameCount() == 0) {
            throw new VideoDecoderException(Kind.INVALID_DATA, "stream " + track.index() + " has no frames");
        }
        AvcConfig[] configs = DescriptionParameterSets.of(demuxer, track);
        int first = track.samples().sampleDescription(0);
        SequenceInfo sps = parseSps(configs[first].sps().get(0), track.index());
        checkOtherDescriptions(track, configs, first, options);
        if (!sps.frameMbsOnly()) {
            FieldPictures.refuseAtStart(demuxer, track, configs[first]);
        }
        ColourInfo colr = tm.colour();
        boolean colrValid = colr != null && colr.matrixCoefficients() >= 0;
        StreamHeader header = StreamHeader.of(tm);
        return new Setup(new Mp4Source(demuxer, track, configs), header, sps, track.index(), tm.codec(), tm.rotation(),
                colrValid ? colr.matrixCoefficients() : -1, colrValid ? colr.colourPrimaries() : -1,
                colrValid ? colr.transferCharacteristics() : -1, colrValid && colr.fullRange(), tm.keyFrameCount(),
                tm.profile(), tm.level());
    }

    /** The setup of a raw Annex B stream held in memory (one scan of its access units). */
    private static Setup annexBSetup(byte[] data) {
        AnnexBSource src;
        try {
            src = new AnnexBSource(data);
        } catch (H264Exception e) {
            Kind kind = e.kind() == H264Exception.Kind.UNSUPPORTED ? Kind.UNSUPPORTED
                    : e.kind() == H264Exception.Kind.TRUNCATED ? Kind.TRUNCATED : Kind.INVALID_DATA;
            throw new VideoDecoderException(kind, "raw H.264 stream: " + e.getMessage(), e);
        }
        byte[] spsNal = src.firstSps();
        if (spsNal == null || src.frameCount() == 0) {
            throw new VideoDecoderException(Kind.INVALID_DATA, "raw H.264 stream: no " + (spsNal == null
                    ? "sequence parameter set" : "picture") + " found in " + data.length + " bytes");
        }
        SequenceInfo sps = parseSps(spsNal, 0);
        int n = src.frameCount();
        double fps = (double) src.timescale() / src.frameDuration(0);
        double duration = n / fps;
        StreamHeader header = new StreamHeader(src.timescale(), n, fps, 0, duration, duration,
                (long) (data.length * 8L / duration));
        return new Setup(src, header, sps, 0, "h264", 0, -1, -1, -1, false, src.keyFrames().length,
                sps.profileIdc(), sps.levelIdc());
    }

    private static void checkLimits(SequenceInfo sps, DecoderOptions o, int stream) {
        String exceeded = limitExceeded(sps, o);
        if (exceeded != null) {
            throw new VideoDecoderException(Kind.LIMIT_EXCEEDED, "stream " + stream + ": " + exceeded);
        }
    }

    /**
     * What of {@code sps} exceeds the options' limits, or null: checked for the stream's first SPS at open, and by
     * the H.264 decoder for every SPS a picture activates later (a stream may change its picture size).
     */
    private static String limitExceeded(SequenceInfo sps, DecoderOptions o) {
        long pixels = (long) sps.codedWidth() * sps.codedHeight();
        if (sps.codedWidth() > o.maxWidth() || sps.codedHeight() > o.maxHeight() || pixels > o.maxPixels()) {
            return "coded picture " + sps.codedWidth() + "x" + sps.codedHeight() + " exceeds the limit of "
                    + o.maxWidth() + "x" + o.maxHeight() + " / " + o.maxPixels() + " pixels (DecoderOptions.maxPictureSize)";
        }
        // per picture of the H.264 decoder: 4:2:0 planes with 32-sample borders (16 for chroma) and 19 bytes
        // of motion data per 4x4 block (two vectors, two reference indices, two picture ids, a mode)
        long perPicture = (sps.codedWidth() + 64L) * (sps.codedHeight() + 64L) * 3 / 2 + pixels / 16 * 19;
        long dpb = (Math.max(sps.maxNumRefFrames(), Math.max(0, sps.maxNumReorderFrames())) + 1L) * perPicture;
        if (dpb > o.maxDpbBytes()) {
            return "its decoded picture buffer needs " + dpb + " bytes (" + sps.maxNumRefFrames()
                    + " reference frames of " + sps.codedWidth() + "x" + sps.codedHeight() + "), more than the limit of "
                    + o.maxDpbBytes() + " (DecoderOptions.maxDpbBytes)";
        }
        return null;
    }

    private static int roundRotation(int degrees) {
        return Math.round(degrees / 90.0f) * 90;
    }

    private static Track selectTrack(Mp4Demuxer demuxer, int streamIndex) {
        List<Track> tracks = demuxer.tracks();
        if (streamIndex == DecoderOptions.BEST_STREAM) {
            Track best = demuxer.bestVideoTrack();
            if (best == null) {
                throw new VideoDecoderException(Kind.NO_VIDEO_STREAM, "the file has no video stream ("
                        + tracks.size() + " stream(s))");
            }
            return best;
        }
        if (streamIndex >= tracks.size()) {
            throw new VideoDecoderException(Kind.INVALID_STREAM, "stream index " + streamIndex + " does not exist: the"
                    + " file has " + tracks.size() + " stream(s)");
        }
        Track t = tracks.get(streamIndex);
        if (!t.isVideo()) {
            throw new VideoDecoderException(Kind.INVALID_STREAM, "stream " + streamIndex + " is not a video stream"
                    + " (it is " + t.metadata().mediaType() + ")");
        }
        return t;
    }

    // ---------------------------------------------------------------------------------------- open

    /** Opens a file with the default options. */
    public static VideoDecoder open(Path file) {
        return open(file, DecoderOptions.defaults());
    }

    /** Opens a file. */
    public static VideoDecoder open(Path file, DecoderOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        if (startsWithStartCode(file)) {
            return openAnnexB(readAll(file, options), options);
        }
        VideoDecoder d = open(() -> Mp4Demuxer.open(file, limits(options)), options, file.toString());
        d.origin = file;
        return d;
    }

    /** Opens a file held in memory with the default options. */
    public static VideoDecoder open(byte[] data) {
        return open(data, DecoderOptions.defaults());
    }

    /** Opens a file held in memory. */
    public static VideoDecoder open(byte[] data, DecoderOptions options) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(options, "options");
        if (looksLikeAnnexB(data, data.length)) {
            return openAnnexB(data, options);
        }
        VideoDecoder d = open(() -> Mp4Demuxer.open(data, limits(options)), options, "byte[" + data.length + "]");
        d.origin = data;
        return d;
    }

    /**
     * Opens a channel (not closed by {@link #close()}: the caller owns it). Reads are positioned,
     * so the channel's position is changed.
     */
    public static VideoDecoder open(SeekableByteChannel channel, DecoderOptions options) {
        Objects.requireNonNull(channel, "channel");
        return open(() -> Mp4Demuxer.open(channel, limits(options)), options, "channel");
    }

    /**
     * Opens a stream by reading it whole into memory (at most {@link DecoderOptions#maxInputStreamBytes()});
     * the stream is read to its end but not closed.
     */
    public static VideoDecoder open(InputStream in, DecoderOptions options) {
        Objects.requireNonNull(in, "in");
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        byte[] chunk = new byte[1 << 16];
        long limit = options.maxInputStreamBytes();
        try {
            for (int r; (r = in.read(chunk)) > 0; ) {
                if (out.size() + (long) r > limit) {
                    throw new VideoDecoderException(Kind.LIMIT_EXCEEDED, "input stream is larger than "
                            + limit + " bytes (DecoderOptions.maxInputStreamBytes); open a file or channel instead");
                }
                out.write(chunk, 0, r);
            }
        } catch (IOException e) {
            throw new VideoDecoderException(Kind.IO_ERROR, "reading the input stream: " + e, e);
        }
        return open(out.toByteArray(), options);
    }

    private static boolean startsWithStartCode(Path file) {
        byte[] head = new byte[4];
        int n = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int r; n < 4 && (r = in.read(head, n, 4 - n)) > 0; ) {
                n += r;
            }
        } catch (IOException e) {
            return false; // the MP4 path reports the error
        }
        return looksLikeAnnexB(head, n);
    }

    private static byte[] readAll(Path file, DecoderOptions options) {
        try {
            long size = Files.size(file);
            if (size > options.maxInputStreamBytes()) {
                throw new VideoDecoderException(Kind.LIMIT_EXCEEDED, "raw H.264 stream " + file + " has " + size
                        + " bytes, more than the " + options.maxInputStreamBytes() + " read into memory"
                        + " (DecoderOptions.maxInputStreamBytes)");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new VideoDecoderException(Kind.IO_ERROR, "cannot read " + file + ": " + e, e);
        }
    }

    private static Mp4Limits limits(DecoderOptions o) {
        Mp4Limits d = Mp4Limits.DEFAULT;
        return new Mp4Limits(o.maxSamples(), o.maxSampleSize(), d.maxMetadataBox(), d.maxTracks(), d.maxBoxDepth(),
                d.maxEditEntries());
    }

    private interface Opener {
        Mp4Demuxer open() throws IOException;
    }

    private static VideoDecoder open(Opener opener, DecoderOptions options, String what) {
        Objects.requireNonNull(options, "options");
        Mp4Demuxer demuxer;
        try {
            demuxer = opener.open();
        } catch (Mp4FormatException e) {
            throw new VideoDecoderException(kindOf(e), "cannot read " + what + ": " + e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new VideoDecoderException(Kind.IO_ERROR, "no such file: " + e.getFile(), e);
        } catch (IOException e) {
            throw new VideoDecoderException(Kind.IO_ERROR, "cannot read " + what + ": " + e, e);
        }
        try {
            return new VideoDecoder(mp4Setup(demuxer, options), options);
        } catch (RuntimeException e) {
            closeQuietly(demuxer, e);
            throw e;
        }
    }

    /** Whether the bytes start like a raw H.264 Annex B stream (a start code) rather than an MP4 box. */
    static boolean looksLikeAnnexB(byte[] head, int n) {
        return n >= 4 && head[0] == 0 && head[1] == 0 && (head[2] == 1 || (head[2] == 0 && head[3] == 1));
    }

    private static VideoDecoder openAnnexB(byte[] data, DecoderOptions options) {
        if (options.streamIndex() > 0) {
            throw new VideoDecoderException(Kind.INVALID_STREAM, "stream index " + options.streamIndex()
                    + " does not exist: a raw H.264 stream has one stream");
        }
        return new VideoDecoder(annexBSetup(data), options);
    }

    private static Kind kindOf(Mp4FormatException e) {
        switch (e.kind()) {
            case UNSUPPORTED:
                return Kind.UNSUPPORTED;
            case TRUNCATED:
                return Kind.TRUNCATED;
            case LIMIT_EXCEEDED:
                return Kind.LIMIT_EXCEEDED;
            default:
                return Kind.INVALID_DATA;
        }
    }

    private static void closeQuietly(Mp4Demuxer d, RuntimeException primary) {
        try {
            d.close();
        } catch (IOException | RuntimeException e) {
            primary.addSuppressed(e);
        }
    }

    // ------------------------------------------------------------------------------- metadata

    /** The stream's metadata. */
    public VideoMetadata metadata() {
        return metadata;
    }

    /** The options this decoder was opened with. */
    public DecoderOptions options() {
        return options;
    }

    /** Number of frames in the seek mode. */
    public synchronized int size() {
        return index.numFrames();
    }

    /** Indices of the key frames (where decoding can start), ascending. */
    public synchronized int[] keyFrameIndices() {
        ensureOpen();
        return index.keyFrameIndices();
    }

    // --------------------------------------------------------------------------------- frames

    /** The frame at {@code index} (negative: from the end). */
    public synchronized Frame getFrameAt(int index) {
        ensureOpen();
        int i = this.index.checkIndex(index);
        return single(decodeBatch(new int[] {i}), index);
    }

    /**
     * The frames at {@code indices} (negative: from the end), in the caller's order. Frames are decoded
     * in ascending order, each once, however often it is asked for.
     */
    public synchronized FrameBatch getFramesAt(int... indices) {
        ensureOpen();
        Objects.requireNonNull(indices, "indices");
        int[] norm = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            norm[k] = index.checkIndex(indices[k]);
        }
        return decodeBatch(norm);
    }

    /**
     * Frames {@code start, start + step, ...} below {@code stop}, as Python's {@code range} (negative
     * start/stop count from the end; stop is clamped to the number of frames).
     */
    public synchronized FrameBatch getFramesInRange(int start, int stop, int step) {
        ensureOpen();
        if (step <= 0) {
            throw new VideoDecoderException(Kind.INVALID_ARGUMENT, "step must be positive, got " + step);
        }
        int n = index.numFrames();
        int s = index.checkIndex(start);
        int e = stop < 0 ? stop + n : Math.min(stop, n);
        if (e < s) {
            throw new VideoDecoderException(Kind.INVALID_ARGUMENT, "stop (" + stop + ") is before start (" + start + ")");
        }
        int count = (e - s + step - 1) / step;
        int[] idx = new int[count];
        for (int k = 0; k < count; k++) {
            idx[k] = s + k * step;
        }
        return decodeBatch(idx);
    }

    /** The frame displayed at {@code seconds}. */
    public synchronized Frame getFramePlayedAt(double seconds) {
        ensureOpen();
        index.checkTime(seconds);
        int i = index.indexAt(seconds);
        int[] api = {i};
        return single(index.timeIsDirect() ? decodeBatch(api, new int[] {index.presentedAt(seconds)})
                : decodeBatch(api), i);
    }

    /** The frames displayed at each of {@code seconds}, in the caller's order. */
    public synchronized FrameBatch getFramesPlayedAt(double... seconds) {
        ensureOpen();
        Objects.requireNonNull(seconds, "seconds");
        int[] idx = new int[seconds.length];
        int[] presented = new int[seconds.length];
        for (int k = 0; k < seconds.length; k++) {
            index.checkTime(seconds[k]);
            idx[k] = index.indexAt(seconds[k]);
            presented[k] = index.presentedAt(seconds[k]);
        }
        return index.timeIsDirect() ? decodeBatch(idx, presented) : decodeBatch(idx);
    }

    /**
     * Every frame displayed in {@code [startSeconds, stopSeconds)}: frames whose display interval
     * {@code [pts, pts + duration)} overlaps it; empty when start equals stop.
     */
    public synchronized FrameBatch getFramesPlayedInRange(double startSeconds, double stopSeconds) {
        ensureOpen();
        if (!(stopSeconds >= startSeconds)) {
            throw new VideoDecoderException(Kind.INVALID_ARGUMENT, "stop (" + stopSeconds + " s) is before start ("
                    + startSeconds + " s)");
        }
        index.checkTime(startSeconds);
        if (stopSeconds > index.end()) {
            throw new VideoDecoderException(Kind.PTS_OUT_OF_RANGE, "stop " + stopSeconds + " s is after the end of"
                    + " the stream (" + index.end() + " s)");
        }
        if (stopSeconds == startSeconds) {
            return decodeBatch(new int[0]);
        }
        if (index.timeIsDirect()) {
            int first = index.presentedAt(startSeconds);
            int last = Math.max(first, index.presentedBefore(stopSeconds));
            int[] presented = new int[last - first + 1];
            int[] idx = new int[presented.length];
            for (int k = 0; k < presented.length; k++) {
                presented[k] = first + k;
                idx[k] = index.indexAt(Math.max(startSeconds, index.presentedSeconds(first + k)));
            }
            return decodeBatch(idx, presented);
        }
        int first = index.indexAt(startSeconds);
        int last = index.indexBefore(stopSeconds, first);
        int[] idx = new int[last - first + 1];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = first + k;
        }
        return decodeBatch(idx);
    }

    /**
     * All frames in order, decoded as the iteration proceeds (one frame in memory at a time). The
     * iterator must be used by one thread; other calls on this decoder between its steps are allowed.
     */
    public Iterator<Frame> iterator() {
        ensureOpen();
        return new Iterator<Frame>() {
            private int next;
            private Frame ahead;

            @Override
            public boolean hasNext() {
                while (ahead == null && next < size()) {
                    FrameBatch b;
                    synchronized (VideoDecoder.this) {
                        ensureOpen();
                        b = decodeBatch(new int[] {next++});
                    }
                    if (b.size() > 0) { // ErrorPolicy.SKIP leaves corrupt frames out
                        ahead = b.frame(0);
                    }
                }
                return ahead != null;
            }

            @Override
            public Frame next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Frame f = ahead;
                ahead = null;
                return f;
            }
        };
    }

    private static Frame single(FrameBatch b, int index) {
        if (b.size() == 0) {
            throw new VideoDecoderException(Kind.CORRUPT_FRAME, "frame " + index + " is corrupt and cannot be"
                    + " decoded (ErrorPolicy.SKIP leaves it out)");
        }
        return b.frame(0);
    }

    /** Decodes the (in-range, normalised) API indices into a batch in the given order. */
    private FrameBatch decodeBatch(int[] apiIndices) {
        if (parallelWorthIt(apiIndices.length)) {
            return decodeInParallel(apiIndices);
        }
        int[] presented = new int[apiIndices.length];
        for (int k = 0; k < presented.length; k++) {
            presented[k] = index.presented(apiIndices[k]);
        }
        return decodeBatch(apiIndices, presented);
    }

    private boolean parallelWorthIt(int frames) {
        return options.parallelism() > 1 && frames > 1 && origin != null && options.errorPolicy() == ErrorPolicy.FAIL;
    }

    /** The GOP-aware virtual-thread plan over decoders of their own (identical results, see ParallelDecoder). */
    private FrameBatch decodeInParallel(int[] apiIndices) {
        ParallelOptions po = ParallelOptions.builder().strategy(ParallelStrategy.VIRTUAL_THREADS)
                .split(SplitMode.GOP_AWARE).workers(options.parallelism())
                .decoderOptions(options.toBuilder().parallelism(1).build()).build();
        return origin instanceof Path ? ParallelDecoder.getFramesAt((Path) origin, po, apiIndices)
                : ParallelDecoder.getFramesAt((byte[]) origin, po, apiIndices);
    }

    /** Decodes the given presented frames into a batch in the given order, labelled with the API indices. */
    private FrameBatch decodeBatch(int[] apiIndices, int[] presentedOf) {
        int n = apiIndices.length;
        // The frames' size is the first decoded frame's (or the frame standing in for it): not necessarily the
        // stream's first, as a stream may change its picture size. The array is made then; the request is
        // checked against the array limit at the stream's size before anything is decoded.
        FrameConverter conv = converter;
        int size = conv.frameSize();
        checkBatchSize(n, size);
        byte[] data = null; // made once the size is known (data != null: sized)
        int sizedBy = -1;
        double[] pts = new double[n];
        double[] dur = new double[n];
        boolean[] key = new boolean[n];
        double ts = metadata.timeBase();
        // Decode each distinct presented frame once, in presentation order.
        int[] order = new int[n];
        Integer[] sorted = new Integer[n];
        for (int k = 0; k < n; k++) {
            sorted[k] = k;
        }
        Arrays.sort(sorted, (a, b) -> Integer.compare(presentedOf[a], presentedOf[b]));
        for (int k = 0; k < n; k++) {
            order[k] = sorted[k];
        }
        int prevFrame = -1;
        int prevSlot = -1;
        boolean[] concealed = new boolean[n];
        boolean[] skip = new boolean[n];
        int skipped = 0;
        for (int k = 0; k < n; k++) {
            int slot = order[k];
            int f = presentedOf[slot];
            if (f == prevFrame) {
                if (data != null) { // else the previous slot holds no frame either (skipped)
                    System.arraycopy(data, prevSlot * size, data, slot * size, size);
                }
                concealed[slot] = concealed[prevSlot];
                skipped += (skip[slot] = skip[prevSlot]) ? 1 : 0;
            } else {
                if (Thread.currentThread().isInterrupted()) {
                    closeAfterInterrupt();
                    throw new VideoDecoderException(Kind.INTERRUPTED, "the decoding thread was interrupted before"
                            + " frame " + apiIndices[slot] + "; the decoder is closed");
                }
                DecodedFrame pic;
                try {
                    pic = frames.decodeOne(f);
                } catch (VideoDecoderException e) {
                    if (e.kind() == Kind.INTERRUPTED) {
                        closeAfterInterrupt();
                    }
                    throw e;
                }
                FrameConverter standIn = pic == null && options.errorPolicy() == ErrorPolicy.CONCEAL && lastGood != null
                        ? lastGoodConverter : null;
                FrameConverter needed;
                try {
                    needed = pic != null ? converterFor(pic) : standIn;
                } catch (VideoDecoderException e) { // a transform that does not apply to this picture size
                    frames.release(pic);
                    throw new VideoDecoderException(e.kind(), "frame " + apiIndices[slot] + " (" + pic.width() + "x"
                            + pic.height() + "): " + e.getMessage(), e);
                }
                if (needed != null && needed != conv) {
                    if (data != null && (needed.width() != conv.width()
                            || needed.height() != conv.height())) { // a batch is one array of frames of one size
                        int w = needed.width();
                        int h = needed.height();
                        if (pic != null) {
                            frames.release(pic);
                        }
                        throw new VideoDecoderException(Kind.UNSUPPORTED, "frame " + apiIndices[slot] + " is " + w + "x"
                                + h + " and frame " + apiIndices[sizedBy] + " of the same request " + conv.width()
                                + "x" + conv.height() + ": the stream changes its picture size, and the frames of"
                                + " one batch must have one size; ask for the frames of each size separately (or one"
                                + " at a time)");
                    }
                    conv = needed;
                    size = conv.frameSize();
                }
                if (needed != null && data == null) {
                    data = batchArray(n, size);
                    sizedBy = slot;
                }
                if (pic != null) {
                    conv.convert(pic, data, slot * size);
                    frames.release(pic);
                    if (options.errorPolicy() == ErrorPolicy.CONCEAL) {
                        if (lastGood == null || lastGood.length != size) {
                            lastGood = new byte[size];
                        }
                        System.arraycopy(data, slot * size, lastGood, 0, size);
                        lastGoodConverter = conv;
                    }
                } else if (standIn != null) {
                    System.arraycopy(lastGood, 0, data, slot * size, size);
                    concealed[slot] = true;
                } else if (options.errorPolicy() == ErrorPolicy.SKIP || options.errorPolicy() == ErrorPolicy.CONCEAL) {
                    skip[slot] = true; // CONCEAL without any good frame yet: nothing to stand in
                    skipped++;
                } else {
                    throw new VideoDecoderException(Kind.CORRUPT_FRAME, "frame " + apiIndices[slot] + " is corrupt");
                }
                prevFrame = f;
                prevSlot = slot;
            }
            pts[slot] = source.framePts(f) / ts;
            dur[slot] = source.frameDuration(f) / ts;
            key[slot] = options.customFrameMappings() != null ? index.isKey(apiIndices[slot]) : source.isKeyFrame(f);
        }
        if (data == null) { // no frame (none asked for, or all skipped)
            data = batchArray(n, size);
        }
        if (skipped > 0) {
            return compact(conv, data, size, apiIndices, pts, dur, key, concealed, skip, skipped);
        }
        int[] frameShape = conv.frameShape();
        int[] shape = new int[frameShape.length + 1];
        shape[0] = n;
        System.arraycopy(frameShape, 0, shape, 1, frameShape.length);
        return new FrameBatch(data, shape, conv.width(), conv.height(), apiIndices.clone(), pts, dur, key,
                new int[0], concealed);
    }

    private static byte[] batchArray(int n, int size) {
        checkBatchSize(n, size);
        return new byte[n * size];
    }

    private static void checkBatchSize(int n, int size) {
        if ((long) n * size > Integer.MAX_VALUE - 64) {
            throw new VideoDecoderException(Kind.LIMIT_EXCEEDED, n + " frames of " + size + " bytes do not fit in one"
                    + " array (2 GiB); ask for fewer frames at a time or use iterator()");
        }
    }

    /**
     * The converter for a picture: the stream's, or for a picture of another size or colour description (the
     * stream brought new parameter sets) one made for it and kept until a third kind comes. The colour is the
     * container's colr matrix when it gives one, else the picture's SPS's, full range when either says so: the
     * rule the stream's first frames follow, applied to each picture's own SPS (as FFmpeg converts each frame with
     * its own colour description).
     */
    private FrameConverter converterFor(DecodedFrame pic) {
        YuvToRgb.Matrix matrix = YuvToRgb.Matrix.fromCode(colrMatrix >= 0 ? colrMatrix : pic.matrixCoefficients());
        boolean fullRange = pic.fullRange() || colrFullRange;
        if (converter.fits(pic) && converter.hasColour(matrix, fullRange)) {
            return converter;
        }
        if (otherSize == null || !otherSize.fits(pic) || !otherSize.hasColour(matrix, fullRange)) {
            otherSize = converter.with(pic.width(), pic.height(), YuvToRgb.of(matrix, fullRange));
        }
        return otherSize;
    }

    /** The batch without the skipped slots (ErrorPolicy.SKIP). */
    private FrameBatch compact(FrameConverter conv, byte[] data, int size, int[] idx, double[] pts, double[] dur,
                               boolean[] key, boolean[] concealed, boolean[] skip, int skipped) {
        int n = idx.length - skipped;
        byte[] d = new byte[n * size];
        int[] i2 = new int[n];
        double[] p2 = new double[n];
        double[] d2 = new double[n];
        boolean[] k2 = new boolean[n];
        boolean[] c2 = new boolean[n];
        int[] gone = new int[skipped];
        for (int k = 0, j = 0, g = 0; k < idx.length; k++) {
            if (skip[k]) {
                gone[g++] = idx[k];
                continue;
            }
            System.arraycopy(data, k * size, d, j * size, size);
            i2[j] = idx[k];
            p2[j] = pts[k];
            d2[j] = dur[k];
            k2[j] = key[k];
            c2[j] = concealed[k];
            j++;
        }
        int[] frameShape = conv.frameShape();
        int[] shape = new int[frameShape.length + 1];
        shape[0] = n;
        System.arraycopy(frameShape, 0, shape, 1, frameShape.length);
        return new FrameBatch(d, shape, conv.width(), conv.height(), i2, p2, d2, k2, gone, c2);
    }

    private void closeAfterInterrupt() {
        try {
            close();
        } catch (VideoDecoderException ignored) {
            // closing a channel that the interrupt already closed: nothing more to release
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new VideoDecoderException(Kind.CLOSED, "the decoder is closed");
        }
    }

    /** Closes the file (unless it was a caller's channel) and frees the decoder. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        frames.close();
        try {
            source.close();
        } catch (IOException e) {
            throw new VideoDecoderException(Kind.IO_ERROR, "closing: " + e, e);
        }
    }
}
