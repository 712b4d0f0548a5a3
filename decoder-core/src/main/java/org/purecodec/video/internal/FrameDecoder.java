package org.purecodec.video.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.TreeMap;
import org.purecodec.h264.DecodedFrame;
import org.purecodec.h264.H264Decoder;
import org.purecodec.h264.H264Exception;
import org.purecodec.mp4.Mp4FormatException;
import org.purecodec.video.VideoDecoderException;
import org.purecodec.video.VideoDecoderException.Kind;

/**
 * Decodes presented frames of a {@link StreamSource} on demand, seeking only when it pays.
 *
 * <p>The decoder keeps a session: the entry (decode-order sample) it started from and the next entry
 * to feed. To produce frame {@code t} it continues the session when {@code t} has not been output yet
 * and the session already covers {@code t}'s decode start (so no key frame lies between the current
 * position and {@code t}); otherwise it resets the H.264 decoder and starts at
 * {@link StreamSource#decodeStartEntry(int)}. Frames must be requested in increasing presentation
 * order within a call sequence for the session to be reused; any order is correct.
 *
 * <p>Errors: a picture that fails to decode is fatal when it is a frame at or after the target, or
 * any error other than a missing reference (which happens, by design, to the leading pictures of an
 * open GOP when decoding starts at its I picture). Not thread-safe.
 */
public final class FrameDecoder implements AutoCloseable {
    /** Receives decoded frames. */
    public interface Sink {
        /** Frame {@code frame} (presentation index) was decoded. */
        void accept(int frame, DecodedFrame picture);
    }

    private final StreamSource p;
    private final ByteBuffer buf;
    private final boolean tolerant;
    private final int threads;
    private final H264Decoder.ThreadType threadType;
    private final H264Decoder.SequenceLimit limit;
    private H264Decoder decoder;
    private int sessionStart = -1;
    /** Entry of the last picture that failed to decode in this session, or -1. */
    private int failEntry = -1;
    /** First sync entry fed after {@link #failEntry}, or -1: decoding is clean again from there. */
    private int recoverEntry = -1;
    private int nextEntry = -1;
    private int lastOutput = -1;
    private int target;
    /** Presented frames already output by the decoder and not yet asked for (at most a DPB's worth). */
    private final TreeMap<Integer, DecodedFrame> pending = new TreeMap<>();

    /**
     * A decoder over the track's samples.
     *
     * @param tolerant when true, a corrupt frame makes {@link #decodeOne} return null instead of
     *                 throwing (decoding continues with the next pictures)
     * @param limit    checked for every SPS a picture activates, the first and any the stream brings later
     *                 (a picture beyond it is a {@code LIMIT_EXCEEDED} error whatever the error policy)
     */
    public FrameDecoder(StreamSource source, boolean tolerant, int threads, H264Decoder.ThreadType threadType,
                        H264Decoder.SequenceLimit limit) {
        this.p = source;
        this.limit = limit;
        this.tolerant = tolerant;
        this.threads = threads;
        this.threadType = threadType;
        this.buf = ByteBuffer.allocate(Math.max(1, source.maxEntrySize()));
        // Created now so that parameter sets the decoder refuses (from avcC) fail the open, typed.
        seek(0);
        sessionStart = -1;
    }

    /**
     * Decodes the frames {@code frames} (presentation indices, strictly increasing) and hands each to
     * the sink, in that order.
     */
    public void decode(int[] frames, Sink sink) {
        for (int t : frames) {
            sink.accept(t, decodeOne(t));
        }
    }

    /**
     * Decodes one frame (presentation index). Returns null when the frame is corrupt and the decoder
     * is tolerant; throws {@link VideoDecoderException} otherwise.
     */
    public DecodedFrame decodeOne(int t) {
        releaseAll(pending.headMap(t));
        DecodedFrame ready = pending.remove(t);
        if (ready != null) {
            return ready;
        }
        int start = p.decodeStartEntry(t);
        boolean canContinue = decoder != null && sessionStart >= 0 && lastOutput < t && start >= sessionStart
                && start <= nextEntry;
        if (!canContinue) {
            seek(start);
        }
        target = t;
        try {
            while (!pending.containsKey(t)) {
                if (!pending.isEmpty()) {
                    if (tolerant) {
                        return null; // t failed to decode: a later frame came out first
                    }
                    throw new VideoDecoderException(Kind.CORRUPT_FRAME, "frame " + t + " could not be decoded"
                            + " (frame " + pending.firstKey() + " came out first); the stream is probably damaged");
                }
                if (nextEntry < p.entryCount()) {
                    feed(nextEntry++);
                } else if (nextEntry == p.entryCount()) {
                    nextEntry++;
                    try {
                        decoder.flush();
                    } catch (H264Exception e) {
                        handle(e, p.entryCount() - 1);
                    }
                    drain();
                } else {
                    if (tolerant) {
                        return null;
                    }
                    throw new VideoDecoderException(Kind.CORRUPT_FRAME, "frame " + t + " was not produced by the"
                            + " decoder (end of stream reached); the stream is probably damaged");
                }
            }
        } catch (VideoDecoderException e) {
            // The session's state is uncertain after an error: start afresh next time.
            sessionStart = -1;
            releaseAll(pending);
            throw e;
        }
        return pending.remove(t);
    }

