package org.purecodec.h264.nal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.purecodec.h264.H264Exception;

/** Access-unit boundaries (7.4.1.2.3 / 7.4.1.2.4) on crafted slice headers. */
class AccessUnitSplitterTest {
    // log2_max_frame_num 4, POC type 0 with log2_max_poc_lsb 4, bottom_field_pic_order_in_frame_present
    private static final PictureSyntax SYNTAX = new PictureSyntax(4, true, 0, 4, false, true, false);
    private static final PictureSyntax.Lookup LOOKUP = id -> id < 2 ? SYNTAX : null;

    /** Writes bits MSB first (test-local, minimal). */
    private static final class Bits {
        final List<Integer> bits = new ArrayList<>();

        Bits u(int n, int v) {
            for (int i = n - 1; i >= 0; i--) {
                bits.add((v >> i) & 1);
            }
            return this;
        }

        Bits ue(int v) {
            int x = v + 1;
            int len = 32 - Integer.numberOfLeadingZeros(x);
            u(len - 1, 0);
            return u(len, x);
        }

        Bits se(int v) {
            return ue(v <= 0 ? -2 * v : 2 * v - 1);
        }

        NalUnit nal(int header) {
            u(1, 1);
            while (bits.size() % 8 != 0) {
                bits.add(0);
            }
            byte[] rbsp = new byte[bits.size() / 8];
            for (int i = 0; i < bits.size(); i++) {
                rbsp[i / 8] |= (byte) (bits.get(i) << (7 - i % 8));
            }
            byte[] esc = Rbsp.escape(rbsp);
            byte[] d = new byte[esc.length + 1];
            d[0] = (byte) header;
            System.arraycopy(esc, 0, d, 1, esc.length);
            return NalUnit.of(d);
        }
    }

    private static NalUnit slice(boolean idr, int refIdc, int firstMb, int ppsId, int frameNum, int idrPicId, int pocLsb,
                                 int deltaBottom) {
        Bits b = new Bits().ue(firstMb).ue(idr ? 7 : 5).ue(ppsId).u(4, frameNum);
        if (idr) {
            b.ue(idrPicId);
        }
        b.u(4, pocLsb).se(deltaBottom);
        b.u(8, 0xa5); // rest of the header / data, not parsed
        return b.nal((refIdc << 5) | (idr ? 5 : 1));
    }

    private static NalUnit nonVcl(int type) {
        return NalUnit.of(new byte[] {(byte) type, (byte) 0x80});
    }

    /** Feeds units and returns the sizes of the access units produced (including the flushed last). */
    private static List<Integer> split(NalUnit... nals) {
        AccessUnitSplitter s = new AccessUnitSplitter(LOOKUP);
        List<Integer> sizes = new ArrayList<>();
        for (NalUnit n : nals) {
            for (AccessUnitSplitter.AccessUnit au : s.push(n)) {
                sizes.add(au.nals().size());
            }
        }
        for (AccessUnitSplitter.AccessUnit au : s.flush()) {
            sizes.add(au.nals().size());
        }
        return sizes;
    }

    @Test
    void slicesOfOnePictureStayTogether() {
        assertEquals(List.of(4), split(nonVcl(9), slice(true, 3, 0, 0, 0, 1, 0, 0), slice(true, 3, 20, 0, 0, 1, 0, 0),
                slice(true, 3, 40, 0, 0, 1, 0, 0)));
    }

    @Test
    void parameterSetsAndSeiBeforeTheNextPictureStartANewUnit() {
        assertEquals(List.of(1, 4), split(slice(true, 3, 0, 0, 0, 1, 0, 0), nonVcl(7), nonVcl(8), nonVcl(6),
                slice(false, 2, 0, 0, 1, 0, 2, 0)));
    }

    @Test
    void audStartsANewUnit() {
        assertEquals(List.of(2, 2), split(nonVcl(9), slice(false, 2, 5, 0, 1, 0, 2, 0), nonVcl(9),
                slice(false, 2, 5, 0, 1, 0, 2, 0)));
    }

