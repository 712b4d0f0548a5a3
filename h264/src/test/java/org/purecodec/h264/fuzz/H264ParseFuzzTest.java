package org.purecodec.h264.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.purecodec.h264.H264Decoder;
import org.purecodec.h264.H264Exception;
import org.purecodec.h264.SequenceInfo;
import org.purecodec.h264.nal.AnnexBReader;
import org.purecodec.h264.nal.AvccReader;
import org.purecodec.h264.nal.NalUnit;
import org.purecodec.h264.nal.NalUnitType;

/**
 * Coverage-guided fuzzing (Jazzer) of the NAL layer (Annex B and AVCC splitting, emulation
 * prevention) and of the SPS/PPS parsers and checks. Normal test runs replay the inputs in
 * {@code src/test/resources/org/purecodec/h264/fuzz/H264ParseFuzzTestInputs/parse/};
 * {@code JAZZER_FUZZ=1} fuzzes; {@code .ci/fuzz h264-parse SECONDS} runs it standalone. Only
 * {@link H264Exception} may escape.
 */
public class H264ParseFuzzTest {
    /** Entry point for a standalone run with Jazzer's CLI. */
    public static void fuzzerTestOneInput(byte[] data) {
        new H264ParseFuzzTest().parse(data);
    }

    @FuzzTest(maxDuration = "20s")
    void parse(byte[] data) {
        List<NalUnit> nals = null;
        try {
            nals = AnnexBReader.splitAll(data);
        } catch (H264Exception tooLarge) {
            // a unit over the reader's size limit: the one exception type allowed out
        }
        if (nals != null) {
            // the in-place splitter (used for whole access units) agrees with the streaming reader
            List<NalUnit> inPlace = new ArrayList<>();
            AnnexBReader.splitInPlace(ByteBuffer.wrap(data), 0, inPlace);
            if (!nals.equals(inPlace)) {
                throw new AssertionError("in-place Annex B split differs from the streaming reader");
            }
            try {
                for (NalUnit n : nals) {
                    n.rbsp();
                    if (n.type() == NalUnitType.SPS) {
                        SequenceInfo.parse(n.data());
                    }
                }
            } catch (H264Exception expected) {
                // the one exception type allowed out
            }
        }
        for (int lengthSize : new int[] {1, 2, 4}) {
            try {
                AvccReader.split(ByteBuffer.wrap(data), lengthSize, 0);
            } catch (H264Exception expected) {
                // bad lengths
            }
        }
        if (nals == null) {
            return;
        }
        // Parameter sets through the decoder's own checks (no slice: nothing is reconstructed).
        try (H264Decoder d = new H264Decoder()) {
            for (NalUnit n : nals) {
                if (n.type() == NalUnitType.SPS || n.type() == NalUnitType.PPS) {
                    try {
                        byte[] withStart = new byte[n.length() + 4];
                        withStart[3] = 1;
                        System.arraycopy(n.buffer(), n.start(), withStart, 4, n.length());
                        d.decodeAnnexB(ByteBuffer.wrap(withStart));
                    } catch (H264Exception expected) {
                        // refused parameter set
                    }
                }
            }
        }
    }
}
