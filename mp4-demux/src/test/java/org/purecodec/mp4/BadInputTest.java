package org.purecodec.mp4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.purecodec.testdata.Clip;
import org.purecodec.testdata.PacketTable;
import org.purecodec.testdata.TestData;

/** The refused and truncated clips of the test data. */
class BadInputTest {
    private final TestData data = TestData.get();

    @Test
    void emptyFileIsInvalid() {
        Mp4FormatException e = assertThrows(Mp4FormatException.class, () -> Mp4Demuxer.open(data.clip("empty").file()));
        assertEquals(Mp4FormatException.Kind.INVALID_DATA, e.kind());
        assertTrue(e.getMessage().contains("empty file"), e.getMessage());
    }

    @Test
    void randomBytesAreInvalid() {
        Mp4FormatException e = assertThrows(Mp4FormatException.class, () -> Mp4Demuxer.open(data.clip("random").file()));
        assertEquals(Mp4FormatException.Kind.INVALID_DATA, e.kind());
        assertTrue(e.getMessage().contains("not an MP4") || e.getMessage().contains("past the end"), e.getMessage());
        assertTrue(e.offset() >= 0, e.getMessage());
    }

    @Test
    void missingMoovIsInvalid() {
        Mp4FormatException e = assertThrows(Mp4FormatException.class, () -> Mp4Demuxer.open(data.clip("no_moov").file()));
        assertEquals(Mp4FormatException.Kind.INVALID_DATA, e.kind());
        assertTrue(e.getMessage().contains("no moov box") && e.getMessage().contains("mdat@"), e.getMessage());
    }

    @Test
    void validMp4sWithUnsupportedH264StillDemux() throws IOException {
        // refusing High 4:4:4, High 10 and interlaced content is the H.264 decoder's job
        for (String name : new String[] {"high444", "high10", "interlaced_mbaff"}) {
            try (Mp4Demuxer mp4 = Mp4Demuxer.open(data.clip(name).file())) {
                Track v = mp4.videoTrack();
                assertEquals(10, v.presentation().frameCount(), name);
                assertTrue(v.sampleEntry().isAvc(), name);
                ByteBuffer buf = ByteBuffer.allocate(v.samples().maxSampleSize());
                for (int i = 0; i < v.samples().count(); i++) {
                    buf.clear();
                    assertEquals(v.samples().size(i), v.readSample(i, buf));
                }
            }
        }
        try (Mp4Demuxer mp4 = Mp4Demuxer.open(data.clip("high10").file())) {
            assertEquals(110, mp4.videoTrack().sampleEntry().avcConfig().profile());
        }
    }

    @Test
    void truncatedMdatOpensAndReadsThePresentSamples() throws IOException {
        Clip clip = data.clip("truncated_mdat");
        PacketTable ref = clip.packets(); // ffprobe lists the complete packets plus the cut one
        try (Mp4Demuxer mp4 = Mp4Demuxer.open(clip.file())) {
            assertTrue(mp4.isTruncated());
            assertTrue(mp4.summary().contains("TRUNCATED"), mp4.summary());
            Track v = mp4.videoTrack();
            assertEquals(50, v.samples().count());
            assertEquals(50, v.presentation().frameCount());
            ByteBuffer buf = ByteBuffer.allocate(v.samples().maxSampleSize());
            int present = 0;
            for (int i = 0; i < v.samples().count(); i++) {
                buf.clear();
                if (mp4.isSamplePresent(v, i)) {
                    assertEquals(ref.size(i), v.readSample(i, buf), "sample " + i);
                    present++;
                } else {
                    final int s = i;
                    Mp4FormatException e = assertThrows(Mp4FormatException.class, () -> v.readSample(s, buf));
                    assertEquals(Mp4FormatException.Kind.TRUNCATED, e.kind());
                    assertTrue(e.getMessage().contains("sample " + i), e.getMessage());
                }
            }
            assertEquals(ref.size() - 1, present, "complete packets");
            // FFmpeg decodes and shows exactly the frames of the complete packets
            assertEquals(clip.frameMd5().size(), present);
        }
    }

    @Test
    void sampleBytesEqualTheFileBytes() throws IOException {
        Clip clip = data.clip("audio_first");
        byte[] file = Files.readAllBytes(clip.file());
        try (Mp4Demuxer fromPath = Mp4Demuxer.open(clip.file()); Mp4Demuxer fromBytes = Mp4Demuxer.open(file)) {
            for (Track t : fromPath.tracks()) {
                Track t2 = fromBytes.tracks().get(t.index());
                byte[] a = new byte[t.samples().maxSampleSize() + 3];
                byte[] b = new byte[a.length];
                for (int i = 0; i < t.samples().count(); i++) {
                    int n = t.readSample(i, a, 3);
                    assertEquals(n, t2.readSample(i, b, 3));
                    assertArrayEquals(java.util.Arrays.copyOfRange(file, (int) t.samples().offset(i),
                            (int) t.samples().offset(i) + n), java.util.Arrays.copyOfRange(a, 3, 3 + n));
                    assertArrayEquals(a, b);
                }
            }
        }
    }

    @Test
    void readIntoTooSmallBufferIsACallerError() throws IOException {
        try (Mp4Demuxer mp4 = Mp4Demuxer.open(data.clip("one_frame").file())) {
            Track v = mp4.videoTrack();
            assertThrows(IllegalArgumentException.class, () -> v.readSample(0, ByteBuffer.allocate(3)));
            assertThrows(IndexOutOfBoundsException.class, () -> v.readSample(1, ByteBuffer.allocate(1 << 20)));
        }
    }
}