    @Test
    void eachHeaderDifferenceStartsANewPicture() {
        NalUnit base = slice(false, 2, 5, 0, 1, 0, 2, 0);
        assertEquals(List.of(1, 1), split(base, slice(false, 2, 0, 0, 1, 0, 2, 0)), "first_mb_in_slice 0");
        assertEquals(List.of(1, 1), split(base, slice(false, 2, 5, 0, 2, 0, 2, 0)), "frame_num");
        assertEquals(List.of(1, 1), split(base, slice(false, 2, 5, 1, 1, 0, 2, 0)), "pps id");
        assertEquals(List.of(1, 1), split(base, slice(false, 0, 5, 0, 1, 0, 2, 0)), "nal_ref_idc zero / non-zero");
        assertEquals(List.of(2), split(base, slice(false, 1, 5, 0, 1, 0, 2, 0)), "nal_ref_idc both non-zero");
        assertEquals(List.of(1, 1), split(base, slice(false, 2, 5, 0, 1, 0, 4, 0)), "pic_order_cnt_lsb");
        assertEquals(List.of(1, 1), split(base, slice(false, 2, 5, 0, 1, 0, 2, 1)), "delta_pic_order_cnt_bottom");
        assertEquals(List.of(1, 1), split(base, slice(true, 2, 5, 0, 1, 0, 2, 0)), "IdrPicFlag");
        assertEquals(List.of(1, 1), split(slice(true, 3, 5, 0, 0, 1, 0, 0), slice(true, 3, 9, 0, 0, 2, 0, 0)), "idr_pic_id");
    }

    @Test
    void endOfSequenceClosesTheUnit() {
        assertEquals(List.of(2, 1), split(slice(true, 3, 0, 0, 0, 1, 0, 0), nonVcl(10), slice(true, 3, 0, 0, 0, 1, 0, 0)));
    }

    /**
     * Reuse mode (what the decoder uses: access units and lists recycled, valid until the next call) cuts
     * exactly the units a normal splitter cuts, for random sequences of slices and other units, including
     * end-of-sequence units that close two access units in one call.
     */
    @Test
    void reuseModeCutsTheSameUnits() {
        java.util.Random rnd = new java.util.Random(7);
        NalUnit[] pool = {slice(true, 3, 0, 0, 0, 1, 0, 0), slice(true, 3, 20, 0, 0, 1, 0, 0), slice(false, 2, 0, 0, 1, 0, 2, 0),
            slice(false, 2, 30, 0, 1, 0, 2, 0), slice(false, 0, 0, 1, 2, 0, 4, 0), nonVcl(9), nonVcl(6), nonVcl(7), nonVcl(10),
            nonVcl(11), nonVcl(12)};
        for (int round = 0; round < 500; round++) {
            AccessUnitSplitter plain = new AccessUnitSplitter(LOOKUP);
            AccessUnitSplitter reuse = new AccessUnitSplitter(LOOKUP, true);
            List<List<NalUnit>> a = new ArrayList<>();
            List<List<NalUnit>> b = new ArrayList<>();
            int n = 1 + rnd.nextInt(30);
            for (int i = 0; i < n; i++) {
                NalUnit u = pool[rnd.nextInt(pool.length)];
                for (AccessUnitSplitter.AccessUnit au : plain.push(u)) {
                    a.add(au.nals());
                }
                for (AccessUnitSplitter.AccessUnit au : reuse.push(u)) {
                    b.add(new ArrayList<>(au.nals())); // copied: valid only until the next call
                    assertEquals(au.nals().size(), au.slices().size());
                }
                if (rnd.nextInt(20) == 0) {
                    plain.reset();
                    reuse.reset();
                }
            }
            a.addAll(plain.flush().stream().map(AccessUnitSplitter.AccessUnit::nals).toList());
            for (AccessUnitSplitter.AccessUnit au : reuse.flush()) {
                b.add(new ArrayList<>(au.nals()));
            }
            assertEquals(a, b, "round " + round);
        }
    }

    @Test
    void unknownPpsIsInvalidData() {
        AccessUnitSplitter s = new AccessUnitSplitter(LOOKUP);
        H264Exception e = assertThrows(H264Exception.class, () -> s.push(slice(false, 2, 0, 7, 1, 0, 2, 0)));
        assertEquals(H264Exception.Kind.INVALID_DATA, e.kind());
    }

    @Test
    void truncatedSliceHeaderIsTruncated() {
        AccessUnitSplitter s = new AccessUnitSplitter(LOOKUP);
        H264Exception e = assertThrows(H264Exception.class, () -> s.push(NalUnit.of(new byte[] {0x65, (byte) 0x88})));
        assertEquals(H264Exception.Kind.TRUNCATED, e.kind(), e.getMessage());
    }
}
