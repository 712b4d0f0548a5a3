package org.purecodec.h264.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import org.purecodec.h264.DecodedFrame;
import org.purecodec.h264.H264Decoder;
import org.purecodec.h264.H264Exception;

/**
 * Coverage-guided fuzzing (Jazzer) of the own backend with two frame threads on Annex B input: the same
 * decoding as {@link H264DecodeFuzzTest#decode}, but with pictures handed to frame threads that follow
 * each other's rows, so that damaged input also reaches the waits between pictures, failed pictures that
 * others predict from, and the shutdown of the threads. Only {@link H264Exception} may escape, no decode
 * may hang (Jazzer's timeout), and no frame thread may outlive its decoder. Normal test runs replay
 * {@code H264FrameThreadsFuzzTestInputs/decode/} (seed: the first 20,000 bytes of testdata's multiref.mp4 as
 * Annex B, {@code ffmpeg -i multiref.mp4 -c copy -bsf:v h264_mp4toannexb -frames:v 8 -f h264}, then
 * {@code head -c 20000}); {@code .ci/fuzz h264-threads SECONDS} runs it standalone from the seeds of
 * {@code h264-decode}.
 */
public class H264FrameThreadsFuzzTest {
    /** Entry point for a standalone run with Jazzer's CLI. */
    public static void fuzzerTestOneInput(byte[] data) {
        new H264FrameThreadsFuzzTest().decode(data);
    }

    @FuzzTest(maxDuration = "20s")
    void decode(byte[] data) {
        try (H264Decoder d = H264Decoder.builder().threads(2).build()) {
            d.decodeAnnexB(ByteBuffer.wrap(data));
            d.flush();
            for (DecodedFrame f; (f = d.poll()) != null; ) {
                f.width();
            }
        } catch (H264Exception expected) {
            // the one exception type allowed out
        }
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("purecodec-h264-frame-") && t.isAlive()) {
                throw new AssertionError("frame thread " + t.getName() + " outlived its decoder (" + t.getState() + ")");
            }
        }
    }
}
