package org.purecodec.mp4;

import static org.purecodec.mp4.Mp4FormatException.Kind.INVALID_DATA;
import static org.purecodec.mp4.Mp4FormatException.Kind.LIMIT_EXCEEDED;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One reader method per box type (ISO/IEC 14496-12 and QuickTime). Each reads from a {@link Buf}
 * bounded to the box payload, so a child can never read its parent's or a sibling's bytes; every
 * count read from the file is checked against the bytes the box holds before anything is allocated.
 */
final class BoxParser {
    private final Mp4Limits limits;
    final List<RawTrack> tracks = new ArrayList<>();
    final List<String> warnings;
    MovieHeader mvhd;
    long fragmentDuration = -1;
    int fragmentCount;

    private final long fileSize;

    BoxParser(Mp4Limits limits, List<String> warnings, long fileSize) {
        this.limits = limits;
        this.warnings = warnings;
        this.fileSize = fileSize;
    }

    // ------------------------------------------------------------------------------------------ ftyp

    static FileType readFtyp(Buf b) throws Mp4FormatException {
        String major = b.fourcc();
        long minor = b.u32();
        List<String> compat = new ArrayList<>();
        while (b.remaining() >= 4) {
            compat.add(b.fourcc());
        }
        return new FileType(major, minor, Collections.unmodifiableList(compat));
    }

    // ------------------------------------------------------------------------------------------ moov

    void readMoov(Buf b) throws Mp4FormatException {
        String[] t = new String[1];
        while (b.hasBox()) {
            Buf c = b.child(t, -1);
            switch (t[0]) {
                case "mvhd":
                    if (mvhd == null) {
                        mvhd = readMvhd(c);
                    }
                    break;
                case "trak": {
                    if (tracks.size() >= limits.maxTracks()) {
                        throw new Mp4FormatException(LIMIT_EXCEEDED, c.path, c.fileOffset(),
                                "more than " + limits.maxTracks() + " tracks");
                    }
                    int idx = tracks.size();
                    String p = b.path + "/trak[" + idx + "]";
                    RawTrack tr = new RawTrack(idx, p);
                    readTrak(c.withPath(p), tr);
                    tracks.add(tr);
                    break;
                }
                case "mvex":
                    readMvex(c);
                    break;
                default:
                    break;
            }
        }
        if (mvhd == null) {
            throw new Mp4FormatException(INVALID_DATA, b.path, b.base + b.end, "moov has no mvhd");
        }
    }

    static MovieHeader readMvhd(Buf b) throws Mp4FormatException {
        Times t = readTimes(b, "mvhd");
        return new MovieHeader(t.version, t.timescale, t.duration);
    }

    /** The version, time scale and duration that open both {@code mvhd} and {@code mdhd}. */
    private static final class Times {
        int version;
        long timescale;
        long duration;
    }

    private static Times readTimes(Buf b, String box) throws Mp4FormatException {
        Times t = new Times();
        t.version = b.fullBoxHeader() >>> 24;
        if (t.version == 1) {
            b.skip(16); // creation and modification times
            t.timescale = b.u32();
            t.duration = b.s64();
        } else if (t.version == 0) {
            b.skip(8);
            t.timescale = b.u32();
            t.duration = b.u32();
            if (t.duration == 0xFFFFFFFFL) {
                t.duration = -1;
            }
        } else {
            throw b.invalid(box + " version " + t.version + " (0 or 1 expected)");
        }
        if (t.timescale == 0) {
            throw b.invalid(box + " timescale is 0");
        }
        return t;
    }

    private void readTrak(Buf b, RawTrack tr) throws Mp4FormatException {
        String[] t = new String[1];
        while (b.hasBox()) {
            Buf c = b.child(t, -1);
            switch (t[0]) {
                case "tkhd":
                    tr.tkhd = readTkhd(c);
                    break;
                case "edts":
                    readEdts(c, tr);
                    break;
                case "mdia":
                    readMdia(c, tr);
                    break;
                default:
                    break;
            }
        }
        if (tr.tkhd == null) {
            throw new Mp4FormatException(INVALID_DATA, b.path, -1, "trak has no tkhd");
        }
        if (tr.mdhd == null) {
            throw new Mp4FormatException(INVALID_DATA, b.path, -1, "trak has no mdia/mdhd");
        }
        if (tr.samples == null) {
            tr.samples = new SampleTableBuilder(limits.maxSamplesPerTrack());
        }
    }

