package org.purecodec.bench.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.purecodec.mp4.Mp4Demuxer;
import org.purecodec.mp4.Presentation;
import org.purecodec.mp4.Track;
import org.purecodec.testdata.TestData;
import org.purecodec.video.FrameBatch;
import org.purecodec.video.VideoDecoder;
import org.purecodec.video.VideoMetadata;

class LoopedMp4Test {
    @Test
    void embeddedSampleIsTheTestSample() throws IOException {
        assertArrayEquals(Files.readAllBytes(TestData.get().sample().file()), LoopedMp4.embeddedSample());
    }

    @Test
    void everyFrameOfEveryLoopIsPresented(@TempDir Path tmp) throws IOException {
        byte[] sample = LoopedMp4.embeddedSample();
        Path out = tmp.resolve("looped.mp4");
        LoopedMp4.Info info = LoopedMp4.write(sample, 4, out);
        assertEquals(4 * 345, info.samples());
        assertEquals(Files.size(out), info.bytes());
        try (Mp4Demuxer src = Mp4Demuxer.open(sample); Mp4Demuxer mp4 = Mp4Demuxer.open(out)) {
            Track t = mp4.bestVideoTrack();
            Presentation p = t.presentation();
            Presentation q = src.bestVideoTrack().presentation();
            assertEquals(4 * 345, p.frameCount());
            assertArrayEquals(new int[] {0, 250, 345, 595, 690, 940, 1035, 1285}, p.keyFrames());
            for (int f = 0; f < p.frameCount(); f++) {
                int of = f % 345;
                assertEquals(q.pts(of) + (f / 345) * 345L * 512, p.pts(f), "pts of frame " + f);
                assertEquals(q.duration(of), p.duration(f), "duration of frame " + f);
                assertEquals(t.samples().size(p.sample(f)), src.bestVideoTrack().samples().size(q.sample(of)));
            }
            assertTrue(mp4.warnings().isEmpty(), mp4.warnings().toString());
        }
        try (VideoDecoder d = VideoDecoder.open(out)) {
            VideoMetadata m = d.metadata();
            assertEquals(640, m.width());
            assertEquals(360, m.height());
            assertEquals(25.0, m.averageFps(), 1e-9);
            assertEquals(4 * 13.8, m.durationSeconds(), 1e-9);
        }
    }

    @Test
    void framesAcrossALoopBoundaryEqualTheOriginals(@TempDir Path tmp) throws IOException {
        byte[] sample = LoopedMp4.embeddedSample();
        Path out = tmp.resolve("looped.mp4");
        LoopedMp4.write(sample, 3, out);
        FrameBatch want;
        try (VideoDecoder d = VideoDecoder.open(sample)) {
            want = d.getFramesAt(342, 343, 344, 0, 1, 2, 250);
        }
        FrameBatch got;
        try (VideoDecoder d = VideoDecoder.open(out)) {
            got = d.getFramesAt(687, 688, 689, 690, 691, 692, 940);
        }
        assertArrayEquals(want.data(), got.data());
        assertArrayEquals(want.keyFrames(), got.keyFrames());
    }
}
