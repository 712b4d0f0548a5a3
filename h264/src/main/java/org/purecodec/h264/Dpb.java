package org.purecodec.h264;

import java.util.ArrayList;
import java.util.List;

import org.jcodec.codecs.h264.io.model.Frame;
import org.jcodec.common.IntObjectMap;

/**
 * The decoded picture buffer of our frame layer: reference marking (8.2.5: sliding window and adaptive
 * memory control operations 1..6, IDR) and output in presentation order by the bumping process (C.4.5.3)
 * limited by the DPB size and by max_num_reorder_frames. Frames only: field pairs are not supported.
 */
final class Dpb {
    /** One picture in the DPB. */
    static final class Pic {
        Frame frame; // JCodec backend: MB-aligned planes, samples stored as value - 128
        /** Our backend's picture (padded unsigned planes and motion data); null with the JCodec backend. */
        org.purecodec.h264.recon.Picture pic;
        int frameNum;
        int poc;
        boolean idr;
        boolean nonExisting;
        boolean shortRef;
        boolean longRef;
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

        boolean isRef() {
            return shortRef || longRef;
        }

        @Override
        public String toString() {
            return "Pic[fn=" + frameNum + " poc=" + poc + (shortRef ? " S" : "") + (longRef ? " L" + longIdx : "")
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

    int waitingForOutput() {
        int n = 0;
        for (int i = 0; i < pics.size(); i++) {
            Pic p = pics.get(i);
            if (p.neededForOutput) {
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
            if (p.shortRef) {
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
            if (p.longRef && !p.nonExisting) {
                m.put(p.longIdx, p.frame);
            }
        }
        return m;
    }

    /** All reference pictures become unused for reference (IDR, mmco 5). */
    void unmarkAll() {
        for (int i = 0; i < pics.size(); i++) {
            Pic p = pics.get(i);
            p.shortRef = false;
            p.longRef = false;
        }
        maxLongTermFrameIdxPlus1 = 0;
    }

    /** Marking of an IDR picture (8.2.5.1). */
    void markIdr(Pic cur, boolean longTerm) {
        unmarkAll();
        if (longTerm) {
            cur.longRef = true;
            cur.longIdx = 0;
            maxLongTermFrameIdxPlus1 = 1;
        } else {
            cur.shortRef = true;
        }
    }

    /** Sliding window marking (8.2.5.3), applied before the current picture is added. */
    void slidingWindow(int numRefFrames, int currFrameNum, int maxFrameNum) {
        int numShort = 0;
        int numLong = 0;
        Pic oldest = null;
        int oldestWrap = Integer.MAX_VALUE;
        for (int i = 0; i < pics.size(); i++) {
            Pic p = pics.get(i);
            if (p.shortRef) {
                numShort++;
                int wrap = frameNumWrap(p.frameNum, currFrameNum, maxFrameNum);
                if (wrap < oldestWrap) {
                    oldestWrap = wrap;
                    oldest = p;
                }
            } else if (p.longRef) {
                numLong++;
            }
        }
        if (numShort + numLong >= Math.max(numRefFrames, 1) && oldest != null) {
            oldest.shortRef = false;
        }
    }

    private static int frameNumWrap(int frameNum, int currFrameNum, int maxFrameNum) {
        return frameNum > currFrameNum ? frameNum - maxFrameNum : frameNum;
    }

    /**
     * Adaptive memory control (8.2.5.4) for the current reference picture {@code cur} (not yet in the
     * list). Returns true when the current picture was marked long-term (mmco 6).
     */
    boolean mmco(org.purecodec.h264.syntax.SliceHeader sh, Pic cur, int maxFrameNum, Object where) {
        boolean curLong = false;
        int currPicNum = cur.frameNum;
        for (int n = 0; n < sh.mmcoCount; n++) {
            int arg1 = sh.mmcoArg1[n];
            switch (sh.mmcoOp[n]) {
                case 1: {
                    int picNumX = currPicNum - (arg1 + 1);
                    Pic p = shortByPicNum(picNumX, currPicNum, maxFrameNum);
                    if (p != null) {
                        p.shortRef = false;
                    }
                    break;
                }
                case 2: {
                    Pic p = longByIdx(arg1);
                    if (p != null) {
                        p.longRef = false;
                    }
                    break;
                }
                case 3: {
                    int picNumX = currPicNum - (arg1 + 1);
                    int idx = sh.mmcoArg2[n];
                    Pic p = shortByPicNum(picNumX, currPicNum, maxFrameNum);
                    Pic holder = longByIdx(idx);
                    if (holder != null && holder != p) {
                        holder.longRef = false;
                    }
                    if (p != null) {
                        p.shortRef = false;
                        p.longRef = true;
                        p.longIdx = idx;
                        if (p.frame != null) {
                            p.frame.setShortTerm(false);
                        }
                    }
                    break;
                }
                case 4: {
                    maxLongTermFrameIdxPlus1 = arg1;
                    for (int i = 0; i < pics.size(); i++) {
                        Pic p = pics.get(i);
                        if (p.longRef && p.longIdx >= maxLongTermFrameIdxPlus1) {
                            p.longRef = false;
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
                    if (holder != null) {
                        holder.longRef = false;
                    }
                    cur.longRef = true;
                    cur.shortRef = false;
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

    private Pic shortByPicNum(int picNum, int currFrameNum, int maxFrameNum) {
        for (int i = 0; i < pics.size(); i++) {
            Pic p = pics.get(i);
            if (p.shortRef && frameNumWrap(p.frameNum, currFrameNum, maxFrameNum) == picNum) {
                return p;
            }
        }
        return null;
    }

    private Pic longByIdx(int idx) {
        for (int i = 0; i < pics.size(); i++) {
            Pic p = pics.get(i);
            if (p.longRef && p.longIdx == idx) {
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
            if (!p.isRef() && !p.neededForOutput) {
                pics.remove(i);
                gone.add(p);
            }
        }
        return gone;
    }

    /** The waiting picture with the smallest POC, or null. */
    Pic nextOutput() {
        Pic best = null;
        for (int i = 0; i < pics.size(); i++) {
            Pic p = pics.get(i);
            if (p.neededForOutput && (best == null || p.poc < best.poc)) {
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
