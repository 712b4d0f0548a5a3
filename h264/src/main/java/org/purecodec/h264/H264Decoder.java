package org.purecodec.h264;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jcodec.codecs.h264.decode.DeblockerInput;
import org.jcodec.codecs.h264.decode.FrameReader;
import org.jcodec.codecs.h264.decode.SliceReader;
import org.jcodec.codecs.h264.decode.deblock.DeblockingFilter;
import org.jcodec.codecs.h264.io.model.Frame;
import org.jcodec.codecs.h264.io.model.PictureParameterSet;
import org.jcodec.codecs.h264.io.model.SeqParameterSet;
import org.jcodec.codecs.h264.io.model.SliceHeader;
import org.jcodec.codecs.h264.io.model.SliceType;
import org.jcodec.codecs.h264.io.model.VUIParameters;
import org.purecodec.h264.nal.AccessUnitSplitter;
import org.purecodec.h264.nal.AccessUnitSplitter.AccessUnit;
import org.purecodec.h264.nal.AnnexBReader;
import org.purecodec.h264.nal.AvccReader;
import org.purecodec.h264.nal.NalUnit;
import org.purecodec.h264.nal.NalUnitType;
import org.purecodec.h264.nal.SliceHeaderPrefix;
import org.purecodec.h264.syntax.FrameGeometry;
import org.purecodec.h264.syntax.SliceHeaderParser;

/**
 * An H.264 decoder for progressive 8-bit 4:2:0 streams (Baseline, Main and High profiles without
 * interlacing, FMO, SP/SI slices or data partitioning).
 *
 * <p>Input is either AVCC samples ({@link #decodeSample}, after {@link #configureAvcC} with the
 * parameter sets of the {@code avcC} box, or with in-band parameter sets) or an Annex B byte stream in
 * chunks of any size ({@link #decodeAnnexB}). Decoded frames come out in presentation order through
 * {@link #poll()} as soon as the DPB bumping process releases them; call {@link #flush()} at end of
 * stream to get the rest.
 *
 * <p>The frame layer (access units, POC, reference marking, reference lists, DPB and output order) and
 * the macroblock loop of each slice are ours; macroblock parsing and reconstruction reuse JCodec's public
 * macroblock decoders ({@link SliceTask}). JCodec's own {@code H264Decoder} is never instantiated, so its
 * thread pool is never created.
 *
 * <p><b>Threads.</b> By default decoding runs on the calling thread. With {@code builder().threads(n)}
 * (n &gt; 1) our backend reconstructs up to n pictures at the same time on frame threads
 * ({@link ThreadType#FRAME}), or with {@code threadType(SLICE)} decodes the slices of a multi-slice picture on
 * the calling thread and n - 1 helpers ({@link ThreadType#SLICE}); the JCodec backend always shares out slices,
 * deblocking after all slices of the picture. Output is bit-identical to single-threaded decoding. The threads
 * are created when first needed and stopped (and joined) by {@link #close()}.
 *
 * <p><b>Output buffers.</b> Frames may be handed back with {@link DecodedFrame#release()} (or
 * {@link #release(DecodedFrame)}) once read, and their planes are then reused: steady-state decoding
 * allocates no new planes. Frames that are not released are garbage collected as usual.
 *
 * <p><b>Skipping work.</b> {@link #decodeSample(ByteBuffer, long, boolean)} and
 * {@link #decodeAccessUnit(ByteBuffer, long, boolean)} with {@code output = false} decode a picture for
 * reference only (it updates the DPB but never comes out of {@link #poll()}); if such a picture is a
 * non-reference picture ({@code nal_ref_idc == 0}) it is not decoded at all, unless
 * {@link Builder#skipNonReference(boolean)} turned that off.
 *
 * <p><b>Field pictures</b> (interlaced video coded as fields, PAFF; our backend only): the two fields of a frame
 * come out as one frame, their lines interleaved, once the second field is decoded. They may arrive in one
 * sample or access-unit call (MP4 samples holding whole frames, {@link AnnexBIndex} entries) or in two. A
 * field whose second field does not follow is output with its lines doubled. With frame threads the two fields
 * of a frame are reconstructed by one frame thread, one after the other, overlapping other frames.
 *
 * <p>Errors are {@link H264Exception}s (unchecked). An unsupported stream is refused when its SPS is
 * received (kind UNSUPPORTED). A picture that cannot be decoded raises INVALID_DATA or MISSING_REFERENCE
 * naming the frame; it is not output, and the decoder stays usable for the following pictures. Not
 * thread-safe: use one decoder from one thread at a time.
 */
public final class H264Decoder implements AutoCloseable {
    /** The pts of frames decoded from Annex B input, which carries no timestamps. */
    public static final long NO_PTS = Long.MIN_VALUE;

    private final ParameterSets ps = new ParameterSets();
    private final FrameReader jcodecReader = new FrameReader();
    private final AccessUnitSplitter splitter = new AccessUnitSplitter(ps, true);
    private final AnnexBReader annexB = new AnnexBReader();
    private final PocCalculator pocCalc = new PocCalculator();
    private final Dpb dpb = new Dpb();
    /** Slice headers and RBSP buffers reused by every access unit (slice i of a picture uses entry i). */
    /** The slices of the picture being decoded on the JCodec backend (our backend has its own). */
    private final SliceBatch jcodecBatch = new SliceBatch();
    /** The NAL units of the AVCC sample or Annex B access unit being decoded (reused). */
    private final List<NalUnit> inPlaceNals = new ArrayList<>();
    private final RefLists refLists = new RefLists();
    private final List<Dpb.Pic[][]> refListsOfSlices = new ArrayList<>();
    // per access unit, reused (one decoding call at a time)
    private final List<H264Exception> errors = new ArrayList<>();
    private final List<NalUnit> sliceNals = new ArrayList<>();
    private final List<SliceHeaderPrefix> slicePrefixes = new ArrayList<>();
    private SeqParameterSet pocParamsSps;
    private PocCalculator.Params pocParamsCached;
    private final List<int[][]> scalingOfSlices = new ArrayList<>();
    /** The parameter sets as our slice header parser sees them. */
    private final SliceHeaderParser.Lookup lookup = ps.lookup();
    /** Frames in output order: ready ones, and own-backend pictures still in reconstruction (frame threads). */
    private final ArrayDeque<Pending> output = new ArrayDeque<>();

    /**
     * An output frame: ready, or a picture of the own backend that becomes a frame once it is complete
     * ({@link #poll()} never waits for one: with frame threads the calling thread goes on meanwhile).
     */
    private static final class Pending {
        final DecodedFrame frame;
        final Dpb.Pic pic;
        final org.purecodec.h264.recon.Picture picture;
        /** Reference picture: pinned until its frame is released (the DPB may still hold it); else handed out. */
        final boolean pinned;

        Pending(DecodedFrame frame) {
            this.frame = frame;
            this.pic = null;
            this.picture = null;
            this.pinned = false;
        }

        Pending(Dpb.Pic pic, boolean pinned) {
            this.frame = null;
            this.pic = pic;
            this.picture = pic.pic;
            this.pinned = pinned;
        }

        boolean ready() {
            return frame != null || picture.isComplete();
        }
    }
    private final BufferPool buffers = new BufferPool();
    private final int threads;
    private final ThreadType threadType;
    private boolean skipNonReference;
    private ExecutorService slicePool;
    private final List<Thread> sliceThreads = new ArrayList<>();

    private int nalLengthSize = 4;
    private boolean closed;
    private long decodeIndex;
    private long avccNalIndex;
    private long accessUnitNalIndex;
    private long reconstructed;
    private int prevRefFrameNum = -1;
    /** The frame store of the last picture when it was a first field (its second field may come next), else null. */
    private Dpb.Pic pendingField;
    private int dpbSize = 16;
    private int numReorder = 16;
    private Frame gray;
    private final Backend backend;
    /** Our backend, when {@link #backend} is {@link Backend#OWN}. */
    private final OwnBackend own;
    /** Until an IDR or an I picture starts decoding, P/B pictures cannot be decoded. */
    private boolean synced;
    /** After starting at a non-IDR I picture: P/B pictures with a smaller POC lack references. */
    private int openGopPoc = Integer.MIN_VALUE;
    private int lastPoc;

    /** A decoder that takes its parameter sets from the stream (or a later {@link #configureAvcC}); one thread. */
    public H264Decoder() {
        this(1, ThreadType.FRAME, true, Backend.OWN);
    }

