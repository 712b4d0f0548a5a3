package org.purecodec.mp4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.purecodec.mp4.Bx.box;
import static org.purecodec.mp4.Bx.box64;
import static org.purecodec.mp4.Bx.cat;
import static org.purecodec.mp4.Bx.ctts;
import static org.purecodec.mp4.Bx.elst;
import static org.purecodec.mp4.Bx.ftyp;
import static org.purecodec.mp4.Bx.full;
import static org.purecodec.mp4.Bx.mvhd;
import static org.purecodec.mp4.Bx.stco;
import static org.purecodec.mp4.Bx.stsc;
import static org.purecodec.mp4.Bx.stss;
import static org.purecodec.mp4.Bx.stsz;
import static org.purecodec.mp4.Bx.stts;
import static org.purecodec.mp4.Bx.u16;
import static org.purecodec.mp4.Bx.u32;
import static org.purecodec.mp4.Bx.u64;
import static org.purecodec.mp4.Bx.u8;
import static org.purecodec.mp4.Bx.videoTrak;
import static org.purecodec.mp4.Bx.zeros;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Hand-built boxes: one test per box feature and edge case. */
class BoxParserTest {
    private static final byte[] NO_EDTS = new byte[0];

    private static Mp4Demuxer open(byte[]... topLevel) throws IOException {
        return Mp4Demuxer.open(cat(topLevel));
    }

    private static byte[] moov(byte[]... traks) {
        return box("moov", mvhd(100, 0), cat(traks));
    }

    private static Mp4FormatException fails(byte[]... topLevel) {
        return assertThrows(Mp4FormatException.class, () -> open(topLevel));
    }

    @Test
    void basicTablesChunksAndOffsets() throws IOException {
        // 5 samples in chunks of 2, 2, 1; sizes 10..50; sample 1 and 4 are sync
        byte[] trak = videoTrak(1, NO_EDTS, stts(5, 10), stsc(1, 2, 3, 1), stsz(10, 20, 30, 40, 50),
                stco(1000, 2000, 3000), stss(1, 4));
        try (Mp4Demuxer mp4 = open(ftyp(), moov(trak))) {
            assertEquals("isom", mp4.fileType().majorBrand());
            Track t = mp4.videoTrack();
            SampleTable s = t.samples();
            assertEquals(5, s.count());
            assertArrayEquals(new long[] {1000, 1010, 2000, 2030, 3000},
                    new long[] {s.offset(0), s.offset(1), s.offset(2), s.offset(3), s.offset(4)});
            assertEquals(40, s.dts(4));
            assertEquals(10, s.duration(4));
            assertArrayEquals(new int[] {0, 3}, s.syncSamples());
            assertEquals(2, s.syncAtOrBefore(2) == 0 ? 2 : -1);
            assertEquals(3, s.syncAtOrBefore(4));
            assertEquals(150, s.totalBytes());
            assertEquals(5, t.presentation().frameCount());
            assertEquals(3, t.presentation().decodeStartSample(4));
            assertEquals(0, t.presentation().decodeStartSample(2));
            AvcConfig avc = t.sampleEntry().avcConfig();
            assertEquals(100, avc.profile());
            assertEquals(30, avc.level());
            assertEquals(4, avc.nalLengthSize());
            assertArrayEquals(new byte[] {0x67, 100, 0, 30}, avc.sps().get(0));
            assertArrayEquals(new byte[] {0x68, (byte) 0xEE}, avc.pps().get(0));
            assertEquals(64, t.metadata().width());
            assertEquals("h264", t.metadata().codec());
            assertEquals("und".length(), t.mediaHeader().language().length());
        }
    }

    @Test
    void missingStssMeansAllSync() throws IOException {
        try (Mp4Demuxer mp4 = open(moov(videoTrak(1, NO_EDTS, stts(3, 10), stsc(1, 3), stsz(1, 1, 1), stco(0))))) {
            assertEquals(3, mp4.videoTrack().samples().syncCount());
            assertNull(mp4.fileType());
        }
    }

