package org.purecodec.h264;

import java.util.ArrayList;
import java.util.List;

import org.jcodec.codecs.h264.io.model.Frame;
import org.jcodec.common.IntObjectMap;

/**
 * The decoded picture buffer of our frame layer: reference marking (8.2.5: sliding window and adaptive
 * memory control operations 1..6, IDR) and output in presentation order by the bumping process (C.4.5.3)
 * limited by the DPB size and by max_num_reorder_frames. Each entry is a frame store: a decoded frame, or
 * one or two decoded fields (field pictures, PAFF); reference marking is kept per field, so that field
 * pictures can mark and refer to single fields, and a frame is a frame reference when both its fields are.
 */
final class Dpb {
    /** Field bits: the top field, the bottom field, both (a frame). */
    static final int TOP = 1;
    static final int BOTTOM = 2;
    static final int FRAME = 3;

    /** One frame store in the DPB. */
    static final class Pic {
        Frame frame; // JCodec backend: MB-aligned planes, samples stored as value - 128
        /** Our backend's picture (padded unsigned planes and motion data); null with the JCodec backend. */
        org.purecodec.h264.recon.Picture pic;
        int frameNum;
        /** PicOrderCnt of the frame store: the smaller of its decoded fields' (8.2.1), used for output order. */
        int poc;
        /** TopFieldOrderCnt and BottomFieldOrderCnt (equal to {@link #poc} for a frame decoded before fields). */
        int topPoc;
        int bottomPoc;
        /** The fields decoded into the store: {@link #FRAME} for a frame picture or a field pair, else one field bit. */
        int fields = FRAME;
        /** Decoded as field pictures (its per-block data is in the fields' pictures). */
        boolean fieldCoded;
        /** A first field whose second field may still follow: neither output nor a frame reference yet. */
        boolean awaitingSecondField;
        boolean idr;
        /** nal_ref_idc of the first field was not 0 (its pair must be a reference field too). */
        boolean firstFieldRef;
        boolean nonExisting;
        /** The fields marked "used for short-term reference" / "used for long-term reference" (field bits). */
        int shortFields;
        int longFields;
        int longIdx = -1;
        boolean neededForOutput;
        /** False when the caller asked for no output of this picture (decoded for reference only). */
        boolean output = true;
        /** True when the picture buffer itself was handed out as a {@link DecodedFrame} (not to be reused here). */
        boolean handedOut;
        long pts;
        long decodeIndex;
        boolean keyFrame;
        DecodedFrame.PictureType type;
        int cropLeft;
        int cropTop;
        int width;
        int height;
        /** Its SPS's VUI {@code matrix_coefficients} (2: unspecified) and {@code video_full_range_flag}. */
        int matrixCoefficients = 2;
        boolean fullRange;
        /**
         * Entries of field reference lists: a field of this store (index 0 top, 1 bottom), made on first use.
         * An entry's {@link #pic} is the field's picture, {@link #poc} the field's order count, its marking bits
         * {@link #FRAME} when that field is so marked; {@link #store} leads back here.
         */
        private Pic[] fieldEntries;
        /** The frame store of a field entry (null for a store). */
        Pic store;
        /** The parity of a field entry (0 top, 1 bottom), -1 for a store. */
        int parity = -1;

        /** Whether any field is marked used for reference. */
        boolean isRef() {
            return (shortFields | longFields) != 0;
        }

        /** A short-term reference frame (both fields short-term; for a field entry: the field is). */
        boolean shortFrame() {
            return shortFields == FRAME;
        }

        /** A long-term reference frame (both fields long-term; for a field entry: the field is). */
        boolean longFrame() {
            return longFields == FRAME;
        }

        /** The order count of the field of parity {@code p} (0 top, 1 bottom). */
        int fieldPoc(int p) {
            return p == 0 ? topPoc : bottomPoc;
        }

