package org.purecodec.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.purecodec.h264.DecodedFrame;
import org.purecodec.h264.H264Decoder;
import org.purecodec.h264.H264Exception;
import org.purecodec.mp4.AvcConfig;
import org.purecodec.mp4.Mp4Demuxer;
import org.purecodec.mp4.Presentation;
import org.purecodec.mp4.Track;
import org.purecodec.testdata.Clip;
import org.purecodec.testdata.FrameHasher;
import org.purecodec.testdata.TestData;

/**
 * Decodes every playable test clip with both H.264 backends (our own and JCodec's, under the same frame
 * layer) and compares their pictures frame by frame. They must agree wherever JCodec is right; the clips
 * where JCodec is known to be wrong are listed with the reason (our backend's output there is checked
 * against FFmpeg by {@link ClipFramesTest}).
 */
class BackendCrossCheckTest {
    /** Clips where JCodec's macroblock decoding is wrong, so the backends must differ somewhere. */
    static final Map<String, String> JCODEC_WRONG = Map.of(
            "direct_temporal", "JCodec's temporal direct motion-vector prediction");
    /** Clips the JCodec backend refuses (UNSUPPORTED) while ours decodes them (checked against FFmpeg elsewhere). */
    static final Map<String, String> JCODEC_REFUSES = Map.of(
            "fake_interlaced", "frame_mbs_only_flag = 1",
            "monochrome", "4:2:0 streams",
            "monochrome_cavlc", "4:2:0 streams",
            "paff", "frame_mbs_only_flag = 1");

    @Test
    void backendsAgreeOnEveryClipWhereJcodecIsRight() throws Exception {
        List<String> report = new ArrayList<>();
        int clips = 0;
        for (Clip c : TestData.get().clips(Clip.Kind.PLAYABLE)) {
            List<String> own = decode(c, H264Decoder.Backend.OWN);
            if (JCODEC_REFUSES.containsKey(c.name())) {
                H264Exception e = assertThrows(H264Exception.class, () -> decode(c, H264Decoder.Backend.JCODEC));
                assertEquals(H264Exception.Kind.UNSUPPORTED, e.kind(), e.getMessage());
                assertTrue(e.getMessage().contains(JCODEC_REFUSES.get(c.name())), e.getMessage());
                report.add(String.format("%-20s %4d pictures, refused by JCodec's backend", c.name(), own.size()));
                continue;
            }
            List<String> jcodec = decode(c, H264Decoder.Backend.JCODEC);
            assertEquals(jcodec.size(), own.size(), c.name() + ": number of pictures");
            int differ = 0;
            for (int i = 0; i < own.size(); i++) {
                if (!own.get(i).equals(jcodec.get(i))) {
                    differ++;
                }
            }
            report.add(String.format("%-20s %4d pictures, %4d differ", c.name(), own.size(), differ));
            if (JCODEC_WRONG.containsKey(c.name())) {
                assertTrue(differ > 0, c.name() + ": the backends now agree; remove it from JCODEC_WRONG");
            } else {
                assertEquals(0, differ, c.name() + ": pictures where our backend and JCodec's differ");
            }
            clips++;
        }
        System.out.println("backend cross-check:\n  " + String.join("\n  ", report));
        assertTrue(clips >= 20, "playable clips found: " + clips);
    }

    /** Every picture of the clip's video track in output order, as md5 of its cropped planes. */
    private static List<String> decode(Clip c, H264Decoder.Backend backend) throws Exception {
        List<String> md5s = new ArrayList<>();
        try (Mp4Demuxer mp4 = Mp4Demuxer.open(c.file())) {
            Track video = mp4.videoTrack();
            Presentation p = video.presentation();
            AvcConfig avc = video.sampleEntry().avcConfig();
            ByteBuffer buf = ByteBuffer.allocate(Math.max(1, video.samples().maxSampleSize()));
            try (H264Decoder d = H264Decoder.builder().backend(backend).skipNonReference(false)
                    .buildForAvcC(avc.sps(), avc.pps(), avc.nalLengthSize())) {
                int configured = 0;
                for (int e = 0; e < p.entryCount(); e++) {
                    // a sample of another sample description comes with that description's avcC (as in Mp4Source)
                    int desc = video.samples().sampleDescription(p.entrySample(e));
                    if (desc != configured) {
                        AvcConfig other = video.sampleEntries().get(desc).avcConfig();
                        d.configureAvcC(other.sps(), other.pps(), other.nalLengthSize());
                        configured = desc;
                    }
                    ((java.nio.Buffer) buf).clear();
                    mp4.readSample(video, p.entrySample(e), buf);
                    ((java.nio.Buffer) buf).flip();
                    d.decodeSample(buf, e);
                    drain(d, md5s);
                }
                d.flush();
                drain(d, md5s);
            }
        }
        return md5s;
    }

    private static void drain(H264Decoder d, List<String> md5s) {
        for (DecodedFrame f; (f = d.poll()) != null; ) {
            md5s.add(new FrameHasher().plane(f.y(), f.yOffset(), f.yStride(), f.width(), f.height())
                    .plane(f.u(), f.uOffset(), f.uStride(), f.chromaWidth(), f.chromaHeight())
                    .plane(f.v(), f.vOffset(), f.vStride(), f.chromaWidth(), f.chromaHeight()).hex());
            f.release();
        }
    }
}