    /** Our backend, or null with the JCodec backend (for tests). */
    OwnBackend ownBackend() {
        return own;
    }

    /** Checks each SPS a picture activates before anything is allocated for it; null: no check. */
    private SequenceLimit sequenceLimit;
    /** The last SPS that {@link #sequenceLimit} accepted (each parsed SPS is a new object). */
    private SeqParameterSet checkedSps;

    /**
     * A limit on the streams a decoder accepts, checked for every SPS that a picture activates (the first one and
     * any that a stream brings later, e.g. with a new picture size) before the decoder allocates anything for it.
     */
    @FunctionalInterface
    public interface SequenceLimit {
        /** Null when {@code sps} is within the limit, else what exceeds it (the message of the error). */
        String exceeded(SequenceInfo sps);
    }

    private H264Decoder(int threads, ThreadType threadType, boolean skipNonReference, Backend backend) {
        this.threads = threads;
        this.threadType = backend == Backend.JCODEC ? ThreadType.SLICE : threadType;
        this.skipNonReference = skipNonReference;
        this.backend = backend;
        this.own = backend != Backend.OWN ? null
                : this.threadType == ThreadType.SLICE ? new OwnBackend(1, threads) : new OwnBackend(threads);
    }

    /**
     * What {@link Builder#threads(int)} threads share out (FFmpeg's {@code -thread_type}): whole pictures or the
     * slices of one picture.
     */
    public enum ThreadType {
        /**
         * Frame threads (the default): several pictures are reconstructed at the same time, each waiting only for
         * the rows of its reference pictures that it reads. Scales with any stream; frames come out a picture or
         * two later than they would on one thread.
         */
        FRAME,
        /**
         * Slice threads: the slices of one picture are decoded at the same time, each on a thread with a decoder
         * of its own, and deblocked row by row as the rows become complete; pictures come one after the other,
         * so no frame is delayed. Only pictures of several slices gain (encoders' {@code --slices},
         * {@code --sliced-threads}, broadcast and Blu-ray streams); a picture of one slice is decoded on the
         * calling thread alone. The JCodec backend always shares out slices.
         */
        SLICE
    }

    /**
     * The slice decoding backend. The frame layer (parameter sets, slice headers, POC, reference lists, DPB,
     * output order) is ours in both.
     */
    public enum Backend {
        /** JCodec 0.2.5's macroblock parser and decoders under our frame layer (kept as a cross-check). */
        JCODEC,
        /**
         * Our own slice decoding written from the specification (CAVLC/CABAC parsing, prediction, transforms,
         * deblocking): the default. See {@code h264/KNOWN_ISSUES.md} for its state.
         */
        OWN
    }

    /**
     * Options of a decoder. Example:
     * <pre>{@code
     * try (H264Decoder d = H264Decoder.builder().threads(4).build()) { ... }
     * }</pre>
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Decoder options: {@link #threads(int)}, {@link #skipNonReference(boolean)}, {@link #backend(Backend)}. */
    public static final class Builder {
        private int threads = 1;
        private ThreadType threadType = ThreadType.FRAME;
        private boolean skipNonReference = true;
        private Backend backend = Backend.OWN;
        private SequenceLimit sequenceLimit;

        private Builder() {
        }

        /**
         * Decoding threads (1..64, default 1 = the calling thread only). With the own backend these are frame
         * threads: the calling thread does each picture's serial work (headers, reference lists, DPB) in
         * order and up to {@code n} pictures are reconstructed at the same time, each waiting only for the
         * rows of its reference pictures that its motion reaches; output is identical. A picture that fails
         * is reported by the call during which the failure is noticed (one or a few pictures later), and
         * the pictures decoded while it was in progress are dropped with it. With
         * {@link #threadType(ThreadType) threadType(SLICE)}, and always with the JCodec backend, they decode the
         * slices of one picture instead (only pictures with several slices benefit).
         */
        public Builder threads(int n) {
            if (n < 1 || n > 64) {
                throw new IllegalArgumentException("threads must be 1..64, not " + n);
            }
            threads = n;
            return this;
        }

        /** What the {@link #threads(int)} share out: pictures (default) or the slices of a picture. */
        public Builder threadType(ThreadType type) {
            if (type == null) {
                throw new IllegalArgumentException("threadType must not be null");
            }
            threadType = type;
            return this;
        }

        /**
         * Whether a non-reference picture ({@code nal_ref_idc == 0}) given with {@code output = false} is
         * skipped without decoding (default true): no later picture can use it, so nothing is lost.
         */
        public Builder skipNonReference(boolean skip) {
            skipNonReference = skip;
            return this;
        }

        /** The slice decoding backend (default {@link Backend#OWN}). */
        public Builder backend(Backend b) {
            if (b == null) {
                throw new IllegalArgumentException("backend must not be null");
            }
            backend = b;
            return this;
        }

        /**
         * A limit checked for every SPS a picture activates, before anything is allocated for it (default none);
         * a picture whose SPS exceeds it fails with {@link H264Exception.Kind#LIMIT_EXCEEDED}.
         */
        public Builder sequenceLimit(SequenceLimit limit) {
            sequenceLimit = limit;
            return this;
        }

        /** A decoder taking its parameter sets from the stream. */
        public H264Decoder build() {
            H264Decoder d = new H264Decoder(threads, threadType, skipNonReference, backend);
            d.sequenceLimit = sequenceLimit;
            return d;
        }

        /** A decoder for AVCC samples configured from an {@code avcC} box (see {@link H264Decoder#fromAvcC}). */
        public H264Decoder buildForAvcC(List<byte[]> sps, List<byte[]> pps, int nalLengthSize) {
            H264Decoder d = build();
            d.configureAvcC(sps, pps, nalLengthSize);
            return d;
        }
    }

    /**
     * Plane sets allocated by this decoder so far (picture buffers of either backend, JCodec's output copies);
     * for tests and statistics.
     */
    int allocatedPlaneSets() {
        return buffers.allocations() + (own != null ? own.allocatedPictures() : 0);
    }

    /** Per-block data sets (motion and the like) allocated by the own backend so far; for tests. */
    int allocatedBlockSets() {
        return own != null ? own.allocatedBlocks() : 0;
    }

    /** Pictures reconstructed so far (skipped non-reference pictures not counted); for tests and statistics. */
    long reconstructedPictures() {
        return reconstructed;
    }

    /** The slice decoding backend in use. */
    public Backend backend() {
        return backend;
    }

    /** The number of decoding threads (1 = calling thread only); see {@link #threadType()}. */
    public int threads() {
        return threads;
    }

    /** What the threads share out ({@link ThreadType#SLICE} always with the JCodec backend). */
    public ThreadType threadType() {
        return threadType;
    }

    /** Changes {@link Builder#skipNonReference(boolean)} for the following pictures. */
    public void setSkipNonReference(boolean skip) {
        skipNonReference = skip;
    }

    /**
     * A decoder for AVCC samples configured from an {@code avcC} box.
     *
     * @param sps           the SPS NAL units (header byte first, as stored in avcC)
     * @param pps           the PPS NAL units
     * @param nalLengthSize lengthSizeMinusOne + 1 (1, 2 or 4)
     * @throws H264Exception UNSUPPORTED when an SPS describes a stream this decoder cannot decode
     */
    public static H264Decoder fromAvcC(List<byte[]> sps, List<byte[]> pps, int nalLengthSize) {
        H264Decoder d = new H264Decoder();
        d.configureAvcC(sps, pps, nalLengthSize);
        return d;
    }

    /**
     * Adds the parameter sets of an {@code avcC} box and sets the NAL length size of AVCC samples.
     *
     * @throws H264Exception UNSUPPORTED for an unsupported SPS, INVALID_DATA for unparsable ones
     */
    public void configureAvcC(List<byte[]> sps, List<byte[]> pps, int nalLengthSize) {
        ensureOpen();
        if (nalLengthSize != 1 && nalLengthSize != 2 && nalLengthSize != 4) {
            throw new H264Exception(H264Exception.Kind.ILLEGAL_STATE, "NAL length size must be 1, 2 or 4, not " + nalLengthSize);
        }
        this.nalLengthSize = nalLengthSize;
        int i = 0;
        for (byte[] s : sps) {
            applyParameterSet(avccUnit(s, "avcC SPS #" + i), "avcC SPS #" + i++);
        }
        i = 0;
        for (byte[] p : pps) {
            applyParameterSet(avccUnit(p, "avcC PPS #" + i), "avcC PPS #" + i++);
        }
    }

