package org.purecodec.h264;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.purecodec.h264.syntax.SliceHeader;

/**
 * Reference marking (8.2.5) and picture order count (8.2.1) of field pictures, on a hand-made DPB: the
 * per-field marks of a frame store, the sliding window counting frames, and memory management operations
 * naming single fields by their field PicNum / LongTermPicNum.
 */
class FieldMarkingTest {
    private static final int MAX_FRAME_NUM = 16;

    private static Dpb.Pic store(int frameNum, int shortFields) {
        Dpb.Pic p = new Dpb.Pic();
        p.frameNum = frameNum;
        p.fields = Dpb.FRAME;
        p.shortFields = shortFields;
        return p;
    }

    private static SliceHeader mmco(int... opArgs) {
        SliceHeader h = new SliceHeader();
        h.adaptiveRefPicMarking = true;
        for (int i = 0; i < opArgs.length; i += 3) {
            h.mmcoOp[h.mmcoCount] = opArgs[i];
            h.mmcoArg1[h.mmcoCount] = opArgs[i + 1];
            h.mmcoArg2[h.mmcoCount] = opArgs[i + 2];
            h.mmcoCount++;
        }
        return h;
    }

    /** The sliding window counts frame stores (a field pair is one), not fields, and drops whole frames. */
    @Test
    void slidingWindowCountsFramesAndDropsBothFields() {
        Dpb dpb = new Dpb();
        Dpb.Pic a = store(0, Dpb.FRAME);
        Dpb.Pic b = store(1, Dpb.TOP); // a frame store whose bottom field is no longer a reference
        dpb.add(a);
        dpb.add(b);
        dpb.slidingWindow(3, 2, MAX_FRAME_NUM, null);
        assertEquals(Dpb.FRAME, a.shortFields, "two frames of three: nothing unmarked");
        dpb.slidingWindow(2, 2, MAX_FRAME_NUM, null);
        assertEquals(0, a.shortFields, "the oldest frame (smallest FrameNumWrap) loses both fields");
        assertEquals(Dpb.TOP, b.shortFields);
        // the current frame's own store (its first field, already in the DPB) does not count
        Dpb.Pic cur = store(2, Dpb.TOP);
        dpb.add(cur);
        dpb.slidingWindow(2, 2, MAX_FRAME_NUM, cur);
        assertEquals(Dpb.TOP, b.shortFields, "one frame besides the current one: below max_num_ref_frames 2");
    }

    /**
     * From a bottom field of frame_num 3 (CurrPicNum 7), difference_of_pic_nums_minus1 n names PicNum 6 - n:
     * 2 * FrameNumWrap + 1 for bottom fields, 2 * FrameNumWrap for top fields. Op 1 unmarks that field only.
     */
    @Test
    void mmco1UnmarksOneFieldByItsFieldPicNum() {
        Dpb dpb = new Dpb();
        Dpb.Pic f2 = store(2, Dpb.FRAME);
        Dpb.Pic f1 = store(1, Dpb.FRAME);
        dpb.add(f2);
        dpb.add(f1);
        Dpb.Pic cur = store(3, 0);
        // PicNum 5: frame 2's bottom field (2 * 2 + 1); difference_of_pic_nums_minus1 = 7 - 5 - 1 = 1
        dpb.mmco(mmco(1, 1, 0), cur, Dpb.BOTTOM, MAX_FRAME_NUM, "test");
        assertEquals(Dpb.TOP, f2.shortFields);
        // PicNum 2: frame 1's top field (2 * 1); difference 7 - 2 - 1 = 4
        dpb.mmco(mmco(1, 4, 0), cur, Dpb.BOTTOM, MAX_FRAME_NUM, "test");
        assertEquals(Dpb.BOTTOM, f1.shortFields);
        // a frame picture's op 1 names frames (PicNum = FrameNumWrap) and unmarks both fields
        Dpb.Pic f0 = store(0, Dpb.FRAME);
        dpb.add(f0);
        dpb.mmco(mmco(1, 2, 0), store(3, 0), Dpb.FRAME, MAX_FRAME_NUM, "test"); // PicNum 3 - 2 - 1 = 0
        assertEquals(0, f0.shortFields);
    }

