package org.purecodec.h264;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.purecodec.h264.syntax.SliceHeader;

/** Reference picture lists of frames (8.2.4.2.1, 8.2.4.2.3) and fields (8.2.4.2.2, 8.2.4.2.4, 8.2.4.2.5) on a hand-made DPB. */
class RefListsTest {
    private static Dpb.Pic shortRef(int frameNum, int poc) {
        Dpb.Pic p = new Dpb.Pic();
        p.frameNum = frameNum;
        p.poc = poc;
        p.shortFields = Dpb.FRAME;
        return p;
    }

    private static Dpb.Pic longRef(int idx, int poc) {
        Dpb.Pic p = new Dpb.Pic();
        p.poc = poc;
        p.longFields = Dpb.FRAME;
        p.longIdx = idx;
        return p;
    }

    private static Dpb dpb(Dpb.Pic... pics) {
        Dpb d = new Dpb();
        for (Dpb.Pic p : pics) {
            d.add(p);
        }
        return d;
    }

    private static SliceHeader header(int n0, int n1) {
        SliceHeader h = new SliceHeader();
        h.numRefIdxActive[0] = n0;
        h.numRefIdxActive[1] = n1;
        return h;
    }

    @Test
    void pListIsShortTermByDescendingPicNumThenLongTerm() {
        Dpb.Pic a = shortRef(3, 6);
        Dpb.Pic b = shortRef(1, 2);
        Dpb.Pic l = longRef(0, 100);
        Dpb.Pic c = shortRef(2, 4);
        Dpb.Pic[][] lists = new RefLists().buildP(0, header(4, 1), dpb(a, b, l, c), 4, 16, "test");
        assertArrayEquals(new Dpb.Pic[] {a, c, b, l}, lists[0]);
        assertNull(lists[1]);
        // frame_num wrapped: 15 is PicNum -1, below 0
        Dpb.Pic w = shortRef(15, 0);
        Dpb.Pic z = shortRef(0, 2);
        assertArrayEquals(new Dpb.Pic[] {z, w, null}, new RefLists().buildP(0, header(3, 1), dpb(w, z), 1, 16, "test")[0]);
    }

    @Test
    void bListsSplitAtTheCurrentPoc() {
        Dpb.Pic p0 = shortRef(0, 0);
        Dpb.Pic p8 = shortRef(1, 8);
        Dpb.Pic p4 = shortRef(2, 4);
        Dpb.Pic p16 = shortRef(3, 16);
        Dpb.Pic l = longRef(0, 50);
        Dpb.Pic[][] lists = new RefLists().buildB(0, header(5, 5), dpb(p0, p8, l, p4, p16), 4, 6, 16, "test");
        assertArrayEquals(new Dpb.Pic[] {p4, p0, p8, p16, l}, lists[0]);
        assertArrayEquals(new Dpb.Pic[] {p8, p16, p4, p0, l}, lists[1]);
    }

    @Test
    void equalBListsSwapTheFirstTwoOfList1() {
        Dpb.Pic p0 = shortRef(0, 0);
        Dpb.Pic p4 = shortRef(1, 4);
        Dpb.Pic p8 = shortRef(2, 8);
        Dpb dpb = dpb(p0, p8, p4);
        // every frame precedes POC 20: both initial lists are 8, 4, 0
        Dpb.Pic[][] lists = new RefLists().buildB(0, header(3, 3), dpb, 3, 20, 16, "test");
        assertArrayEquals(new Dpb.Pic[] {p8, p4, p0}, lists[0]);
        assertArrayEquals(new Dpb.Pic[] {p4, p8, p0}, lists[1]);
        // truncated to num_ref_idx_active, and the same object reused for the next call of slice 0
        Dpb.Pic[][] again = new RefLists().buildB(0, header(2, 1), dpb, 3, 20, 16, "test");
        assertArrayEquals(new Dpb.Pic[] {p8, p4}, again[0]);
        assertArrayEquals(new Dpb.Pic[] {p4}, again[1]);
    }

    /** A frame store holding the fields {@code shortBits} (short-term) of frame {@code frameNum}, POCs top and bottom. */
    private static Dpb.Pic fields(int frameNum, int shortBits, int topPoc, int bottomPoc) {
        Dpb.Pic p = new Dpb.Pic();
        p.frameNum = frameNum;
        p.fields = shortBits;
        p.shortFields = shortBits;
        p.topPoc = topPoc;
        p.bottomPoc = bottomPoc;
        p.poc = shortBits == Dpb.TOP ? topPoc : shortBits == Dpb.BOTTOM ? bottomPoc : Math.min(topPoc, bottomPoc);
        return p;
    }

