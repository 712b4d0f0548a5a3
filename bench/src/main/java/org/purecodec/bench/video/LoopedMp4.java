package org.purecodec.bench.video;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.purecodec.mp4.EditListEntry;
import org.purecodec.mp4.MediaHeader;
import org.purecodec.mp4.Mp4Demuxer;
import org.purecodec.mp4.SampleTable;
import org.purecodec.mp4.Track;
import org.purecodec.mp4.TrackHeader;

/**
 * A stream-copy MP4 writer (no re-encoding) that builds a long video by repeating the video track of a
 * short one {@code loops} times: the benchmark's long video, built from the embedded {@code sample.mp4}.
 *
 * <p>Every loop's samples are copied byte for byte; loop {@code L}'s decode times are shifted by
 * {@code L} times the source's media duration, so the sample tables ({@code stts}, {@code ctts},
 * {@code stss}, {@code stsz}, {@code stsc}, {@code stco}/{@code co64}) are the source's, concatenated.
 * The source's single edit ({@code media_time M}, as x264/FFmpeg files with B-frames have) becomes one
 * edit covering all loops, so every frame of every loop is presented (by FFmpeg and by our demuxer) when
 * the source's edit starts at its first composition time, as such files do. Each loop starts with the
 * source's first sample, an IDR picture, so loops decode independently. The moov box is written before
 * the mdat ("fast start"). Only the video track is copied.
 */
public final class LoopedMp4 {
    /** Class-path resource of the embedded sample video (in the CLI jar). */
    public static final String SAMPLE_RESOURCE = "org/purecodec/sample/sample.mp4";
    private static final int SAMPLES_PER_CHUNK = 5;

    private LoopedMp4() {
    }

    /**
     * What was written.
     *
     * @param file          the output file
     * @param loops         number of repetitions
     * @param samples       samples (frames) in the output
     * @param bytes         size of the output file
     * @param mediaTimescale the video track's time scale
     * @param mediaDuration  the track's media duration in that time scale
     */
    public record Info(Path file, int loops, int samples, long bytes, long mediaTimescale, long mediaDuration) {
    }

    /** The bytes of the embedded sample (class-path resource {@value #SAMPLE_RESOURCE}). */
    public static byte[] embeddedSample() {
        try (InputStream in = LoopedMp4.class.getClassLoader().getResourceAsStream(SAMPLE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the embedded sample " + SAMPLE_RESOURCE + " is not on the class path");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(3 << 20);
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; ) {
                out.write(buf, 0, r);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code source}'s video track {@code loops} times into {@code out} (replaced if present). */
    public static Info write(byte[] source, int loops, Path out) throws IOException {
        if (loops < 1) {
            throw new IllegalArgumentException("loops must be >= 1, got " + loops);
        }
        try (Mp4Demuxer mp4 = Mp4Demuxer.open(source)) {
            Track v = mp4.bestVideoTrack();
            if (v == null) {
                throw new IllegalArgumentException("the source has no video track");
            }
            SampleTable t = v.samples();
            if (t.fragmentSampleCount() > 0) {
                throw new IllegalArgumentException("fragmented sources are not supported");
            }
            List<EditListEntry> edits = v.editList();
            long mediaTime = 0;
            if (edits != null) {
                List<EditListEntry> media = new ArrayList<>();
                for (EditListEntry e : edits) {
                    if (!e.isEmpty()) {
                        media.add(e);
                    } else {
                        throw new IllegalArgumentException("sources with empty edits are not supported");
                    }
                }
                if (media.size() > 1) {
                    throw new IllegalArgumentException("sources with several edits are not supported");
                }
                mediaTime = media.isEmpty() ? 0 : media.get(0).mediaTime();
            }
            byte[] stsd = findBox(source, "moov", v.index(), "mdia", "minf", "stbl", "stsd");
            byte[] ftyp = findBox(source, "ftyp", -1);
            Tables tab = new Tables(t, loops);
            long movieTs = mp4.movieHeader().timescale();
            MediaHeader mdhd = v.mediaHeader();
            long mediaDur = tab.loopDuration * loops;
            long movieDur = Math.round((double) mediaDur * movieTs / mdhd.timescale());
            long payload = tab.totalBytes;
            boolean large = payload + 16 > 0xFFFFFFFFL;
            int mdatHeader = large ? 16 : 8;
            byte[] moov = moov(v, tab, stsd, mediaTime, edits != null, movieTs, movieDur, mdhd, mediaDur, 0, large);
            long dataStart = (ftyp == null ? 0 : ftyp.length) + moov.length + mdatHeader;
            moov = moov(v, tab, stsd, mediaTime, edits != null, movieTs, movieDur, mdhd, mediaDur, dataStart, large);
            try (FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                if (ftyp != null) {
                    writeAll(ch, ByteBuffer.wrap(ftyp));
                }
                writeAll(ch, ByteBuffer.wrap(moov));
                ByteBuffer h = ByteBuffer.allocate(mdatHeader);
                if (large) {
                    h.putInt(1).put("mdat".getBytes(StandardCharsets.US_ASCII)).putLong(payload + 16);
                } else {
                    h.putInt((int) (payload + 8)).put("mdat".getBytes(StandardCharsets.US_ASCII));
                }
                h.flip();
                writeAll(ch, h);
                // one loop's samples in decode order, then the same bytes again for every loop
                ByteArrayOutputStream loop = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 64,
                        tab.loopBytes));
                for (int i = 0; i < t.count(); i++) {
                    loop.write(source, Math.toIntExact(t.offset(i)), t.size(i));
                }
                byte[] loopBytes = loop.toByteArray();
                for (int l = 0; l < loops; l++) {
                    writeAll(ch, ByteBuffer.wrap(loopBytes));
                }
                return new Info(out, loops, t.count() * loops, ch.size(), mdhd.timescale(), mediaDur);
            }
        }
    }

