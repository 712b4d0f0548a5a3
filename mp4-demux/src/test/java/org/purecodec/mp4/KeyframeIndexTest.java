package org.purecodec.mp4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.purecodec.testdata.Clip;
import org.purecodec.testdata.TestData;

class KeyframeIndexTest {
    private final TestData data = TestData.get();

    /** For every clip and frame: the decode start is a sync entry, at or before the frame, with pts not after it. */
    @Test
    void decodeStartIsAValidSyncEntry() throws IOException {
        List<Clip> clips = new java.util.ArrayList<>(data.clips(Clip.Kind.PLAYABLE));
        clips.addAll(data.clips(Clip.Kind.SIZE_CHANGING));
        for (Clip c : clips) {
            try (Mp4Demuxer mp4 = Mp4Demuxer.open(c.file())) {
                Presentation p = mp4.videoTrack().presentation();
                SampleTable s = mp4.videoTrack().samples();
                for (int i = 0; i < p.frameCount(); i++) {
                    int e = p.decodeStartEntry(i);
                    assertTrue(s.isSync(p.entrySample(e)), c + " frame " + i);
                    assertTrue(e <= p.entry(i), c + " frame " + i);
                    assertTrue(p.entryPts(e) <= p.pts(i), c + " frame " + i);
                    // no later sync entry would do
                    for (int k = e + 1; k <= p.entry(i); k++) {
                        assertTrue(!s.isSync(p.entrySample(k)) || p.entryPts(k) > p.pts(i), c + " frame " + i);
                    }
                    assertEquals(i, p.entryFrame(p.entry(i)));
                    assertEquals(i, p.frameAt(p.pts(i)));
                }
            }
        }
    }

    @Test
    void keyFramesOfKnownClips() throws IOException {
        try (Mp4Demuxer mp4 = Mp4Demuxer.open(data.clip("baseline_cavlc").file())) {
            assertArrayEquals(new int[] {0, 25}, mp4.videoTrack().presentation().keyFrames());
        }
        try (Mp4Demuxer mp4 = Mp4Demuxer.open(data.clip("intra_only").file())) {
            assertEquals(25, mp4.videoTrack().presentation().keyFrameCount());
        }
        try (Mp4Demuxer mp4 = Mp4Demuxer.open(data.clip("editlist_bframe").file())) {
            Presentation p = mp4.videoTrack().presentation();
            // the edit starts on a B-frame: 6 leading samples are decoded, not shown; frame 0 starts at the IDR
            assertEquals(0, p.decodeStartEntry(0));
            assertEquals(44, p.frameCount());
            assertEquals(0, p.pts(0));
            assertEquals(-1, p.frameAt(-1));
        }
        try (Mp4Demuxer mp4 = Mp4Demuxer.open(data.clip("open_gop").file())) {
            Presentation p = mp4.videoTrack().presentation();
            int[] keys = p.keyFrames();
            assertTrue(keys.length >= 4, "open GOP I pictures are sync samples");
            // the leading B-frames before an open-GOP I picture must start at the previous key frame
            for (int k = 1; k < keys.length; k++) {
                int before = keys[k] - 1;
                assertTrue(p.entryPts(p.decodeStartEntry(before)) <= p.pts(before));
            }
        }
    }

    @Test
    void indexStaysUnder24BytesPerSample() throws IOException {
        for (String name : new String[] {"sample", "intra_only", "vfr", "editlist_bframe", "fragmented"}) {
            try (Mp4Demuxer mp4 = Mp4Demuxer.open(data.clip(name).file())) {
                Track v = mp4.videoTrack();
                double perSample = (double) v.memoryBytes() / v.samples().count();
                System.out.printf("%s: %d samples, index %.1f bytes/sample%n", name, v.samples().count(), perSample);
                assertTrue(perSample < 24, name + ": " + perSample + " bytes per sample");
            }
        }
    }
}
