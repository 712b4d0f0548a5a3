package org.purecodec.video.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.purecodec.video.DecoderOptions;
import org.purecodec.video.ErrorPolicy;
import org.purecodec.video.FrameBatch;
import org.purecodec.video.OutputFormat;
import org.purecodec.video.ThreadType;
import org.purecodec.video.Transform;
import org.purecodec.video.VideoDecoder;
import org.purecodec.video.VideoDecoderException;

/**
 * Coverage-guided fuzzing (Jazzer) of {@link VideoDecoder} end to end: open, metadata, frames by
 * index and time, under every error policy, with one decoding thread and with two frame or slice threads (chosen
 * by the input's length, like the policy), and for a quarter of the inputs RGB output through transforms (a resize
 * to a small size and a centred crop, in either order, also chosen by the length). Only {@link VideoDecoderException}
 * may escape.
 *
 * <p>Seeds: the first 3 frames of testdata's baseline_cavlc.mp4 ({@code ffmpeg -i baseline_cavlc.mp4 -c copy
 * -frames:v 3}) and the first 6 frames in decoding order (I, P, B, b, b, P) of bframes_pyramid.mp4, CABAC
 * with a B pyramid ({@code ffmpeg -i bframes_pyramid.mp4 -c copy -an -frames:v 6}). Later seeds (see their
 * names) add the stream kinds added since; {@code seed_size_change_inband.mp4}: 3 frames 64x48 then 3 frames 96x64
 * whose SPS and PPS come in band (made as testdata's size_change_inband, smaller); {@code
 * seed_size_change_once.mp4}: 4 frames 64x48 then 4 frames 96x64, key frames every 2, each part's parameter sets
 * only in its first sample (made as testdata's size_change_once, smaller). Files with a CABAC
 * stream used to be skipped, from when the decoder behind {@code VideoDecoder} was JCodec's, whose CABAC
 * reader can loop forever on damaged data (h264/KNOWN_ISSUES.md); the default decoder is our own now, and
 * it bounds every loop. Normal test runs replay {@code VideoDecoderFuzzTestInputs/decode/}; {@code JAZZER_FUZZ=1}
 * fuzzes; {@code .ci/fuzz video SECONDS} runs it standalone.
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
        int n0 = data.length & 0x7fffffff;
        ErrorPolicy policy = ErrorPolicy.values()[n0 % 3];
        int threads = 1 + (n0 / 3) % 2;
        SMALL.outputFormat(OutputFormat.YUV420P).transforms().threadType(((n0 >>> 19) & 1) == 0 ? ThreadType.FRAME
                : ThreadType.SLICE);
        if ((n0 / 6) % 4 == 3) { // a quarter of the inputs: RGB through transforms (a resize and a crop, centred or seeded)
            int h = 1 + (n0 / 24) % 37;
            int w = 1 + (n0 / 888) % 41;
            Transform.Interpolation[] filters = Transform.Interpolation.values();
            Transform resize = Transform.resize(h, w, filters[(n0 >>> 15) % filters.length]);
            Transform crop = ((n0 >>> 18) & 1) == 0 ? Transform.centerCrop(1 + (n0 >>> 4) % h, 1 + (n0 >>> 9) % w)
                    : Transform.randomCrop(1 + (n0 >>> 4) % h, 1 + (n0 >>> 9) % w, n0);
            // the crop first for some (converting only its rows; INVALID_ARGUMENT when larger than the picture)
            SMALL.outputFormat(OutputFormat.RGB24).transforms(((n0 >>> 14) & 1) == 0 ? List.of(resize, crop)
                    : List.of(crop, resize));
        }
        try (VideoDecoder d = VideoDecoder.open(data, SMALL.errorPolicy(policy).threads(threads).build())) {
            d.metadata();
            int n = Math.min(d.size(), 12);
            d.getFrameAt(n - 1); // alone first: a stream that changes its picture size cannot give the range below
            FrameBatch b = d.getFramesInRange(0, n, 1);
            b.size();
            d.getFramesAt(n - 1, 0);
            d.getFramePlayedAt(d.metadata().beginStreamSeconds());
            d.keyFrameIndices();
        } catch (VideoDecoderException expected) {
            // the one exception type allowed out
        }
    }
}
