package org.purecodec.testdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * ffprobe's packet table of a clip's first video stream, in decode (file) order, in the stream's
 * time base: {@code pts,dts,duration,size,flags} where flags holds {@code K} (key) and {@code D}
 * (discard: decoded but not presented, e.g. before an edit list's start).
 */
public final class PacketTable {
    /** Value used when ffprobe printed {@code N/A}. */
    public static final long NONE = Long.MIN_VALUE;

    private final long[] pts;
    private final long[] dts;
    private final long[] duration;
    private final int[] size;
    private final boolean[] key;
    private final boolean[] discard;

    private PacketTable(int n) {
        pts = new long[n];
        dts = new long[n];
        duration = new long[n];
        size = new int[n];
        key = new boolean[n];
        discard = new boolean[n];
    }

    /** Reads a {@code NAME.packets.csv} file. */
    public static PacketTable read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (lines.isEmpty() || !lines.get(0).equals("pts,dts,duration,size,flags")) {
            throw new IllegalStateException(file + ": unexpected header");
        }
        int n = 0;
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                n++;
            }
        }
        PacketTable t = new PacketTable(n);
        int k = 0;
        for (int i = 1; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isBlank()) {
                continue;
            }
            String[] f = l.split(",", -1);
            if (f.length < 5) {
                throw new IllegalStateException(file + ":" + (i + 1) + ": expected 5 fields: " + l);
            }
            t.pts[k] = num(f[0]);
            t.dts[k] = num(f[1]);
            t.duration[k] = num(f[2]);
            t.size[k] = Integer.parseInt(f[3]);
            t.key[k] = f[4].indexOf('K') >= 0;
            t.discard[k] = f[4].indexOf('D') >= 0;
            k++;
        }
        return t;
    }

    private static long num(String s) {
        return s.isEmpty() || s.equals("N/A") ? NONE : Long.parseLong(s);
    }

    /** Number of packets. */
    public int size() {
        return pts.length;
    }

    /** Presentation timestamp of packet {@code i}, or {@link #NONE}. */
    public long pts(int i) {
        return pts[i];
    }

    /** Decode timestamp of packet {@code i}, or {@link #NONE}. */
    public long dts(int i) {
        return dts[i];
    }

    /** Duration of packet {@code i}, or {@link #NONE}. */
    public long duration(int i) {
        return duration[i];
    }

    /** Size in bytes of packet {@code i}. */
    public int size(int i) {
        return size[i];
    }

    /** Whether packet {@code i} is a key (sync) sample. */
    public boolean key(int i) {
        return key[i];
    }

    /** Whether packet {@code i} is decoded but not presented. */
    public boolean discard(int i) {
        return discard[i];
    }

    /** Number of packets that are presented (not discarded). */
    public int presentedCount() {
        int n = 0;
        for (boolean d : discard) {
            if (!d) {
                n++;
            }
        }
        return n;
    }
}
