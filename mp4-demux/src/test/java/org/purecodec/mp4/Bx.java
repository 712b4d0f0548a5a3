package org.purecodec.mp4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Tiny helpers to hand-build boxes in tests. */
final class Bx {
    private Bx() {
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.write(p, 0, p.length);
        }
        return o.toByteArray();
    }

    static byte[] box(String type, byte[]... parts) {
        byte[] body = cat(parts);
        return cat(u32(8 + body.length), type.getBytes(StandardCharsets.ISO_8859_1), body);
    }

    /** A box with a 64-bit size (size field 1). */
    static byte[] box64(String type, byte[]... parts) {
        byte[] body = cat(parts);
        return cat(u32(1), type.getBytes(StandardCharsets.ISO_8859_1), u64(16 + body.length), body);
    }

    static byte[] full(String type, int version, int flags, byte[]... parts) {
        return box(type, cat(u32(((long) version << 24) | flags)), cat(parts));
    }

    static byte[] u8(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    static byte[] u16(int... v) {
        byte[] b = new byte[2 * v.length];
        for (int i = 0; i < v.length; i++) {
            b[2 * i] = (byte) (v[i] >> 8);
            b[2 * i + 1] = (byte) v[i];
        }
        return b;
    }

    static byte[] u32(long... v) {
        byte[] b = new byte[4 * v.length];
        for (int i = 0; i < v.length; i++) {
            for (int k = 0; k < 4; k++) {
                b[4 * i + k] = (byte) (v[i] >> (24 - 8 * k));
            }
        }
        return b;
    }

    static byte[] u64(long... v) {
        byte[] b = new byte[8 * v.length];
        for (int i = 0; i < v.length; i++) {
            for (int k = 0; k < 8; k++) {
                b[8 * i + k] = (byte) (v[i] >> (56 - 8 * k));
            }
        }
        return b;
    }

    static byte[] zeros(int n) {
        return new byte[n];
    }

    static byte[] str(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    // ------------------------------------------------------------------ standard boxes

    static byte[] ftyp() {
        return box("ftyp", str("isom"), u32(512), str("isomavc1"));
    }

    static byte[] mvhd(long timescale, long duration) {
        return full("mvhd", 0, 0, u32(0, 0, timescale, duration), zeros(80));
    }

    static final int[] IDENTITY = {0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000};

    static byte[] tkhd(int id, int[] matrix, int w, int h) {
        byte[] m = new byte[36];
        for (int i = 0; i < 9; i++) {
            System.arraycopy(u32(matrix[i]), 0, m, 4 * i, 4);
        }
        return full("tkhd", 0, 3, u32(0, 0, id, 0, 0), zeros(8), u16(0, 0, 0, 0), m, u32((long) w << 16, (long) h << 16));
    }

    static byte[] mdhd(long timescale, long duration) {
        return full("mdhd", 0, 0, u32(0, 0, timescale, duration), u16(0x55C4, 0));
    }

    static byte[] hdlr(String type) {
        return full("hdlr", 0, 0, u32(0), str(type), zeros(12), str("Handler\0"));
    }

    static byte[] avcC() {
        return box("avcC", u8(1, 100, 0, 30, 0xFF, 0xE1), u16(4), u8(0x67, 100, 0, 30), u8(1), u16(2), u8(0x68, 0xEE));
    }

    static byte[] avc1(int w, int h, byte[]... children) {
        return box("avc1", zeros(6), u16(1), zeros(16), u16(w, h), u32(0x480000, 0x480000, 0), u16(1), zeros(32),
                u16(24, 0xFFFF), cat(children));
    }

    static byte[] stsd(byte[]... entries) {
        return full("stsd", 0, 0, u32(entries.length), cat(entries));
    }

    /** stts from (count, delta) pairs. */
    static byte[] stts(long... pairs) {
        return full("stts", 0, 0, u32(pairs.length / 2), u32(pairs));
    }

    static byte[] ctts(int version, long... pairs) {
        return full("ctts", version, 0, u32(pairs.length / 2), u32(pairs));
    }

    /** stsc from (first_chunk, samples_per_chunk) pairs; description index 1. */
    static byte[] stsc(long... pairs) {
        byte[] b = new byte[0];
        for (int i = 0; i < pairs.length; i += 2) {
            b = cat(b, u32(pairs[i], pairs[i + 1], 1));
        }
        return full("stsc", 0, 0, u32(pairs.length / 2), b);
    }

    static byte[] stsz(long... sizes) {
        return full("stsz", 0, 0, u32(0, sizes.length), u32(sizes));
    }

    static byte[] stco(long... offsets) {
        return full("stco", 0, 0, u32(offsets.length), u32(offsets));
    }

    static byte[] stss(long... samples) {
        return full("stss", 0, 0, u32(samples.length), u32(samples));
    }

    static byte[] elst(int version, long[]... entries) {
        byte[] b = new byte[0];
        for (long[] e : entries) {
            b = cat(b, version == 1 ? u64(e[0], e[1]) : u32(e[0], e[1]), u16(1, 0));
        }
        return full("elst", version, 0, u32(entries.length), b);
    }

    static byte[] videoTrak(int id, byte[] edts, byte[]... stblChildren) {
        return box("trak", tkhd(id, IDENTITY, 64, 48), edts,
                box("mdia", mdhd(100, 0), hdlr("vide"),
                        box("minf", box("stbl", stsd(avc1(64, 48, avcC())), cat(stblChildren)))));
    }
}
