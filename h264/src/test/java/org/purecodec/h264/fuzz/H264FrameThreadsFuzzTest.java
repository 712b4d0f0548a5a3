package org.purecodec.h264.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.purecodec.h264.DecodedFrame;
import org.purecodec.h264.H264Decoder;
import org.purecodec.h264.H264Exception;

/**
 * Coverage-guided fuzzing (Jazzer) of the own backend with two frame threads on Annex B input, against the
 * same decoder with one thread. Each input is decoded both ways, fed NAL unit by NAL unit, the pictures
 * output polled after each. Only {@link H264Exception} may escape, no decode may hang (Jazzer's timeout),
 * and no frame thread may outlive its decoder. And two frame threads must output the same pictures as one
 * thread, in the same order and sample for sample, up to the call in which one thread reports its first
 * error (mutated streams carry motion vectors, reference indices and picture orders no encoder would write,
 * and a picture that read rows of its reference before they were final would differ); when one thread reports no error,
 * two frame threads must not either, and must output the same pictures to the end. (After an error the two
 * may differ by design: a frame thread's failure reaches the calling thread later, after the pictures set up
 * in the meantime; and a call that completes several pictures, a flush above all, has one thread output the
 * pictures decoded after a failed one, which frame threads drop with it: 2026-12-05's CI run found such an
 * input, {@code regression_error_reported_with_later_pictures.h264}.) Since 2026-12-05 each input is decoded a
 * third way, with two slice threads, which delay nothing: they must output what one thread outputs and fail where
 * it fails (the same call). Normal test runs replay
 * {@code H264FrameThreadsFuzzTestInputs/decode/} (seed: the first
 * 20,000 bytes of testdata's multiref.mp4 as Annex B, {@code ffmpeg -i multiref.mp4 -c copy -bsf:v
 * h264_mp4toannexb -frames:v 8 -f h264}, then {@code head -c 20000}); {@code .ci/fuzz h264-threads SECONDS}
 * runs it standalone from the seeds of {@code h264-decode}.
 */
public class H264FrameThreadsFuzzTest {
    /** Entry point for a standalone run with Jazzer's CLI. */
    public static void fuzzerTestOneInput(byte[] data) {
        new H264FrameThreadsFuzzTest().decode(data);
    }

    @FuzzTest(maxDuration = "20s")
    void decode(byte[] data) {
        List<Long> one = new ArrayList<>();
        boolean oneFailed = decode(data, 1, one);
        List<Long> two = new ArrayList<>();
        boolean twoFailed = decode(data, 2, two);
        List<Long> sliced = new ArrayList<>();
        boolean slicedFailed = decode(data, 2, H264Decoder.ThreadType.SLICE, sliced);
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if ((t.getName().startsWith("purecodec-h264-frame-") || t.getName().startsWith("purecodec-h264-slice-"))
                    && t.isAlive()) {
                throw new AssertionError("decoder thread " + t.getName() + " outlived its decoder (" + t.getState() + ")");
            }
        }
        if (slicedFailed != oneFailed || !sliced.equals(one)) {
            throw new AssertionError("two slice threads decoded differently from one thread: pictures " + one
                    + (oneFailed ? " (then an error)" : "") + " against " + sliced + (slicedFailed ? " (then an error)" : ""));
        }
        if (two.size() < one.size() || !two.subList(0, one.size()).equals(one) || (!oneFailed && (twoFailed || !two.equals(one)))) {
            throw new AssertionError("two frame threads decoded differently from one thread: pictures " + one
                    + (oneFailed ? " (then an error)" : "") + " against " + two + (twoFailed ? " (with an error)" : ""));
        }
    }

    /**
     * Decodes the input with {@code threads} threads, one NAL unit (from its start code) at a time, and puts
     * a checksum of each picture output into {@code out}. With one thread it stops at the first error, after
     * taking the pictures output by the calls before it; with more it goes on to the end. Returns whether any
     * error was reported.
     */
    private static boolean decode(byte[] data, int threads, List<Long> out) {
        return decode(data, threads, H264Decoder.ThreadType.FRAME, out);
    }

    /** As {@link #decode(byte[], int, List)}; slice threads stop at the first error as one thread does. */
    private static boolean decode(byte[] data, int threads, H264Decoder.ThreadType type, List<Long> out) {
        boolean failed = false;
        boolean stopAtError = threads == 1 || type == H264Decoder.ThreadType.SLICE;
        try (H264Decoder d = H264Decoder.builder().threads(threads).threadType(type).build()) {
            int from = 0;
            for (int i = 0; i <= data.length; i++) {
                boolean cut = i == data.length || (i > from && i + 2 < data.length && data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1);
                if (!cut) {
                    continue;
                }
                try {
                    d.decodeAnnexB(ByteBuffer.wrap(data, from, i - from));
                } catch (H264Exception e) {
                    failed = true;
                }
                if (i == data.length && !(failed && stopAtError)) {
                    try {
                        d.flush(); // also after an error: pictures still in flight come out, or their failures
                    } catch (H264Exception e) {
                        failed = true;
                    }
                }
                if (failed && stopAtError) {
                    // The call that reports one thread's first error attempted every picture it completed (the
                    // flush: all the rest) and outputs those decoded after the failed one too, which frame
                    // threads drop with it by design: only the pictures of the calls before count.
                    for (DecodedFrame f; (f = d.poll()) != null; f.release()) {
                        continue;
                    }
                    return true;
                }
                for (DecodedFrame f; (f = d.poll()) != null; f.release()) {
                    out.add(checksum(f));
                }
                from = i;
            }
        } catch (H264Exception fromClose) {
            failed = true;
        }
        return failed;
    }

    private static long checksum(DecodedFrame f) {
        CRC32 c = new CRC32();
        plane(c, f.y(), f.yOffset(), f.yStride(), f.width(), f.height());
        plane(c, f.u(), f.uOffset(), f.uStride(), f.chromaWidth(), f.chromaHeight());
        plane(c, f.v(), f.vOffset(), f.vStride(), f.chromaWidth(), f.chromaHeight());
        return c.getValue() ^ (long) f.poc() << 32;
    }

    private static void plane(CRC32 c, byte[] p, int off, int stride, int w, int h) {
        for (int y = 0; y < h; y++) {
            c.update(p, off + y * stride, w);
        }
    }
}