    private void seek(int start) {
        try {
            if (decoder == null) {
                // Non-reference pictures that are not needed (shown before the target) are skipped.
                decoder = p.newDecoder(threads, threadType, limit);
            }
            p.resetDecoder(decoder, start);
        } catch (H264Exception e) {
            // Parameter sets (e.g. from avcC) the decoder refuses when it takes them in.
            throw new VideoDecoderException(e.kind() == H264Exception.Kind.UNSUPPORTED ? Kind.UNSUPPORTED
                    : Kind.INVALID_DATA, "the stream's parameter sets cannot be used: " + e.getMessage(), e);
        }
        sessionStart = start;
        failEntry = -1;
        recoverEntry = -1;
        nextEntry = start;
        lastOutput = -1;
        releaseAll(pending);
    }

    private void feed(int e) {
        if (failEntry >= 0 && recoverEntry < 0 && e > failEntry && p.isSyncEntry(e)) {
            recoverEntry = e;
        }
        try {
            p.read(e, buf);
        } catch (Mp4FormatException ex) {
            Kind kind = ex.kind() == Mp4FormatException.Kind.TRUNCATED ? Kind.TRUNCATED : Kind.INVALID_DATA;
            throw new VideoDecoderException(kind, "cannot decode frame " + target + ": " + ex.getMessage(), ex);
        } catch (java.nio.channels.ClosedByInterruptException ex) {
            throw new VideoDecoderException(Kind.INTERRUPTED, "interrupted while reading entry " + e, ex);
        } catch (IOException ex) {
            throw new VideoDecoderException(Kind.IO_ERROR, "reading entry " + e + ": " + ex, ex);
        }
        try {
            // The entry index travels as the picture's timestamp: it identifies the output frame.
            // Pictures shown before the target (or never shown) are decoded without output, and
            // skipped entirely when nothing refers to them.
            p.decode(decoder, e, buf, p.entryFrame(e) >= target);
        } catch (H264Exception ex) {
            handle(ex, e);
        }
        drain();
    }

    private void handle(H264Exception ex, int entry) {
        int frame = p.entryFrame(entry);
        // A leading picture of an open GOP (shown before the sync picture decoding started at) cannot be
        // decoded after a seek: its references precede the start. That is expected, not damage.
        boolean leading = ex.kind() == H264Exception.Kind.MISSING_REFERENCE
                && p.entryPts(entry) < p.entryPts(sessionStart);
        if (leading) {
            return;
        }
        if (tolerant && ex.kind() != H264Exception.Kind.UNSUPPORTED && ex.kind() != H264Exception.Kind.LIMIT_EXCEEDED) {
            // The picture is not output; pictures that may refer to it are suspect until recovery.
            failEntry = entry;
            recoverEntry = -1;
            return;
        }
        switch (ex.kind()) {
            case UNSUPPORTED:
                throw new VideoDecoderException(Kind.UNSUPPORTED, ex.getMessage(), ex);
            case LIMIT_EXCEEDED:
                throw new VideoDecoderException(Kind.LIMIT_EXCEEDED, "frame " + (frame >= 0 ? frame : target) + ": "
                        + ex.getMessage(), ex);
            default:
                throw new VideoDecoderException(Kind.CORRUPT_FRAME, "frame " + (frame >= 0 ? frame : target)
                        + " (coded picture " + entry + " in decoding order) cannot be decoded: " + ex.getMessage(), ex);
        }
    }

    private void drain() {
        DecodedFrame f;
        while ((f = decoder.poll()) != null) {
            int entry = (int) f.pts();
            int frame = entry >= 0 && entry < p.entryCount() ? p.entryFrame(entry) : -1;
            if (frame < 0) {
                f.release();
                continue; // decoded but not presented (edit list)
            }
            if (suspect(entry)) {
                lastOutput = Math.max(lastOutput, frame);
                f.release();
                continue; // may refer to a damaged picture: treated as damaged too (tolerant mode only)
            }
            if (frame >= target) {
                pending.put(frame, f);
            } else {
                f.release();
            }
            lastOutput = Math.max(lastOutput, frame);
        }
    }

    /** Whether an output picture may have been predicted from a picture that failed to decode. */
    private boolean suspect(int entry) {
        if (failEntry < 0 || entry < failEntry) {
            return false;
        }
        return recoverEntry < 0 || entry < recoverEntry || p.entryPts(entry) < p.entryPts(recoverEntry);
    }

    /** Hands a frame returned by {@link #decodeOne} back to the decoder's buffer pool once converted. */
    public void release(DecodedFrame f) {
        if (f != null) {
            f.release();
        }
    }

    private static void releaseAll(java.util.Map<Integer, DecodedFrame> frames) {
        for (DecodedFrame f : frames.values()) {
            f.release();
        }
        frames.clear();
    }

    @Override
    public void close() {
        releaseAll(pending);
        if (decoder != null) {
            decoder.close();
            decoder = null;
        }
    }
}
