package org.purecodec.h264.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import org.jcodec.codecs.h264.io.model.PictureParameterSet;
import org.purecodec.h264.DecodedFrame;
import org.purecodec.h264.H264Decoder;
import org.purecodec.h264.H264Exception;
import org.purecodec.h264.nal.AnnexBReader;
import org.purecodec.h264.nal.NalUnit;
import org.purecodec.h264.nal.NalUnitType;

/**
 * Coverage-guided fuzzing (Jazzer) of the whole decoder (slice headers, frame layer, slice decoding)
 * on Annex B input. {@link #decode} runs the default (own) backend on CAVLC and CABAC streams alike;
 * {@link #decodeCavlc} runs the JCodec backend, on CAVLC streams only (JCodec's CABAC reader can loop
 * forever on damaged data, h264/KNOWN_ISSUES.md). Normal test runs replay
 * {@code H264DecodeFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} fuzzes; {@code .ci/fuzz h264-decode
 * SECONDS} runs {@link #decode} standalone. Only {@link H264Exception} may escape.
 */
public class H264DecodeFuzzTest {
    /** Entry point for a standalone run with Jazzer's CLI. */
    public static void fuzzerTestOneInput(byte[] data) {
        new H264DecodeFuzzTest().decode(data);
    }

    @FuzzTest(maxDuration = "20s")
    void decode(byte[] data) {
        try (H264Decoder d = new H264Decoder()) {
            d.decodeAnnexB(ByteBuffer.wrap(data));
            d.flush();
            for (DecodedFrame f; (f = d.poll()) != null; ) {
                f.width();
            }
        } catch (H264Exception expected) {
            // the one exception type allowed out
        }
    }

    @FuzzTest(maxDuration = "20s")
    void decodeCavlc(byte[] data) {
        try {
            for (NalUnit n : AnnexBReader.splitAll(data)) {
                if (n.type() == NalUnitType.PPS && cabac(n)) {
                    return;
                }
            }
        } catch (RuntimeException notForThisTarget) { // H264Exception: the parse target covers it
            return;
        }
        try (H264Decoder d = H264Decoder.builder().backend(H264Decoder.Backend.JCODEC).build()) {
            d.decodeAnnexB(ByteBuffer.wrap(data));
            d.flush();
            for (DecodedFrame f; (f = d.poll()) != null; ) {
                f.width();
            }
        } catch (H264Exception expected) {
            // the one exception type allowed out
        }
    }

    private static boolean cabac(NalUnit pps) {
        try {
            return PictureParameterSet.read(ByteBuffer.wrap(pps.rbsp())).entropyCodingModeFlag;
        } catch (RuntimeException unreadable) {
            return true; // cannot tell: treat as CABAC and skip
        }
    }
}