    static TrackHeader readTkhd(Buf b) throws Mp4FormatException {
        int vf = b.fullBoxHeader();
        int version = vf >>> 24;
        int trackId;
        long duration;
        if (version == 1) {
            b.skip(16);
            trackId = b.s32();
            b.skip(4);
            duration = b.s64();
        } else if (version == 0) {
            b.skip(8);
            trackId = b.s32();
            b.skip(4);
            duration = b.u32();
        } else {
            throw b.invalid("tkhd version " + version + " (0 or 1 expected)");
        }
        b.skip(8 + 2 + 2 + 2 + 2);
        int[] m = new int[9];
        for (int i = 0; i < 9; i++) {
            m[i] = b.s32();
        }
        double w = b.u32() / 65536.0;
        double h = b.u32() / 65536.0;
        return new TrackHeader(version, vf & 0xFFFFFF, trackId, duration, m, w, h);
    }

    private void readEdts(Buf b, RawTrack tr) throws Mp4FormatException {
        String[] t = new String[1];
        while (b.hasBox()) {
            Buf c = b.child(t, -1);
            if (t[0].equals("elst") && tr.edits == null) {
                tr.edits = readElst(c, limits.maxEditEntries());
            }
        }
    }

    static List<EditListEntry> readElst(Buf b, int maxEntries) throws Mp4FormatException {
        int vf = b.fullBoxHeader();
        int version = vf >>> 24;
        if (version > 1) {
            throw b.invalid("elst version " + version + " (0 or 1 expected)");
        }
        long count = b.u32();
        int n = b.entries(count, version == 1 ? 20 : 12, "elst entry");
        if (n > maxEntries) {
            throw b.limit("elst has " + n + " entries, limit is " + maxEntries);
        }
        List<EditListEntry> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long dur;
            long time;
            if (version == 1) {
                dur = b.u64("elst segment_duration");
                time = b.s64();
            } else {
                dur = b.u32();
                time = b.s32();
            }
            int ri = (short) b.u16();
            int rf = (short) b.u16();
            if (time < -1) {
                throw b.invalid("elst entry " + i + " has media_time " + time);
            }
            out.add(new EditListEntry(dur, time, ri, rf));
        }
        return Collections.unmodifiableList(out);
    }

    private void readMdia(Buf b, RawTrack tr) throws Mp4FormatException {
        String[] t = new String[1];
        List<Buf> minf = new ArrayList<>();
        while (b.hasBox()) {
            Buf c = b.child(t, -1);
            switch (t[0]) {
                case "mdhd":
                    tr.mdhd = readMdhd(c);
                    break;
                case "hdlr":
                    readHdlr(c, tr);
                    break;
                case "minf":
                    minf.add(c);
                    break;
                default:
                    break;
            }
        }
        // minf after hdlr is known (the sample entry layout depends on the handler type)
        for (Buf c : minf) {
            readMinf(c, tr);
        }
    }

    static MediaHeader readMdhd(Buf b) throws Mp4FormatException {
        Times t = readTimes(b, "mdhd");
        int version = t.version;
        long timescale = t.timescale;
        long duration = t.duration;
        if (timescale > Integer.MAX_VALUE) {
            throw b.invalid("mdhd timescale " + timescale + " too large");
        }
        String lang = "und";
        if (b.remaining() >= 2) {
            int l = b.u16();
            if (l >= 0x400 && l != 0x7FFF) {
                char c1 = (char) (((l >> 10) & 31) + 0x60);
                char c2 = (char) (((l >> 5) & 31) + 0x60);
                char c3 = (char) ((l & 31) + 0x60);
                lang = "" + c1 + c2 + c3;
            } else if (l < 0x400) {
                lang = Integer.toString(l); // QuickTime Macintosh language code
            }
        }
        return new MediaHeader(version, timescale, duration, lang);
    }

    private static void readHdlr(Buf b, RawTrack tr) throws Mp4FormatException {
        b.fullBoxHeader();
        b.skip(4); // pre_defined / QuickTime component type
        tr.handlerType = b.fourcc();
        if (b.remaining() >= 12) {
            b.skip(12);
            int n = b.remaining();
            // ISO: null-terminated UTF-8; QuickTime: a Pascal string (length byte first)
            if (n > 0 && (b.data[b.pos] & 0xFF) == n - 1 && n > 1) {
                b.skip(1);
                tr.handlerName = b.utf8(n - 1);
            } else {
                tr.handlerName = b.utf8(n);
            }
        }
    }

    private void readMinf(Buf b, RawTrack tr) throws Mp4FormatException {
        String[] t = new String[1];
        while (b.hasBox()) {
            Buf c = b.child(t, -1);
            if (t[0].equals("stbl") && !tr.hasStbl) {
                tr.hasStbl = true;
                readStbl(c, tr);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ stbl

    /** Raw tables of one stbl; arrays sized only after checking the box holds their bytes. */
    static final class Stbl {
        long[] sttsCount;
        long[] sttsDelta;
        long[] cttsCount;
        int[] cttsOffset;
        int cttsVersion;
        int[] stss;
        byte[] sdtp;
        long[] stscFirstChunk;
        long[] stscSamplesPerChunk;
        long[] stscDescription;
        /** An stsc entry had sample_description_index 0 (read as 1). */
        boolean stscZeroDescription;
        long sampleCount = -1;
        int uniformSize;
        int[] sizes;
        long[] chunkOffsets;
        String sizePath;
        String stscPath;
        String sttsPath;
        String cttsPath;
        long cslgShift;
    }

    private void readStbl(Buf b, RawTrack tr) throws Mp4FormatException {
        String[] t = new String[1];
        Stbl s = new Stbl();
        while (b.hasBox()) {
            Buf c = b.child(t, -1);
            switch (t[0]) {
                case "stsd":
                    readStsd(c, tr.handlerType, tr.sampleEntries);
                    break;
                case "stts":
                    readStts(c, s);
                    break;
                case "ctts":
                    readCtts(c, s);
                    break;
                case "cslg":
                    readCslg(c, s);
                    break;
                case "stss":
                    s.stss = readStss(c);
                    break;
                case "sdtp":
                    s.sdtp = c.bytes(c.remaining() > 4 ? skipHeader(c) : 0);
                    break;
                case "stsc":
                    readStsc(c, s);
                    break;
                case "stsz":
                    readStsz(c, s, limits);
                    break;
                case "stz2":
                    readStz2(c, s, limits);
                    break;
                case "stco":
                    readStco(c, s, false);
                    break;
                case "co64":
                    readStco(c, s, true);
                    break;
                default:
                    break;
            }
        }
        tr.cslgShift = s.cslgShift;
        if (s.stscZeroDescription) {
            warnings.add(s.stscPath + ": sample_description_index 0 read as 1");
        }
        tr.samples = buildSamples(s, b, limits);
    }

    private static int skipHeader(Buf c) throws Mp4FormatException {
        c.fullBoxHeader();
        return c.remaining();
    }

    void readStsd(Buf b, String handler, List<SampleEntry> out) throws Mp4FormatException {
        b.fullBoxHeader();
        long count = b.u32();
        int n = b.entries(count, 8, "stsd entry");
        String[] t = new String[1];
        for (int i = 0; i < n; i++) {
            Buf e = b.child(t, -1);
            out.add(readSampleEntry(e.withPath(e.path + "[" + i + "]"), t[0], handler));
        }
    }

    SampleEntry readSampleEntry(Buf b, String format, String handler) throws Mp4FormatException {
        b.skip(6);
        int dri = b.u16();
        int width = 0;
        int height = 0;
        int channels = 0;
        int rate = 0;
        AvcConfig avc = null;
        long[] pasp = null;
        ColourInfo colr = null;
        long bufSize = -1;
        long maxBr = -1;
        long avgBr = -1;
        boolean visual = handler.equals("vide") || format.equals("avc1") || format.equals("avc3");
        if (visual) {
            b.skip(16);
            width = b.u16();
            height = b.u16();
            b.skip(4 + 4 + 4 + 2 + 32 + 2 + 2);
            String[] t = new String[1];
            while (b.hasBox()) {
                Buf c = b.child(t, -1);
                switch (t[0]) {
                    case "avcC":
                        if (avc == null) {
                            avc = readAvcC(c);
                        }
                        break;
                    case "pasp":
                        pasp = new long[] {c.u32(), c.u32()};
                        break;
                    case "colr":
                        if (colr == null) {
                            colr = readColr(c);
                        }
                        break;
                    case "btrt":
                        bufSize = c.u32();
                        maxBr = c.u32();
                        avgBr = c.u32();
                        break;
                    default:
                        break;
                }
            }
        } else if (handler.equals("soun") && b.remaining() >= 20) {
            int qtVersion = b.u16();
            b.skip(6);
            channels = b.u16();
            b.skip(6);
            rate = (int) (b.u32() >>> 16);
            if (qtVersion == 2 && b.remaining() >= 36) {
                b.skip(4);
                double r = Double.longBitsToDouble(b.s64());
                rate = r > 0 && r < Integer.MAX_VALUE ? (int) r : 0;
                channels = b.s32();
            }
        }
        return new SampleEntry(format, dri, width, height, avc, pasp, colr, bufSize, maxBr, avgBr, channels, rate);
    }

    static AvcConfig readAvcC(Buf b) throws Mp4FormatException {
        int version = b.u8();
        int profile = b.u8();
        int compat = b.u8();
        int level = b.u8();
        int lengthSize = (b.u8() & 3) + 1;
        int nsps = b.u8() & 31;
        List<byte[]> sps = new ArrayList<>(nsps);
        for (int i = 0; i < nsps; i++) {
            sps.add(b.bytes(b.u16()));
        }
        List<byte[]> pps = new ArrayList<>();
        if (b.remaining() > 0) {
            int npps = b.u8();
            for (int i = 0; i < npps; i++) {
                pps.add(b.bytes(b.u16()));
            }
        }
        if (version != 1) {
            throw b.invalid("avcC configurationVersion " + version + " (1 expected)");
        }
        return new AvcConfig(version, profile, compat, level, lengthSize, Collections.unmodifiableList(sps),
                Collections.unmodifiableList(pps));
    }

    static ColourInfo readColr(Buf b) throws Mp4FormatException {
        String type = b.fourcc();
        if (type.equals("nclx") || type.equals("nclc")) {
            int p = b.u16();
            int tr = b.u16();
            int m = b.u16();
            boolean full = type.equals("nclx") && b.remaining() > 0 && (b.u8() & 0x80) != 0;
            return new ColourInfo(type, p, tr, m, full);
        }
        return new ColourInfo(type, -1, -1, -1, false);
    }

    static void readStts(Buf b, Stbl s) throws Mp4FormatException {
        b.fullBoxHeader();
        int n = b.entries(b.u32(), 8, "stts entry");
        s.sttsCount = new long[n];
        s.sttsDelta = new long[n];
        for (int i = 0; i < n; i++) {
            s.sttsCount[i] = b.u32();
            // FFmpeg reads deltas as signed and treats negative ones as 0..; the spec says unsigned.
            s.sttsDelta[i] = b.u32();
        }
        s.sttsPath = b.path;
    }

    static void readCtts(Buf b, Stbl s) throws Mp4FormatException {
        int vf = b.fullBoxHeader();
        s.cttsVersion = vf >>> 24;
        int n = b.entries(b.u32(), 8, "ctts entry");
        s.cttsCount = new long[n];
        s.cttsOffset = new int[n];
        for (int i = 0; i < n; i++) {
            s.cttsCount[i] = b.u32();
            // Version 1 offsets are signed; version 0 ones are read as signed too, as FFmpeg does,
            // because muxers write negative offsets into version 0 boxes.
            s.cttsOffset[i] = b.s32();
        }
        s.cttsPath = b.path;
    }

    static void readCslg(Buf b, Stbl s) throws Mp4FormatException {
        int vf = b.fullBoxHeader();
        long shift = (vf >>> 24) == 1 ? b.s64() : b.s32();
        s.cslgShift = shift;
    }

    static int[] readStss(Buf b) throws Mp4FormatException {
        b.fullBoxHeader();
        int n = b.entries(b.u32(), 4, "stss entry");
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            long v = b.u32();
            out[i] = v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
        }
        return out;
    }

    static void readStsc(Buf b, Stbl s) throws Mp4FormatException {
        b.fullBoxHeader();
        int n = b.entries(b.u32(), 12, "stsc entry");
        s.stscFirstChunk = new long[n];
        s.stscSamplesPerChunk = new long[n];
        s.stscDescription = new long[n];
        for (int i = 0; i < n; i++) {
            s.stscFirstChunk[i] = b.u32();
            s.stscSamplesPerChunk[i] = b.u32();
            s.stscDescription[i] = b.u32(); // checked against stsd once the track is complete (Track)
            if (s.stscDescription[i] == 0) { // invalid (they count from 1), but the first is what it must mean
                s.stscDescription[i] = 1;
                s.stscZeroDescription = true;
            }
            if (s.stscFirstChunk[i] == 0 || (i > 0 && s.stscFirstChunk[i] <= s.stscFirstChunk[i - 1])) {
                throw b.invalid("stsc entry " + i + " first_chunk " + s.stscFirstChunk[i]
                        + " (must start at 1 and increase)");
            }
        }
        s.stscPath = b.path;
    }

    void readStsz(Buf b, Stbl s, Mp4Limits limits) throws Mp4FormatException {
        b.fullBoxHeader();
        long uniform = b.u32();
        long count = b.u32();
        s.sizePath = b.path;
        if (count > limits.maxSamplesPerTrack()) {
            throw b.limit("stsz sample_count " + count + " exceeds the limit of " + limits.maxSamplesPerTrack());
        }
        if (uniform > limits.maxSampleSize()) {
            throw b.limit("stsz sample_size " + uniform + " exceeds the limit of " + limits.maxSampleSize());
        }
        s.sampleCount = count;
        s.uniformSize = (int) uniform;
        s.sizes = null; // a second stsz (or an stz2 before it) must not leave its sizes behind
        if (uniform != 0 && count > fileSize) {
            // a count not backed by table bytes: every sample must at least occupy a byte of the file
            throw b.invalid("stsz sample_count " + count + " with uniform size " + uniform + " exceeds the file size "
                    + fileSize);
        }
        if (uniform == 0) {
            int n = b.entries(count, 4, "stsz entry");
            int[] sz = new int[n];
            for (int i = 0; i < n; i++) {
                long v = b.u32();
                if (v > limits.maxSampleSize()) {
                    throw b.limit("stsz entry " + i + " is " + v + " bytes, limit is " + limits.maxSampleSize());
                }
                sz[i] = (int) v;
            }
            s.sizes = sz;
        }
    }

    static void readStz2(Buf b, Stbl s, Mp4Limits limits) throws Mp4FormatException {
        b.fullBoxHeader();
        b.skip(3);
        int fieldSize = b.u8();
        long count = b.u32();
        s.sizePath = b.path;
        if (fieldSize != 4 && fieldSize != 8 && fieldSize != 16) {
            throw b.invalid("stz2 field_size " + fieldSize + " (4, 8 or 16 expected)");
        }
        if (count > limits.maxSamplesPerTrack()) {
            throw b.limit("stz2 sample_count " + count + " exceeds the limit of " + limits.maxSamplesPerTrack());
        }
        long bytes = (count * fieldSize + 7) / 8;
        if (bytes > b.remaining()) {
            throw b.invalid("stz2 sample_count " + count + " needs " + bytes + " bytes but the box has " + b.remaining());
        }
        int n = (int) count;
        int[] sz = new int[n];
        for (int i = 0; i < n; i++) {
            if (fieldSize == 16) {
                sz[i] = b.u16();
            } else if (fieldSize == 8) {
                sz[i] = b.u8();
            } else {
                int v = b.data[b.pos + i / 2] & 0xFF;
                sz[i] = (i & 1) == 0 ? v >> 4 : v & 15;
            }
        }
        if (fieldSize == 4) {
            b.skip((n + 1) / 2);
        }
        s.sampleCount = n;
        s.uniformSize = 0;
        s.sizes = sz;
    }

    static void readStco(Buf b, Stbl s, boolean co64) throws Mp4FormatException {
        b.fullBoxHeader();
        int n = b.entries(b.u32(), co64 ? 8 : 4, co64 ? "co64 entry" : "stco entry");
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = co64 ? b.u64("co64 chunk offset") : b.u32();
        }
        s.chunkOffsets = out;
    }

    /** Builds the flat table of a non-fragmented stbl, checking that its tables agree. */
    static SampleTableBuilder buildSamples(Stbl s, Buf stbl, Mp4Limits limits) throws Mp4FormatException {
        SampleTableBuilder t = new SampleTableBuilder(limits.maxSamplesPerTrack());
        String p = stbl.path;
        long n = s.sampleCount < 0 ? 0 : s.sampleCount;
        if (s.sampleCount < 0 && (s.sttsCount != null && s.sttsCount.length > 0)) {
            throw new Mp4FormatException(INVALID_DATA, p, -1, "stbl has stts entries but no stsz/stz2");
        }
        // stts must describe exactly the samples of stsz
        long sttsTotal = 0;
        if (s.sttsCount != null) {
            for (long c : s.sttsCount) {
                sttsTotal += c;
            }
        }
        if (sttsTotal != n) {
            throw new Mp4FormatException(INVALID_DATA, s.sttsPath != null ? s.sttsPath : p, -1,
                    "stts covers " + sttsTotal + " samples but stsz has " + n);
        }
        if (n == 0) {
            return t;
        }
        if (s.chunkOffsets == null || s.stscFirstChunk == null) {
            throw new Mp4FormatException(INVALID_DATA, p, -1, "stbl has samples but no " + (s.chunkOffsets == null
                    ? "stco/co64" : "stsc"));
        }
        int count = (int) n;
        t.reserve(count, p, -1);
        t.count = count;
        // sizes
        for (int i = 0; i < count; i++) {
            t.size[i] = s.sizes != null ? s.sizes[i] : s.uniformSize;
        }
        // offsets: walk chunks as described by stsc; bounded by the number of chunks (backed by bytes)
        long[] co = s.chunkOffsets;
        int sample = 0;
        try {
            for (int e = 0; e < s.stscFirstChunk.length && sample < count; e++) {
                long first = s.stscFirstChunk[e];
                long last = e + 1 < s.stscFirstChunk.length ? s.stscFirstChunk[e + 1] - 1 : co.length;
                last = Math.min(last, co.length);
                long spc = s.stscSamplesPerChunk[e];
                if (first <= last && spc > 0) {
                    t.description(sample, s.stscDescription[e]);
                }
                for (long c = first; c <= last && sample < count; c++) {
                    long off = co[(int) (c - 1)];
                    for (long k = 0; k < spc && sample < count; k++) {
                        t.offset[sample] = off;
                        off = Math.addExact(off, t.size[sample]);
                        sample++;
                    }
                }
            }
        } catch (ArithmeticException ex) {
            throw new Mp4FormatException(INVALID_DATA, s.stscPath, -1, "sample offset overflows at sample " + sample);
        }
        if (sample < count) {
            throw new Mp4FormatException(INVALID_DATA, s.stscPath, -1, "stsc/stco describe " + sample
                    + " samples but stsz has " + count);
        }
        // decode times
        long dts = 0;
        int i = 0;
        try {
            for (int e = 0; e < s.sttsCount.length; e++) {
                for (long k = 0; k < s.sttsCount[e]; k++) {
                    t.dts[i++] = dts;
                    dts = Math.addExact(dts, s.sttsDelta[e]);
                }
            }
        } catch (ArithmeticException ex) {
            throw new Mp4FormatException(INVALID_DATA, s.sttsPath, -1, "decode time overflows at sample " + i);
        }
        t.nextDts = dts;
        // composition offsets
        if (s.cttsCount != null) {
            t.enableCto();
            long total = 0;
            for (long c : s.cttsCount) {
                total += c;
            }
            if (total != n) {
                throw new Mp4FormatException(INVALID_DATA, s.cttsPath, -1, "ctts covers " + total
                        + " samples but stsz has " + n);
            }
            i = 0;
            for (int e = 0; e < s.cttsCount.length; e++) {
                for (long k = 0; k < s.cttsCount[e]; k++) {
                    t.cto[i++] = s.cttsOffset[e];
                }
            }
        }
        // sync samples: stss absent means every sample is a sync sample
        if (s.stss == null) {
            for (int k = 0; k < count; k++) {
                t.flags[k] = SampleTable.SYNC;
            }
        } else {
            for (int k = 0; k < s.stss.length; k++) {
                int v = s.stss[k];
                if (v < 1 || v > count) {
                    throw new Mp4FormatException(INVALID_DATA, p + "/stss", -1, "stss entry " + k + " names sample "
                            + v + " of " + count);
                }
                t.flags[v - 1] = SampleTable.SYNC;
            }
        }
        if (s.sdtp != null) {
            t.enableDependency();
            System.arraycopy(s.sdtp, 0, t.dependency, 0, Math.min(count, s.sdtp.length));
        }
        return t;
    }

    // ------------------------------------------------------------------------------------------ fragments

    private void readMvex(Buf b) throws Mp4FormatException {
        String[] t = new String[1];
        while (b.hasBox()) {
            Buf c = b.child(t, -1);
            if (t[0].equals("trex")) {
                c.fullBoxHeader();
                int id = c.s32();
                int sdi = c.s32();
                long dur = c.u32();
                long size = c.u32();
                int flags = c.s32();
                pendingTrex.add(new long[] {id, sdi, dur, size, flags});
            } else if (t[0].equals("mehd")) {
                int vf = c.fullBoxHeader();
                fragmentDuration = (vf >>> 24) == 1 ? c.s64() : c.u32();
            }
        }
    }

    private final List<long[]> pendingTrex = new ArrayList<>();

    /** Applies trex defaults to tracks (mvex may come before or after the trak boxes). */
    void finishMoov() {
        for (long[] x : pendingTrex) {
            RawTrack tr = trackById((int) x[0]);
            if (tr != null) {
                tr.hasTrex = true;
                tr.trexDescriptionIndex = (int) x[1];
                tr.trexDuration = x[2];
                tr.trexSize = x[3];
                tr.trexFlags = (int) x[4];
            }
        }
    }

    RawTrack trackById(int id) {
        for (RawTrack t : tracks) {
            if (t.tkhd.trackId() == id) {
                return t;
            }
        }
        return null;
    }

    /** Reads one moof; {@code moofStart} is the file offset of the moof box's first byte. */
    void readMoof(Buf b, long moofStart) throws Mp4FormatException {
        fragmentCount++;
        String[] t = new String[1];
        long prevTrafEnd = moofStart;
        boolean first = true;
        int trafIndex = 0;
        while (b.hasBox()) {
            Buf c = b.child(t, -1);
            if (t[0].equals("traf")) {
                prevTrafEnd = readTraf(c.withPath(c.path + "[" + trafIndex + "]"), moofStart, first ? moofStart : prevTrafEnd);
                first = false;
                trafIndex++;
            }
        }
    }

    private static final int TF_BASE_DATA_OFFSET = 0x1;
    private static final int TF_SAMPLE_DESCRIPTION = 0x2;
    private static final int TF_DEFAULT_DURATION = 0x8;
    private static final int TF_DEFAULT_SIZE = 0x10;
    private static final int TF_DEFAULT_FLAGS = 0x20;
    private static final int TF_DEFAULT_BASE_IS_MOOF = 0x20000;
    private static final int TR_DATA_OFFSET = 0x1;
    private static final int TR_FIRST_FLAGS = 0x4;
    private static final int TR_DURATION = 0x100;
    private static final int TR_SIZE = 0x200;
    private static final int TR_FLAGS = 0x400;
    private static final int TR_CTO = 0x800;

    /** Returns the end of the data of this traf (implicit base of the next one). */
    private long readTraf(Buf b, long moofStart, long implicitBase) throws Mp4FormatException {
        String[] t = new String[1];
        RawTrack tr = null;
        long base = implicitBase;
        long defDur = 0;
        long defSize = 0;
        int defFlags = 0;
        long tfdt = -1;
        long description = 1;
        List<Buf> truns = new ArrayList<>();
        boolean haveTfhd = false;
        while (b.hasBox()) {
            Buf c = b.child(t, -1);
            switch (t[0]) {
                case "tfhd": {
                    int vf = c.fullBoxHeader();
                    int flags = vf & 0xFFFFFF;
                    int id = c.s32();
                    tr = trackById(id);
                    if (tr == null) {
                        warnings.add(c.path + ": tfhd names track " + id + " which has no trak; fragment skipped");
                        return implicitBase;
                    }
                    haveTfhd = true;
                    defDur = tr.trexDuration;
                    defSize = tr.trexSize;
                    defFlags = tr.trexFlags;
                    if ((flags & TF_BASE_DATA_OFFSET) != 0) {
                        base = c.u64("base_data_offset");
                    } else if ((flags & TF_DEFAULT_BASE_IS_MOOF) != 0) {
                        base = moofStart;
                    }
                    description = tr.trexDescriptionIndex & 0xffffffffL;
                    if ((flags & TF_SAMPLE_DESCRIPTION) != 0) {
                        description = c.u32();
                    }
                    if (description == 0) { // as in stsc: invalid, read as the first
                        warnings.add(c.path + ": sample_description_index 0 read as 1");
                        description = 1;
                    }
                    if ((flags & TF_DEFAULT_DURATION) != 0) {
                        defDur = c.u32();
                    }
                    if ((flags & TF_DEFAULT_SIZE) != 0) {
                        defSize = c.u32();
                    }
                    if ((flags & TF_DEFAULT_FLAGS) != 0) {
                        defFlags = c.s32();
                    }
                    break;
                }
                case "tfdt": {
                    int vf = c.fullBoxHeader();
                    tfdt = (vf >>> 24) == 1 ? c.u64("baseMediaDecodeTime") : c.u32();
                    break;
                }
                case "trun":
                    truns.add(c);
                    break;
                default:
                    break;
            }
        }
        if (!haveTfhd) {
            throw b.invalid("traf without tfhd");
        }
        tr.fragments++;
        SampleTableBuilder s = tr.samples;
        if (tfdt >= 0) {
            s.nextDts = tfdt;
        }
        long dataPos = base;
        for (Buf c : truns) {
            s.description(s.count, description);
            dataPos = readTrun(c, tr, s, base, dataPos, defDur, defSize, defFlags);
        }
        return dataPos;
    }

    private long readTrun(Buf b, RawTrack tr, SampleTableBuilder s, long base, long dataPos, long defDur, long defSize,
                          int defFlags) throws Mp4FormatException {
        int vf = b.fullBoxHeader();
        int version = vf >>> 24;
        int flags = vf & 0xFFFFFF;
        long count = b.u32();
        long pos = dataPos;
        try {
            if ((flags & TR_DATA_OFFSET) != 0) {
                pos = Math.addExact(base, b.s32());
            }
        } catch (ArithmeticException e) {
            throw b.invalid("trun data_offset overflows");
        }
        int firstFlags = (flags & TR_FIRST_FLAGS) != 0 ? b.s32() : defFlags;
        int per = 4 * Integer.bitCount(flags & (TR_DURATION | TR_SIZE | TR_FLAGS | TR_CTO));
        if (per > 0) {
            b.entries(count, per, "trun sample");
        } else if (count > fileSize) {
            // a count not backed by table bytes: every sample must at least occupy a byte of the file
            throw b.invalid("trun sample_count " + count + " without per-sample fields exceeds the file size " + fileSize);
        }
        if (count == 0) {
            return pos;
        }
        s.reserve(count, b.path, b.fileOffset());
        if ((flags & TR_CTO) != 0) {
            s.enableCto();
        }
        if ((flags & (TR_FLAGS | TR_FIRST_FLAGS)) != 0 || defFlags != 0) {
            s.enableDependency();
        }
        int n = (int) count;
        try {
            for (int i = 0; i < n; i++) {
                long dur = (flags & TR_DURATION) != 0 ? b.u32() : defDur;
                long size = (flags & TR_SIZE) != 0 ? b.u32() : defSize;
                int sf = (flags & TR_FLAGS) != 0 ? b.s32() : (i == 0 ? firstFlags : defFlags);
                if (i == 0 && (flags & TR_FIRST_FLAGS) != 0 && (flags & TR_FLAGS) != 0) {
                    sf = firstFlags;
                }
                int cto = 0;
                if ((flags & TR_CTO) != 0) {
                    cto = b.s32();
                    if (version == 0 && cto < 0) {
                        // version 0 offsets are unsigned; values >= 2^31 are read as negative like FFmpeg
                    }
                }
                if (size > limitSampleSize()) {
                    throw b.limit("trun sample " + i + " is " + size + " bytes, limit is " + limitSampleSize());
                }
                int k = s.count;
                s.offset[k] = pos;
                s.size[k] = (int) size;
                s.dts[k] = s.nextDts;
                if (s.cto != null) {
                    s.cto[k] = cto;
                }
                boolean nonSync = (sf & 0x10000) != 0;
                int dependsOn = (sf >>> 24) & 3;
                boolean sync = !nonSync && dependsOn != 1;
                s.flags[k] = sync ? SampleTable.SYNC : 0;
                if (s.dependency != null) {
                    s.dependency[k] = (byte) (sf >>> 20);
                }
                s.count++;
                s.fragmentSamples++;
                s.nextDts = Math.addExact(s.nextDts, dur);
                pos = Math.addExact(pos, size);
            }
        } catch (ArithmeticException e) {
            throw b.invalid("trun offsets or decode times overflow");
        }
        return pos;
    }

    private int limitSampleSize() {
        return limits.maxSampleSize();
    }
}
