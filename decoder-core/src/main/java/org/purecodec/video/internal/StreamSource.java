package org.purecodec.video.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.purecodec.h264.H264Decoder;

/**
 * What the decoding layers need from a container: coded pictures in decoding order ("entries") and
 * the frames they present, in presentation order, with timestamps in {@link #timescale()} units.
 * Implemented over an MP4/MOV track ({@link Mp4Source}) and over a raw Annex B stream
 * ({@link AnnexBSource}).
 */
public interface StreamSource extends FrameTimeline, AutoCloseable {
    /** Coded pictures in decoding order. */
    int entryCount();

    /** Frame shown by entry {@code e}, or -1 when it is decoded but not shown (edit lists). */
    int entryFrame(int e);

    /** Presentation timestamp of entry {@code e} (ticks). */
    long entryPts(int e);

    /** Whether decoding can start at entry {@code e} (a sync sample). */
    boolean isSyncEntry(int e);

    /** The entry to start decoding at to show frame {@code f} (handles open-GOP leading pictures). */
    int decodeStartEntry(int f);

    /** Largest entry in bytes. */
    int maxEntrySize();

    /** Ticks per second. */
    long timescale();

    /**
     * A new H.264 decoder configured for this source, which checks every SPS a picture activates against
     * {@code limit} (null: none) before it allocates anything for it.
     */
    H264Decoder newDecoder(int threads, H264Decoder.ThreadType threadType, H264Decoder.SequenceLimit limit);

    /** Prepares a decoder for decoding from {@code startEntry} after a seek (parameter sets). */
    void resetDecoder(H264Decoder decoder, int startEntry);

    /** Reads entry {@code e} into {@code dst} (cleared first; flipped for reading afterwards). */
    void read(int e, ByteBuffer dst) throws IOException;

    /**
     * Feeds entry {@code e}'s bytes (as read by {@link #read}) to the decoder; {@code e} travels to the picture's
     * pts. Entries after a {@link #resetDecoder} come in decoding order.
     */
    void decode(H264Decoder decoder, int e, ByteBuffer bytes, boolean output);

    @Override
    void close() throws IOException;
}
