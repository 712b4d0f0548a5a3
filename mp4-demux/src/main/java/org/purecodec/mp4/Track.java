package org.purecodec.mp4;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One {@code trak} of an opened file: its raw header boxes ({@link #header()}, {@link #mediaHeader()},
 * {@link #editList()}, {@link #sampleEntries()}) and the tables derived from them
 * ({@link #samples()}, {@link #presentation()}, {@link #metadata()}). Immutable; sample reads are
 * positioned and may run from several threads at once.
 */
public final class Track {
    private final Mp4Demuxer owner;
    private final int index;
    private final String path;
    private final TrackHeader tkhd;
    private final MediaHeader mdhd;
    private final String handlerType;
    private final String handlerName;
    private final List<EditListEntry> edits;
    private final List<SampleEntry> sampleEntries;
    private final SampleTable samples;
    private final Presentation presentation;
    private final TrackMetadata metadata;
    private final int fragments;

    Track(Mp4Demuxer owner, RawTrack raw, MovieHeader mvhd, Mp4Limits limits) throws Mp4FormatException {
        this.owner = owner;
        this.index = raw.index;
        this.path = raw.path;
        this.tkhd = raw.tkhd;
        this.mdhd = raw.mdhd;
        this.handlerType = raw.handlerType;
        this.handlerName = raw.handlerName;
        this.edits = raw.edits == null ? List.of() : raw.edits;
        this.sampleEntries = List.copyOf(raw.sampleEntries);
        this.samples = raw.samples.build();
        if (!sampleEntries.isEmpty()) {
            long[] bad = new long[1];
            int first = samples.firstBadDescription(sampleEntries.size(), bad);
            if (first >= 0) {
                throw new Mp4FormatException(Mp4FormatException.Kind.INVALID_DATA, path + "/mdia/minf/stbl/stsd", -1,
                        "sample " + first + " refers to sample description " + bad[0] + ", but stsd has "
                                + sampleEntries.size());
            }
        }
        this.fragments = raw.fragments;
        boolean video = handlerType.equals("vide");
        int maxEntries = (int) Math.min(limits.maxSamplesPerTrack(), Math.max(1024L, 4L * samples.count() + 1024));
        this.presentation = new Presentation(samples, raw.edits, mvhd.timescale(), mdhd.timescale(), video,
                maxEntries, path + "/edts/elst");
        this.metadata = computeMetadata(mvhd);
    }

    private TrackMetadata computeMetadata(MovieHeader mvhd) {
        SampleEntry se = sampleEntries.isEmpty() ? null : sampleEntries.get(0);
        String mediaType;
        switch (handlerType) {
            case "vide": mediaType = "video"; break;
            case "soun": mediaType = "audio"; break;
            case "text": case "sbtl": case "subt": case "clcp": mediaType = "subtitle"; break;
            default: mediaType = "data"; break;
        }
        long ts = mdhd.timescale();
        int n = samples.count();
        long durationTs;
        if (!edits.isEmpty() && n > 0 && samples.fragmentSampleCount() == 0) {
            long sum = 0;
            for (EditListEntry e : edits) {
                sum += Presentation.rescale(e.segmentDuration(), ts, mvhd.timescale());
            }
            durationTs = sum;
        } else {
            durationTs = Math.max(0, mdhd.duration());
            if (samples.fragmentSampleCount() > 0 && n > 0) {
                durationTs = Math.max(durationTs, samples.endDts() - samples.dts(0));
            }
        }
        long sumDur = n > 0 ? samples.endDts() - samples.dts(0) : 0;
        double fps = sumDur > 0 ? (double) n * ts / sumDur : 0;
        // ffprobe: total sample bytes * 8 / mdhd duration (truncated), the edit list is not considered
        long rateDur = mdhd.duration() > 0 ? mdhd.duration() : durationTs;
        long bitRate = rateDur > 0 ? mulDiv(samples.totalBytes(), ts * 8, rateDur) : 0;
        int frames = presentation.frameCount();
        double begin = 0;
        double end = 0;
        if (frames > 0) {
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (int i = 0; i < frames; i++) {
                long p = presentation.pts(i);
                first = Math.min(first, p);
                last = Math.max(last, p + presentation.duration(i));
            }
            begin = (double) first / ts;
            end = (double) last / ts;
        }
        int w = se == null ? 0 : se.width();
        int h = se == null ? 0 : se.height();
        int rot = tkhd.rotation();
        boolean swap = Math.abs(rot) == 90;
        AvcConfig avc = se == null ? null : se.avcConfig();
        return new TrackMetadata(index, tkhd.trackId(), mediaType, handlerType, se == null ? "none" : se.codecName(),
                se == null ? "" : se.format(), w, h, swap ? h : w, swap ? w : h, rot, ts, durationTs,
                (double) durationTs / ts, begin, end, frames, n, presentation.keyFrameCount(), fps, bitRate,
                se == null ? null : se.colour(), mdhd.language(), avc == null ? -1 : avc.profile(),
                avc == null ? -1 : avc.level());
    }

    private static long mulDiv(long a, long b, long c) {
        try {
            return Math.multiplyExact(a, b) / c;
        } catch (ArithmeticException e) {
            return (long) ((double) a * b / c);
        }
    }

    /** Index of this track in file order (FFmpeg's stream index). */
    public int index() {
        return index;
    }

    /** {@code tkhd} track_ID. */
    public int id() {
        return tkhd.trackId();
    }

    /** Box path of this track, e.g. {@code moov/trak[1]}. */
    public String path() {
        return path;
    }

    /** The {@code hdlr} handler type: {@code vide}, {@code soun}, {@code text}, {@code tmcd}, ... */
    public String handlerType() {
        return handlerType;
    }

    /** The {@code hdlr} name (may be empty). */
    public String handlerName() {
        return handlerName;
    }

    /** True for a video track ({@code vide} handler). */
    public boolean isVideo() {
        return handlerType.equals("vide");
    }

    /** Media time scale (units per second) of all times of this track. */
    public long timescale() {
        return mdhd.timescale();
    }

    /** The raw {@code tkhd}. */
    public TrackHeader header() {
        return tkhd;
    }

    /** The raw {@code mdhd}. */
    public MediaHeader mediaHeader() {
        return mdhd;
    }

    /** The raw {@code elst} entries; empty when the track has no edit list. */
    public List<EditListEntry> editList() {
        return edits;
    }

    /** The {@code stsd} entries; which one each sample uses: {@link SampleTable#sampleDescription(int)}. */
    public List<SampleEntry> sampleEntries() {
        return sampleEntries;
    }

    /**
     * The first {@code stsd} entry, or null when there is none (the metadata describes the track by it; samples
     * may use others, see {@link SampleTable#descriptionsUsed()}).
     */
    public SampleEntry sampleEntry() {
        return sampleEntries.isEmpty() ? null : sampleEntries.get(0);
    }

    /** The flat sample table (decode order, no edit list applied). */
    public SampleTable samples() {
        return samples;
    }

    /** Presented frames, decode entries and key frame lookup (edit list applied). */
    public Presentation presentation() {
        return presentation;
    }

    /** Derived stream metadata. */
    public TrackMetadata metadata() {
        return metadata;
    }

    /** Number of movie fragments ({@code traf}) that added samples to this track. */
    public int fragmentCount() {
        return fragments;
    }

    /** Same as {@link Mp4Demuxer#readSample(Track, int, ByteBuffer)}. */
    public int readSample(int sample, ByteBuffer dst) throws IOException {
        return owner.readSample(this, sample, dst);
    }

    /** Same as {@link Mp4Demuxer#readSample(Track, int, byte[], int)}. */
    public int readSample(int sample, byte[] dst, int off) throws IOException {
        return owner.readSample(this, sample, dst, off);
    }

    long memoryBytes() {
        return samples.memoryBytes() + presentation.memoryBytes();
    }

    @Override
    public String toString() {
        return "Track[" + index + " id=" + id() + " " + handlerType + " " + metadata.codec() + "]";
    }
}