    private static void writeAll(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** The concatenated sample tables. */
    private static final class Tables {
        final int n;
        final int loops;
        final long loopDuration;
        final long loopBytes;
        final long totalBytes;
        final SampleTable t;

        Tables(SampleTable t, int loops) {
            this.t = t;
            this.n = t.count();
            this.loops = loops;
            this.loopDuration = t.endDts() - t.dts(0);
            long b = 0;
            for (int i = 0; i < n; i++) {
                b += t.size(i);
            }
            this.loopBytes = b;
            this.totalBytes = b * loops;
            if ((long) n * loops > Integer.MAX_VALUE / 2) {
                throw new IllegalArgumentException("too many samples");
            }
        }
    }

    private static byte[] moov(Track v, Tables tab, byte[] stsd, long mediaTime, boolean hasEdit, long movieTs,
                               long movieDur, MediaHeader mdhd, long mediaDur, long dataStart, boolean co64)
            throws IOException {
        Boxes b = new Boxes();
        b.open("moov");
        // mvhd
        boolean v1 = movieDur > 0xFFFFFFFFL;
        b.open("mvhd");
        b.fullHeader(v1 ? 1 : 0, 0);
        timesAndDuration(b, v1, movieTs, movieDur);
        b.i32(0x00010000).i16(0x0100).i16(0).i32(0).i32(0);
        matrix(b, new int[] {0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000});
        for (int i = 0; i < 6; i++) {
            b.i32(0);
        }
        b.i32(v.id() + 1);
        b.close();
        b.open("trak");
        TrackHeader th = v.header();
        b.open("tkhd");
        b.fullHeader(v1 ? 1 : 0, 3);
        if (v1) {
            b.i64(0).i64(0).i32(v.id()).i32(0).i64(movieDur);
        } else {
            b.i32(0).i32(0).i32(v.id()).i32(0).i32((int) movieDur);
        }
        b.i32(0).i32(0).i16(0).i16(0).i16(0).i16(0);
        matrix(b, th.matrix() != null && th.matrix().length == 9 ? th.matrix()
                : new int[] {0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000});
        b.i32((int) Math.round(th.width() * 65536)).i32((int) Math.round(th.height() * 65536));
        b.close();
        if (hasEdit) {
            boolean e1 = movieDur > 0xFFFFFFFFL || mediaTime > Integer.MAX_VALUE;
            b.open("edts");
            b.open("elst");
            b.fullHeader(e1 ? 1 : 0, 0);
            b.i32(1);
            if (e1) {
                b.i64(movieDur).i64(mediaTime);
            } else {
                b.i32((int) movieDur).i32((int) mediaTime);
            }
            b.i16(1).i16(0);
            b.close();
            b.close();
        }
        b.open("mdia");
        boolean m1 = mediaDur > 0xFFFFFFFFL;
        b.open("mdhd");
        b.fullHeader(m1 ? 1 : 0, 0);
        timesAndDuration(b, m1, mdhd.timescale(), mediaDur);
        b.i16(language(mdhd.language())).i16(0);
        b.close();
        b.open("hdlr");
        b.fullHeader(0, 0);
        b.i32(0).raw("vide".getBytes(StandardCharsets.US_ASCII)).i32(0).i32(0).i32(0)
                .raw("VideoHandler\0".getBytes(StandardCharsets.US_ASCII));
        b.close();
        b.open("minf");
        b.open("vmhd");
        b.fullHeader(0, 1);
        b.i16(0).i16(0).i16(0).i16(0);
        b.close();
        b.open("dinf");
        b.open("dref");
        b.fullHeader(0, 0);
        b.i32(1);
        b.open("url ");
        b.fullHeader(0, 1);
        b.close();
        b.close();
        b.close();
        b.open("stbl");
        b.raw(stsd);
        stts(b, tab);
        ctts(b, tab);
        stss(b, tab);
        stsz(b, tab);
        stscAndOffsets(b, tab, dataStart, co64);
        b.close(); // stbl
        b.close(); // minf
        b.close(); // mdia
        b.close(); // trak
        b.close(); // moov
        return b.bytes();
    }

    private static void timesAndDuration(Boxes b, boolean v1, long timescale, long duration) throws IOException {
        if (v1) {
            b.i64(0).i64(0).i32((int) timescale).i64(duration);
        } else {
            b.i32(0).i32(0).i32((int) timescale).i32((int) duration);
        }
    }

    private static void matrix(Boxes b, int[] m) throws IOException {
        for (int x : m) {
            b.i32(x);
        }
    }

    private static int language(String lang) {
        if (lang == null || lang.length() != 3) {
            return 0x55C4; // "und"
        }
        return ((lang.charAt(0) - 0x60) << 10) | ((lang.charAt(1) - 0x60) << 5) | (lang.charAt(2) - 0x60);
    }

    /** Run-length encodes {@code value(i)} over all samples of all loops. */
    private interface PerSample {
        long value(int loopSample);
    }

    private static List<long[]> runs(Tables tab, PerSample f) {
        List<long[]> runs = new ArrayList<>();
        for (int l = 0; l < tab.loops; l++) {
            for (int i = 0; i < tab.n; i++) {
                long v = f.value(i);
                long[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
                if (last != null && last[1] == v) {
                    last[0]++;
                } else {
                    runs.add(new long[] {1, v});
                }
            }
        }
        return runs;
    }

    private static void stts(Boxes b, Tables tab) throws IOException {
        List<long[]> r = runs(tab, tab.t::duration);
        b.open("stts");
        b.fullHeader(0, 0);
        b.i32(r.size());
        for (long[] e : r) {
            b.i32((int) e[0]).i32((int) e[1]);
        }
        b.close();
    }

    private static void ctts(Boxes b, Tables tab) throws IOException {
        if (!tab.t.hasCompositionOffsets()) {
            return;
        }
        boolean negative = false;
        for (int i = 0; i < tab.n; i++) {
            negative |= tab.t.compositionOffset(i) < 0;
        }
        List<long[]> r = runs(tab, tab.t::compositionOffset);
        b.open("ctts");
        b.fullHeader(negative ? 1 : 0, 0);
        b.i32(r.size());
        for (long[] e : r) {
            b.i32((int) e[0]).i32((int) e[1]);
        }
        b.close();
    }

    private static void stss(Boxes b, Tables tab) throws IOException {
        int[] sync = tab.t.syncSamples();
        if (sync == null || sync.length == tab.n) {
            return; // every sample is a sync sample: no stss
        }
        b.open("stss");
        b.fullHeader(0, 0);
        b.i32(sync.length * tab.loops);
        for (int l = 0; l < tab.loops; l++) {
            for (int s : sync) {
                b.i32(l * tab.n + s + 1);
            }
        }
        b.close();
    }

    private static void stsz(Boxes b, Tables tab) throws IOException {
        b.open("stsz");
        b.fullHeader(0, 0);
        b.i32(0).i32(tab.n * tab.loops);
        for (int l = 0; l < tab.loops; l++) {
            for (int i = 0; i < tab.n; i++) {
                b.i32(tab.t.size(i));
            }
        }
        b.close();
    }

    private static void stscAndOffsets(Boxes b, Tables tab, long dataStart, boolean co64) throws IOException {
        int total = tab.n * tab.loops;
        int chunks = (total + SAMPLES_PER_CHUNK - 1) / SAMPLES_PER_CHUNK;
        int rest = total - (chunks - 1) * SAMPLES_PER_CHUNK;
        b.open("stsc");
        b.fullHeader(0, 0);
        if (rest == SAMPLES_PER_CHUNK || chunks == 1) {
            b.i32(1).i32(1).i32(rest == SAMPLES_PER_CHUNK || chunks > 1 ? SAMPLES_PER_CHUNK : rest).i32(1);
        } else {
            b.i32(2).i32(1).i32(1).i32(SAMPLES_PER_CHUNK).i32(1).i32(chunks).i32(rest).i32(1);
        }
        b.close();
        b.open(co64 ? "co64" : "stco");
        b.fullHeader(0, 0);
        b.i32(chunks);
        long off = dataStart;
        int k = 0;
        for (int l = 0; l < tab.loops; l++) {
            for (int i = 0; i < tab.n; i++, k++) {
                if (k % SAMPLES_PER_CHUNK == 0) {
                    if (co64) {
                        b.i64(off);
                    } else {
                        b.i32((int) off);
                    }
                }
                off += tab.t.size(i);
            }
        }
        b.close();
    }

    /** Finds a box by path in the source (top level first; {@code trak} chosen by the given index) and returns it whole. */
    static byte[] findBox(byte[] file, String top, int trakIndex, String... path) {
        ByteBuffer buf = ByteBuffer.wrap(file).order(ByteOrder.BIG_ENDIAN);
        long[] box = child(buf, 0, file.length, top, 0);
        if (box == null) {
            return null;
        }
        if (path.length > 0) {
            long[] trak = child(buf, box[0] + 8, box[0] + box[1], "trak", trakIndex);
            if (trak == null) {
                throw new IllegalArgumentException("no trak " + trakIndex);
            }
            box = trak;
            for (String p : path) {
                box = child(buf, box[0] + 8, box[0] + box[1], p, 0);
                if (box == null) {
                    throw new IllegalArgumentException("no box " + p + " in trak " + trakIndex);
                }
            }
        }
        return Arrays.copyOfRange(file, (int) box[0], (int) (box[0] + box[1]));
    }

    /** The {@code nth} child box of that type in {@code [from, to)} as {start, size}, or null (32-bit sizes only). */
    private static long[] child(ByteBuffer buf, long from, long to, String type, int nth) {
        long pos = from;
        int seen = 0;
        while (pos + 8 <= to) {
            long size = buf.getInt((int) pos) & 0xFFFFFFFFL;
            String t = new String(new byte[] {buf.get((int) pos + 4), buf.get((int) pos + 5), buf.get((int) pos + 6),
                buf.get((int) pos + 7)}, StandardCharsets.ISO_8859_1);
            if (size == 0) {
                size = to - pos;
            }
            if (size < 8 || pos + size > to) {
                return null;
            }
            if (t.equals(type) && seen++ == nth) {
                return new long[] {pos, size};
            }
            pos += size;
        }
        return null;
    }

    /** A tiny box writer. */
    private static final class Boxes {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        private final DataOutputStream out = new DataOutputStream(bytes);
        private final List<Integer> starts = new ArrayList<>();
        private byte[] result;

        void open(String type) throws IOException {
            out.flush();
            starts.add(bytes.size());
            out.writeInt(0);
            out.write(type.getBytes(StandardCharsets.US_ASCII));
        }

        void fullHeader(int version, int flags) throws IOException {
            out.writeInt((version << 24) | flags);
        }

        Boxes i16(int v) throws IOException {
            out.writeShort(v);
            return this;
        }

        Boxes i32(int v) throws IOException {
            out.writeInt(v);
            return this;
        }

        Boxes i64(long v) throws IOException {
            out.writeLong(v);
            return this;
        }

        Boxes raw(byte[] b) throws IOException {
            out.write(b);
            return this;
        }

        void close() throws IOException {
            out.flush();
            int start = starts.remove(starts.size() - 1);
            int size = bytes.size() - start;
            byte[] all = bytes.toByteArray();
            all[start] = (byte) (size >>> 24);
            all[start + 1] = (byte) (size >>> 16);
            all[start + 2] = (byte) (size >>> 8);
            all[start + 3] = (byte) size;
            bytes.reset();
            bytes.write(all, 0, all.length);
            if (starts.isEmpty()) {
                result = all;
            }
        }

        byte[] bytes() {
            return result;
        }
    }
}