    /** A parameter set of an avcC as a NAL unit (a copy); an empty one is INVALID_DATA. */
    private static NalUnit avccUnit(byte[] set, String where) {
        if (set == null || set.length == 0) {
            throw H264Exception.invalid(where + " is empty");
        }
        return new NalUnit(set.clone(), -1, -1);
    }

    /**
     * Decodes one AVCC sample (one access unit: NAL units each preceded by its length). Frames that
     * become ready are queued for {@link #poll()}; the given {@code pts} travels with the sample's frame.
     * The sample's bytes (from its position to its limit) are read in place during the call and not kept
     * afterwards, so the buffer may be refilled as soon as the call returns; its position is not changed.
     *
     * @throws H264Exception when the sample or its picture cannot be decoded (the decoder stays usable)
     */
    public void decodeSample(ByteBuffer avccAccessUnit, long pts) {
        decodeSample(avccAccessUnit, pts, true);
    }

    /**
     * Decodes one AVCC sample; with {@code output == false} its picture is decoded for reference only and
     * never output (and skipped entirely when it is a non-reference picture, see
     * {@link Builder#skipNonReference(boolean)}). Example, decoding only every 12th picture of a track
     * while keeping references right:
     * <pre>{@code
     * for (int i = 0; i < samples; i++) {
     *     decoder.decodeSample(sample(i), pts(i), i % 12 == 0);
     *     for (DecodedFrame f; (f = decoder.poll()) != null; ) { use(f); f.release(); }
     * }
     * }</pre>
     *
     * @throws H264Exception when the sample or its picture cannot be decoded (the decoder stays usable)
     */
    public void decodeSample(ByteBuffer avccAccessUnit, long pts, boolean output) {
        ensureOpen();
        List<NalUnit> nals = inPlaceNals; // views into the caller's sample, dropped before returning
        nals.clear();
        try {
            AvccReader.split(avccAccessUnit, nalLengthSize, avccNalIndex, nals);
            avccNalIndex += nals.size();
            decodeUnits(nals, pts, output);
        } finally {
            nals.clear();
        }
    }

    /**
     * Decodes one complete access unit in Annex B form (start codes and NAL units, e.g. the bytes of an
     * {@link AnnexBIndex.Entry} of a raw stream) right away, without waiting for the next one. Parameter
     * sets in it are applied. The bytes are read in place during the call and not kept afterwards (as
     * for {@link #decodeSample(ByteBuffer, long, boolean)}); the buffer's position is not changed. With {@code output == false} the picture is decoded for reference only (see
     * {@link #decodeSample(ByteBuffer, long, boolean)}). Do not interleave with {@link #decodeAnnexB} on
     * the same decoder without a {@link #flush()} or {@link #reset()} in between.
     * <pre>{@code
     * AnnexBIndex index = AnnexBIndex.scan(stream);
     * for (AnnexBIndex.Entry e : index.entries()) {
     *     decoder.decodeAccessUnit(ByteBuffer.wrap(stream, (int) e.offset(), e.length()), e.decodeIndex(), true);
     * }
     * decoder.flush();
     * }</pre>
     *
     * @param pts travels with the picture to its {@link DecodedFrame#pts()}
     * @throws H264Exception when the picture cannot be decoded (the decoder stays usable)
     */
    public void decodeAccessUnit(ByteBuffer annexBAccessUnit, long pts, boolean output) {
        ensureOpen();
        List<NalUnit> nals = inPlaceNals; // views into the caller's bytes, dropped before returning
        nals.clear();
        try {
            AnnexBReader.splitInPlace(annexBAccessUnit, accessUnitNalIndex, nals);
            accessUnitNalIndex += nals.size();
            decodeUnits(nals, pts, output);
        } finally {
            nals.clear();
        }
    }

    private void decodeUnits(List<NalUnit> nals, long pts, boolean output) {
        List<H264Exception> errors = this.errors;
        errors.clear();
        for (int i = 0; i < nals.size(); i++) {
            pushNal(nals.get(i), pts, output, errors);
        }
        try {
            List<AccessUnit> aus = splitter.flush();
            for (int i = 0; i < aus.size(); i++) {
                decodeAccessUnit(aus.get(i), pts, output);
            }
        } catch (H264Exception e) {
            errors.add(e);
        }
        checkFrameThreads(errors);
        throwFirst(errors);
    }

    /**
     * Frame threads: when a picture has failed in reconstruction, waits for the pictures in flight, drops
     * the failed picture and every picture decoded after it (they may have predicted from it) from the DPB
     * without output, and reports the failure; an Error other than StackOverflowError on a frame thread (out of
     * memory) is thrown as it is, after the same clean-up.
     */
    private void checkFrameThreads(List<H264Exception> errors) {
        if (own == null || !own.frameThreaded() || own.firstFailedId() == Integer.MAX_VALUE) {
            return;
        }
        own.drain();
        int failedId = own.firstFailedId();
        if (pendingField != null && pendingField.pic != null && own.spoiled(pendingField.pic)) {
            // a first field prepared after the failed picture (it may predict from it): dropped with the others,
            // never submitted
            own.dropPendingField();
            pendingField = null;
        }
        List<Dpb.Pic> dropped = new ArrayList<>();
        for (Iterator<Dpb.Pic> it = dpb.pictures().iterator(); it.hasNext(); ) {
            Dpb.Pic p = it.next();
            if (p.pic != null && own.spoiled(p.pic)) {
                it.remove();
                dropped.add(p);
            }
        }
        dropOutput(false);
        int later = 0;
        for (Dpb.Pic p : dropped) {
            later += p.pic.id > failedId ? 1 : 0;
        }
        recycle(dropped);
        Error fatal = own.takeFatal();
        H264Exception e = own.takeFailure();
        if (fatal != null) {
            throw fatal; // out of memory on a frame thread: as it is, not as a damaged picture
        }
        errors.add(0, new H264Exception(e.kind(), e.detail() + (later == 0 ? ""
                : " (frame threads: " + later + " later picture(s) decoded meanwhile were dropped with it)"), e));
    }

    /**
     * Decodes the next chunk of an Annex B byte stream. Chunks may split the stream anywhere; a picture
     * is decoded once the start of the next one is seen. Call {@link #flush()} at the end. Every frame the
     * chunk completes waits in the output queue, with its own picture buffer, until {@link #poll()} takes it:
     * feed a long stream in chunks (or access units, see {@link AnnexBIndex}) and poll after each, as one call
     * with a whole stream holds all of its frames at once.
     *
     * @throws H264Exception for the first picture in this chunk that failed (others are attached as
     *                       suppressed exceptions); all complete pictures of the chunk were attempted
     */
    public void decodeAnnexB(ByteBuffer chunk) {
        ensureOpen();
        List<H264Exception> errors = this.errors;
        errors.clear();
        for (NalUnit n : annexB.push(chunk)) {
            pushNal(n, NO_PTS, true, errors);
        }
        checkFrameThreads(errors);
        throwFirst(errors);
    }

    /**
     * End of stream: decodes what is pending (the last Annex B picture) and releases every remaining
     * frame for {@link #poll()}. The decoder can be used again afterwards (a new stream must begin with
     * an IDR picture).
     */
    public void flush() {
        ensureOpen();
        List<H264Exception> errors = this.errors;
        errors.clear();
        for (NalUnit n : annexB.finish()) {
            pushNal(n, NO_PTS, true, errors);
        }
        try {
            for (AccessUnit au : splitter.flush()) {
                decodeAccessUnit(au, NO_PTS, true);
            }
        } catch (H264Exception e) {
            errors.add(e);
        }
        checkFrameThreads(errors);
        if (pendingField != null) {
            finishUnpairedField(pendingField);
            pendingField = null;
        }
        while (bumpOne()) {
            // output everything in POC order
        }
        if (own != null) {
            own.drain(); // every frame is ready for poll() afterwards
        }
        checkFrameThreads(errors);
        recycle(dpb.clear());
        prevRefFrameNum = -1;
        throwFirst(errors);
    }

