package org.purecodec.h264;

/**
 * Picture order count (8.2.1), all three pic_order_cnt_type values, including the state kept from one
 * picture to the next and the resets by IDR pictures and memory_management_control_operation 5. A frame
 * gets both TopFieldOrderCnt and BottomFieldOrderCnt; a field picture's is the one of its parity in the
 * result (its slice headers carry no delta_pic_order_cnt_bottom / delta_pic_order_cnt[1], so the
 * formulas of 8.2.1.1-8.2.1.3 give the field's value in that slot).
 */
final class PocCalculator {
    // type 0 state
    private int prevPocMsb;
    private int prevPocLsb;
    // type 1/2 state
    private int prevFrameNumOffset;
    private int prevFrameNum;
    private boolean prevHadMmco5;

    /** Result for one frame. */
    record Poc(int top, int bottom) {
        int frame() {
            return Math.min(top, bottom);
        }
    }

    /** The inputs of one frame (from its first slice header and the active SPS). */
    record Input(boolean idr, int nalRefIdc, int frameNum, int pocLsb, int deltaPocBottom, int deltaPoc0,
                 int deltaPoc1, boolean mmco5, boolean field) {
        /** The inputs of a frame picture. */
        Input(boolean idr, int nalRefIdc, int frameNum, int pocLsb, int deltaPocBottom, int deltaPoc0, int deltaPoc1,
              boolean mmco5) {
            this(idr, nalRefIdc, frameNum, pocLsb, deltaPocBottom, deltaPoc0, deltaPoc1, mmco5, false);
        }
    }

    /** The SPS fields used. */
    record Params(int pocType, int log2MaxPocLsb, int log2MaxFrameNum, int offsetForNonRefPic,
                  int offsetForTopToBottomField, int[] offsetForRefFrame) {
    }

    /**
     * Computes the POC of the current frame and updates the state for the next one. For a picture with
     * mmco5, the returned value is the POC before the reset (as decoded); {@link #afterMmco5} gives the
     * value the picture has afterwards.
     */
    Poc compute(Params p, Input in) {
        Poc poc;
        switch (p.pocType()) {
            case 0:
                poc = type0(p, in);
                break;
            case 1:
                poc = type1(p, in);
                break;
            case 2:
                poc = type2(p, in);
                break;
            default:
                throw H264Exception.invalid("pic_order_cnt_type " + p.pocType());
        }
        return poc;
    }

    /** The POC of a frame after its mmco5 (8.2.1: tempPicOrderCnt subtracted): top and bottom relative to the smaller. */
    static Poc afterMmco5(Poc poc) {
        int t = Math.min(poc.top(), poc.bottom());
        return new Poc(poc.top() - t, poc.bottom() - t);
    }

    private Poc type0(Params p, Input in) {
        int maxLsb = 1 << p.log2MaxPocLsb();
        if (in.idr()) {
            prevPocMsb = 0;
            prevPocLsb = 0;
        }
        int lsb = in.pocLsb();
        int msb;
        if (lsb < prevPocLsb && prevPocLsb - lsb >= maxLsb / 2) {
            msb = prevPocMsb + maxLsb;
        } else if (lsb > prevPocLsb && lsb - prevPocLsb > maxLsb / 2) {
            msb = prevPocMsb - maxLsb;
        } else {
            msb = prevPocMsb;
        }
        int top = msb + lsb;
        int bottom = top + in.deltaPocBottom();
        Poc poc = new Poc(top, bottom);
        if (in.nalRefIdc() != 0) {
            if (in.mmco5()) {
                prevPocMsb = 0;
                // a field's own order count becomes 0 (a bottom field's TopFieldOrderCnt is not defined: 0 too)
                prevPocLsb = in.field() ? 0 : afterMmco5(poc).top();
            } else {
                prevPocMsb = msb;
                prevPocLsb = lsb;
            }
        }
        return poc;
    }

    private int frameNumOffset(Params p, Input in) {
        int prevOffset = prevHadMmco5 ? 0 : prevFrameNumOffset;
        int offset;
        if (in.idr()) {
            offset = 0;
        } else if (prevFrameNum > in.frameNum()) {
            offset = prevOffset + (1 << p.log2MaxFrameNum());
        } else {
            offset = prevOffset;
        }
        return offset;
    }

    private void updateFrameNumState(int offset, Input in) {
        prevHadMmco5 = in.mmco5();
        // after mmco5 the picture's frame_num is inferred to be 0 (7.4.3)
        prevFrameNum = in.mmco5() ? 0 : in.frameNum();
        prevFrameNumOffset = offset;
    }

    private Poc type1(Params p, Input in) {
        int offset = frameNumOffset(p, in);
        int[] refOffsets = p.offsetForRefFrame() == null ? new int[0] : p.offsetForRefFrame();
        int cycleLen = refOffsets.length;
        int absFrameNum = cycleLen != 0 ? offset + in.frameNum() : 0;
        if (in.nalRefIdc() == 0 && absFrameNum > 0) {
            absFrameNum--;
        }
        int expected = 0;
        if (absFrameNum > 0) {
            int expectedDeltaPerCycle = 0;
            for (int o : refOffsets) {
                expectedDeltaPerCycle += o;
            }
            int cycleCnt = (absFrameNum - 1) / cycleLen;
            int inCycle = (absFrameNum - 1) % cycleLen;
            expected = cycleCnt * expectedDeltaPerCycle;
            for (int i = 0; i <= inCycle; i++) {
                expected += refOffsets[i];
            }
        }
        if (in.nalRefIdc() == 0) {
            expected += p.offsetForNonRefPic();
        }
        int top = expected + in.deltaPoc0();
        int bottom = top + p.offsetForTopToBottomField() + in.deltaPoc1();
        updateFrameNumState(offset, in);
        return new Poc(top, bottom);
    }

    private Poc type2(Params p, Input in) {
        int offset = frameNumOffset(p, in);
        int temp;
        if (in.idr()) {
            temp = 0;
        } else if (in.nalRefIdc() == 0) {
            temp = 2 * (offset + in.frameNum()) - 1;
        } else {
            temp = 2 * (offset + in.frameNum());
        }
        updateFrameNumState(offset, in);
        return new Poc(temp, temp);
    }

    /**
     * Accounts for a "non-existing" frame inferred for a gap in frame_num (8.2.5.2): types 1 and 2 track
     * frame_num through it.
     */
    Poc gapFrame(Params p, int frameNum) {
        if (p.pocType() != 0) {
            Input in = new Input(false, 1, frameNum, 0, 0, 0, 0, false);
            return compute(p, in);
        }
        return null;
    }
}