    @Test
    void cttsVersion1NegativeOffsets() throws IOException {
        // offsets 0, +20, -10 (signed, version 1): FFmpeg's dts_shift is 10
        byte[] trak = videoTrak(1, NO_EDTS, stts(3, 10), ctts(1, 1, 0, 1, 20, 1, 0xFFFFFFF6L), stsc(1, 3),
                stsz(1, 1, 1), stco(0));
        try (Mp4Demuxer mp4 = open(moov(trak))) {
            Track t = mp4.videoTrack();
            assertEquals(-10, t.samples().compositionOffset(2));
            assertEquals(10, t.samples().cts(2));
            Presentation p = t.presentation();
            assertEquals(10, p.dtsShift());
            assertEquals(-10, p.entryDts(0));
            assertEquals(0, p.entryPts(0));
            assertEquals(30, p.entryPts(1));
            assertEquals(10, p.entryPts(2));
            // presentation order: sample 0 (0), sample 2 (10), sample 1 (30)
            assertEquals(2, p.sample(1));
            assertEquals(1, p.sample(2));
        }
    }

    @Test
    void stz2FieldSizes() throws IOException {
        byte[] s4 = full("stz2", 0, 0, u8(0, 0, 0, 4), u32(3), u8(0x12, 0x30));
        byte[] s8 = full("stz2", 0, 0, u8(0, 0, 0, 8), u32(3), u8(1, 2, 255));
        byte[] s16 = full("stz2", 0, 0, u8(0, 0, 0, 16), u32(3), u16(1, 2, 65535));
        int[][] want = {{1, 2, 3}, {1, 2, 255}, {1, 2, 65535}};
        byte[][] boxes = {s4, s8, s16};
        for (int k = 0; k < 3; k++) {
            try (Mp4Demuxer mp4 = open(moov(videoTrak(1, NO_EDTS, stts(3, 10), stsc(1, 3), boxes[k], stco(0))))) {
                SampleTable s = mp4.videoTrack().samples();
                assertArrayEquals(want[k], new int[] {s.size(0), s.size(1), s.size(2)});
                assertEquals(s.offset(0) + want[k][0], s.offset(1));
            }
        }
        Mp4FormatException e = fails(moov(videoTrak(1, NO_EDTS, stts(3, 10), stsc(1, 3),
                full("stz2", 0, 0, u8(0, 0, 0, 12), u32(3), u16(1, 2, 3)), stco(0))));
        assertEquals(Mp4FormatException.Kind.INVALID_DATA, e.kind());
        assertTrue(e.path().endsWith("stbl/stz2"), e.path());
    }

    @Test
    void co64Offsets() throws IOException {
        byte[] co64 = full("co64", 0, 0, u32(2), u64(0x1_0000_0000L, 0x2_0000_0010L));
        try (Mp4Demuxer mp4 = open(moov(videoTrak(1, NO_EDTS, stts(2, 10), stsc(1, 1), stsz(5, 6), co64)))) {
            Track t = mp4.videoTrack();
            assertEquals(0x1_0000_0000L, t.samples().offset(0));
            assertEquals(0x2_0000_0010L, t.samples().offset(1));
            // past the end of this tiny file: typed error, not an exception from the buffer
            Mp4FormatException e = assertThrows(Mp4FormatException.class, () -> t.readSample(1, ByteBuffer.allocate(6)));
            assertEquals(Mp4FormatException.Kind.TRUNCATED, e.kind());
        }
    }

    @Test
    void boxSizeZeroAndSizeOne() throws IOException {
        byte[] trak = videoTrak(1, NO_EDTS, stts(1, 10), stsc(1, 1), stsz(4), stco(0));
        // moov with a 64-bit size, then an mdat with size 0 (to the end of the file)
        byte[] moov = box64("moov", mvhd(100, 0), trak);
        byte[] head = cat(ftyp(), moov);
        byte[] mdat = cat(u32(0), Bx.str("mdat"), u8(9, 8, 7, 6));
        byte[] file = cat(head, mdat);
        // point the only chunk at the mdat payload
        int stcoAt = indexOf(file, Bx.str("stco")) + 12;
        System.arraycopy(u32(head.length + 8), 0, file, stcoAt, 4);
        try (Mp4Demuxer mp4 = Mp4Demuxer.open(file)) {
            byte[] out = new byte[4];
            mp4.videoTrack().readSample(0, out, 0);
            assertArrayEquals(new byte[] {9, 8, 7, 6}, out);
            assertFalse(mp4.isTruncated());
        }
        // size 0 inside a parent: extends to the end of the parent
        byte[] udta = cat(u32(0), Bx.str("udta"), zeros(5));
        try (Mp4Demuxer mp4 = open(box("moov", mvhd(100, 0), trak, udta))) {
            assertEquals(1, mp4.tracks().size());
        }
    }