    /**
     * Forgets all pictures and pending data without output (for a seek); parameter sets are kept. The
     * next picture must be an IDR or I picture. Failures of the forgotten pictures are forgotten too, except
     * an Error on a frame thread (out of memory) not yet reported: it is thrown once the reset is done.
     */
    public void reset() {
        ensureOpen();
        Error fatal = null;
        if (own != null) {
            own.dropPendingField(); // a first field prepared for a frame thread, never submitted
            own.drain();
            fatal = own.takeFatal(); // the pictures' failures are forgotten with them, but not an Error
            own.takeFailure();
        }
        annexB.finish();
        splitter.reset();
        pendingField = null;
        recycle(dpb.clear());
        dropOutput(true);
        prevRefFrameNum = -1;
        synced = false;
        if (fatal != null) {
            throw fatal; // out of memory on a frame thread: the reset is done, the caller still learns of it
        }
    }

    /**
     * The next frame in presentation order, or null when none is ready. With frame threads a frame is ready
     * once its picture's reconstruction has ended, so frames may come out a call or two later than with
     * one thread; after {@link #flush()} every frame is ready.
     */
    public DecodedFrame poll() {
        for (Pending h; (h = output.peek()) != null; ) {
            if (!h.ready()) {
                return null;
            }
            output.poll();
            DecodedFrame f = h.frame != null ? h.frame : frameOf(h);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    /** Number of frames ready for {@link #poll()}. */
    public int available() {
        int n = 0;
        for (Pending h : output) {
            if (!h.ready()) {
                break;
            }
            n++;
        }
        return n;
    }

    /**
     * The frame of a complete own-backend picture, or null when it failed or was decoded while an earlier
     * picture failed (dropped; the failure is reported by the decoding call).
     */
    private DecodedFrame frameOf(Pending h) {
        org.purecodec.h264.recon.Picture pic = h.picture;
        if (own.spoiled(pic)) {
            release(h);
            return null;
        }
        Dpb.Pic p = h.pic;
        int w = p.width;
        int hh = p.height;
        // the padded planes themselves, no copy: a non-reference picture is the frame's alone (release() returns
        // it to the pool); a reference picture, which the DPB may still predict from, stays pinned until the
        // frame is released (the decoder never writes into a decoded picture, so sharing it is safe)
        int cOff = pic.chromaOff + (p.cropTop / 2) * pic.chromaStride + p.cropLeft / 2;
        return new DecodedFrame(w, hh, pic.luma, pic.lumaOff + p.cropTop * pic.lumaStride + p.cropLeft, pic.lumaStride,
                pic.cb, cOff, pic.chromaStride, pic.cr, cOff, pic.chromaStride, p.pts, p.poc, p.idr, p.keyFrame, p.type,
                p.decodeIndex, h.pinned ? own.handOutPinned(pic) : own.handOut(pic), new byte[][] {pic.luma, pic.cb, pic.cr},
                true).colour(p.matrixCoefficients, p.fullRange);
    }

    /** Lets go of a pending own-backend picture that will not be output. */
    private void release(Pending h) {
        if (h.pinned) {
            own.unpin(h.picture);
        } else {
            own.recycle(h.picture);
        }
    }

    /** Drops every output frame ({@code all}), or the pending pictures spoiled by a failure, from the output queue. */
    private void dropOutput(boolean all) {
        for (Iterator<Pending> it = output.iterator(); it.hasNext(); ) {
            Pending h = it.next();
            if (h.frame == null && (all || own.spoiled(h.picture))) {
                it.remove();
                release(h);
            } else if (h.frame != null && all) {
                it.remove();
                h.frame.release();
            }
        }
    }

    /**
     * Hands a frame's planes back for reuse (same as {@link DecodedFrame#release()}); the frame must not be
     * used afterwards.
     */
    public void release(DecodedFrame frame) {
        if (frame != null) {
            frame.release();
        }
    }

    /**
     * Releases buffers and stops the slice threads, waiting until they have ended; further calls throw
     * ILLEGAL_STATE. Frames already returned stay valid.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (own != null) {
            own.shutdown();
        }
        output.clear();
        dpb.clear();
        buffers.close();
        if (own != null) {
            own.clear();
        }
        if (slicePool != null) {
            slicePool.shutdownNow();
            boolean interrupted = false;
            try {
                slicePool.awaitTermination(60, TimeUnit.SECONDS);
                for (Thread t : sliceThreads) {
                    t.join(10_000);
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            slicePool = null;
        }
    }

    // ---------------------------------------------------------------------------------------------

    private void ensureOpen() {
        if (closed) {
            throw new H264Exception(H264Exception.Kind.ILLEGAL_STATE, "decoder is closed");
        }
    }

    private static void throwFirst(List<H264Exception> errors) {
        if (errors.isEmpty()) {
            return;
        }
        H264Exception first = errors.get(0);
        for (int i = 1; i < errors.size(); i++) {
            first.addSuppressed(errors.get(i));
        }
        errors.clear();
        throw first;
    }

    private void pushNal(NalUnit nal, long pts, boolean output, List<H264Exception> errors) {
        try {
            if (nal.forbiddenBit()) {
                throw H264Exception.invalid(nal.where() + ": forbidden_zero_bit is set");
            }
            // pictures completed by this unit are decoded before a new parameter set in it applies
            List<AccessUnit> done = splitter.push(nal);
            for (int i = 0; i < done.size(); i++) {
                try {
                    decodeAccessUnit(done.get(i), pts, output);
                } catch (H264Exception e) {
                    errors.add(e);
                }
            }
            if (ParameterSets.isParameterSet(nal.type())) {
                applyParameterSet(nal, nal.where());
            }
        } catch (H264Exception e) {
            errors.add(e);
        }
    }

    private void applyParameterSet(NalUnit nal, String where) {
        ByteBuffer payload = ByteBuffer.wrap(nal.data(), 1, nal.length() - 1);
        try {
            if (nal.type() == NalUnitType.SPS) {
                ps.putSps(nal);
                if (backend == Backend.JCODEC) { // its own copy for its slice readers, read the safe way
                    jcodecReader.addSps(ParameterSets.forJcodec(nal));
                }
            } else if (nal.type() == NalUnitType.PPS) {
                ps.putPps(nal);
                if (backend == Backend.JCODEC) {
                    jcodecReader.addPps(payload);
                }
            } else {
                throw H264Exception.invalid(where + ": not a parameter set (NAL type " + nal.type() + ")");
            }
        } catch (H264Exception e) {
            throw e;
        } catch (RuntimeException e) {
            throw new H264Exception(H264Exception.Kind.INVALID_DATA, where + ": bad parameter set: " + e, e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // one access unit

    private void decodeAccessUnit(AccessUnit au, long pts, boolean output) {
        List<NalUnit> sliceNals = this.sliceNals;
        List<SliceHeaderPrefix> prefixes = this.slicePrefixes;
        sliceNals.clear();
        prefixes.clear();
        boolean recoveryPoint = false;
        for (int i = 0; i < au.nals().size(); i++) {
            NalUnit n = au.nals().get(i);
            int t = n.type();
            if (t >= NalUnitType.DPA && t <= NalUnitType.DPC) {
                throw H264Exception.unsupported(n.where() + ": data partitioning (Extended profile) is not supported");
            }
            if (t == NalUnitType.SEI) {
                recoveryPoint |= hasRecoveryPoint(n);
            }
            SliceHeaderPrefix p = au.slices().get(i);
            if (p != null && p.redundantPicCnt() == 0) {
                sliceNals.add(n);
                prefixes.add(p);
            }
        }
        if (sliceNals.isEmpty()) {
            return;
        }
        long index = decodeIndex++;
        SliceHeaderPrefix first = prefixes.get(0);
        if (!output && skipNonReference && first.nalRefIdc() == 0) {
            skipNonReferencePicture(first);
            return;
        }
        FrameWhere where = new FrameWhere(index, sliceNals.get(0));
        for (int i = 0; i < prefixes.size(); i++) {
            int st = prefixes.get(i).sliceType();
            if (st == 3 || st == 4) {
                throw H264Exception.unsupported(where + ": " + (st == 3 ? "SP" : "SI") + " slices are not supported");
            }
        }

        // whether this picture is the second field of the first field decoded last (a complementary field pair:
        // opposite parity, same frame_num, both reference fields or neither, not an IDR picture)
        Dpb.Pic firstField = pendingField;
        boolean pairs = firstField != null && first.fieldPic() && firstField.fields != (first.bottomField() ? Dpb.BOTTOM : Dpb.TOP)
                && firstField.frameNum == first.frameNum() && !first.idr() && firstField.firstFieldRef == (first.nalRefIdc() != 0)
                && firstField.pic != null && dpb.pictures().contains(firstField);
        // full slice headers: ours (bounded) for the frame layer and our backend, parsed into reused
        // buffers (with frame threads, a picture's own until it has been reconstructed; a second field's go
        // with its first field's)
        SliceBatch batch = own == null ? jcodecBatch : pairs && own.frameThreaded() ? own.secondFieldBatch() : own.batch();
        batch.clear();
        for (int i = 0; i < sliceNals.size(); i++) {
            batch.add(sliceNals.get(i), lookup);
        }
        List<org.purecodec.h264.syntax.SliceHeader> headers = batch.headers;
        List<SliceReader> readers = null;
        if (backend == Backend.JCODEC) {
            if (!headers.get(0).sps.frameMbsOnlyFlag || headers.get(0).monochrome()) {
                throw H264Exception.unsupported(where + ": the JCodec backend takes only 4:2:0 streams with"
                        + " frame_mbs_only_flag = 1");
            }
            // JCodec's SliceReaders (it re-reads the headers, which ours has already checked)
            List<ByteBuffer> bufs = new ArrayList<>(sliceNals.size());
            for (NalUnit n : sliceNals) {
                bufs.add(ByteBuffer.wrap(java.util.Arrays.copyOfRange(n.buffer(), n.start(), n.start() + n.length())));
            }
            try {
                readers = jcodecReader.readFrame(bufs);
            } catch (RuntimeException e) {
                throw new H264Exception(H264Exception.Kind.INVALID_DATA, where + ": bad slice header: " + e, e);
            }
            if (readers == null || readers.size() != sliceNals.size()) {
                throw H264Exception.invalid(where + ": slices refer to missing parameter sets");
            }
        }
        org.purecodec.h264.syntax.SliceHeader sh0 = headers.get(0);
        SeqParameterSet sps = sh0.sps;
        if (sequenceLimit != null && sps != checkedSps) {
            String exceeded = sequenceLimit.exceeded(SequenceInfo.of(sps));
            if (exceeded != null) {
                throw new H264Exception(H264Exception.Kind.LIMIT_EXCEEDED, where + ": " + exceeded);
            }
            checkedSps = sps;
        }
        int maxFrameNum = 1 << (sps.log2MaxFrameNumMinus4 + 4);
        boolean idr = first.idr();
        boolean ref = first.nalRefIdc() != 0;
        boolean mmco5 = !idr && sh0.hasMmco5();
        PocCalculator.Params pocParams = pocParams(sps);
        boolean field = sh0.fieldPic;
        int parity = sh0.bottomField ? 1 : 0;
        int bits = field ? 1 << parity : Dpb.FRAME; // (field pictures reach only our backend: JCodec's refuses frame_mbs_only_flag 0 above)
        DecodedFrame.PictureType type = DecodedFrame.PictureType.I;
        for (int i = 0; i < prefixes.size(); i++) {
            SliceHeaderPrefix p = prefixes.get(i);
            if (p.sliceType() == 1) {
                type = DecodedFrame.PictureType.B;
            } else if (p.sliceType() == 0 && type == DecodedFrame.PictureType.I) {
                type = DecodedFrame.PictureType.P;
            }
        }

        // the second field of the frame whose first field came last (a complementary field pair), if this is it
        pendingField = null;
        if (firstField != null && !pairs) {
            finishUnpairedField(firstField);
            firstField = null;
        }
        if (firstField != null) {
            decodeSecondField(firstField, batch, first, sh0, sps, pocParams, maxFrameNum, bits, ref, mmco5, type, where);
            return;
        }

        if (idr) {
            if (own != null) {
                own.newEpoch(); // frame threads: nothing from here on can refer to an earlier picture
            }
            configureDpb(sps);
            if (sh0.noOutputOfPriorPics) {
                recycle(dpb.clear()); // no_output_of_prior_pics_flag
            } else {
                while (bumpOne()) {
                    // all prior pictures are output before the IDR
                }
                recycle(dpb.clear());
            }
            prevRefFrameNum = -1;
            synced = true;
            openGopPoc = Integer.MIN_VALUE;
        } else {
            if (prevRefFrameNum < 0 && !synced) {
                configureDpb(sps);
            }
            if (prevRefFrameNum >= 0 && first.frameNum() != prevRefFrameNum
                    && first.frameNum() != (prevRefFrameNum + 1) % maxFrameNum) {
                fillFrameNumGap(sps, pocParams, first.frameNum(), maxFrameNum);
            }
        }

        PocCalculator.Poc poc = pocCalc.compute(pocParams, new PocCalculator.Input(idr, first.nalRefIdc(), first.frameNum(),
                first.picOrderCntLsb(), first.deltaPicOrderCntBottom(), first.deltaPicOrderCnt0(), first.deltaPicOrderCnt1(),
                mmco5, field));
        int pocValue = !field ? poc.frame() : parity == 0 ? poc.top() : poc.bottom();

        if (!synced) {
            if (type != DecodedFrame.PictureType.I) {
                if (ref) {
                    prevRefFrameNum = first.frameNum();
                }
                throw new H264Exception(H264Exception.Kind.MISSING_REFERENCE, where + ": " + type
                        + " picture before the first IDR or I picture: its references were never decoded");
            }
            synced = true;
            openGopPoc = pocValue;
        } else if (type != DecodedFrame.PictureType.I && pocValue < openGopPoc && !mmco5) {
            throw new H264Exception(H264Exception.Kind.MISSING_REFERENCE, where + ": leading " + type
                    + " picture (POC " + pocValue + ") of the open GOP where decoding started: its references were never decoded");
        }
        if (type != DecodedFrame.PictureType.I && dpb.referenceCount() == 0) {
            throw new H264Exception(H264Exception.Kind.MISSING_REFERENCE, where + ": " + type
                    + " picture but no reference picture is available");
        }

        Frame frame = null;
        org.purecodec.h264.recon.Picture picture = null;
        if (backend == Backend.OWN) {
            picture = reconstructOwn(batch, first.frameNum(), pocValue, null, parity, where);
        } else {
            frame = reconstruct(sps, readers, headers, first.frameNum(), pocValue, where);
        }

        Dpb.Pic cur = new Dpb.Pic();
        cur.frame = frame;
        cur.pic = picture;
        cur.frameNum = first.frameNum();
        cur.poc = pocValue;
        cur.topPoc = field ? pocValue : poc.top();
        cur.bottomPoc = field ? pocValue : poc.bottom();
        cur.fields = bits;
        cur.fieldCoded = field;
        cur.awaitingSecondField = field;
        cur.firstFieldRef = ref;
        cur.idr = idr;
        cur.pts = pts;
        cur.decodeIndex = index;
        cur.type = type;
        cur.keyFrame = idr || (recoveryPoint && type == DecodedFrame.PictureType.I);
        cur.output = output;
        describe(cur, sps);
        cur.neededForOutput = true;

        if (ref) {
            if (idr) {
                boolean lt = sh0.longTermReference;
                dpb.markIdr(cur, bits, lt);
                if (lt && frame != null) {
                    frame.setShortTerm(false);
                }
            } else if (sh0.adaptiveRefPicMarking) {
                boolean curLong = dpb.mmco(sh0, cur, bits, maxFrameNum, where);
                if (mmco5) {
                    // all earlier pictures are output first; this one becomes POC 0, frame_num 0 (8.2.1, 7.4.3)
                    while (bumpOne()) {
                        // output everything before the mmco5 picture
                    }
                    PocCalculator.Poc after = PocCalculator.afterMmco5(poc);
                    cur.poc = field ? 0 : after.frame(); // a field's own order count becomes 0
                    cur.topPoc = field ? 0 : after.top();
                    cur.bottomPoc = field ? 0 : after.bottom();
                    cur.frameNum = 0;
                    if (frame != null) {
                        cur.frame = new Frame(frame.getWidth(), frame.getHeight(), frame.getData(), frame.getColor(),
                                frame.getCrop(), 0, frame.getFrameType(), frame.getMvs(), frame.getRefsUsed(), cur.poc);
                        if (curLong) {
                            cur.frame.setShortTerm(false);
                        }
                    }
                    if (picture != null) {
                        picture.poc = cur.poc;
                        own.newEpoch(); // the pictures after an mmco 5 refer to nothing before it
                    }
                }
                if (curLong) {
                    if (frame != null) {
                        frame.setShortTerm(false);
                    }
                } else {
                    cur.shortFields |= bits;
                }
            } else {
                dpb.slidingWindow(sps.numRefFrames, cur.frameNum, maxFrameNum, null);
                cur.shortFields |= bits;
            }
            prevRefFrameNum = cur.frameNum;
        }
        lastPoc = cur.poc;
        store(cur);
        if (field) {
            pendingField = cur;
        }
    }

    /**
     * The second field of a complementary field pair: decoded into the other half of its first field's frame
     * store, marked (a reference field pair takes the first field's marking without the sliding window,
     * 8.2.5.3), then the store is a frame that can be output.
     */
    private void decodeSecondField(Dpb.Pic store, SliceBatch batch, SliceHeaderPrefix first,
                                   org.purecodec.h264.syntax.SliceHeader sh0, SeqParameterSet sps,
                                   PocCalculator.Params pocParams, int maxFrameNum, int bits, boolean ref, boolean mmco5,
                                   DecodedFrame.PictureType type, FrameWhere where) {
        int parity = bits == Dpb.BOTTOM ? 1 : 0;
        int pocValue;
        try {
            PocCalculator.Poc poc = pocCalc.compute(pocParams, new PocCalculator.Input(false, first.nalRefIdc(), first.frameNum(),
                    first.picOrderCntLsb(), first.deltaPicOrderCntBottom(), first.deltaPicOrderCnt0(), first.deltaPicOrderCnt1(),
                    mmco5, true));
            pocValue = parity == 0 ? poc.top() : poc.bottom();
            if (type != DecodedFrame.PictureType.I && dpb.referenceCount() == 0) {
                throw new H264Exception(H264Exception.Kind.MISSING_REFERENCE, where + ": " + type
                        + " field but no reference picture is available");
            }
            reconstructOwn(batch, first.frameNum(), pocValue, store.pic, parity, where);
        } catch (H264Exception e) {
            // the first field alone stays (as an unpaired field)
            finishUnpairedField(store);
            throw e;
        }
        if (parity == 0) {
            store.topPoc = pocValue;
        } else {
            store.bottomPoc = pocValue;
        }
        store.fields = Dpb.FRAME;
        store.poc = Math.min(store.topPoc, store.bottomPoc);
        // the frame's type: B if either field has B slices, else P if either has P slices, else I
        if (type == DecodedFrame.PictureType.B || (type == DecodedFrame.PictureType.P && store.type == DecodedFrame.PictureType.I)) {
            store.type = type;
        }
        if (ref) {
            if (sh0.adaptiveRefPicMarking) {
                boolean curLong = dpb.mmco(sh0, store, bits, maxFrameNum, where);
                if (mmco5) {
                    while (bumpOne()) {
                        // output everything before the mmco5 picture
                    }
                    store.topPoc = parity == 0 ? 0 : store.topPoc;
                    store.bottomPoc = parity == 1 ? 0 : store.bottomPoc;
                    store.poc = Math.min(store.topPoc, store.bottomPoc);
                    store.frameNum = 0;
                    own.newEpoch();
                }
                if (!curLong) {
                    store.shortFields |= bits;
                }
            } else if (store.longFields != 0) {
                store.longFields |= bits; // the pair of a long-term first field is long-term with its index
            } else {
                if (store.shortFields == 0) {
                    dpb.slidingWindow(sps.numRefFrames, store.frameNum, maxFrameNum, store);
                }
                store.shortFields |= bits;
            }
            prevRefFrameNum = store.frameNum;
        }
        own.finishFrame(store.pic);
        store.awaitingSecondField = false;
        lastPoc = store.poc;
        afterFrameComplete(store);
    }

    /**
     * A first field whose second field did not follow: the frame store holds that field alone. Its other
     * field's lines are filled from it (each missing line repeats the nearest decoded one), so that the frame
     * can be output; it stays a reference field if it is one.
     */
    private void finishUnpairedField(Dpb.Pic store) {
        if (!store.awaitingSecondField) {
            return;
        }
        store.awaitingSecondField = false;
        if (store.pic != null) {
            own.finishUnpairedField(store.pic, store.fields == Dpb.TOP ? 0 : 1);
        }
        afterFrameComplete(store);
    }

    /** Output decisions once a frame store holds a whole frame (or an unpaired field for good). */
    private void afterFrameComplete(Dpb.Pic store) {
        recycle(dpb.removeUnused());
        while (dpb.fullness() > dpbSize && bumpOne()) {
            // make room
        }
        while (dpb.waitingForOutput() > numReorder && bumpOne()) {
            // respect max_num_reorder_frames
        }
    }

    /**
     * A non-reference picture the caller does not want: nothing can refer to it, so only the POC state
     * moves on (as if it had been decoded).
     */
    private void skipNonReferencePicture(SliceHeaderPrefix first) {
        ParameterSets.Sps s = ps.spsOf(first.ppsId());
        if (s == null) {
            return;
        }
        SeqParameterSet sps = s.sps();
        PocCalculator.Params pocParams = pocParams(sps);
        PocCalculator.Poc poc = pocCalc.compute(pocParams, new PocCalculator.Input(false, 0, first.frameNum(),
                first.picOrderCntLsb(), first.deltaPicOrderCntBottom(), first.deltaPicOrderCnt0(), first.deltaPicOrderCnt1(),
                false));
        lastPoc = poc.frame();
    }

    /** Our backend: reference lists from our DPB per slice, then {@link OwnBackend#decode}. */
    private org.purecodec.h264.recon.Picture reconstructOwn(SliceBatch batch, int frameNum, int poc,
                                                            org.purecodec.h264.recon.Picture frameOfField, int parity,
                                                            FrameWhere where) {
        List<org.purecodec.h264.syntax.SliceHeader> headers = batch.headers;
        SeqParameterSet sps = headers.get(0).sps;
        int maxFrameNum = 1 << (sps.log2MaxFrameNumMinus4 + 4);
        // reused: OwnBackend reads them before this returns (a frame-threaded task takes its own copies)
        List<Dpb.Pic[][]> lists = refListsOfSlices;
        List<int[][]> scaling = scalingOfSlices;
        lists.clear();
        scaling.clear();
        for (int i = 0; i < headers.size(); i++) {
            org.purecodec.h264.syntax.SliceHeader sh = headers.get(i);
            if (sh.fieldPic != headers.get(0).fieldPic || sh.bottomField != headers.get(0).bottomField) {
                throw H264Exception.invalid(where + ": slices of one picture differ in field_pic_flag / bottom_field_flag");
            }
            if (sh.sliceType == org.purecodec.h264.syntax.SliceHeader.P) {
                lists.add(sh.fieldPic ? refLists.buildPField(i, sh, dpb, frameNum, maxFrameNum, parity, where)
                        : refLists.buildP(i, sh, dpb, frameNum, maxFrameNum, where));
            } else if (sh.sliceType == org.purecodec.h264.syntax.SliceHeader.B) {
                lists.add(sh.fieldPic ? refLists.buildBField(i, sh, dpb, frameNum, poc, maxFrameNum, parity, where)
                        : refLists.buildB(i, sh, dpb, frameNum, poc, maxFrameNum, where));
            } else {
                lists.add(null);
            }
            scaling.add(ps.resolvedScaling(sh.ppsId));
        }
        org.purecodec.h264.recon.Picture pic;
        if (headers.get(0).fieldPic && own.frameThreaded()) {
            // the pair's two fields are reconstructed by one frame-thread task, submitted with the second field
            if (frameOfField == null) {
                pic = own.prepareFirstField(batch, lists, scaling, poc, parity, where);
            } else {
                own.submitSecondField(batch, lists, scaling, poc, parity, where);
                pic = frameOfField;
            }
        } else if (headers.get(0).fieldPic) {
            pic = own.decodeField(batch, lists, scaling, poc, frameOfField, parity, where);
        } else {
            pic = own.frameThreaded()
                    ? own.submit(batch, lists, scaling, poc, where)
                    : own.decode(batch, lists, scaling, poc, where);
        }
        reconstructed++;
        return pic;
    }

    private static Frame[] frames(Dpb.Pic[] pics) {
        Frame[] f = new Frame[pics.length];
        for (int i = 0; i < pics.length; i++) {
            f[i] = pics[i] == null ? null : pics[i].frame;
        }
        return f;
    }

    private Frame reconstruct(SeqParameterSet sps, List<SliceReader> readers, List<org.purecodec.h264.syntax.SliceHeader> headers,
                              int frameNum, int poc, FrameWhere where) {
        SliceHeader sh0 = readers.get(0).getSliceHeader();
        int mbW = FrameGeometry.mbWidth(sps);
        int mbH = FrameGeometry.mbHeight(sps);
        byte[][] buf = buffers.takePicture(mbW * 16, mbH * 16);
        int maxFrameNum = 1 << (sps.log2MaxFrameNumMinus4 + 4);
        boolean started = false;
        try {
            DeblockerInput di = new DeblockerInput(sps);
            Frame frame = new Frame(mbW * 16, mbH * 16, buf, sps.chromaFormatIdc, null, frameNum,
                    sh0.sliceType, di.mvs, di.refsUsed, poc);
            List<SliceTask> tasks = new ArrayList<>(readers.size());
            boolean deblock = false;
            for (int i = 0; i < readers.size(); i++) {
                SliceReader r = readers.get(i);
                SliceHeader sh = r.getSliceHeader();
                if (sh.sps != sh0.sps) {
                    throw H264Exception.invalid(where + ": slices of one picture use different SPS");
                }
                fixWeightedBipred(sh);
                Frame[][] refs;
                org.purecodec.h264.syntax.SliceHeader ours = headers.get(i);
                if (sh.sliceType == SliceType.P) {
                    refs = new Frame[][] {frames(refLists.buildP(i, ours, dpb, frameNum, maxFrameNum, where)[0]), null};
                } else if (sh.sliceType == SliceType.B) {
                    Dpb.Pic[][] l = refLists.buildB(i, ours, dpb, frameNum, poc, maxFrameNum, where);
                    refs = new Frame[][] {frames(l[0]), frames(l[1])};
                } else {
                    refs = null;
                }
                tasks.add(new SliceTask(r, refs, ps.scalingFor(sh.pps.picParameterSetId), di, frame, i));
                deblock |= sh.disableDeblockingFilterIdc != 1;
            }
            started = true;
            runSlices(tasks, where);
            for (int mb = 0; mb < di.shs.length; mb++) {
                if (di.shs[mb] == null) {
                    throw H264Exception.invalid(where + ": macroblock " + mb + " (x " + (mb % mbW) + ", y " + (mb / mbW)
                            + ") is not covered by any slice (slice data ended early or a slice is missing)");
                }
            }
            reconstructed++;
            if (deblock) {
                new DeblockingFilter(mbW, sps.bitDepthChromaMinus8 + 8, di).deblockFrame(frame);
            }
            return frame;
        } catch (H264Exception e) {
            if (!started || e.kind() != H264Exception.Kind.ILLEGAL_STATE) {
                buffers.recycle(buf, true);
            }
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            buffers.recycle(buf, true);
            throw new H264Exception(H264Exception.Kind.INVALID_DATA, where + ": " + (started ? "deblocking" : "slice setup")
                    + " failed: " + e, e);
        }
    }

    /** Reconstructs the slices of one picture: on the calling thread, or shared with the slice threads. */
    private void runSlices(List<SliceTask> tasks, FrameWhere where) {
        int n = tasks.size();
        if (threads <= 1 || n < 2) {
            for (SliceTask t : tasks) {
                runSlice(t, where);
            }
            return;
        }
        H264Exception[] failures = new H264Exception[n];
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i; (i = next.getAndIncrement()) < n; ) {
                try {
                    runSlice(tasks.get(i), where);
                } catch (H264Exception e) {
                    failures[i] = e;
                }
            }
        };
        ExecutorService pool = slicePool();
        int helpers = Math.min(threads - 1, n - 1);
        List<Future<?>> futures = new ArrayList<>(helpers);
        for (int i = 0; i < helpers; i++) {
            futures.add(pool.submit(worker));
        }
        worker.run();
        boolean interrupted = false;
        for (Future<?> f : futures) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the workers write into the picture: wait for them regardless
                } catch (ExecutionException e) {
                    throw new H264Exception(H264Exception.Kind.ILLEGAL_STATE, where + ": slice thread failed: " + e.getCause(),
                            e.getCause());
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        H264Exception first = null;
        for (H264Exception e : failures) {
            if (e == null) {
                continue;
            }
            if (first == null) {
                first = e;
            } else {
                first.addSuppressed(e);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private ExecutorService slicePool() {
        if (slicePool == null) {
            AtomicInteger count = new AtomicInteger();
            slicePool = Executors.newFixedThreadPool(threads - 1, r -> {
                Thread t = new Thread(r, "purecodec-h264-slice-" + count.incrementAndGet());
                t.setDaemon(true);
                synchronized (sliceThreads) {
                    sliceThreads.add(t);
                }
                return t;
            });
        }
        return slicePool;
    }

    /** Runs one slice and turns whatever JCodec throws into a typed error naming slice and macroblock. */
    private static void runSlice(SliceTask t, FrameWhere where) {
        try {
            t.run();
        } catch (H264Exception e) {
            throw e;
        } catch (NullPointerException | ArrayIndexOutOfBoundsException e) {
            boolean inter = t.header().sliceType != SliceType.I;
            throw new H264Exception(inter ? H264Exception.Kind.MISSING_REFERENCE : H264Exception.Kind.INVALID_DATA,
                    where + ", " + t.position() + ": macroblock decoding failed"
                            + (inter ? " (corrupt data, or a reference picture is missing)" : " (corrupt data)") + ": " + e, e);
        } catch (RuntimeException | StackOverflowError e) {
            throw new H264Exception(H264Exception.Kind.INVALID_DATA, where + ", " + t.position()
                    + ": macroblock decoding failed (corrupt data): " + e, e);
        }
    }

    /**
     * JCodec applies weighted bi-prediction (explicit or implicit) only when weighted_pred_flag is set,
     * which belongs to P slices: give B slices a PPS copy with the flag set so weighted_bipred_idc works.
     */
    private static void fixWeightedBipred(SliceHeader sh) {
        PictureParameterSet pps = sh.pps;
        if (sh.sliceType == SliceType.B && pps.weightedBipredIdc != 0 && !pps.weightedPredFlag) {
            PictureParameterSet c = pps.copy();
            c.weightedPredFlag = true;
            sh.pps = c;
        }
    }


    /** Inserts "non-existing" frames for a gap in frame_num (8.2.5.2) with sliding-window marking. */
    /** The POC parameters of {@code sps} (kept while the same SPS object is active). */
    private PocCalculator.Params pocParams(SeqParameterSet sps) {
        if (sps != pocParamsSps) {
            pocParamsCached = new PocCalculator.Params(sps.picOrderCntType, sps.log2MaxPicOrderCntLsbMinus4 + 4,
                    sps.log2MaxFrameNumMinus4 + 4, sps.offsetForNonRefPic, sps.offsetForTopToBottomField,
                    sps.numRefFramesInPicOrderCntCycle == 0 ? new int[0] : sps.offsetForRefFrame);
            pocParamsSps = sps;
        }
        return pocParamsCached;
    }

    private void fillFrameNumGap(SeqParameterSet sps, PocCalculator.Params pocParams, int frameNum, int maxFrameNum) {
        int gap = Math.floorMod(frameNum - prevRefFrameNum - 1, maxFrameNum);
        int keep = Math.max(sps.numRefFrames, 1);
        // only the last num_ref_frames non-existing frames can remain references
        int start = gap > keep ? Math.floorMod(frameNum - keep, maxFrameNum) : (prevRefFrameNum + 1) % maxFrameNum;
        for (int fn = start; fn != frameNum; fn = (fn + 1) % maxFrameNum) {
            PocCalculator.Poc gp = pocCalc.gapFrame(pocParams, fn);
            dpb.slidingWindow(sps.numRefFrames, fn, maxFrameNum, null);
            Dpb.Pic p = new Dpb.Pic();
            p.nonExisting = true;
            p.frameNum = fn;
            p.poc = gp != null ? gp.frame() : lastPoc;
            p.topPoc = gp != null ? gp.top() : p.poc;
            p.bottomPoc = gp != null ? gp.bottom() : p.poc;
            int w = FrameGeometry.mbWidth(sps) * 16;
            int h = FrameGeometry.mbHeight(sps) * 16;
            Frame g = grayFrame(w, h);
            p.frame = new Frame(g.getWidth(), g.getHeight(), g.getData(), g.getColor(), null, fn, SliceType.P, null, null, p.poc);
            p.shortFields = Dpb.FRAME;
            dpb.add(p);
            prevRefFrameNum = fn;
            recycle(dpb.removeUnused());
        }
    }

    private Frame grayFrame(int w, int h) {
        if (gray == null || gray.getWidth() != w || gray.getHeight() != h) {
            byte[][] d = {new byte[w * h], new byte[w * h / 4], new byte[w * h / 4]}; // 0 = sample value 128
            gray = new Frame(w, h, d, org.jcodec.common.model.ColorSpace.YUV420, null, 0, SliceType.P, null, null, 0);
        }
        return gray;
    }

    /** The picture's output geometry (cropping window) and colour description, from its SPS. */
    private static void describe(Dpb.Pic p, SeqParameterSet sps) {
        VUIParameters vui = sps.vuiParams;
        boolean signal = vui != null && vui.videoSignalTypePresentFlag;
        p.fullRange = signal && vui.videoFullRangeFlag;
        p.matrixCoefficients = signal && vui.colourDescriptionPresentFlag ? vui.matrixCoefficients : 2;
        int w = FrameGeometry.mbWidth(sps) * 16;
        int h = FrameGeometry.mbHeight(sps) * 16;
        if (sps.frameCroppingFlag) {
            int unitY = FrameGeometry.cropUnitY(sps);
            p.cropLeft = sps.frameCropLeftOffset * 2;
            p.cropTop = sps.frameCropTopOffset * unitY;
            p.width = w - 2 * (sps.frameCropLeftOffset + sps.frameCropRightOffset);
            p.height = h - unitY * (sps.frameCropTopOffset + sps.frameCropBottomOffset);
            if (p.width <= 0 || p.height <= 0) {
                throw H264Exception.invalid("SPS " + sps.seqParameterSetId + ": cropping window is empty");
            }
        } else {
            p.width = w;
            p.height = h;
        }
    }

    static boolean hasRecoveryPoint(NalUnit sei) {
        byte[] d = sei.rbsp();
        int i = 0;
        while (i < d.length && (d[i] & 0xff) != 0x80) {
            int type = 0;
            while (i < d.length && (d[i] & 0xff) == 0xff) {
                type += 255;
                i++;
            }
            if (i >= d.length) {
                return false;
            }
            type += d[i++] & 0xff;
            int size = 0;
            while (i < d.length && (d[i] & 0xff) == 0xff) {
                size += 255;
                i++;
            }
            if (i >= d.length) {
                return false;
            }
            size += d[i++] & 0xff;
            if (type == 6) {
                return true;
            }
            i += size;
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------
    // DPB size and output

    private static final int[][] MAX_DPB_MBS = {
        {9, 396}, {10, 396}, {11, 900}, {12, 2376}, {13, 2376}, {20, 2376}, {21, 4752}, {22, 8100}, {30, 8100},
        {31, 18000}, {32, 20480}, {40, 32768}, {41, 32768}, {42, 34816}, {50, 110400}, {51, 184320}, {52, 184320},
        {60, 696320}, {61, 696320}, {62, 696320}};

    private void configureDpb(SeqParameterSet sps) {
        int frameMbs = FrameGeometry.mbWidth(sps) * FrameGeometry.mbHeight(sps);
        int maxDpbMbs = 696320;
        int level = sps.levelIdc;
        if (level == 11 && sps.constraintSet3Flag && (sps.profileIdc == 66 || sps.profileIdc == 77)) {
            level = 9; // level 1b
        }
        for (int[] l : MAX_DPB_MBS) {
            if (l[0] == level) {
                maxDpbMbs = l[1];
            }
        }
        int levelFrames = Math.max(1, Math.min(maxDpbMbs / frameMbs, 16));
        VUIParameters vui = sps.vuiParams;
        if (vui != null && vui.bitstreamRestriction != null) {
            dpbSize = Math.max(1, Math.min(vui.bitstreamRestriction.maxDecFrameBuffering, 16));
            numReorder = Math.min(vui.bitstreamRestriction.numReorderFrames, dpbSize);
        } else {
            dpbSize = levelFrames;
            numReorder = dpbSize;
        }
        dpbSize = Math.max(dpbSize, Math.min(Math.max(sps.numRefFrames, 1), 16));
    }

    private void store(Dpb.Pic cur) {
        recycle(dpb.removeUnused());
        if (!cur.isRef() && !cur.awaitingSecondField && dpb.fullness() >= dpbSize) {
            Dpb.Pic next = dpb.nextOutput();
            if (next == null || cur.poc < next.poc) {
                emit(cur);
                recycle(List.of(cur));
                return;
            }
        }
        // make room; not yet for a non-reference first field: once its second field is decoded it may be the
        // frame to output first (C.4.5.3), which afterFrameComplete decides
        while (dpb.fullness() >= dpbSize && !(cur.awaitingSecondField && !cur.isRef()) && bumpOne()) {
            // make room
        }
        dpb.add(cur);
        while (dpb.waitingForOutput() > numReorder && bumpOne()) {
            // respect max_num_reorder_frames
        }
    }

    private boolean bumpOne() {
        Dpb.Pic p = dpb.nextOutput();
        if (p == null) {
            return false;
        }
        emit(p);
        p.neededForOutput = false;
        recycle(dpb.removeUnused());
        return true;
    }

    private void emit(Dpb.Pic p) {
        if (!p.output || p.nonExisting) {
            return;
        }
        if (p.pic != null) {
            emitOwn(p);
            return;
        }
        Frame f = p.frame;
        int w = p.width;
        int h = p.height;
        int cw = (w + 1) / 2;
        int ch = (h + 1) / 2;
        int stride = f.getPlaneWidth(0);
        int cStride = f.getPlaneWidth(1);
        if (!p.isRef()) {
            // nothing will read this picture buffer again: convert it in place and hand it out (no copy)
            byte[][] planes = f.getData();
            for (byte[] plane : planes) {
                toUnsigned(plane);
            }
            p.handedOut = true;
            int cOff = (p.cropTop / 2) * cStride + p.cropLeft / 2;
            output.add(new Pending(new DecodedFrame(w, h, planes[0], p.cropTop * stride + p.cropLeft, stride, planes[1], cOff, cStride,
                    planes[2], cOff, cStride, p.pts, p.poc, p.idr, p.keyFrame, p.type, p.decodeIndex, buffers, planes, true)
                    .colour(p.matrixCoefficients, p.fullRange)));
            return;
        }
        byte[][] o = buffers.takeOutput(w * h, cw * ch);
        copyPlane(f.getPlaneData(0), stride, p.cropLeft, p.cropTop, o[0], w, h);
        copyPlane(f.getPlaneData(1), cStride, p.cropLeft / 2, p.cropTop / 2, o[1], cw, ch);
        copyPlane(f.getPlaneData(2), cStride, p.cropLeft / 2, p.cropTop / 2, o[2], cw, ch);
        output.add(new Pending(new DecodedFrame(w, h, o[0], 0, w, o[1], 0, cw, o[2], 0, cw, p.pts, p.poc, p.idr, p.keyFrame,
                p.type, p.decodeIndex, buffers, o, false).colour(p.matrixCoefficients, p.fullRange)));
    }

    /** Output of a picture of our backend: its padded planes, with the cropping window as offset and stride. */
    private void emitOwn(Dpb.Pic p) {
        // The frame is made when the picture is complete (see poll): a non-reference picture is handed out
        // (the DPB lets go of it now), a reference picture is pinned until its frame is released.
        boolean pinned = p.isRef();
        if (pinned) {
            own.pin(p.pic);
        } else {
            p.handedOut = true;
        }
        output.add(new Pending(p, pinned));
    }

    private static void toUnsigned(byte[] plane) {
        for (int i = 0; i < plane.length; i++) {
            plane[i] ^= (byte) 0x80;
        }
    }

    /** Copies a window and converts JCodec's value-128 samples to unsigned bytes. */
    private static void copyPlane(byte[] src, int stride, int x0, int y0, byte[] dst, int w, int h) {
        for (int row = 0; row < h; row++) {
            int s = (y0 + row) * stride + x0;
            int d = row * w;
            for (int x = 0; x < w; x++) {
                dst[d + x] = (byte) (src[s + x] ^ 0x80);
            }
        }
    }

    private void recycle(List<Dpb.Pic> gone) {
        for (int i = 0; i < gone.size(); i++) {
            Dpb.Pic p = gone.get(i);
            if (p.pic != null) {
                if (!p.handedOut) {
                    own.recycle(p.pic);
                }
                p.pic = null;
                continue;
            }
            if (p.frame != null && !p.nonExisting && !p.handedOut) {
                buffers.recycle(p.frame.getData(), true);
            }
            p.frame = null;
        }
    }
}
