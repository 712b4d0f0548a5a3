package org.purecodec.testdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A parsed FFmpeg {@code framemd5} file: one {@link Entry} per output frame, in output order.
 * Header lines ({@code #tb 0: 1/12800}, ...) give the time base of each stream.
 */
public final class FrameMd5 {
    /** One frame line: {@code stream, dts, pts, duration, size, md5}. */
    public record Entry(int stream, long dts, long pts, long duration, int size, String md5) {
    }

    private final Path source;
    private final List<Entry> entries;
    private final long tbNum;
    private final long tbDen;

    private FrameMd5(Path source, List<Entry> entries, long tbNum, long tbDen) {
        this.source = source;
        this.entries = Collections.unmodifiableList(entries);
        this.tbNum = tbNum;
        this.tbDen = tbDen;
    }

    /** Reads a framemd5 file. */
    public static FrameMd5 read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Entry> out = new ArrayList<>();
        long num = 1;
        long den = 1;
        for (String line : lines) {
            String l = line.trim();
            if (l.isEmpty()) {
                continue;
            }
            if (l.startsWith("#")) {
                if (l.startsWith("#tb 0:")) {
                    String[] r = l.substring(6).trim().split("/");
                    num = Long.parseLong(r[0].trim());
                    den = Long.parseLong(r[1].trim());
                }
                continue;
            }
            String[] f = l.split(",");
            if (f.length != 6) {
                throw new IllegalStateException(file + ": bad framemd5 line: " + line);
            }
            out.add(new Entry(Integer.parseInt(f[0].trim()), Long.parseLong(f[1].trim()), Long.parseLong(f[2].trim()),
                    Long.parseLong(f[3].trim()), Integer.parseInt(f[4].trim()), f[5].trim()));
        }
        return new FrameMd5(file, out, num, den);
    }

    /** The frames in output order. */
    public List<Entry> entries() {
        return entries;
    }

    /** Number of frames. */
    public int size() {
        return entries.size();
    }

    /** The md5 of frame {@code i} (lower-case hex). */
    public String md5(int i) {
        return entries.get(i).md5();
    }

    /** Numerator of the time base of stream 0. */
    public long timeBaseNum() {
        return tbNum;
    }

    /** Denominator of the time base of stream 0. */
    public long timeBaseDen() {
        return tbDen;
    }

    /** The file this was read from. */
    public Path source() {
        return source;
    }
}
