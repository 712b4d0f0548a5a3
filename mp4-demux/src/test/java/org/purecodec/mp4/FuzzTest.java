package org.purecodec.mp4;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.purecodec.testdata.TestData;

/**
 * Property test: the real clips with bit flips, truncations and damaged size and count fields, from
 * fixed seeds. Opening and using the result must either work or throw {@link Mp4FormatException};
 * never another exception, never an OutOfMemoryError, and each input within a time bound.
 */
class FuzzTest {
    private static final String[] CLIPS = {"main_cabac", "fragmented", "audio_first", "editlist_bframe", "vfr",
        "mov_container", "one_frame"};
    private static final String[] BOXES = {"moov", "mvhd", "trak", "tkhd", "edts", "elst", "mdia", "mdhd", "hdlr", "minf",
        "stbl", "stsd", "avc1", "avcC", "mp4a", "stts", "ctts", "stss", "stsc", "stsz", "stco", "co64", "sdtp", "mvex",
        "trex", "moof", "mfhd", "traf", "tfhd", "tfdt", "trun", "mdat", "ftyp", "pasp", "btrt", "udta"};
    private static final long[] INTERESTING = {0, 1, 2, 7, 8, 9, 16, 0x7F, 0xFF, 0xFFFF, 0x7FFFFFFFL, 0x80000000L,
        0xFFFFFFFFL, 0xFFFFFFFEL, 0x10000000L, 0x00FFFFFFL};
    private static final long PER_INPUT_MS = 3000;

    @Test
    void mutatedClipsFailOnlyWithTheTypedError() throws IOException {
        Random r = new Random(20261124);
        int opened = 0;
        int refused = 0;
        for (String name : CLIPS) {
            byte[] original = Files.readAllBytes(TestData.get().clip(name).file());
            List<Integer> headers = boxHeaders(original);
            int metaEnd = original.length;
            for (int iter = 0; iter < 600; iter++) {
                byte[] d = mutate(original, headers, r, iter);
                long t0 = System.nanoTime();
                try {
                    exercise(d);
                    opened++;
                } catch (Mp4FormatException e) {
                    refused++;
                    assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
                } catch (Throwable t) {
                    fail(name + " mutation " + iter + ": " + t, t);
                }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(ms < PER_INPUT_MS, name + " mutation " + iter + " took " + ms + " ms");
            }
            assertTrue(metaEnd > 0);
        }
        assertTrue(opened > 100, "some mutations must still open: " + opened);
        assertTrue(refused > 100, "some mutations must be refused: " + refused);
    }

    private static void exercise(byte[] d) throws IOException {
        try (Mp4Demuxer mp4 = Mp4Demuxer.open(d)) {
            mp4.summary();
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            for (Track t : mp4.tracks()) {
                t.metadata();
                Presentation p = t.presentation();
                int n = p.frameCount();
                for (int i = 0; i < n; i += Math.max(1, n / 7)) {
                    p.decodeStartEntry(i);
                    p.frameAt(p.pts(i));
                    int s = p.sample(i);
                    if (t.samples().size(s) <= buf.capacity()) {
                        buf.clear();
                        try {
                            t.readSample(s, buf);
                        } catch (Mp4FormatException e) {
                            if (e.kind() != Mp4FormatException.Kind.TRUNCATED) {
                                throw e;
                            }
                        }
                    }
                }
                for (int e = 0; e < p.entryCount(); e++) {
                    p.entryPts(e);
                }
            }
        }
    }

    private static byte[] mutate(byte[] src, List<Integer> headers, Random r, int iter) {
        byte[] d = src.clone();
        switch (iter % 5) {
            case 0: { // bit flips in the metadata (box headers +- 64 bytes)
                int flips = 1 + r.nextInt(8);
                for (int k = 0; k < flips; k++) {
                    int at = headers.get(r.nextInt(headers.size())) + r.nextInt(128) - 32;
                    if (at >= 0 && at < d.length) {
                        d[at] ^= (byte) (1 << r.nextInt(8));
                    }
                }
                return d;
            }
            case 1: { // truncation
                int len = r.nextInt(d.length + 1);
                byte[] out = new byte[len];
                System.arraycopy(d, 0, out, 0, len);
                return out;
            }
            case 2: { // a box size field
                int at = headers.get(r.nextInt(headers.size()));
                long v = r.nextBoolean() ? INTERESTING[r.nextInt(INTERESTING.length)] : be32(d, at) + r.nextInt(33) - 16;
                put32(d, at, v);
                return d;
            }
            case 3: { // a count / version / first field after a full box header
                int at = headers.get(r.nextInt(headers.size())) + 8 + 4 * r.nextInt(4);
                if (at + 4 <= d.length) {
                    put32(d, at, INTERESTING[r.nextInt(INTERESTING.length)]);
                }
                return d;
            }
            default: { // random bytes in one box
                int at = headers.get(r.nextInt(headers.size()));
                int n = 1 + r.nextInt(16);
                for (int k = 0; k < n && at + 8 + k < d.length; k++) {
                    d[at + 8 + r.nextInt(64) % Math.max(1, d.length - at - 8)] = (byte) r.nextInt(256);
                }
                return d;
            }
        }
    }

    /** Offsets of the size fields of boxes with known types (found by scanning for their names). */
    private static List<Integer> boxHeaders(byte[] d) {
        List<Integer> out = new ArrayList<>();
        for (String b : BOXES) {
            byte[] name = b.getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 4; i + 4 <= d.length; i++) {
                if (d[i] == name[0] && d[i + 1] == name[1] && d[i + 2] == name[2] && d[i + 3] == name[3]) {
                    long size = be32(d, i - 4);
                    if (size == 0 || size == 1 || (size >= 8 && size <= d.length)) {
                        out.add(i - 4);
                    }
                }
            }
        }
        return out;
    }

    private static long be32(byte[] d, int at) {
        return ((d[at] & 0xFFL) << 24) | ((d[at + 1] & 0xFF) << 16) | ((d[at + 2] & 0xFF) << 8) | (d[at + 3] & 0xFF);
    }

    private static void put32(byte[] d, int at, long v) {
        d[at] = (byte) (v >> 24);
        d[at + 1] = (byte) (v >> 16);
        d[at + 2] = (byte) (v >> 8);
        d[at + 3] = (byte) v;
    }
}