    @Test
    void unknownBoxesAreSkipped() throws IOException {
        byte[] trak = videoTrak(1, box("zzzz", zeros(3)), stts(1, 10), box("abcd"), stsc(1, 1), stsz(4), stco(0));
        try (Mp4Demuxer mp4 = open(box("free", zeros(7)), moov(trak), box("junk", zeros(2)))) {
            assertEquals(1, mp4.videoTrack().samples().count());
        }
    }

    @Test
    void multipleEditsWithEmptyEdit() throws IOException {
        // 10 samples of 10 units, all sync, no ctts. Edits (movie and media time scale 100):
        // [empty 20] [media 0..30] [media 50..70]
        byte[] edts = box("edts", elst(0, new long[] {20, 0xFFFFFFFFL}, new long[] {30, 0}, new long[] {20, 50}));
        byte[] trak = videoTrak(1, edts, stts(10, 10), stsc(1, 10), stsz(1, 1, 1, 1, 1, 1, 1, 1, 1, 1), stco(0));
        try (Mp4Demuxer mp4 = open(moov(trak))) {
            Track t = mp4.videoTrack();
            assertEquals(3, t.editList().size());
            assertTrue(t.editList().get(0).isEmpty());
            Presentation p = t.presentation();
            assertEquals(5, p.frameCount());
            assertArrayEquals(new int[] {0, 1, 2, 5, 6},
                    new int[] {p.sample(0), p.sample(1), p.sample(2), p.sample(3), p.sample(4)});
            assertArrayEquals(new long[] {20, 30, 40, 50, 60},
                    new long[] {p.pts(0), p.pts(1), p.pts(2), p.pts(3), p.pts(4)});
            assertEquals(20, p.emptyEditDuration());
            assertEquals(70, t.metadata().durationTs());
            assertEquals(0.2, t.metadata().beginStreamSeconds(), 1e-9);
        }
    }

    @Test
    void elstVersion1AndMediaTimeShift() throws IOException {
        // one edit starting at media time 20 (movie time scale 1000 vs media 100: duration 500 -> 50)
        byte[] edts = box("edts", elst(1, new long[] {500, 20}));
        byte[] trak = videoTrak(1, edts, stts(10, 10), stsc(1, 10), stsz(1, 1, 1, 1, 1, 1, 1, 1, 1, 1), stco(0),
                stss(1, 6));
        try (Mp4Demuxer mp4 = open(box("moov", mvhd(1000, 0), trak))) {
            Presentation p = mp4.videoTrack().presentation();
            // decoding starts at the sync sample 0; samples 0 and 1 are before the edit: decoded, not shown
            assertEquals(0, p.entrySample(0));
            assertTrue(p.isDiscarded(0));
            assertTrue(p.isDiscarded(1));
            assertFalse(p.isDiscarded(2));
            assertEquals(0, p.pts(0));
            assertEquals(-20, p.entryDts(0));
            assertEquals(5, p.frameCount()); // samples 2..6 (cts 20..60); 7.. past the end
            assertEquals(0, p.decodeStartSample(0));
            assertEquals(5, p.decodeStartSample(4));
        }
    }

