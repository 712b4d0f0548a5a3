package org.purecodec.h264.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.purecodec.h264.H264Exception;
import org.purecodec.h264.SequenceInfo;
import org.purecodec.h264.nal.AnnexBReader;
import org.purecodec.h264.nal.NalUnit;
import org.purecodec.h264.nal.NalUnitType;

/** Inputs the fuzzers found, with the error each must now produce. */
class FuzzRegressionTest {
    @Test
    void hugeHrdCpbCountIsRefusedBeforeAnyParserLoopsOverIt() throws Exception {
        // Found by H264ParseFuzzTest: JCodec's SPS reader looped over cpb_cnt_minus1 ~ 2^31 times (hang).
        byte[] stream;
        try (InputStream in = FuzzRegressionTest.class.getResourceAsStream(
                "H264ParseFuzzTestInputs/parse/regression_hrd_cpb_cnt_hang.h264")) {
            stream = in.readAllBytes();
        }
        int refused = 0;
        for (NalUnit n : AnnexBReader.splitAll(stream)) {
            if (n.type() == NalUnitType.SPS) {
                H264Exception e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                    try {
                        SequenceInfo.parse(n.data());
                        return null;
                    } catch (H264Exception ex) {
                        return ex;
                    }
                });
                if (e != null && e.getMessage().contains("cpb_cnt_minus1")) {
                    assertEquals(H264Exception.Kind.INVALID_DATA, e.kind(), e.getMessage());
                    assertTrue(e.getMessage().contains("out of range [0, 31]"), e.getMessage());
                    refused++;
                }
            }
        }
        assertEquals(1, refused, "the hostile SPS is refused by the cpb_cnt_minus1 range check");
    }
}
