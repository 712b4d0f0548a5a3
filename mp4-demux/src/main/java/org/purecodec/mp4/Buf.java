package org.purecodec.mp4;

import java.nio.charset.StandardCharsets;

/**
 * A bounded big-endian cursor over the payload of one box held in memory. Every read checks the
 * bytes that remain in the box and fails with a positioned {@link Mp4FormatException}; nothing reads
 * past {@link #end}. {@link #base} maps array indices back to file offsets for messages.
 */
final class Buf {
    final byte[] data;
    final long base;
    final String path;
    int pos;
    final int end;

    Buf(byte[] data, int pos, int end, long base, String path) {
        this.data = data;
        this.pos = pos;
        this.end = end;
        this.base = base;
        this.path = path;
    }

    int remaining() {
        return end - pos;
    }

    /** File offset of the cursor. */
    long fileOffset() {
        return base + pos;
    }

    Mp4FormatException invalid(String msg) {
        return new Mp4FormatException(Mp4FormatException.Kind.INVALID_DATA, path, fileOffset(), msg);
    }

    Mp4FormatException limit(String msg) {
        return new Mp4FormatException(Mp4FormatException.Kind.LIMIT_EXCEEDED, path, fileOffset(), msg);
    }

    void need(long n) throws Mp4FormatException {
        if (n < 0 || n > end - pos) {
            throw invalid("box too short: needs " + n + " more bytes, " + (end - pos) + " left");
        }
    }

    /** Checks that {@code count} entries of {@code entrySize} bytes fit in the bytes left, before allocating. */
    int entries(long count, int entrySize, String what) throws Mp4FormatException {
        if (count < 0 || count > (end - pos) / entrySize) {
            throw invalid(what + " count " + count + " needs " + count + "x" + entrySize + " bytes but the box has "
                    + (end - pos) + " left");
        }
        return (int) count;
    }

    int u8() throws Mp4FormatException {
        need(1);
        return data[pos++] & 0xFF;
    }

    int u16() throws Mp4FormatException {
        need(2);
        int v = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    int u24() throws Mp4FormatException {
        need(3);
        int v = ((data[pos] & 0xFF) << 16) | ((data[pos + 1] & 0xFF) << 8) | (data[pos + 2] & 0xFF);
        pos += 3;
        return v;
    }

    int s32() throws Mp4FormatException {
        need(4);
        int v = ((data[pos] & 0xFF) << 24) | ((data[pos + 1] & 0xFF) << 16) | ((data[pos + 2] & 0xFF) << 8)
                | (data[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    long u32() throws Mp4FormatException {
        return s32() & 0xFFFFFFFFL;
    }

    long s64() throws Mp4FormatException {
        long hi = u32();
        return (hi << 32) | u32();
    }

    /** An unsigned 64-bit value that must fit in a Java long. */
    long u64(String what) throws Mp4FormatException {
        long v = s64();
        if (v < 0) {
            throw invalid(what + " too large: " + Long.toUnsignedString(v));
        }
        return v;
    }

    /** Version and flags of a full box: version in bits 24-31, flags in 0-23. */
    int fullBoxHeader() throws Mp4FormatException {
        return s32();
    }

    String fourcc() throws Mp4FormatException {
        need(4);
        String s = fourcc(data, pos);
        pos += 4;
        return s;
    }

    static String fourcc(byte[] d, int at) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            c[i] = (char) (d[at + i] & 0xFF);
        }
        return new String(c);
    }

    byte[] bytes(int n) throws Mp4FormatException {
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(data, pos, out, 0, n);
        pos += n;
        return out;
    }

    String utf8(int n) throws Mp4FormatException {
        need(n);
        int len = 0;
        while (len < n && data[pos + len] != 0) {
            len++;
        }
        String s = new String(data, pos, len, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    void skip(long n) throws Mp4FormatException {
        need(n);
        pos += (int) n;
    }

    /** True when another box header (8 bytes) fits. Fewer trailing bytes (padding) are tolerated by callers. */
    boolean hasBox() {
        return end - pos >= 8;
    }

    /**
     * Reads the next child box header and returns a cursor over its payload; this cursor skips past
     * the child. Sizes 0 (to the end of the parent) and 1 (64-bit) are handled; a child that would end
     * past its parent is an error.
     */
    Buf child(String[] typeOut, int index) throws Mp4FormatException {
        int start = pos;
        long size = u32();
        String type = fourcc();
        int header = 8;
        if (size == 1) {
            size = u64("box size");
            header = 16;
        } else if (size == 0) {
            size = end - start;
        }
        if (size < header) {
            pos = start;
            throw invalid("box '" + printable(type) + "' has size " + size + ", smaller than its " + header + "-byte header");
        }
        if (size > end - start) {
            pos = start;
            throw invalid("box '" + printable(type) + "' of size " + size + " extends " + (size - (end - start))
                    + " bytes past its parent");
        }
        if ("uuid".equals(type)) {
            skip(16);
            header += 16;
            if (size < header) {
                pos = start;
                throw invalid("uuid box smaller than its header");
            }
        }
        typeOut[0] = type;
        int childEnd = start + (int) size;
        pos = childEnd;
        String p = path.isEmpty() ? printable(type) : path + "/" + printable(type);
        if (index >= 0) {
            p += "[" + index + "]";
        }
        return new Buf(data, start + header, childEnd, base, p);
    }

    /** A view of the same bytes with another path (e.g. to add an index). */
    Buf withPath(String newPath) {
        return new Buf(data, pos, end, base, newPath);
    }

    static String printable(String type) {
        StringBuilder sb = new StringBuilder(4);
        for (int i = 0; i < type.length(); i++) {
            char c = type.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                sb.append(c);
            } else {
                sb.append(String.format("\\x%02x", (int) c));
            }
        }
        return sb.toString();
    }
}
