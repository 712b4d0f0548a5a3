package org.purecodec.h264;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.purecodec.h264.syntax.SliceHeader;

/** Initial reference picture lists (8.2.4.2.1, 8.2.4.2.3) on a hand-made DPB. */
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
}
