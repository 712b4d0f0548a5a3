package org.purecodec.mp4;

import static org.purecodec.mp4.Mp4FormatException.Kind.INVALID_DATA;
import static org.purecodec.mp4.Mp4FormatException.Kind.LIMIT_EXCEEDED;
import static org.purecodec.mp4.Mp4FormatException.Kind.TRUNCATED;

import java.io.EOFException;
import java.io.IOException;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * An opened MP4 / QuickTime file: its tracks with their sample tables, presentation (edit list) and
 * key frame indexes, and positioned reads of sample bytes.
 *
 * <p>Opening reads the top-level box headers, the {@code moov} box and every {@code moof} box into
 * memory (bounded by {@link Mp4Limits#maxMetadataBox()}); media data ({@code mdat}) is never read
 * until {@link #readSample} asks for one sample. All failures are {@link Mp4FormatException}s.
 *
 * <pre>{@code
 * try (Mp4Demuxer mp4 = Mp4Demuxer.open(Path.of("video.mp4"))) {
 *     Track video = mp4.bestVideoTrack();              // null when there is no video track
 *     Presentation p = video.presentation();
 *     ByteBuffer buf = ByteBuffer.allocate(video.samples().maxSampleSize());
 *     for (int e = p.decodeStartEntry(10); e <= p.entry(10); e++) {
 *         buf.clear();
 *         video.readSample(p.entrySample(e), buf);     // decode; show it if p.entryFrame(e) >= 0
 *     }
 * }
 * }</pre>
 */
public final class Mp4Demuxer implements AutoCloseable {
    private final ByteSource source;
    private final long fileSize;
    private final FileType fileType;
    private final MovieHeader mvhd;
    private final List<Track> tracks;
    private final List<String> warnings;
    private final List<String> topLevel;
    private final int fragmentCount;
    private final boolean mdatTruncated;

    private Mp4Demuxer(ByteSource source, Mp4Limits limits) throws IOException {
        this.source = source;
        this.fileSize = source.size();
        List<String> warn = new ArrayList<>();
        List<String> top = new ArrayList<>();
        if (fileSize == 0) {
            throw new Mp4FormatException(INVALID_DATA, "", 0, "empty file (0 bytes): not an MP4/QuickTime file");
        }
        // 1. top-level box headers
        List<long[]> moofs = new ArrayList<>();
        long moovPos = -1;
        long moovSize = 0;
        long moovHeader = 0;
        long ftypPos = -1;
        long ftypSize = 0;
        boolean truncatedMdat = false;
        long pos = 0;
        ByteBuffer hb = ByteBuffer.allocate(16);
        while (fileSize - pos >= 8) {
            ((Buffer) hb).clear();
            ((Buffer) hb).limit(8);
            source.readFully(pos, hb);
            long size = hb.getInt(0) & 0xFFFFFFFFL;
            byte[] tb = {hb.get(4), hb.get(5), hb.get(6), hb.get(7)};
            String type = Buf.fourcc(tb, 0);
            int header = 8;
            if (!plausibleType(tb)) {
                if (moovPos >= 0) {
                    warn.add("offset " + pos + ": bytes that are not a box (type " + Buf.printable(type)
                            + "); the rest of the file is ignored");
                    break;
                }
                throw new Mp4FormatException(INVALID_DATA, "", pos, "not an MP4/QuickTime file: no box at offset " + pos
                        + " (type bytes " + Buf.printable(type) + ")");
            }
            if (size == 1) {
                if (fileSize - pos < 16) {
                    throw new Mp4FormatException(TRUNCATED, type, pos, "64-bit box header cut by the end of the file");
                }
                ((Buffer) hb).clear();
                source.readFully(pos, hb);
                size = hb.getLong(8);
                header = 16;
                if (size < 0) {
                    throw new Mp4FormatException(INVALID_DATA, type, pos, "box size " + Long.toUnsignedString(size)
                            + " too large");
                }
            } else if (size == 0) {
                size = fileSize - pos;
            }
            if (size < header) {
                if (moovPos >= 0) {
                    warn.add("offset " + pos + ": box '" + Buf.printable(type) + "' has invalid size " + size
                            + "; the rest of the file is ignored");
                    break;
                }
                throw new Mp4FormatException(INVALID_DATA, Buf.printable(type), pos, "box size " + size
                        + " is smaller than its header");
            }
            top.add(Buf.printable(type) + "@" + pos);
            boolean pastEnd = size > fileSize - pos;
            if (pastEnd) {
                if (type.equals("mdat")) {
                    truncatedMdat = true;
                    warn.add("mdat at offset " + pos + " declares " + size + " bytes but the file ends after "
                            + (fileSize - pos) + ": file truncated");
                    break;
                }
                if (type.equals("moov") && moovPos < 0) {
                    throw new Mp4FormatException(TRUNCATED, "moov", pos, "moov box of " + size
                            + " bytes extends past the end of the file (" + fileSize + " bytes)");
                }
                if (moovPos >= 0) {
                    warn.add("box '" + Buf.printable(type) + "' at offset " + pos + " extends past the end of the file;"
                            + " ignored");
                    break;
                }
                throw new Mp4FormatException(INVALID_DATA, Buf.printable(type), pos, "box of " + size
                        + " bytes extends past the end of the file (" + fileSize + " bytes)");
            }
            switch (type) {
                case "ftyp":
                    if (ftypPos < 0) {
                        ftypPos = pos;
                        ftypSize = size;
                    }
                    break;
                case "moov":
                    if (moovPos < 0) {
                        moovPos = pos;
                        moovSize = size;
                        moovHeader = header;
                    } else {
                        warn.add("second moov at offset " + pos + " ignored");
                    }
                    break;
                case "moof":
                    moofs.add(new long[] {pos, size, header});
                    break;
                default:
                    break;
            }
            pos += size;
        }
        this.mdatTruncated = truncatedMdat;
        if (moovPos < 0) {
            throw new Mp4FormatException(INVALID_DATA, "", -1, "no moov box (top-level boxes: " + String.join(", ", top)
                    + "): not a playable MP4/QuickTime file");
        }
        // 2. ftyp (optional in QuickTime files)
        FileType ft = null;
        if (ftypPos >= 0) {
            Buf b = load(ftypPos, ftypSize, 8, "ftyp", limits);
            ft = BoxParser.readFtyp(b);
        }
        this.fileType = ft;
        // 3. moov, then the fragments in file order
        BoxParser parser = new BoxParser(limits, warn, fileSize);
        parser.readMoov(load(moovPos, moovSize, moovHeader, "moov", limits));
        parser.finishMoov();
        for (long[] m : moofs) {
            if (m[0] < moovPos) {
                warn.add("moof at offset " + m[0] + " before moov ignored");
                continue;
            }
            parser.readMoof(load(m[0], m[1], m[2], "moof", limits), m[0]);
        }
        this.mvhd = parser.mvhd;
        this.fragmentCount = parser.fragmentCount;
        List<Track> list = new ArrayList<>();
        for (RawTrack rt : parser.tracks) {
            list.add(new Track(this, rt, mvhd, limits));
        }
        this.tracks = Collections.unmodifiableList(list);
        this.warnings = Collections.unmodifiableList(warn);
        this.topLevel = Collections.unmodifiableList(top);
    }

    private static boolean plausibleType(byte[] t) {
        for (byte b : t) {
            int c = b & 0xFF;
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private Buf load(long pos, long size, long header, String type, Mp4Limits limits) throws IOException {
        long payload = size - header;
        if (payload > limits.maxMetadataBox()) {
            throw new Mp4FormatException(LIMIT_EXCEEDED, type, pos, type + " box of " + size + " bytes exceeds the limit of "
                    + limits.maxMetadataBox());
        }
        byte[] data = new byte[(int) payload];
        try {
            source.readFully(pos + header, ByteBuffer.wrap(data));
        } catch (EOFException e) {
            throw new Mp4FormatException(TRUNCATED, type, pos, type + " box cut by the end of the file");
        }
        return new Buf(data, 0, data.length, pos + header, type);
    }

    // ------------------------------------------------------------------------------------------ open

    /** Opens a file; the demuxer owns the channel and closes it. */
    public static Mp4Demuxer open(Path file) throws IOException {
        return open(file, Mp4Limits.DEFAULT);
    }

    /** Opens a file with explicit limits. */
    public static Mp4Demuxer open(Path file, Mp4Limits limits) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new Mp4Demuxer(ByteSource.of(ch, true), limits);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Reads from a channel the caller keeps open (and closes). A {@link FileChannel} is read with
     * positioned reads; any other channel is read under a lock on it.
     */
    public static Mp4Demuxer open(SeekableByteChannel channel) throws IOException {
        return open(channel, Mp4Limits.DEFAULT);
    }

    /** Reads from a channel the caller keeps open, with explicit limits. */
    public static Mp4Demuxer open(SeekableByteChannel channel, Mp4Limits limits) throws IOException {
        return new Mp4Demuxer(ByteSource.of(channel, false), limits);
    }

    /** Reads a file held in memory (not copied: do not modify it while the demuxer is in use). */
    public static Mp4Demuxer open(byte[] data) throws IOException {
        return open(data, Mp4Limits.DEFAULT);
    }

    /** Reads a file held in memory, with explicit limits. */
    public static Mp4Demuxer open(byte[] data, Mp4Limits limits) throws IOException {
        return new Mp4Demuxer(ByteSource.of(data), limits);
    }

    // ------------------------------------------------------------------------------------------ access

    /** The {@code ftyp} box, or null (QuickTime files may have none). */
    public FileType fileType() {
        return fileType;
    }

    /** The {@code mvhd} box. */
    public MovieHeader movieHeader() {
        return mvhd;
    }

    /** All tracks in file order. */
    public List<Track> tracks() {
        return tracks;
    }

    /** Size of the file in bytes. */
    public long fileSize() {
        return fileSize;
    }

    /** Number of movie fragments ({@code moof}) read. */
    public int fragmentCount() {
        return fragmentCount;
    }

    /** True when the {@code mdat} box is cut by the end of the file (some samples cannot be read). */
    public boolean isTruncated() {
        return mdatTruncated;
    }

    /** Problems that did not prevent opening (ignored trailing bytes, truncated mdat, ...). */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * The video track a user would want, chosen like FFmpeg's {@code av_find_best_stream}: among video
     * tracks with samples, the one with more samples (counted up to 5), then the higher bit rate, then
     * more samples, then the first. H.264 tracks this project can decode are preferred over other codecs.
     *
     * @return the track, or null when the file has no video track with samples
     */
    public Track bestVideoTrack() {
        Track best = null;
        for (Track t : tracks) {
            if (!t.isVideo() || t.samples().count() == 0) {
                continue;
            }
            if (best == null || better(t, best)) {
                best = t;
            }
        }
        return best;
    }

    private static boolean better(Track a, Track b) {
        boolean da = a.sampleEntry() != null && a.sampleEntry().isAvc();
        boolean db = b.sampleEntry() != null && b.sampleEntry().isAvc();
        if (da != db) {
            return da;
        }
        int ma = Math.min(5, a.samples().count());
        int mb = Math.min(5, b.samples().count());
        if (ma != mb) {
            return ma > mb;
        }
        if (a.metadata().bitRate() != b.metadata().bitRate()) {
            return a.metadata().bitRate() > b.metadata().bitRate();
        }
        return a.samples().count() > b.samples().count();
    }

    /** Same as {@link #bestVideoTrack()}, but fails with INVALID_DATA when there is none. */
    public Track videoTrack() throws Mp4FormatException {
        Track t = bestVideoTrack();
        if (t == null) {
            throw new Mp4FormatException(INVALID_DATA, "moov", -1, "no video track with samples (tracks: " + tracks + ")");
        }
        return t;
    }

    // ------------------------------------------------------------------------------------------ samples

    /**
     * Reads the bytes of one sample into {@code dst} (from its position, which advances by the sample
     * size) with one positioned read; safe to call from several threads at once.
     *
     * @return the sample size
     * @throws Mp4FormatException TRUNCATED when the sample lies (partly) past the end of the file
     * @throws IllegalArgumentException when {@code dst} has less room than the sample size
     */
    public int readSample(Track track, int sample, ByteBuffer dst) throws IOException {
        SampleTable t = track.samples();
        long off = t.offset(sample);
        int size = t.size(sample);
        checkPresent(track, sample, off, size);
        if (dst.remaining() < size) {
            throw new IllegalArgumentException("sample " + sample + " is " + size + " bytes, buffer has " + dst.remaining());
        }
        ByteBuffer view = dst.duplicate();
        ((Buffer) view).limit(view.position() + size);
        try {
            source.readFully(off, view);
        } catch (EOFException e) {
            throw truncated(track, sample, off, size);
        }
        ((Buffer) dst).position(dst.position() + size);
        return size;
    }

    /** Reads one sample into {@code dst[off...]}; returns its size. See {@link #readSample(Track, int, ByteBuffer)}. */
    public int readSample(Track track, int sample, byte[] dst, int off) throws IOException {
        return readSample(track, sample, ByteBuffer.wrap(dst, off, dst.length - off));
    }

    /** True when all bytes of the sample are inside the file. */
    public boolean isSamplePresent(Track track, int sample) {
        SampleTable t = track.samples();
        return t.offset(sample) >= 0 && t.offset(sample) <= fileSize - t.size(sample);
    }

    private void checkPresent(Track track, int sample, long off, int size) throws Mp4FormatException {
        if (off < 0 || off > fileSize - size) {
            throw truncated(track, sample, off, size);
        }
    }

    private Mp4FormatException truncated(Track track, int sample, long off, int size) {
        return new Mp4FormatException(TRUNCATED, track.path(), off, "sample " + sample + " of track " + track.id()
                + " (" + size + " bytes at offset " + off + ") lies past the end of the file (" + fileSize + " bytes)");
    }

    @Override
    public void close() throws IOException {
        source.close();
    }

    // ------------------------------------------------------------------------------------------ summary

    /** A human-readable multi-line description of the file: brands, tracks, codecs, sizes, frames, edits. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        Locale l = Locale.ROOT;
        sb.append(String.format(l, "file: %d bytes, brand %s, %d track(s)%s%s%n", fileSize,
                fileType == null ? "(none)" : fileType.majorBrand().trim(), tracks.size(),
                fragmentCount > 0 ? ", fragmented (" + fragmentCount + " fragments)" : "",
                mdatTruncated ? ", TRUNCATED" : ""));
        sb.append(String.format(l, "movie: timescale %d, duration %.3f s%n", mvhd.timescale(),
                mvhd.duration() < 0 ? 0.0 : (double) mvhd.duration() / mvhd.timescale()));
        Track best = bestVideoTrack();
        for (Track t : tracks) {
            TrackMetadata m = t.metadata();
            sb.append(String.format(l, "track %d (id %d, %s%s): %s", t.index(), t.id(), m.mediaType(),
                    t == best ? ", selected" : "", m.codec()));
            if (!m.fourcc().isEmpty()) {
                sb.append(" [").append(m.fourcc().trim()).append(']');
            }
            if (m.profile() >= 0) {
                sb.append(String.format(l, " profile %d level %d", m.profile(), m.level()));
            }
            sb.append('\n');
            if (m.width() > 0) {
                sb.append(String.format(l, "  size %dx%d", m.width(), m.height()));
                if (m.rotation() != 0) {
                    sb.append(String.format(l, ", rotation %d, display %dx%d", m.rotation(), m.displayWidth(),
                            m.displayHeight()));
                }
                if (m.colour() != null && m.colour().colourPrimaries() >= 0) {
                    sb.append(String.format(l, ", colr %s %d/%d/%d%s", m.colour().colourType(),
                            m.colour().colourPrimaries(), m.colour().transferCharacteristics(),
                            m.colour().matrixCoefficients(), m.colour().fullRange() ? " full range" : ""));
                }
                sb.append('\n');
            }
            SampleEntry se = t.sampleEntry();
            if (se != null && se.channelCount() > 0) {
                sb.append(String.format(l, "  %d channel(s), %d Hz%n", se.channelCount(), se.sampleRate()));
            }
            sb.append(String.format(l, "  frames %d (samples %d), key frames %d (sync samples %d), %.3f fps,"
                            + " duration %.3f s (%.3f..%.3f), bit rate %d, timescale %d%n", m.numFrames(),
                    m.sampleCount(), m.keyFrameCount(), t.samples().syncCount(), m.averageFps(), m.durationSeconds(), m.beginStreamSeconds(),
                    m.endStreamSeconds(), m.bitRate(), m.timescale()));
            if (!t.editList().isEmpty()) {
                sb.append("  edit list:");
                for (EditListEntry e : t.editList()) {
                    sb.append(String.format(l, " [duration %d, media_time %d, rate %d.%d]", e.segmentDuration(),
                            e.mediaTime(), e.rateInteger(), e.rateFraction()));
                }
                int discarded = t.presentation().entryCount() - t.presentation().frameCount();
                sb.append(String.format(l, " -> %d decoded but not shown%n", discarded));
            }
            if (t.fragmentCount() > 0) {
                sb.append(String.format(l, "  fragments %d (%d samples)%n", t.fragmentCount(),
                        t.samples().fragmentSampleCount()));
            }
        }
        for (String w : warnings) {
            sb.append("warning: ").append(w).append('\n');
        }
        return sb.toString();
    }

    /**
     * The metadata as JSON, for {@code purecodec info --json}: the selected video stream's fields with
     * TorchCodec's names at the top level ({@code codec}, {@code width}, {@code height},
     * {@code num_frames}, {@code average_fps}, {@code duration_seconds}, {@code begin_stream_seconds},
     * {@code end_stream_seconds}, {@code bit_rate}, {@code rotation}, {@code stream_index}; null
     * values when there is no video stream) plus a {@code streams} array with every track.
     */
    public String summaryJson() {
        StringBuilder sb = new StringBuilder("{");
        Track best = bestVideoTrack();
        if (best != null) {
            streamJson(sb, best.metadata(), best);
        } else {
            sb.append("\"codec\": null, \"width\": null, \"height\": null, \"num_frames\": null, "
                    + "\"average_fps\": null, \"duration_seconds\": null, \"begin_stream_seconds\": null, "
                    + "\"end_stream_seconds\": null, \"bit_rate\": null, \"rotation\": null, \"stream_index\": null");
        }
        sb.append(", \"file_size\": ").append(fileSize);
        sb.append(", \"fragments\": ").append(fragmentCount);
        sb.append(", \"truncated\": ").append(mdatTruncated);
        sb.append(", \"streams\": [");
        for (int i = 0; i < tracks.size(); i++) {
            sb.append(i == 0 ? "{" : ", {");
            streamJson(sb, tracks.get(i).metadata(), tracks.get(i));
            sb.append('}');
        }
        sb.append("]}");
        return sb.toString();
    }

    private static void streamJson(StringBuilder sb, TrackMetadata m, Track t) {
        sb.append("\"codec\": ").append(jsonString(m.codec()));
        sb.append(", \"media_type\": ").append(jsonString(m.mediaType()));
        sb.append(", \"width\": ").append(m.width());
        sb.append(", \"height\": ").append(m.height());
        sb.append(", \"display_width\": ").append(m.displayWidth());
        sb.append(", \"display_height\": ").append(m.displayHeight());
        sb.append(", \"num_frames\": ").append(m.numFrames());
        sb.append(", \"num_key_frames\": ").append(m.keyFrameCount());
        sb.append(", \"average_fps\": ").append(jsonNumber(m.averageFps()));
        sb.append(", \"duration_seconds\": ").append(jsonNumber(m.durationSeconds()));
        sb.append(", \"begin_stream_seconds\": ").append(jsonNumber(m.beginStreamSeconds()));
        sb.append(", \"end_stream_seconds\": ").append(jsonNumber(m.endStreamSeconds()));
        sb.append(", \"bit_rate\": ").append(m.bitRate());
        sb.append(", \"rotation\": ").append(m.rotation());
        sb.append(", \"stream_index\": ").append(m.streamIndex());
        sb.append(", \"track_id\": ").append(m.trackId());
        sb.append(", \"fourcc\": ").append(jsonString(m.fourcc().trim()));
        sb.append(", \"timescale\": ").append(m.timescale());
        sb.append(", \"edit_list_entries\": ").append(t.editList().size());
    }

    private static String jsonNumber(double d) {
        return Double.isFinite(d) ? Double.toString(d) : "null";
    }

    private static String jsonString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    @Override
    public String toString() {
        return "Mp4Demuxer[" + fileSize + " bytes, " + tracks.size() + " tracks]";
    }
}