        /**
         * The entry for a field reference list of its field of parity {@code p}, brought up to date with the
         * store (marking, order count and picture: the field's picture of our backend's buffer).
         */
        Pic fieldEntry(int p) {
            if (fieldEntries == null) {
                fieldEntries = new Pic[2];
            }
            Pic e = fieldEntries[p];
            if (e == null) {
                e = new Pic();
                e.store = this;
                e.parity = p;
                fieldEntries[p] = e;
            }
            int bit = 1 << p;
            e.shortFields = (shortFields & bit) != 0 ? FRAME : 0;
            e.longFields = (longFields & bit) != 0 ? FRAME : 0;
            e.longIdx = longIdx;
            e.frameNum = frameNum;
            e.poc = fieldPoc(p);
            e.nonExisting = nonExisting;
            e.pic = pic == null ? null : pic.field(p);
            e.idr = idr;
            return e;
        }

        @Override
        public String toString() {
            return "Pic[fn=" + frameNum + " poc=" + poc + (parity >= 0 ? (parity == 0 ? " top" : " bottom") : "")
                    + (fields != FRAME ? " fields=" + fields : "") + (shortFields != 0 ? " S" + shortFields : "")
                    + (longFields != 0 ? " L" + longFields + ":" + longIdx : "")
                    + (neededForOutput ? " out" : "") + (nonExisting ? " nonexisting" : "") + "]";
        }
    }

    private final List<Pic> pics = new ArrayList<>();
    /** MaxLongTermFrameIdx + 1; 0 means "no long-term frame indices". */
    private int maxLongTermFrameIdxPlus1;

    List<Pic> pictures() {
        return pics;
    }

    /** Number of pictures held (references or waiting for output). */
    int fullness() {
        return pics.size();
    }

    /** Frame stores waiting for output (a first field that may still get its second one does not count yet). */
    int waitingForOutput() {
        int n = 0;
        for (int i = 0; i < pics.size(); i++) {
            Pic p = pics.get(i);
            if (p.neededForOutput && !p.awaitingSecondField) {
                n++;
            }
        }
        return n;
    }

    int referenceCount() {
        int n = 0;
        for (int i = 0; i < pics.size(); i++) {
            Pic p = pics.get(i);
            if (p.isRef()) {
                n++;
            }
        }
        return n;
    }

    /** JCodec's short-term reference array: index frame_num, as its RefListManager expects. */
    Frame[] shortRefs(int maxFrameNum, Frame nonExisting) {
        Frame[] s = new Frame[maxFrameNum];
        for (int i = 0; i < pics.size(); i++) {
            Pic p = pics.get(i);
            if (p.shortFrame()) {
                s[p.frameNum % maxFrameNum] = p.nonExisting ? nonExisting : p.frame;
            }
        }
        return s;
    }

    /** JCodec's long-term reference map: LongTermFrameIdx to frame. */
    IntObjectMap<Frame> longRefs() {
        IntObjectMap<Frame> m = new IntObjectMap<>();
        for (int i = 0; i < pics.size(); i++) {
            Pic p = pics.get(i);
            if (p.longFrame() && !p.nonExisting) {
                m.put(p.longIdx, p.frame);
            }
        }
        return m;
    }

    /** All reference pictures become unused for reference (IDR, mmco 5). */
    void unmarkAll() {
        for (int i = 0; i < pics.size(); i++) {
            Pic p = pics.get(i);
            p.shortFields = 0;
            p.longFields = 0;
        }
        maxLongTermFrameIdxPlus1 = 0;
    }

    /** Marking of an IDR picture (8.2.5.1): {@code bits} are its field bits ({@link #FRAME} for a frame). */
    void markIdr(Pic cur, int bits, boolean longTerm) {
        unmarkAll();
        if (longTerm) {
            cur.longFields |= bits;
            cur.longIdx = 0;
            maxLongTermFrameIdxPlus1 = 1;
        } else {
            cur.shortFields |= bits;
        }
    }