    @Test
    void rotationFromMatrix() throws IOException {
        int one = 0x10000;
        int[][] matrices = {
            {0, -one, 0, one, 0, 0, 0, 0, 0x40000000}, // ffmpeg -metadata rotate=90
            {-one, 0, 0, 0, -one, 0, 0, 0, 0x40000000},
            {0, one, 0, -one, 0, 0, 0, 0, 0x40000000},
        };
        int[] want = {90, 180, -90};
        for (int k = 0; k < 3; k++) {
            byte[] trak = box("trak", Bx.tkhd(1, matrices[k], 64, 48),
                    box("mdia", Bx.mdhd(100, 0), Bx.hdlr("vide"), box("minf", box("stbl",
                            Bx.stsd(Bx.avc1(64, 48, Bx.avcC())), stts(1, 1), stsc(1, 1), stsz(1), stco(0)))));
            try (Mp4Demuxer mp4 = open(moov(trak))) {
                TrackMetadata m = mp4.videoTrack().metadata();
                assertEquals(want[k], m.rotation());
                assertEquals(k == 1 ? 64 : 48, m.displayWidth());
            }
        }
    }

    @Test
    void sampleEntryChildren() throws IOException {
        byte[] colr = box("colr", Bx.str("nclx"), u16(1, 1, 1), u8(0x80));
        byte[] pasp = box("pasp", u32(4, 3));
        byte[] btrt = box("btrt", u32(1000, 2000, 1500));
        byte[] trak = box("trak", Bx.tkhd(1, Bx.IDENTITY, 64, 48), box("mdia", Bx.mdhd(100, 0), Bx.hdlr("vide"),
                box("minf", box("stbl", Bx.stsd(Bx.avc1(64, 48, Bx.avcC(), colr, pasp, btrt)), stts(), stsc(), stsz(),
                        stco()))));
        try (Mp4Demuxer mp4 = open(moov(trak))) {
            SampleEntry e = mp4.tracks().get(0).sampleEntry();
            assertEquals(new ColourInfo("nclx", 1, 1, 1, true), e.colour());
            assertArrayEquals(new long[] {4, 3}, e.pixelAspect());
            assertEquals(1500, e.avgBitrate());
            assertNull(mp4.bestVideoTrack(), "no samples: nothing to select");
        }
    }

    @Test
    void otherCodecsAreIdentifiedNotDecoded() throws IOException {
        byte[] mp4a = box("mp4a", zeros(6), u16(1), zeros(8), u16(2, 16, 0, 0), u32(44100L << 16));
        byte[] trak = box("trak", Bx.tkhd(1, Bx.IDENTITY, 0, 0), box("mdia", Bx.mdhd(44100, 0), Bx.hdlr("soun"),
                box("minf", box("stbl", Bx.stsd(mp4a), stts(1, 1024), stsc(1, 1), stsz(7), stco(0)))));
        byte[] hvc = box("trak", Bx.tkhd(2, Bx.IDENTITY, 64, 48), box("mdia", Bx.mdhd(100, 0), Bx.hdlr("vide"),
                box("minf", box("stbl", Bx.stsd(box("hvc1", zeros(6), u16(1), zeros(16), u16(64, 48), zeros(50))),
                        stts(1, 1), stsc(1, 1), stsz(7), stco(0)))));
        try (Mp4Demuxer mp4 = open(moov(trak, hvc, videoTrak(3, NO_EDTS, stts(1, 1), stsc(1, 1), stsz(1), stco(0))))) {
            assertEquals("aac", mp4.tracks().get(0).metadata().codec());
            assertEquals(2, mp4.tracks().get(0).sampleEntry().channelCount());
            assertEquals(44100, mp4.tracks().get(0).sampleEntry().sampleRate());
            assertEquals("hevc", mp4.tracks().get(1).metadata().codec());
            assertFalse(mp4.tracks().get(1).sampleEntry().isAvc());
            assertEquals(2, mp4.bestVideoTrack().index(), "the decodable video track is preferred");
        }
    }

    @Test
    void aSecondStszReplacesTheFirstSizesAndAll() throws IOException {
        // fuzzing (2026-12-05): an empty per-sample stsz, then one with a uniform size of 3 for 2 samples;
        // the first one's (empty) size array had been kept and indexed (ArrayIndexOutOfBoundsException)
        byte[] trak = videoTrak(1, NO_EDTS, stts(2, 10), stsc(1, 2), full("stsz", 0, 0, u32(0, 0)),
                full("stsz", 0, 0, u32(3, 2)), stco(100));
        try (Mp4Demuxer mp4 = open(moov(trak))) {
            SampleTable s = mp4.videoTrack().samples();
            assertEquals(2, s.count());
            assertEquals(3, s.size(1));
            assertEquals(103, s.offset(1));
        }
    }

