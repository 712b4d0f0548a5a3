package org.purecodec.h264;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Random;

import org.jcodec.codecs.h264.io.model.NALUnit;
import org.jcodec.codecs.h264.io.model.NALUnitType;
import org.jcodec.codecs.h264.io.model.SliceHeader;
import org.jcodec.codecs.h264.decode.SliceHeaderReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.purecodec.h264.nal.AnnexBReader;
import org.purecodec.h264.nal.NalUnit;
import org.purecodec.h264.nal.NalUnitType;
import org.purecodec.h264.syntax.SliceHeaderParser;
import org.purecodec.testdata.TestData;

/**
 * Our slice header parser on every slice of the Annex B clips: the fields agree with JCodec's reader (an
 * independent implementation) where both have them, every truncation of a header gives TRUNCATED or a
 * header (never anything else), and random damage gives only typed errors.
 */
class SliceHeaderParserTest {

    @ParameterizedTest
    @ValueSource(strings = {"baseline_cavlc", "main_cabac", "bframes_pyramid", "implicit_weightb", "direct_temporal",
        "slices4", "odd_642x362", "fake_interlaced"})
    void agreesWithJcodecAndSurvivesTruncationAndDamage(String name) throws Exception {
        byte[] stream = Files.readAllBytes(TestData.get().clip(name).annexB());
        ParameterSets ps = new ParameterSets();
        Random rnd = new Random(name.hashCode());
        int slices = 0;
        for (NalUnit n : AnnexBReader.splitAll(stream)) {
            if (n.type() == NalUnitType.SPS) {
                ps.putSps(n);
            } else if (n.type() == NalUnitType.PPS) {
                ps.putPps(n);
            } else if (n.isVcl()) {
                byte[] rbsp = n.rbsp();
                org.purecodec.h264.syntax.SliceHeader ours = SliceHeaderParser.parse(n.type(), n.refIdc(), rbsp, rbsp.length,
                        ps.lookup(), n.where(), null);
                compareWithJcodec(n, rbsp, ours, ps);
                int headerBytes = (int) ((ours.dataBitOffset + 7) >> 3);
                for (int len = 0; len < headerBytes; len++) {
                    try {
                        SliceHeaderParser.parse(n.type(), n.refIdc(), rbsp, len, ps.lookup(), n.where(), null);
                    } catch (H264Exception e) {
                        assertTrue(e.kind() == H264Exception.Kind.TRUNCATED || e.kind() == H264Exception.Kind.INVALID_DATA,
                                e.getMessage());
                    }
                }
                for (int round = 0; round < 20; round++) {
                    byte[] damaged = rbsp.clone();
                    damaged[rnd.nextInt(Math.min(damaged.length, headerBytes + 1))] = (byte) rnd.nextInt(256);
                    try {
                        SliceHeaderParser.parse(n.type(), n.refIdc(), damaged, damaged.length, ps.lookup(), n.where(), null);
                    } catch (H264Exception typed) {
                        // fine
                    } catch (RuntimeException e) {
                        fail("untyped " + e + " from a damaged header of " + n.where());
                    }
                }
                slices++;
            }
        }
        assertTrue(slices >= 25, name + ": slices seen " + slices);
    }

    private static void compareWithJcodec(NalUnit n, byte[] rbsp, org.purecodec.h264.syntax.SliceHeader ours, ParameterSets ps) {
        org.jcodec.common.io.BitReader r = org.jcodec.common.io.BitReader.createBitReader(ByteBuffer.wrap(rbsp));
        SliceHeader sh = SliceHeaderReader.readPart1(r);
        SliceHeaderReader.readPart2(sh, new NALUnit(NALUnitType.fromValue(n.type()), n.refIdc()), ours.sps, ours.pps, r);
        String w = n.where();
        assertEquals(sh.firstMbInSlice, ours.firstMbInSlice, w);
        assertEquals(sh.sliceType.ordinal() % 5, ours.sliceType == 0 ? 0 : (ours.sliceType == 1 ? 1 : 2), w + " slice_type");
        assertEquals(sh.frameNum, ours.frameNum, w);
        assertEquals(sh.picOrderCntLsb, ours.picOrderCntLsb, w);
        assertEquals(sh.sliceQpDelta, ours.sliceQpDelta, w);
        assertEquals(sh.disableDeblockingFilterIdc, ours.disableDeblockingFilterIdc, w);
        assertEquals(sh.sliceAlphaC0OffsetDiv2 * 2, ours.filterOffsetA, w);
        assertEquals(sh.sliceBetaOffsetDiv2 * 2, ours.filterOffsetB, w);
        assertEquals(sh.cabacInitIdc, ours.cabacInitIdc, w);
        assertEquals(sh.directSpatialMvPredFlag, ours.directSpatialMvPred, w);
        if (ours.sliceType != org.purecodec.h264.syntax.SliceHeader.I) {
            int n0 = (sh.numRefIdxActiveOverrideFlag ? sh.numRefIdxActiveMinus1[0] : ours.pps.numRefIdxActiveMinus1[0]) + 1;
            assertEquals(n0, ours.numRefIdxActive[0], w);
        }
        assertEquals(rbsp.length * 8L - r.remaining(), ours.dataBitOffset, w + ": where slice_data() starts");
    }
}
