package org.purecodec.h264;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Unsupported streams are refused from their parameter sets with a typed UNSUPPORTED error naming the feature. */
class ParameterSetRefusalTest {

    private static H264Exception refuse(byte[] sps, byte[] pps) {
        return assertThrows(H264Exception.class, () -> H264Decoder.fromAvcC(List.of(sps), List.of(pps), 4));
    }

    private static void assertUnsupported(H264Exception e, String feature) {
        assertEquals(H264Exception.Kind.UNSUPPORTED, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains(feature), e.getMessage());
    }

    @Test
    void supportedSpsIsAccepted() {
        try (H264Decoder d = H264Decoder.fromAvcC(List.of(BitWriter.sps(100, 1, 8, true)), List.of(BitWriter.pps(1)), 4)) {
            assertEquals(0, d.available());
        }
        try (H264Decoder d = H264Decoder.fromAvcC(List.of(BitWriter.sps(66, 1, 8, true)), List.of(BitWriter.pps(1)), 2)) {
            assertEquals(0, d.available());
        }
    }

    @Test
    void monochromeIsAccepted() {
        try (H264Decoder d = H264Decoder.fromAvcC(List.of(BitWriter.sps(100, 0, 8, true)), List.of(BitWriter.pps(1)), 4)) {
            assertEquals(0, d.available());
        }
        assertEquals(176, SequenceInfo.parse(BitWriter.sps(100, 0, 8, true)).width());
    }

    @Test
    void chroma422And444AreRefused() {
        assertUnsupported(refuse(BitWriter.sps(122, 2, 8, true), BitWriter.pps(1)), "4:2:2");
        assertUnsupported(refuse(BitWriter.sps(244, 3, 8, true), BitWriter.pps(1)), "4:4:4");
    }

    @Test
    void highBitDepthIsRefused() {
        assertUnsupported(refuse(BitWriter.sps(110, 1, 10, true), BitWriter.pps(1)), "bit depth 10");
    }

    @Test
    void interlacedIsRefused() {
        assertUnsupported(refuse(BitWriter.sps(77, 1, 8, false), BitWriter.pps(1)), "interlaced");
    }

    /**
     * frame_mbs_only_flag 0 without MBAFF is taken (frame pictures and, since 2026-12-05, field pictures decode;
     * the frame height is counted in pairs of macroblock rows). A field picture's header is read (this one
     * has no slice data: TRUNCATED, not UNSUPPORTED).
     */
    @Test
    void aStreamThatMayCodeFieldsIsTaken() {
        byte[] sps = BitWriter.sps(77, 1, 8, false, false);
        SequenceInfo info = SequenceInfo.parse(sps);
        assertEquals(176, info.width());
        assertEquals(288, info.height()); // 9 map units of two macroblock rows
        try (H264Decoder d = H264Decoder.fromAvcC(List.of(sps), List.of(BitWriter.pps(1)), 4)) {
            // IDR, I slice, PPS 0, frame_num 0, field_pic_flag 1, bottom_field_flag 0, idr_pic_id 0, POC lsb 0
            byte[] slice = new BitWriter().ue(0).ue(7).ue(0).u(4, 0).flag(true).flag(false).ue(0).u(4, 0).nal(0x65);
            ByteBuffer sample = ByteBuffer.allocate(4 + slice.length).putInt(slice.length).put(slice);
            ((java.nio.Buffer) sample).flip();
            H264Exception e = assertThrows(H264Exception.class, () -> {
                d.decodeSample(sample, 0);
                d.flush();
            });
            assertEquals(H264Exception.Kind.TRUNCATED, e.kind(), e.getMessage());
        }
    }

    /** An avcC whose PPS entry has length 0 (found by fuzzing VideoDecoder) is INVALID_DATA, not an IllegalArgumentException. */
    @Test
    void anEmptyAvccParameterSetIsInvalidData() {
        byte[] sps = BitWriter.sps(77, 1, 8, true, false);
        H264Exception e = assertThrows(H264Exception.class,
                () -> H264Decoder.fromAvcC(List.of(sps), List.of(new byte[0]), 4).close());
        assertEquals(H264Exception.Kind.INVALID_DATA, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("avcC PPS #0 is empty"), e.getMessage());
    }

    @Test
    void fmoIsRefused() {
        assertUnsupported(refuse(BitWriter.sps(66, 1, 8, true), BitWriter.pps(2)), "slice_groups");
    }

    @Test
    void unknownProfileIsRefused() {
        assertUnsupported(refuse(BitWriter.sps(99, 1, 8, true), BitWriter.pps(1)), "profile_idc 99");
    }

    @Test
    void inBandUnsupportedSpsIsRefusedInAnnexB() {
        byte[] sps = BitWriter.sps(122, 2, 8, true);
        byte[] stream = new byte[sps.length + 4];
        stream[3] = 1;
        System.arraycopy(sps, 0, stream, 4, sps.length);
        try (H264Decoder d = new H264Decoder()) {
            d.decodeAnnexB(ByteBuffer.wrap(stream));
            H264Exception e = assertThrows(H264Exception.class, d::flush);
            assertUnsupported(e, "4:2:2");
        }
    }

    @Test
    void garbageSpsIsInvalidDataNotARuntimeException() {
        H264Exception e = refuse(new byte[] {0x67, 100}, BitWriter.pps(1));
        assertEquals(H264Exception.Kind.TRUNCATED, e.kind(), e.getMessage());
    }

    @Test
    void closedDecoderRefusesCalls() {
        H264Decoder d = new H264Decoder();
        d.close();
        H264Exception e = assertThrows(H264Exception.class, () -> d.decodeAnnexB(ByteBuffer.allocate(4)));
        assertEquals(H264Exception.Kind.ILLEGAL_STATE, e.kind());
    }
}