    // ------------------------------------------------------------------ sample descriptions

    /** A video trak whose stsd has {@code entries} avc1 entries, with the given stbl tables. */
    private static byte[] trakWithDescriptions(int entries, byte[]... stblChildren) {
        byte[][] e = new byte[entries][];
        for (int i = 0; i < entries; i++) {
            e[i] = Bx.avc1(64, 48, Bx.avcC());
        }
        return box("trak", Bx.tkhd(1, Bx.IDENTITY, 64, 48), box("mdia", Bx.mdhd(100, 0), Bx.hdlr("vide"),
                box("minf", box("stbl", Bx.stsd(e), cat(stblChildren)))));
    }

    /** stsc from (first_chunk, samples_per_chunk, sample_description_index) triples. */
    private static byte[] stsc3(long... triples) {
        return full("stsc", 0, 0, u32(triples.length / 3), u32(triples));
    }

    @Test
    void stscSampleDescriptionIndexPerChunk() throws IOException {
        // chunks 1-2 (2 samples each) description 1, chunk 3 (3 samples) description 2, chunk 4 description 1
        byte[] trak = trakWithDescriptions(2, stts(8, 10), stsc3(1, 2, 1, 3, 3, 2, 4, 1, 1),
                stsz(1, 1, 1, 1, 1, 1, 1, 1), stco(100, 200, 300, 400));
        try (Mp4Demuxer mp4 = open(moov(trak))) {
            SampleTable s = mp4.videoTrack().samples();
            int[] want = {0, 0, 0, 0, 1, 1, 1, 0};
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], s.sampleDescription(i), "sample " + i);
            }
            assertArrayEquals(new int[] {0, 1}, s.descriptionsUsed());
            assertEquals(2, mp4.videoTrack().sampleEntries().size());
        }
        // one description: index 1 everywhere
        try (Mp4Demuxer mp4 = open(moov(videoTrak(1, NO_EDTS, stts(3, 10), stsc(1, 3), stsz(1, 1, 1), stco(0))))) {
            assertArrayEquals(new int[] {0}, mp4.videoTrack().samples().descriptionsUsed());
            assertEquals(0, mp4.videoTrack().samples().sampleDescription(2));
        }
    }

    @Test
    void sampleDescriptionIndexOutsideStsdIsRefused() throws IOException {
        // the second chunk names description 3 of 2
        byte[] trak = trakWithDescriptions(2, stts(2, 10), stsc3(1, 1, 1, 2, 1, 3), stsz(1, 1), stco(100, 200));
        Mp4FormatException e = fails(moov(trak));
        assertEquals(Mp4FormatException.Kind.INVALID_DATA, e.kind());
        assertTrue(e.getMessage().contains("sample 1 refers to sample description 3, but stsd has 2"), e.getMessage());
        assertTrue(e.getMessage().contains("stsd"), e.getMessage());
        // index 0 (descriptions count from 1; files that worked when the index was ignored must still open):
        // read as 1, with a warning
        byte[] zero = trakWithDescriptions(2, stts(2, 10), stsc3(1, 1, 0, 2, 1, 2), stsz(1, 1), stco(100, 200));
        try (Mp4Demuxer mp4 = open(moov(zero))) {
            assertEquals(0, mp4.videoTrack().samples().sampleDescription(0));
            assertEquals(1, mp4.videoTrack().samples().sampleDescription(1));
            assertTrue(mp4.warnings().stream().anyMatch(w -> w.contains("stsc: sample_description_index 0 read as 1")),
                    mp4.warnings().toString());
        }
        // an index on chunks past the last sample does not matter
        byte[] unused = trakWithDescriptions(1, stts(1, 10), stsc3(1, 1, 1, 2, 1, 9), stsz(1), stco(100, 200));
        assertDoesNotThrowOpen(unused);
    }

    private static void assertDoesNotThrowOpen(byte[] trak) {
        try (Mp4Demuxer mp4 = open(moov(trak))) {
            assertEquals(1, mp4.videoTrack().samples().count());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void fragmentDescriptionFromTfhdOrTrex() throws IOException {
        // trex says description 2 (of 2); the first traf overrides it with 1 in tfhd, the second does not
        byte[] trak = trakWithDescriptions(2, stts(), stsc(), stsz(), stco());
        byte[] moov = box("moov", mvhd(100, 0), trak, box("mvex", full("trex", 0, 0, u32(1, 2, 10, 1, 0))));
        byte[] traf1 = box("traf", full("tfhd", 0, 0x1 | 0x2, u32(1), u64(0), u32(1)), full("trun", 0, 0, u32(2)));
        byte[] traf2 = box("traf", full("tfhd", 0, 0x1, u32(1), u64(0)), full("trun", 0, 0, u32(3)));
        byte[] file = cat(moov, box("moof", full("mfhd", 0, 0, u32(1)), traf1, traf2), box("mdat", zeros(5)));
        try (Mp4Demuxer mp4 = Mp4Demuxer.open(file)) {
            SampleTable s = mp4.videoTrack().samples();
            assertEquals(5, s.count());
            int[] want = {0, 0, 1, 1, 1};
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], s.sampleDescription(i), "sample " + i);
            }
        }
        // a tfhd naming description 5 of 2 is refused
        byte[] bad = box("traf", full("tfhd", 0, 0x1 | 0x2, u32(1), u64(0), u32(5)), full("trun", 0, 0, u32(1)));
        Mp4FormatException e = assertThrows(Mp4FormatException.class, () -> Mp4Demuxer.open(
                cat(moov, box("moof", full("mfhd", 0, 0, u32(1)), bad), box("mdat", zeros(1)))));
        assertTrue(e.getMessage().contains("sample description 5, but stsd has 2"), e.getMessage());
        // a trex default of 0 (invalid) is read as 1, with a warning
        byte[] moov0 = box("moov", mvhd(100, 0), trak, box("mvex", full("trex", 0, 0, u32(1, 0, 10, 1, 0))));
        try (Mp4Demuxer mp4 = Mp4Demuxer.open(cat(moov0, box("moof", full("mfhd", 0, 0, u32(1)), traf2),
                box("mdat", zeros(3))))) {
            assertEquals(0, mp4.videoTrack().samples().sampleDescription(2));
            assertTrue(mp4.warnings().stream().anyMatch(w -> w.contains("tfhd: sample_description_index 0 read as 1")),
                    mp4.warnings().toString());
        }
    }

    // ------------------------------------------------------------------ fragments

    private static byte[] fragmentedMoov(byte[] trex) {
        byte[] trak = videoTrak(1, NO_EDTS, stts(), stsc(), stsz(), stco());
        return box("moov", mvhd(100, 0), trak, box("mvex", trex));
    }

    private static byte[] trex(long dur, long size, int flags) {
        return full("trex", 0, 0, u32(1, 1, dur, size, flags));
    }

    @Test
    void trunWithAllPerSampleFields() throws IOException {
        byte[] moov = fragmentedMoov(trex(0, 0, 0));
        // tfhd: default-base-is-moof; trun v1: data offset, duration, size, flags, signed cto
        byte[] tfhd = full("tfhd", 0, 0x20000, u32(1));
        byte[] tfdt = full("tfdt", 1, 0, u64(1000));
        byte[] trun = full("trun", 1, 0x1 | 0x100 | 0x200 | 0x400 | 0x800, u32(2), u32(0 /* patched */),
                u32(10, 3, 0x02000000, 20), u32(10, 4, 0x01010000, 0xFFFFFFF6L));
        byte[] moof = box("moof", full("mfhd", 0, 0, u32(1)), box("traf", tfhd, tfdt, trun));
        byte[] file = cat(ftyp(), moov, moof, box("mdat", u8(1, 2, 3, 4, 5, 6, 7)));
        int moofAt = ftyp().length + moov.length;
        int dataOffsetAt = indexOf(file, Bx.str("trun")) + 12;
        System.arraycopy(u32(moof.length + 8), 0, file, dataOffsetAt, 4);
        try (Mp4Demuxer mp4 = Mp4Demuxer.open(file)) {
            assertEquals(1, mp4.fragmentCount());
            SampleTable s = mp4.videoTrack().samples();
            assertEquals(2, s.count());
            assertEquals(moofAt + moof.length + 8, s.offset(0));
            assertEquals(s.offset(0) + 3, s.offset(1));
            assertEquals(1000, s.dts(0));
            assertEquals(1010, s.dts(1));
            assertEquals(20, s.compositionOffset(0));
            assertEquals(-10, s.compositionOffset(1));
            assertTrue(s.isSync(0));
            assertFalse(s.isSync(1));
            assertTrue(s.hasDependencyInfo());
            byte[] out = new byte[4];
            assertEquals(4, mp4.videoTrack().readSample(1, out, 0));
            assertArrayEquals(new byte[] {4, 5, 6, 7}, out);
            assertEquals(2, s.fragmentSampleCount());
        }
    }

    @Test
    void trunWithDefaultsAndFirstSampleFlags() throws IOException {
        // trex defaults: duration 5, size 2, non-sync; tfhd overrides size (3); first sample flags say sync;
        // no data offset: data starts at the moof (default-base-is-moof) ... here explicit base offset
        byte[] moov = fragmentedMoov(trex(5, 2, 0x10000));
        byte[] tfhd = full("tfhd", 0, 0x1 | 0x10, u32(1), u64(5000), u32(3));
        byte[] trun = full("trun", 0, 0x4, u32(3), u32(0x02000000));
        byte[] trun2 = full("trun", 0, 0x0, u32(2));
        byte[] moof = box("moof", full("mfhd", 0, 0, u32(1)), box("traf", tfhd, trun, trun2));
        byte[] file = cat(moov, moof);
        try (Mp4Demuxer mp4 = Mp4Demuxer.open(file)) {
            SampleTable s = mp4.videoTrack().samples();
            assertEquals(5, s.count());
            assertArrayEquals(new long[] {5000, 5003, 5006, 5009, 5012},
                    new long[] {s.offset(0), s.offset(1), s.offset(2), s.offset(3), s.offset(4)});
            assertEquals(20, s.dts(4)); // no tfdt: starts at 0, default duration 5
            assertTrue(s.isSync(0));
            assertFalse(s.isSync(1));
            assertFalse(s.isSync(3));
            assertEquals(5, mp4.videoTrack().presentation().frameCount());
        }
    }

    @Test
    void secondMoofContinuesDecodeTimeAndUsesMoofBase() throws IOException {
        byte[] moov = fragmentedMoov(trex(7, 1, 0));
        byte[] moof1 = box("moof", box("traf", full("tfhd", 0, 0x20000, u32(1)), full("trun", 0, 0, u32(2))));
        byte[] moof2 = box("moof", box("traf", full("tfhd", 0, 0x20000, u32(1)), full("trun", 0, 0, u32(1))));
        byte[] file = cat(moov, moof1, moof2);
        try (Mp4Demuxer mp4 = Mp4Demuxer.open(file)) {
            SampleTable s = mp4.videoTrack().samples();
            assertEquals(3, s.count());
            assertEquals(14, s.dts(2));
            assertEquals(moov.length, s.offset(0));
            assertEquals(moov.length + moof1.length, s.offset(2));
            assertEquals(2, mp4.videoTrack().fragmentCount());
            assertTrue(mp4.summary().contains("fragmented"), mp4.summary());
        }
    }

    // ------------------------------------------------------------------ errors

    @Test
    void childPastParentNamesThePath() {
        byte[] bad = cat(u32(100), Bx.str("stsz"), zeros(8)); // declares 100 bytes, has 16
        byte[] trak = videoTrak(1, NO_EDTS, stts(1, 1), stsc(1, 1), bad, stco(0));
        Mp4FormatException e = fails(moov(trak));
        assertEquals(Mp4FormatException.Kind.INVALID_DATA, e.kind());
        assertEquals("moov/trak[0]/mdia/minf/stbl", e.path());
        assertTrue(e.getMessage().contains("'stsz'") && e.getMessage().contains("past its parent"), e.getMessage());
        assertTrue(e.offset() > 0);
    }

    @Test
    void tablesThatDisagree() {
        Mp4FormatException e = fails(moov(videoTrak(1, NO_EDTS, stts(3, 10), stsc(1, 2), stsz(1, 1), stco(0))));
        assertEquals(Mp4FormatException.Kind.INVALID_DATA, e.kind());
        assertTrue(e.getMessage().contains("stts covers 3 samples but stsz has 2"), e.getMessage());
        assertTrue(e.path().endsWith("stbl/stts"), e.path());
        e = fails(moov(videoTrak(1, NO_EDTS, stts(3, 10), stsc(1, 1), stsz(1, 1, 1), stco(0))));
        assertTrue(e.getMessage().contains("stsc/stco describe 1 samples"), e.getMessage());
    }

    @Test
    void absurdCountsFailBeforeAllocating() {
        byte[] stsz = full("stsz", 0, 0, u32(0, 0x7FFFFFF0L), u32(1));
        Mp4FormatException e = fails(moov(videoTrak(1, NO_EDTS, stts(1, 1), stsc(1, 1), stsz, stco(0))));
        assertEquals(Mp4FormatException.Kind.LIMIT_EXCEEDED, e.kind());
        byte[] stts = full("stts", 0, 0, u32(0x10000000L), u32(1, 1));
        e = fails(moov(videoTrak(1, NO_EDTS, stts, stsc(1, 1), stsz(1), stco(0))));
        assertEquals(Mp4FormatException.Kind.INVALID_DATA, e.kind());
        assertTrue(e.getMessage().contains("stts entry count 268435456"), e.getMessage());
        byte[] uniform = full("stsz", 0, 0, u32(1, 1_000_000));
        e = fails(moov(videoTrak(1, NO_EDTS, stts(1_000_000, 1), stsc(1, 1), uniform, stco(0))));
        assertTrue(e.getMessage().contains("exceeds the file size"), e.getMessage());
    }

    @Test
    void configurableLimits() throws IOException {
        byte[] file = cat(moov(videoTrak(1, NO_EDTS, stts(3, 10), stsc(1, 3), stsz(1, 1, 1), stco(0))));
        Mp4Limits small = new Mp4Limits(2, 1 << 20, 1 << 20, 4, 8, 4);
        Mp4FormatException e = assertThrows(Mp4FormatException.class, () -> Mp4Demuxer.open(file, small));
        assertEquals(Mp4FormatException.Kind.LIMIT_EXCEEDED, e.kind());
        Mp4Limits tinySample = new Mp4Limits(100, 0 + 1, 1 << 20, 4, 8, 4);
        byte[] big = cat(moov(videoTrak(1, NO_EDTS, stts(1, 10), stsc(1, 1), stsz(2), stco(0))));
        assertEquals(Mp4FormatException.Kind.LIMIT_EXCEEDED,
                assertThrows(Mp4FormatException.class, () -> Mp4Demuxer.open(big, tinySample)).kind());
        try (Mp4Demuxer ok = Mp4Demuxer.open(file, Mp4Limits.DEFAULT)) {
            assertNotNull(ok.videoTrack());
        }
    }

    @Test
    void zeroTimescaleIsInvalid() {
        byte[] trak = box("trak", Bx.tkhd(1, Bx.IDENTITY, 64, 48), box("mdia", Bx.mdhd(0, 0), Bx.hdlr("vide")));
        Mp4FormatException e = fails(moov(trak));
        assertEquals("moov/trak[0]/mdia/mdhd", e.path());
        assertTrue(e.getMessage().contains("timescale is 0"));
        e = fails(box("moov", mvhd(0, 0)));
        assertTrue(e.getMessage().contains("mvhd timescale is 0"));
    }

    @Test
    void truncatedMoovAndBoxSizes() {
        byte[] moov = moov(videoTrak(1, NO_EDTS, stts(1, 1), stsc(1, 1), stsz(1), stco(0)));
        byte[] cut = java.util.Arrays.copyOf(moov, moov.length - 5);
        assertEquals(Mp4FormatException.Kind.TRUNCATED, fails(ftyp(), cut).kind());
        assertEquals(Mp4FormatException.Kind.INVALID_DATA, fails(cat(u32(4), Bx.str("ftyp"))).kind());
        assertEquals(Mp4FormatException.Kind.INVALID_DATA, fails(box("free"), box("mdat", zeros(4))).kind());
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
