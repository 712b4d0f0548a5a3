package org.purecodec.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.purecodec.testdata.Clip;
import org.purecodec.testdata.FrameHasher;
import org.purecodec.testdata.FrameMd5;
import org.purecodec.testdata.Json;
import org.purecodec.testdata.TestData;

class MetadataAndSeekModesTest {
    private static final DecoderOptions YUV = DecoderOptions.builder().outputFormat(OutputFormat.YUV420P).build();

    private static Json.Obj videoStream(Clip c) {
        for (Json s : c.probe().get("streams").asArr().items()) {
            if ("video".equals(s.asObj().text("codec_type"))) {
                return s.asObj();
            }
        }
        throw new AssertionError("no video stream in probe of " + c);
    }

    private static double rational(String r) {
        String[] p = r.split("/");
        return Double.parseDouble(p[0]) / Double.parseDouble(p[1]);
    }

    @Test
    void metadataMatchesFfprobe() {
        for (Clip c : TestData.get().clips(Clip.Kind.PLAYABLE)) {
            Json.Obj s = videoStream(c);
            try (VideoDecoder d = VideoDecoder.open(c.file())) {
                VideoMetadata m = d.metadata();
                assertEquals("h264", m.codec(), c.name());
                assertEquals(Integer.parseInt(s.text("width")), m.codedWidth(), c + " coded width");
                assertEquals(Integer.parseInt(s.text("height")), m.codedHeight(), c + " coded height");
                assertEquals(s.text("pix_fmt"), m.pixelFormat(), c + " pix_fmt");
                assertEquals(c.frameMd5().size(), m.numFramesFromContent(), c + " frames");
                assertEquals(rational(s.text("avg_frame_rate")), m.averageFpsFromHeader(), 1e-3, c + " fps");
                if (s.text("nb_frames") != null) {
                    assertEquals(Integer.parseInt(s.text("nb_frames")), m.numFramesFromHeader(), c + " nb_frames");
                }
                if (s.text("duration") != null) {
                    assertEquals(Double.parseDouble(s.text("duration")), m.durationSecondsFromHeader(), 1e-3, c + " duration");
                }
                assertEquals(Long.parseLong(s.text("bit_rate")), m.bitRate(), c + " bit rate");
                for (String[] f : new String[][] {{"color_space", m.colorSpace()}, {"color_primaries", m.colorPrimaries()},
                    {"color_transfer", m.colorTransfer()}, {"color_range", m.colorRange()}}) {
                    if (s.text(f[0]) != null) {
                        assertEquals(s.text(f[0]), f[1], c + " " + f[0]);
                    }
                }
            }
        }
    }

    @Test
    void rotationSwapsTheDisplaySize() {
        try (VideoDecoder d = VideoDecoder.open(TestData.get().clip("rotated90").file())) {
            VideoMetadata m = d.metadata();
            assertEquals(90, m.rotation());
            assertEquals(240, m.width());
            assertEquals(320, m.height());
            assertArrayEquals(new int[] {3, 320, 240}, d.getFrameAt(0).shape());
        }
        try (VideoDecoder d = VideoDecoder.open(TestData.get().clip("rotated90").file(),
                DecoderOptions.builder().applyRotation(false).build())) {
            assertEquals(0, d.metadata().rotation());
            assertArrayEquals(new int[] {3, 240, 320}, d.getFrameAt(0).shape());
        }
    }

    @Test
    void approximateEqualsExactForConstantRateWithoutHiddenFrames() {
        Clip c = TestData.get().clip("bframes_pyramid");
        DecoderOptions approx = DecoderOptions.builder().outputFormat(OutputFormat.YUV420P)
                .seekMode(SeekMode.APPROXIMATE).build();
        try (VideoDecoder a = VideoDecoder.open(c.file(), approx); VideoDecoder e = VideoDecoder.open(c.file(), YUV)) {
            assertEquals(e.size(), a.size());
            assertEquals(e.metadata().averageFps(), a.metadata().averageFps(), 1e-9);
            for (int i = 0; i < a.size(); i += 7) {
                assertArrayEquals(e.getFrameAt(i).data(), a.getFrameAt(i).data(), "frame " + i);
            }
            assertArrayEquals(e.getFramePlayedAt(1.03).data(), a.getFramePlayedAt(1.03).data());
        }
    }

