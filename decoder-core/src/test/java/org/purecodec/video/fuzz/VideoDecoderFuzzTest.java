package org.purecodec.video.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import org.jcodec.codecs.h264.io.model.PictureParameterSet;
import org.purecodec.h264.nal.AvccReader;
import org.purecodec.h264.nal.NalUnit;
import org.purecodec.h264.nal.NalUnitType;
import org.purecodec.mp4.AvcConfig;
import org.purecodec.mp4.Mp4Demuxer;
import org.purecodec.mp4.Track;
import org.purecodec.video.DecoderOptions;
import org.purecodec.video.ErrorPolicy;
import org.purecodec.video.FrameBatch;
import org.purecodec.video.OutputFormat;
import org.purecodec.video.VideoDecoder;
import org.purecodec.video.VideoDecoderException;

/**
 * Coverage-guided fuzzing (Jazzer) of {@link VideoDecoder} end to end: open, metadata, frames by
 * index and time, under every error policy. Only {@link VideoDecoderException} may escape.
 *
 * <p>Files whose H.264 stream uses CABAC (a CABAC PPS in avcC or in band) are skipped: JCodec's CABAC
 * reader can loop forever on damaged data (h264/KNOWN_ISSUES.md). The seed is the first 3 frames of
 * testdata's baseline_cavlc.mp4 ({@code ffmpeg -i baseline_cavlc.mp4 -c copy -frames:v 3}). Normal test
 * runs replay {@code VideoDecoderFuzzTestInputs/decode/}; {@code JAZZER_FUZZ=1} fuzzes;
 * {@code .ci/fuzz video SECONDS} runs it standalone.
 */
public class VideoDecoderFuzzTest {
    private static final DecoderOptions.Builder SMALL = DecoderOptions.builder().outputFormat(OutputFormat.YUV420P)
            .maxPictureSize(1024, 1024, 1 << 20).maxSamples(4096, 1 << 20).maxDpbBytes(64L << 20);

    /** Entry point for a standalone run with Jazzer's CLI. */
    public static void fuzzerTestOneInput(byte[] data) {
        new VideoDecoderFuzzTest().decode(data);
    }

    @FuzzTest(maxDuration = "20s")
    void decode(byte[] data) {
        if (usesCabac(data)) {
            return;
        }
        ErrorPolicy policy = ErrorPolicy.values()[(data.length & 0x7fffffff) % 3];
        try (VideoDecoder d = VideoDecoder.open(data, SMALL.errorPolicy(policy).build())) {
            d.metadata();
            int n = Math.min(d.size(), 12);
            FrameBatch b = d.getFramesInRange(0, n, 1);
            b.size();
            d.getFramesAt(n - 1, 0);
            d.getFramePlayedAt(d.metadata().beginStreamSeconds());
            d.keyFrameIndices();
        } catch (VideoDecoderException expected) {
            // the one exception type allowed out
        }
    }

    /** Whether the file's video stream has a CABAC picture parameter set (or cannot be checked). */
    private static boolean usesCabac(byte[] data) {
        Mp4Demuxer m;
        try {
            m = Mp4Demuxer.open(data);
        } catch (Exception unreadable) {
            return false; // VideoDecoder must refuse it with a typed error
        }
        try (m) {
            Track t = m.bestVideoTrack();
            if (t == null || t.sampleEntry() == null || t.sampleEntry().avcConfig() == null) {
                return false; // VideoDecoder refuses it without decoding anything
            }
            AvcConfig avc = t.sampleEntry().avcConfig();
            for (byte[] pps : avc.pps()) {
                if (cabac(NalUnit.of(pps))) {
                    return true;
                }
            }
            ByteBuffer buf = ByteBuffer.allocate(Math.max(1, Math.min(t.samples().maxSampleSize(), 1 << 20)));
            for (int s = 0; s < Math.min(t.samples().count(), 4096); s++) {
                if (t.samples().size(s) > buf.capacity() || !m.isSamplePresent(t, s)) {
                    continue;
                }
                ((java.nio.Buffer) buf).clear();
                t.readSample(s, buf);
                ((java.nio.Buffer) buf).flip();
                for (NalUnit n : AvccReader.split(buf, avc.nalLengthSize(), 0)) {
                    if (n.type() == NalUnitType.PPS && cabac(n)) {
                        return true;
                    }
                }
            }
            return false;
        } catch (Exception cannotTell) {
            return true; // a sample that cannot be scanned might hide a CABAC PPS: skip the input
        }
    }

    private static boolean cabac(NalUnit pps) {
        try {
            byte[] rbsp = pps.rbsp();
            return rbsp.length == 0 || PictureParameterSet.read(ByteBuffer.wrap(rbsp)).entropyCodingModeFlag;
        } catch (RuntimeException unreadable) {
            return true;
        }
    }
}
