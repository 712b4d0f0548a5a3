package org.purecodec.video.internal;

import java.io.ByteArrayOutputStream;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.purecodec.h264.AnnexBIndex;
import org.purecodec.h264.H264Decoder;
import org.purecodec.h264.H264Exception;
import org.purecodec.h264.SequenceInfo;
import org.purecodec.h264.nal.AnnexBReader;
import org.purecodec.h264.nal.NalUnit;
import org.purecodec.h264.nal.NalUnitType;

/**
 * A {@link StreamSource} over a raw H.264 Annex B stream held in memory, indexed by one scan of its
 * access units ({@link AnnexBIndex}: byte ranges, key pictures, presentation order from the POC).
 * A raw stream has no timestamps: frames are evenly spaced at the frame rate of the first SPS's VUI timing
 * info ({@code time_scale / (2 * num_units_in_tick)}, in a time base of {@code time_scale}), as FFmpeg reports
 * it, or at a nominal 25 fps ({@link #NOMINAL_TIMESCALE}, {@link #NOMINAL_FRAME_TICKS}: FFmpeg's default for
 * raw H.264) when the SPS has no timing info.
 */
public final class AnnexBSource implements StreamSource {
    /** Ticks per second without VUI timing info. */
    public static final long NOMINAL_TIMESCALE = 90_000;
    /** Ticks per frame without VUI timing info (25 fps). */
    public static final long NOMINAL_FRAME_TICKS = 3_600;

    private final long timescale;
    private final long frameTicks;
    private final byte[] stream;
    private final AnnexBIndex index;
    private final List<NalUnit> parameterSets = new ArrayList<>();
    private final int[] keyFrames;
    private final int maxEntry;
    private byte[] prefix;

    /** Scans the stream. */
    public AnnexBSource(byte[] stream) {
        this.stream = stream;
        this.index = AnnexBIndex.scan(stream);
        for (NalUnit n : AnnexBReader.splitAll(stream)) {
            if (n.type() == NalUnitType.SPS || n.type() == NalUnitType.PPS) {
                parameterSets.add(n);
            }
        }
        long[] rate = frameRate(firstSps());
        this.timescale = rate != null ? rate[0] : NOMINAL_TIMESCALE;
        this.frameTicks = rate != null ? rate[1] : NOMINAL_FRAME_TICKS;
        int keys = 0;
        int max = 1;
        for (AnnexBIndex.Entry e : index.entries()) {
            keys += e.key() ? 1 : 0;
            max = Math.max(max, e.length());
        }
        this.maxEntry = max;
        keyFrames = new int[keys];
        for (int f = 0, k = 0; f < index.size(); f++) {
            if (index.byPresentation(f).key()) {
                keyFrames[k++] = f;
            }
        }
    }

    /** The VUI frame rate of an SPS ({@link SequenceInfo#frameRate()}), or null (none, or no SPS to read). */
    private static long[] frameRate(byte[] sps) {
        try {
            return sps == null ? null : SequenceInfo.parse(sps).frameRate();
        } catch (H264Exception e) {
            return null; // the decoder's setup parses the SPS again and reports what is wrong with it
        }
    }

    /** The stream's index. */
    public AnnexBIndex index() {
        return index;
    }

    /** The first SPS NAL unit of the stream, or null. */
    public byte[] firstSps() {
        for (NalUnit n : parameterSets) {
            if (n.type() == NalUnitType.SPS) {
                return n.data();
            }
        }
        return null;
    }

    @Override
    public int entryCount() {
        return index.size();
    }

    @Override
    public int entryFrame(int e) {
        return index.entries().get(e).presentationIndex();
    }

    @Override
    public long entryPts(int e) {
        return entryFrame(e) * frameTicks;
    }

    @Override
    public boolean isSyncEntry(int e) {
        return index.entries().get(e).key();
    }

    @Override
    public int frameCount() {
        return index.size();
    }

    @Override
    public long framePts(int f) {
        return f * frameTicks;
    }

    @Override
    public long frameDuration(int f) {
        return frameTicks;
    }

    @Override
    public boolean isKeyFrame(int f) {
        return index.byPresentation(f).key();
    }

    @Override
    public int[] keyFrames() {
        return keyFrames.clone();
    }

    @Override
    public int frameAt(long ticks) {
        if (ticks < 0) {
            return -1;
        }
        return (int) Math.min(index.size() - 1, ticks / frameTicks);
    }

    @Override
    public int decodeStartEntry(int f) {
        int e = index.byPresentation(f).decodeIndex();
        int k = index.keyBefore(e);
        // A leading picture (shown before the key picture it follows) starts from the previous key.
        while (k > 0 && index.entries().get(k).presentationIndex() > f) {
            k = index.keyBefore(k - 1);
        }
        return Math.max(0, k);
    }

    @Override
    public int maxEntrySize() {
        return maxEntry;
    }

    @Override
    public long timescale() {
        return timescale;
    }

    @Override
    public H264Decoder newDecoder(int threads, H264Decoder.ThreadType threadType, H264Decoder.SequenceLimit limit) {
        return H264Decoder.builder().threads(threads).threadType(threadType).skipNonReference(true).sequenceLimit(limit)
                .build();
    }

    @Override
    public void resetDecoder(H264Decoder decoder, int startEntry) {
        decoder.reset();
        // The parameter sets seen before the start travel with the first access unit fed.
        long start = index.entries().get(startEntry).offset();
        ByteArrayOutputStream ps = new ByteArrayOutputStream();
        for (NalUnit n : parameterSets) {
            if (n.offset() < start) {
                ps.write(0);
                ps.write(0);
                ps.write(0);
                ps.write(1);
                ps.write(n.data(), 0, n.data().length);
            }
        }
        prefix = ps.size() > 0 ? ps.toByteArray() : null;
    }

    @Override
    public void read(int e, ByteBuffer dst) {
        AnnexBIndex.Entry en = index.entries().get(e);
        ((Buffer) dst).clear();
        dst.put(stream, (int) en.offset(), en.length());
        ((Buffer) dst).flip();
    }

    @Override
    public void decode(H264Decoder decoder, int e, ByteBuffer bytes, boolean output) {
        long tag = e;
        if (prefix != null) {
            ByteBuffer both = ByteBuffer.allocate(prefix.length + bytes.remaining());
            both.put(prefix).put(bytes);
            ((Buffer) both).flip();
            prefix = null;
            decoder.decodeAccessUnit(both, tag, output);
        } else {
            decoder.decodeAccessUnit(bytes, tag, output);
        }
    }

    @Override
    public void close() {
        // nothing held but memory
    }
}