    private static Dpb.Pic top(Dpb.Pic store) {
        return store.fieldEntry(0);
    }

    private static Dpb.Pic bottom(Dpb.Pic store) {
        return store.fieldEntry(1);
    }

    /**
     * The second (bottom) field of frame_num 2, whose top field is a short-term reference: the frames by
     * descending FrameNumWrap (2, 1, 0) give their fields alternately from the bottom parity on; the current
     * frame has no bottom field, so the first bottom one is frame 1's, and once the bottom fields run out the
     * remaining top fields follow in order. Long-term fields come after, alternating the same way.
     */
    @Test
    void pFieldListAlternatesParityFromTheCurrentField() {
        Dpb.Pic f0 = fields(0, Dpb.FRAME, 0, 1);
        Dpb.Pic f1 = fields(1, Dpb.FRAME, 4, 5);
        Dpb.Pic f2 = fields(2, Dpb.TOP, 8, 0);
        Dpb.Pic lt = fields(7, 0, 20, 21);
        lt.longFields = Dpb.BOTTOM; // only its bottom field is a long-term reference
        lt.longIdx = 0;
        Dpb dpb = dpb(f0, lt, f2, f1);
        Dpb.Pic[][] lists = new RefLists().buildPField(0, header(6, 1), dpb, 2, 16, 1, "test");
        assertArrayEquals(new Dpb.Pic[] {bottom(f1), top(f2), bottom(f0), top(f1), top(f0), bottom(lt)}, lists[0]);
        // the top field of frame_num 2 (its first field): top fields first
        Dpb.Pic g2 = fields(2, 0, 8, 0);
        Dpb.Pic[][] first = new RefLists().buildPField(0, header(4, 1), dpb(f0, f1, g2), 2, 16, 0, "test");
        assertArrayEquals(new Dpb.Pic[] {top(f1), bottom(f1), top(f0), bottom(f0)}, first[0]);
    }

    /**
     * A B field (bottom, POC 9) between frames of POC 4/5 and 12/13: list 0 starts from the frames before it
     * (POC at most 9, descending), list 1 from those after it, each turned into fields alternating from the
     * bottom parity.
     */
    @Test
    void bFieldListsOrderFramesByPocThenAlternate() {
        Dpb.Pic f0 = fields(0, Dpb.FRAME, 0, 1);
        Dpb.Pic f1 = fields(1, Dpb.FRAME, 4, 5);
        Dpb.Pic f2 = fields(2, Dpb.FRAME, 12, 13);
        Dpb dpb = dpb(f2, f0, f1);
        Dpb.Pic[][] lists = new RefLists().buildBField(0, header(6, 6), dpb, 3, 9, 16, 1, "test");
        assertArrayEquals(new Dpb.Pic[] {bottom(f1), top(f1), bottom(f0), top(f0), bottom(f2), top(f2)}, lists[0]);
        assertArrayEquals(new Dpb.Pic[] {bottom(f2), top(f2), bottom(f1), top(f1), bottom(f0), top(f0)}, lists[1]);
    }

    /**
     * ref_pic_list_modification in a field: PicNum counts fields (2 * FrameNumWrap + 1 for the current parity,
     * 2 * FrameNumWrap for the other), predicted from CurrPicNum = 2 * frame_num + 1. From the bottom field of
     * frame_num 2, abs_diff_pic_num_minus1 0 (subtract) names PicNum 4: the top field of frame 2 itself.
     */
    @Test
    void fieldModificationCountsFieldPicNums() {
        Dpb.Pic f1 = fields(1, Dpb.FRAME, 4, 5);
        Dpb.Pic f2 = fields(2, Dpb.TOP, 8, 0);
        SliceHeader h = header(2, 1);
        h.modCount[0] = 1;
        h.modIdc[0][0] = 0;
        h.modValue[0][0] = 0;
        Dpb.Pic[][] lists = new RefLists().buildPField(0, h, dpb(f1, f2), 2, 16, 1, "test");
        assertArrayEquals(new Dpb.Pic[] {top(f2), bottom(f1)}, lists[0]);
        // abs_diff_pic_num_minus1 2 from 5: PicNum 2, the other-parity (top) field of frame 1
        h.modValue[0][0] = 2;
        lists = new RefLists().buildPField(0, h, dpb(f1, f2), 2, 16, 1, "test");
        assertArrayEquals(new Dpb.Pic[] {top(f1), bottom(f1)}, lists[0]);
    }
}
