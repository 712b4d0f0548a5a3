package org.purecodec.h264.fuzz;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.purecodec.h264.H264Decoder;

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

    @ParameterizedTest
    @EnumSource(H264Decoder.Backend.class)
    void sliceHeaderEndingInsideListModificationFailsFast(H264Decoder.Backend backend) throws Exception {
        // Found by H264DecodeFuzzTest: JCodec's slice-header reader looped forever when the data ended inside
        // ref_pic_list_modification(). Our own header parser runs first (for both backends) and is bounded.
        byte[] stream;
        try (InputStream in = FuzzRegressionTest.class.getResourceAsStream(
                "H264DecodeFuzzTestInputs/decode/regression_slice_header_ref_pic_list_modification_loop.h264")) {
            stream = in.readAllBytes();
        }
        List<H264Exception> errors = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            List<H264Exception> out = new ArrayList<>();
            try (H264Decoder d = H264Decoder.builder().backend(backend).build()) {
                try {
                    d.decodeAnnexB(ByteBuffer.wrap(stream));
                    d.flush();
                } catch (H264Exception e) {
                    out.add(e);
                }
            }
            return out;
        });
        assertEquals(1, errors.size(), "one typed error");
        H264Exception e = errors.get(0);
        assertTrue(e.kind() == H264Exception.Kind.TRUNCATED || e.kind() == H264Exception.Kind.INVALID_DATA, e.getMessage());
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "regression_sps_profile86_jcodec_hrd_hang.h264, OWN", "regression_sps_profile86_jcodec_hrd_hang.h264, JCODEC",
        "regression_sps_jcodec_frame_reader_hrd_oom.h264, OWN", "regression_sps_jcodec_frame_reader_hrd_oom.h264, JCODEC"})
    void highProfileSpsIsNotMisreadByJcodec(String file, H264Decoder.Backend backend) throws Exception {
        // Found by H264ParseFuzzTest (30-minute runs): SPS with profile_idc 86, 118, 128, 135 or 138 ("high"
        // profiles whose chroma/bit-depth fields JCodec does not read) made JCodec misread the rest: a
        // minute-long loop, then an out-of-memory error, in its HRD reader (our ParameterSets, and JCodec's
        // FrameReader of the JCodec backend). JCodec now parses such SPS as profile 100 (same syntax).
        byte[] stream;
        try (InputStream in = FuzzRegressionTest.class.getResourceAsStream("H264ParseFuzzTestInputs/parse/" + file)) {
            stream = in.readAllBytes();
        }
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            int seen = 0;
            for (NalUnit n : AnnexBReader.splitAll(stream)) {
                if (n.type() != NalUnitType.SPS) {
                    continue;
                }
                seen++;
                try {
                    SequenceInfo.parse(n.data());
                } catch (H264Exception typed) {
                    // refused or invalid: fine
                }
                try (H264Decoder d = H264Decoder.builder().backend(backend).build()) {
                    byte[] withStart = new byte[n.data().length + 4];
                    withStart[3] = 1;
                    System.arraycopy(n.data(), 0, withStart, 4, n.data().length);
                    d.decodeAnnexB(ByteBuffer.wrap(withStart));
                } catch (H264Exception typed) {
                    // fine
                }
            }
            assertTrue(seen >= 3, "SPS units in the input: " + seen);
        });
    }
}
