package org.purecodec.h264.nal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.purecodec.h264.H264Exception;

class NalLayerTest {
    private static byte[] b(int... v) {
        byte[] r = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = (byte) v[i];
        }
        return r;
    }

    private static List<byte[]> data(List<NalUnit> nals) {
        List<byte[]> out = new ArrayList<>();
        for (NalUnit n : nals) {
            out.add(n.data());
        }
        return out;
    }

    private static void assertNals(List<byte[]> expected, List<NalUnit> got) {
        assertEquals(expected.size(), got.size(), "number of NAL units");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), got.get(i).data(), "NAL " + i);
        }
    }

    @Test
    void annexBThreeAndFourByteStartCodesAndTrailingZeros() {
        byte[] s = b(0, 0, 0, 1, 0x67, 1, 2, 0, 0, 1, 0x68, 3, 0, 0, 0, 0, 0, 0, 1, 0x65, 0, 0, 3, 1, 5, 0, 0);
        List<NalUnit> nals = AnnexBReader.splitAll(s);
        assertNals(List.of(b(0x67, 1, 2), b(0x68, 3), b(0x65, 0, 0, 3, 1, 5)), nals);
        assertEquals(4, nals.get(0).offset());
        assertEquals(10, nals.get(1).offset());
        assertEquals(2, nals.get(2).index());
        assertEquals(5, nals.get(2).type());
        assertEquals(3, nals.get(2).refIdc());
    }

    /**
     * Property: splitting a complete piece in place gives exactly the units of the streaming reader (bytes,
     * indices, offsets), on random streams of 3- and 4-byte start codes, empty units, runs of zeros,
     * {@code 00 00 02/03} inside units, leading garbage and trailing zeros; for array-backed buffers at an
     * offset and for direct buffers, and the buffer's position is left alone.
     */
    @Test
    void annexBInPlaceSplitEqualsTheStreamingReader() {
        Random rnd = new Random(11);
        for (int round = 0; round < 3000; round++) {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            int parts = rnd.nextInt(8);
            for (int p = 0; p < parts; p++) {
                switch (rnd.nextInt(6)) {
                    case 0 -> o.writeBytes(b(0, 0, 1));
                    case 1 -> o.writeBytes(b(0, 0, 0, 1));
                    case 2 -> o.writeBytes(new byte[rnd.nextInt(5)]);
                    case 3 -> o.writeBytes(b(0, 0, 2 + rnd.nextInt(2)));
                    default -> {
                        byte[] junk = new byte[rnd.nextInt(12)];
                        rnd.nextBytes(junk);
                        o.writeBytes(junk);
                    }
                }
            }
            byte[] stream = o.toByteArray();
            AnnexBReader r = new AnnexBReader();
            List<NalUnit> want = r.push(ByteBuffer.wrap(stream));
            want.addAll(r.finish());
            for (int kind = 0; kind < 2; kind++) {
                ByteBuffer buf;
                if (kind == 0) {
                    byte[] big = new byte[stream.length + 9];
                    System.arraycopy(stream, 0, big, 5, stream.length);
                    buf = ByteBuffer.wrap(big, 5, stream.length);
                } else {
                    buf = ByteBuffer.allocateDirect(stream.length).put(stream).flip();
                }
                int pos = buf.position();
                List<NalUnit> got = new ArrayList<>();
                AnnexBReader.splitInPlace(buf, 0, got);
                assertEquals(want, got, "round " + round + (kind == 0 ? " (array)" : " (direct)"));
                assertEquals(pos, buf.position());
            }
            // the streaming reader fed in random chunks (array-backed and direct, split anywhere, even
            // inside a start code) gives the same units
            AnnexBReader chunked = new AnnexBReader();
            List<NalUnit> got = new ArrayList<>();
            int at = 0;
            while (at < stream.length) {
                int n = 1 + rnd.nextInt(Math.min(stream.length - at, 7));
                ByteBuffer c = rnd.nextBoolean() ? ByteBuffer.wrap(stream, at, n)
                        : ByteBuffer.allocateDirect(n).put(stream, at, n).flip();
                got.addAll(chunked.push(c));
                assertEquals(c.limit(), c.position(), "a chunk is consumed");
                at += n;
            }
            got.addAll(chunked.finish());
            assertEquals(want, got, "round " + round + " (chunks)");
        }
    }

    /** A unit longer than the reader's limit is INVALID_DATA, also when the excess is a run of zeros. */
    @Test
    void annexBUnitOverTheLimitIsRefused() {
        byte[] big = new byte[3 + 150];
        big[2] = 1;
        Arrays.fill(big, 3, big.length, (byte) 0x41);
        assertEquals(H264Exception.Kind.INVALID_DATA,
                assertThrows(H264Exception.class, () -> new AnnexBReader(100).push(ByteBuffer.wrap(big))).kind());
        byte[] zeros = new byte[3 + 1 + 200 + 1];
        zeros[2] = 1;
        zeros[3] = 0x41;
        zeros[zeros.length - 1] = 0x42; // 200 zeros inside the unit, then a byte: 202 bytes
        assertEquals(H264Exception.Kind.INVALID_DATA,
                assertThrows(H264Exception.class, () -> new AnnexBReader(100).push(ByteBuffer.wrap(zeros))).kind());
        AnnexBReader ok = new AnnexBReader(100);
        List<NalUnit> units = ok.push(ByteBuffer.wrap(Arrays.copyOf(big, 103)));
        units.addAll(ok.finish());
        assertEquals(1, units.size());
        assertEquals(100, units.get(0).length());
    }

    @Test
    void annexBLeadingGarbageIsSkipped() {
        AnnexBReader r = new AnnexBReader();
        List<NalUnit> nals = r.push(ByteBuffer.wrap(b(7, 7, 0, 0, 1, 0x09, 0xf0)));
        nals.addAll(r.finish());
        assertNals(List.of(b(0x09, 0xf0)), nals);
        assertEquals(2, r.skippedLeadingBytes());
    }

    @Test
    void annexBByteByByteGivesSameResult() {
        byte[] s = b(0, 0, 1, 0x67, 1, 0, 0, 0, 1, 0x68, 0, 0, 3, 0, 0, 0, 1, 0x65, 9);
        AnnexBReader r = new AnnexBReader();
        List<NalUnit> nals = new ArrayList<>();
        for (byte x : s) {
            nals.addAll(r.push(ByteBuffer.wrap(new byte[] {x})));
        }
        nals.addAll(r.finish());
        assertNals(data(AnnexBReader.splitAll(s)), nals);
    }

    @Test
    void rbspUnescape() {
        assertArrayEquals(b(0, 0, 1, 0, 0, 0, 0, 0, 3), Rbsp.unescape(b(0, 0, 3, 1, 0, 0, 3, 0, 0, 0, 3, 3)));
        assertArrayEquals(b(1, 2, 3), Rbsp.unescape(b(1, 2, 3)));
        assertArrayEquals(b(0, 0, 3, 0, 0, 3), Rbsp.escape(b(0, 0, 0, 0)));
    }

    @Test
    void avccLengthSizes() {
        for (int size : new int[] {1, 2, 4}) {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            List<byte[]> nals = List.of(b(0x65, 1, 2, 3), b(0x06, 5), b(0x41, 0, 0, 3, 1));
            for (byte[] n : nals) {
                for (int i = size - 1; i >= 0; i--) {
                    o.write((n.length >> (8 * i)) & 0xff);
                }
                o.writeBytes(n);
            }
            List<NalUnit> got = AvccReader.split(ByteBuffer.wrap(o.toByteArray()), size, 10);
            assertNals(nals, got);
            assertEquals(12, got.get(2).index());
            assertEquals(size, got.get(0).offset());
        }
    }

    @Test
    void avccErrorsAreTyped() {
        assertEquals(H264Exception.Kind.TRUNCATED, assertThrows(H264Exception.class,
                () -> AvccReader.split(ByteBuffer.wrap(b(0, 0, 0, 9, 0x65, 1)), 4, 0)).kind());
        assertEquals(H264Exception.Kind.TRUNCATED, assertThrows(H264Exception.class,
                () -> AvccReader.split(ByteBuffer.wrap(b(0, 2, 0x65, 1, 0)), 2, 0)).kind());
        assertEquals(H264Exception.Kind.INVALID_DATA, assertThrows(H264Exception.class,
                () -> AvccReader.split(ByteBuffer.wrap(b(0, 0x65)), 1, 0)).kind());
        assertEquals(H264Exception.Kind.ILLEGAL_STATE, assertThrows(H264Exception.class,
                () -> AvccReader.split(ByteBuffer.wrap(b(1, 0x65)), 3, 0)).kind());
    }

    /** A random RBSP: ends with a non-zero byte (stop bit), or in cabac_zero_words. */
    private static byte[] randomRbsp(Random rnd) {
        int len = 1 + rnd.nextInt(200);
        byte[] p = new byte[len];
        for (int i = 0; i < len; i++) {
            // many zeros and small values so that escaping is exercised
            int k = rnd.nextInt(8);
            p[i] = (byte) (k < 4 ? 0 : k < 6 ? rnd.nextInt(4) : rnd.nextInt(256));
        }
        if (rnd.nextInt(5) == 0 && len >= 3) {
            p[len - 1] = 0; // one cabac_zero_word after a stop bit
            p[len - 2] = 0;
            p[len - 3] = (byte) 0x80;
        } else if (p[len - 1] == 0) {
            p[len - 1] = (byte) 0x80;
        }
        return p;
    }

    @Test
    void propertyEscapeUnescapeRoundTrip() {
        Random rnd = new Random(1234);
        for (int t = 0; t < 5000; t++) {
            byte[] rbsp = randomRbsp(rnd);
            byte[] esc = Rbsp.escape(rbsp);
            for (int i = 2; i < esc.length; i++) {
                boolean bad = esc[i - 2] == 0 && esc[i - 1] == 0 && (esc[i] & 0xff) <= 2;
                assertEquals(false, bad, "start code emulation left at " + i);
            }
            assertArrayEquals(rbsp, Rbsp.unescape(esc), "round trip " + t);
        }
    }

    @Test
    void propertyRandomChunkingGivesSameNals() {
        Random rnd = new Random(99);
        for (int t = 0; t < 300; t++) {
            List<byte[]> nals = new ArrayList<>();
            ByteArrayOutputStream s = new ByteArrayOutputStream();
            if (rnd.nextBoolean()) {
                s.write(0); // leading_zero_8bits
            }
            int count = 1 + rnd.nextInt(12);
            for (int i = 0; i < count; i++) {
                byte[] body = Rbsp.escape(randomRbsp(rnd));
                byte[] nal = new byte[body.length + 1];
                nal[0] = (byte) (1 + rnd.nextInt(23) | (rnd.nextInt(4) << 5));
                System.arraycopy(body, 0, nal, 1, body.length);
                nals.add(nal);
                if (rnd.nextBoolean()) {
                    s.write(0);
                }
                s.writeBytes(b(0, 0, 1));
                s.writeBytes(nal);
                for (int z = rnd.nextInt(3); z > 0; z--) {
                    s.write(0); // trailing_zero_8bits
                }
            }
            byte[] stream = s.toByteArray();
            assertNals(nals, AnnexBReader.splitAll(stream));
            AnnexBReader r = new AnnexBReader();
            List<NalUnit> got = new ArrayList<>();
            int off = 0;
            while (off < stream.length) {
                int n = Math.min(stream.length - off, rnd.nextInt(7) == 0 ? 1 + rnd.nextInt(3) : 1 + rnd.nextInt(64));
                got.addAll(r.push(ByteBuffer.wrap(stream, off, n)));
                off += n;
            }
            got.addAll(r.finish());
            assertNals(nals, got);
        }
    }
}