    /**
     * Sliding window marking (8.2.5.3), applied before the current picture is marked (not for the second
     * field of a reference field pair): when the frame stores holding reference fields reach
     * max(max_num_ref_frames, 1), the short-term one with the smallest FrameNumWrap is unmarked. The
     * current picture's own store ({@code exclude}, when it is already in the DPB) does not count.
     */
    void slidingWindow(int numRefFrames, int currFrameNum, int maxFrameNum, Pic exclude) {
        int numShort = 0;
        int numLong = 0;
        Pic oldest = null;
        int oldestWrap = Integer.MAX_VALUE;
        for (int i = 0; i < pics.size(); i++) {
            Pic p = pics.get(i);
            if (p == exclude) {
                continue;
            }
            if (p.shortFields != 0) {
                numShort++;
                int wrap = frameNumWrap(p.frameNum, currFrameNum, maxFrameNum);
                if (wrap < oldestWrap) {
                    oldestWrap = wrap;
                    oldest = p;
                }
            } else if (p.longFields != 0) {
                numLong++;
            }
        }
        if (numShort + numLong >= Math.max(numRefFrames, 1) && oldest != null) {
            oldest.shortFields = 0;
        }
    }

    static int frameNumWrap(int frameNum, int currFrameNum, int maxFrameNum) {
        return frameNum > currFrameNum ? frameNum - maxFrameNum : frameNum;
    }

    /**
     * Adaptive memory control (8.2.5.4) for the current reference picture {@code cur}: a frame (not yet in the
     * list, {@code bits} {@link #FRAME}) or a field ({@code bits} its parity bit; {@code cur} is its frame
     * store, in the list when it is the second field). PicNum and LongTermPicNum are those of frames, or of
     * fields (8.2.4.1: 2 * FrameNumWrap + 1 for the current field's parity, 2 * FrameNumWrap for the other).
     * Returns true when the current picture was marked long-term (mmco 6).
     */
    boolean mmco(org.purecodec.h264.syntax.SliceHeader sh, Pic cur, int bits, int maxFrameNum, Object where) {
        boolean curLong = false;
        boolean field = bits != FRAME;
        int currPicNum = field ? 2 * cur.frameNum + 1 : cur.frameNum;
        for (int n = 0; n < sh.mmcoCount; n++) {
            int arg1 = sh.mmcoArg1[n];
            switch (sh.mmcoOp[n]) {
                case 1: {
                    int picNumX = currPicNum - (arg1 + 1);
                    Pic p = shortByPicNum(picNumX, cur.frameNum, maxFrameNum, bits);
                    if (p != null) {
                        p.shortFields &= ~found;
                    }
                    break;
                }
                case 2: {
                    Pic p = longByPicNum(arg1, bits);
                    if (p != null) {
                        p.longFields &= ~found;
                    }
                    break;
                }
                case 3: {
                    int picNumX = currPicNum - (arg1 + 1);
                    int idx = sh.mmcoArg2[n];
                    Pic p = shortByPicNum(picNumX, cur.frameNum, maxFrameNum, bits);
                    int which = found;
                    Pic holder = longByIdx(idx);
                    if (holder != null && holder != p) {
                        holder.longFields = 0; // another frame or field pair (or a field of another frame)
                    }
                    if (p != null) {
                        if (p.longFields != 0 && p.longIdx != idx) {
                            p.longFields = 0; // the other field held another index
                        }
                        p.shortFields &= ~which;
                        p.longFields |= which;
                        p.longIdx = idx;
                        if (p.frame != null && p.longFields == FRAME) {
                            p.frame.setShortTerm(false);
                        }
                    }
                    break;
                }
                case 4: {
                    maxLongTermFrameIdxPlus1 = arg1;
                    for (int i = 0; i < pics.size(); i++) {
                        Pic p = pics.get(i);
                        if (p.longFields != 0 && p.longIdx >= maxLongTermFrameIdxPlus1) {
                            p.longFields = 0;
                        }
                    }
                    break;
                }
                case 5:
                    unmarkAll();
                    break;
                case 6: {
                    int idx = arg1;
                    Pic holder = longByIdx(idx);
                    if (holder != null && holder != cur) {
                        holder.longFields = 0;
                    }
                    if (cur.longFields != 0 && cur.longIdx != idx) {
                        cur.longFields = 0; // the first field held another index
                    }
                    cur.longFields |= bits;
                    cur.shortFields &= ~bits;
                    cur.longIdx = idx;
                    curLong = true;
                    break;
                }
                default:
                    throw H264Exception.invalid(where + ": unknown memory_management_control_operation " + sh.mmcoOp[n]);
            }
        }
        return curLong;
    }

