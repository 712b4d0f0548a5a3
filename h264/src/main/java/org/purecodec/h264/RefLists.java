package org.purecodec.h264;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jcodec.codecs.h264.io.model.Frame;
import org.jcodec.codecs.h264.io.model.SliceHeader;

/** Reference picture list construction of our frame layer (8.2.4), frames only. */
final class RefLists {
    private RefLists() {
    }

    /**
     * RefPicList0 of a P slice: short-term frames by descending PicNum, then long-term frames by ascending
     * LongTermPicNum (8.2.4.2.1), truncated to num_ref_idx_l0_active, then modified by
     * ref_pic_list_modification (8.2.4.3). Entries without a picture are null.
     */
    static Frame[] buildP(SliceHeader sh, Dpb dpb, int currFrameNum, int maxFrameNum, String where) {
        int numRef = (sh.numRefIdxActiveOverrideFlag ? sh.numRefIdxActiveMinus1[0] : sh.pps.numRefIdxActiveMinus1[0]) + 1;
        if (numRef < 1 || numRef > 32) {
            throw H264Exception.invalid(where + ": num_ref_idx_l0_active " + numRef);
        }
        List<Dpb.Pic> shorts = new ArrayList<>();
        List<Dpb.Pic> longs = new ArrayList<>();
        for (Dpb.Pic p : dpb.pictures()) {
            if (p.shortRef) {
                shorts.add(p);
            } else if (p.longRef) {
                longs.add(p);
            }
        }
        shorts.sort(Comparator.comparingInt((Dpb.Pic p) -> picNum(p, currFrameNum, maxFrameNum)).reversed());
        longs.sort(Comparator.comparingInt(p -> p.longIdx));
        Dpb.Pic[] list = new Dpb.Pic[numRef + 1];
        int n = 0;
        for (Dpb.Pic p : shorts) {
            if (n < numRef) {
                list[n++] = p;
            }
        }
        for (Dpb.Pic p : longs) {
            if (n < numRef) {
                list[n++] = p;
            }
        }
        int[][] mod = sh.refPicReordering == null ? null : sh.refPicReordering[0];
        if (mod != null) {
            int picNumPred = currFrameNum;
            for (int idx = 0; idx < mod[0].length; idx++) {
                int op = mod[0][idx];
                Dpb.Pic target;
                if (op == 0 || op == 1) {
                    int abs = mod[1][idx] + 1;
                    int noWrap;
                    if (op == 0) {
                        noWrap = picNumPred - abs;
                        if (noWrap < 0) {
                            noWrap += maxFrameNum;
                        }
                    } else {
                        noWrap = picNumPred + abs;
                        if (noWrap >= maxFrameNum) {
                            noWrap -= maxFrameNum;
                        }
                    }
                    picNumPred = noWrap;
                    int picNum = noWrap > currFrameNum ? noWrap - maxFrameNum : noWrap;
                    target = null;
                    for (Dpb.Pic p : shorts) {
                        if (picNum(p, currFrameNum, maxFrameNum) == picNum) {
                            target = p;
                        }
                    }
                    if (target == null) {
                        throw new H264Exception(H264Exception.Kind.MISSING_REFERENCE, where
                                + ": ref_pic_list_modification names short-term PicNum " + picNum + ", which is not a reference");
                    }
                } else if (op == 2) {
                    target = null;
                    for (Dpb.Pic p : longs) {
                        if (p.longIdx == mod[1][idx]) {
                            target = p;
                        }
                    }
                    if (target == null) {
                        throw new H264Exception(H264Exception.Kind.MISSING_REFERENCE, where
                                + ": ref_pic_list_modification names LongTermPicNum " + mod[1][idx] + ", which is not a reference");
                    }
                } else {
                    throw H264Exception.unsupported(where + ": modification_of_pic_nums_idc " + op);
                }
                if (idx >= numRef) {
                    throw H264Exception.invalid(where + ": more list modifications than references");
                }
                // insert at idx, then remove the later copy of the same picture (8.2.4.3.1/2)
                System.arraycopy(list, idx, list, idx + 1, numRef - idx);
                list[idx] = target;
                int w = idx + 1;
                for (int r = idx + 1; r <= numRef; r++) {
                    if (list[r] != target) {
                        list[w++] = list[r];
                    }
                }
                for (; w <= numRef; w++) {
                    list[w] = null;
                }
            }
        }
        Frame[] out = new Frame[numRef];
        for (int i = 0; i < numRef; i++) {
            out[i] = list[i] == null ? null : list[i].frame;
        }
        return out;
    }

    private static int picNum(Dpb.Pic p, int currFrameNum, int maxFrameNum) {
        return p.frameNum > currFrameNum ? p.frameNum - maxFrameNum : p.frameNum;
    }
}