    /**
     * Op 3 makes one field long-term; the other field of the same frame may join it with the same
     * LongTermFrameIdx (it stays), while another frame holding that index loses it. Op 2 then names a long-term
     * field by LongTermPicNum (2 * LongTermFrameIdx + 1 for the current parity).
     */
    @Test
    void mmco3And2WorkOnSingleFields() {
        Dpb dpb = new Dpb();
        Dpb.Pic f1 = store(1, Dpb.FRAME);
        Dpb.Pic old = store(0, 0);
        old.longFields = Dpb.FRAME;
        old.longIdx = 0;
        dpb.add(f1);
        dpb.add(old);
        Dpb.Pic cur = store(2, 0);
        // top field current (CurrPicNum 5): PicNum 3 is frame 1's top field: difference 5 - 3 - 1 = 1, index 0
        dpb.mmco(mmco(3, 1, 0), cur, Dpb.TOP, MAX_FRAME_NUM, "test");
        assertEquals(Dpb.TOP, f1.longFields);
        assertEquals(Dpb.BOTTOM, f1.shortFields);
        assertEquals(0, old.longFields, "LongTermFrameIdx 0 moved to another frame");
        // PicNum 2 from the top field's view is frame 1's bottom field (other parity): it joins index 0
        dpb.mmco(mmco(3, 2, 0), cur, Dpb.TOP, MAX_FRAME_NUM, "test");
        assertEquals(Dpb.FRAME, f1.longFields);
        assertEquals(0, f1.shortFields);
        assertEquals(0, f1.longIdx);
        // op 2, LongTermPicNum 1 from a top field: the top field of LongTermFrameIdx 0 (2 * 0 + 1)
        dpb.mmco(mmco(2, 1, 0), cur, Dpb.TOP, MAX_FRAME_NUM, "test");
        assertEquals(Dpb.BOTTOM, f1.longFields);
        assertTrue(f1.isRef());
    }

    /** POC of fields: each field gets its parity's order count; after mmco 5 a field's becomes 0. */
    @Test
    void fieldPicOrderCounts() {
        PocCalculator calc = new PocCalculator();
        PocCalculator.Params type0 = new PocCalculator.Params(0, 8, 4, 0, 0, new int[0]);
        // IDR top field lsb 0, bottom field lsb 1 (no delta_pic_order_cnt_bottom in field slices)
        PocCalculator.Poc top = calc.compute(type0, new PocCalculator.Input(true, 3, 0, 0, 0, 0, 0, false, true));
        assertEquals(0, top.top());
        PocCalculator.Poc bottom = calc.compute(type0, new PocCalculator.Input(false, 3, 0, 1, 0, 0, 0, false, true));
        assertEquals(1, bottom.bottom());
        // a reference bottom field with mmco 5 (lsb 200): the next field's msb and lsb are taken from 0
        calc.compute(type0, new PocCalculator.Input(false, 3, 1, 200, 0, 0, 0, true, true));
        PocCalculator.Poc next = calc.compute(type0, new PocCalculator.Input(false, 3, 1, 2, 0, 0, 0, false, true));
        assertEquals(2, next.top(), "prevPicOrderCntMsb 0 and prevPicOrderCntLsb 0 after a field's mmco 5");
        // type 1: a bottom field's count is expectedPicOrderCnt + offset_for_top_to_bottom_field + delta[0]
        PocCalculator calc1 = new PocCalculator();
        PocCalculator.Params type1 = new PocCalculator.Params(1, 8, 4, -2, 1, new int[] {4});
        calc1.compute(type1, new PocCalculator.Input(true, 3, 0, 0, 0, 0, 0, false, true)); // IDR top: 0
        PocCalculator.Poc b1 = calc1.compute(type1, new PocCalculator.Input(false, 3, 0, 0, 0, 3, 0, false, true));
        assertEquals(0 + 1 + 3, b1.bottom());
    }
}