    /** The field bits of the picture the last {@link #shortByPicNum} / {@link #longByPicNum} found. */
    private int found;

    /**
     * The store holding the short-term frame (both fields short-term) or, for a current field ({@code curBits}
     * a parity bit), the short-term field with PicNum {@code picNum}; {@link #found} gets its field bits.
     */
    private Pic shortByPicNum(int picNum, int currFrameNum, int maxFrameNum, int curBits) {
        for (int i = 0; i < pics.size(); i++) {
            Pic p = pics.get(i);
            int wrap = frameNumWrap(p.frameNum, currFrameNum, maxFrameNum);
            if (curBits == FRAME) {
                if (p.shortFields == FRAME && wrap == picNum) {
                    found = FRAME;
                    return p;
                }
                continue;
            }
            for (int bit = 1; bit <= 2; bit <<= 1) {
                if ((p.shortFields & bit) != 0 && 2 * wrap + (bit == curBits ? 1 : 0) == picNum) {
                    found = bit;
                    return p;
                }
            }
        }
        return null;
    }

    /** The same for a long-term frame or field with LongTermPicNum {@code num}. */
    private Pic longByPicNum(int num, int curBits) {
        for (int i = 0; i < pics.size(); i++) {
            Pic p = pics.get(i);
            if (curBits == FRAME) {
                if (p.longFields == FRAME && p.longIdx == num) {
                    found = FRAME;
                    return p;
                }
                continue;
            }
            for (int bit = 1; bit <= 2; bit <<= 1) {
                if ((p.longFields & bit) != 0 && 2 * p.longIdx + (bit == curBits ? 1 : 0) == num) {
                    found = bit;
                    return p;
                }
            }
        }
        return null;
    }

    private Pic longByIdx(int idx) {
        for (int i = 0; i < pics.size(); i++) {
            Pic p = pics.get(i);
            if (p.longFields != 0 && p.longIdx == idx) {
                return p;
            }
        }
        return null;
    }

    /** What {@link #removeUnused()} returns, reused. */
    private final List<Pic> gone = new ArrayList<>();

    /**
     * Removes pictures that are neither references nor waiting for output; returns them (their buffers can
     * be reused) in a list that is valid until the next call.
     */
    List<Pic> removeUnused() {
        gone.clear();
        for (int i = pics.size() - 1; i >= 0; i--) {
            Pic p = pics.get(i);
            if (!p.isRef() && !p.neededForOutput && !p.awaitingSecondField) {
                pics.remove(i);
                gone.add(p);
            }
        }
        return gone;
    }

    /** The waiting picture with the smallest POC, or null (a first field waiting for its second is not ready). */
    Pic nextOutput() {
        Pic best = null;
        for (int i = 0; i < pics.size(); i++) {
            Pic p = pics.get(i);
            if (p.neededForOutput && !p.awaitingSecondField && (best == null || p.poc < best.poc)) {
                best = p;
            }
        }
        return best;
    }

    /** Drops every picture without output (no_output_of_prior_pics_flag, reset). */
    List<Pic> clear() {
        List<Pic> gone = new ArrayList<>(pics);
        pics.clear();
        maxLongTermFrameIdxPlus1 = 0;
        return gone;
    }

    void add(Pic p) {
        pics.add(p);
    }
}
