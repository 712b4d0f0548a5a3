package org.purecodec.h264;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.purecodec.testdata.Clip;
import org.purecodec.testdata.FrameMd5;
import org.purecodec.testdata.TestData;

/** {@link AnnexBIndex} against the clips' FFmpeg frame lists and against a full decode. */
class AnnexBIndexTest {

    @ParameterizedTest
    @ValueSource(strings = {"baseline_cavlc", "main_cabac", "bframes_pyramid", "implicit_weightb", "direct_temporal",
        "slices4", "odd_642x362", "fake_interlaced"})
    void indexMatchesDecodeOrderAndPresentation(String name) throws IOException {
        Clip clip = TestData.get().clip(name);
        byte[] stream = Files.readAllBytes(clip.annexB());
        FrameMd5 ref = clip.frameMd5();
        AnnexBIndex index = AnnexBIndex.scan(stream);
        assertEquals(ref.size(), index.size(), name + ": one entry per frame of the framemd5");
        long end = 0;
        for (int i = 0; i < index.size(); i++) {
            AnnexBIndex.Entry e = index.entries().get(i);
            assertEquals(i, e.decodeIndex());
            assertTrue(e.offset() >= end || i == 0, "entries are contiguous and ordered");
            end = e.offset() + e.length();
            assertEquals(e, index.byPresentation(e.presentationIndex()));
        }
        assertEquals(stream.length, end, "entries cover the stream");
        assertTrue(index.entries().get(0).key() && index.entries().get(0).idr());

        // decoding entry by entry gives the frames in the index's presentation order
        boolean exact = !ClipChecksumTest.KNOWN_FAILURES.containsKey(name);
        List<Long> ptsOut = new ArrayList<>();
        try (H264Decoder d = new H264Decoder()) {
            for (AnnexBIndex.Entry e : index.entries()) {
                d.decodeAccessUnit(index.slice(stream, e), e.decodeIndex(), true);
                for (DecodedFrame f; (f = d.poll()) != null; ) {
                    if (exact) {
                        assertEquals(ref.md5(ptsOut.size()), ConformanceTest.md5(f), name + " frame " + ptsOut.size());
                    }
                    ptsOut.add(f.pts());
                    f.release();
                }
            }
            d.flush();
            for (DecodedFrame f; (f = d.poll()) != null; ) {
                if (exact) {
                    assertEquals(ref.md5(ptsOut.size()), ConformanceTest.md5(f), name + " frame " + ptsOut.size());
                }
                ptsOut.add(f.pts());
            }
        }
        assertEquals(index.size(), ptsOut.size());
        for (int p = 0; p < ptsOut.size(); p++) {
            assertEquals(index.byPresentation(p).decodeIndex(), ptsOut.get(p).intValue(), name + ": presentation " + p);
        }

        // exact seek to the last key picture's neighbourhood: decode from the key before a late frame
        AnnexBIndex.Entry target = index.byPresentation(index.size() * 3 / 4);
        int from = index.keyBefore(target.decodeIndex());
        assertTrue(from >= 0);
        String got = null;
        try (H264Decoder d = new H264Decoder()) {
            for (int i = from; i < index.size() && got == null; i++) {
                try {
                    d.decodeAccessUnit(index.slice(stream, index.entries().get(i)), i, true);
                } catch (H264Exception e) {
                    assertEquals(H264Exception.Kind.MISSING_REFERENCE, e.kind(), "only leading pictures fail");
                }
                for (DecodedFrame f; (f = d.poll()) != null; ) {
                    if (f.pts() == target.decodeIndex()) {
                        got = ConformanceTest.md5(f);
                    }
                }
            }
            if (got == null) {
                d.flush();
                for (DecodedFrame f; (f = d.poll()) != null; ) {
                    if (f.pts() == target.decodeIndex()) {
                        got = ConformanceTest.md5(f);
                    }
                }
            }
        }
        if (exact) {
            assertEquals(ref.md5(target.presentationIndex()), got, name + ": frame found by seeking");
        }
    }

    /**
     * A field picture is indexed (since field pictures decode): alone, as here, it is an entry of one field;
     * a pair of fields is one entry ({@link FieldPicturesTest#theIndexHasOneEntryPerFrame}).
     */
    @Test
    void aLoneFieldPictureIsAnEntryOfOneField() {
        byte[] sps = BitWriter.sps(77, 1, 8, false, false);
        byte[] pps = BitWriter.pps(1);
        // IDR, I slice, PPS 0, frame_num 0, field_pic_flag 1, bottom_field_flag 0, idr_pic_id 0, POC lsb 0
        byte[] slice = new BitWriter().ue(0).ue(7).ue(0).u(4, 0).flag(true).flag(false).ue(0).u(4, 0).nal(0x65);
        java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
        for (byte[] nal : new byte[][] {sps, pps, slice}) {
            stream.writeBytes(new byte[] {0, 0, 0, 1});
            stream.writeBytes(nal);
        }
        AnnexBIndex index = AnnexBIndex.scan(stream.toByteArray());
        assertEquals(1, index.size());
        assertEquals(1, index.entries().get(0).fields());
        assertTrue(index.entries().get(0).key());
    }
}