    @Test
    void approximateDiffersWhereTheHeaderDoes() {
        // Edit list hiding 6 frames: the header counts 50 samples, 44 are presented.
        Clip edit = TestData.get().clip("editlist_bframe");
        DecoderOptions approx = DecoderOptions.builder().outputFormat(OutputFormat.YUV420P)
                .seekMode(SeekMode.APPROXIMATE).build();
        try (VideoDecoder a = VideoDecoder.open(edit.file(), approx)) {
            assertEquals(50, a.size());
            assertEquals(44, a.metadata().numFramesFromContent());
            assertEquals(edit.frameMd5().md5(10), FrameHasher.md5(a.getFrameAt(10).data()));
            // Indices past the presented frames map past the end: the last frame is returned.
            assertEquals(edit.frameMd5().md5(43), FrameHasher.md5(a.getFrameAt(47).data()));
        }
        // Variable frame rate: index -> time through the average rate lands on other frames.
        Clip vfr = TestData.get().clip("vfr");
        FrameMd5 ref = vfr.frameMd5();
        Set<String> all = new HashSet<>();
        for (FrameMd5.Entry en : ref.entries()) {
            all.add(en.md5());
        }
        try (VideoDecoder a = VideoDecoder.open(vfr.file(), approx); VideoDecoder e = VideoDecoder.open(vfr.file(), YUV)) {
            assertEquals(50, a.size());
            int differing = 0;
            for (int i = 0; i < 50; i += 3) {
                String got = FrameHasher.md5(a.getFrameAt(i).data());
                assertTrue(all.contains(got), "approximate frame " + i + " is one of the stream's frames");
                differing += got.equals(ref.md5(i)) ? 0 : 1;
            }
            assertTrue(differing > 0, "VFR: approximate index -> time must differ from exact somewhere");
            // Time-based access is the same in both modes.
            assertArrayEquals(e.getFramePlayedAt(1.5).data(), a.getFramePlayedAt(1.5).data());
        }
    }

    @Test
    void customFrameMappingsReplaceTheIndex() {
        Clip c = TestData.get().clip("main_cabac");
        FrameMd5 ref = c.frameMd5();
        List<FrameMapping> every5th = new ArrayList<>();
        for (int i = 45; i >= 0; i -= 5) { // given out of order on purpose
            FrameMd5.Entry e = ref.entries().get(i);
            every5th.add(new FrameMapping(e.pts() * 512, 512, i == 0));
        }
        try (VideoDecoder d = VideoDecoder.open(c.file(), DecoderOptions.builder().outputFormat(OutputFormat.YUV420P)
                .customFrameMappings(every5th).build())) {
            assertEquals(10, d.size());
            assertArrayEquals(new int[] {0}, d.keyFrameIndices());
            assertEquals(ref.md5(15), FrameHasher.md5(d.getFrameAt(3).data()));
            assertEquals(ref.md5(45), FrameHasher.md5(d.getFrameAt(-1).data()));
        }
    }

    @Test
    void channelAndBytesGiveTheSameFrames() throws Exception {
        Clip c = TestData.get().clip("open_gop");
        byte[] bytes = java.nio.file.Files.readAllBytes(c.file());
        try (FileChannel ch = FileChannel.open(c.file(), StandardOpenOption.READ);
             VideoDecoder fromChannel = VideoDecoder.open(ch, YUV);
             VideoDecoder fromBytes = VideoDecoder.open(bytes, YUV)) {
            assertArrayEquals(fromBytes.getFrameAt(60).data(), fromChannel.getFrameAt(60).data());
            assertEquals(c.frameMd5().md5(60), FrameHasher.md5(fromChannel.getFrameAt(60).data()));
        }
    }

    @Test
    void iteratorStreamsEveryFrame() {
        Clip c = TestData.get().clip("two_frames");
        try (VideoDecoder d = VideoDecoder.open(c.file(), YUV)) {
            List<String> md5s = new ArrayList<>();
            d.iterator().forEachRemaining(f -> md5s.add(FrameHasher.md5(f.data())));
            assertEquals(List.of(c.frameMd5().md5(0), c.frameMd5().md5(1)), md5s);
        }
    }

    @Test
    void keyFramesOfOpenGop() {
        try (VideoDecoder d = VideoDecoder.open(TestData.get().clip("open_gop").file())) {
            int[] keys = d.keyFrameIndices();
            assertEquals(0, keys[0]);
            assertTrue(keys.length >= 2, "open GOP I pictures are sync samples");
            assertNotEquals(0, keys[1]);
            assertTrue(d.getFrameAt(keys[1]).keyFrame());
        }
    }
}
