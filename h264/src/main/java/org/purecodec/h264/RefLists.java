package org.purecodec.h264;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.purecodec.h264.syntax.SliceHeader;

/** Reference picture list construction of our frame layer (8.2.4), frames only. */
final class RefLists {
    private RefLists() {
    }

    /**
     * RefPicList0 of a P slice: short-term frames by descending PicNum, then long-term frames by ascending
     * LongTermPicNum (8.2.4.2.1), truncated to num_ref_idx_l0_active, then modified by
     * ref_pic_list_modification (8.2.4.3). Entries without a picture are null.
     */
    static Dpb.Pic[] buildP(SliceHeader sh, Dpb dpb, int currFrameNum, int maxFrameNum, String where) {
        int numRef = numRef(sh, 0, where);
        List<Dpb.Pic> shorts = shortRefs(dpb);
        List<Dpb.Pic> longs = longRefs(dpb);
        shorts.sort(Comparator.comparingInt((Dpb.Pic p) -> picNum(p, currFrameNum, maxFrameNum)).reversed());
        List<Dpb.Pic> init = new ArrayList<>(shorts);
        init.addAll(longs);
        return modify(sh, 0, init, numRef, shorts, longs, currFrameNum, maxFrameNum, where);
    }

    /**
     * RefPicList0 and RefPicList1 of a B slice (8.2.4.2.3, frames): list 0 holds the short-term frames
     * before the current one in output order (descending POC), then those after it (ascending POC), list 1
     * the reverse; both end with the long-term frames by ascending LongTermPicNum. When list 1 has more
     * than one entry and equals list 0, its first two entries are swapped. Then each list is truncated to
     * its num_ref_idx_lX_active and modified by its own ref_pic_list_modification (8.2.4.3).
     */
    static Dpb.Pic[][] buildB(SliceHeader sh, Dpb dpb, int currFrameNum, int currPoc, int maxFrameNum, String where) {
        int numRef0 = numRef(sh, 0, where);
        int numRef1 = numRef(sh, 1, where);
        List<Dpb.Pic> shorts = shortRefs(dpb);
        List<Dpb.Pic> longs = longRefs(dpb);
        List<Dpb.Pic> before = new ArrayList<>();
        List<Dpb.Pic> after = new ArrayList<>();
        for (Dpb.Pic p : shorts) {
            if (p.poc <= currPoc) {
                before.add(p);
            } else {
                after.add(p);
            }
        }
        before.sort(Comparator.comparingInt((Dpb.Pic p) -> p.poc).reversed());
        after.sort(Comparator.comparingInt(p -> p.poc));
        List<Dpb.Pic> l0 = new ArrayList<>(before);
        l0.addAll(after);
        l0.addAll(longs);
        List<Dpb.Pic> l1 = new ArrayList<>(after);
        l1.addAll(before);
        l1.addAll(longs);
        if (l1.size() > 1 && l1.equals(l0)) {
            Dpb.Pic first = l1.get(0);
            l1.set(0, l1.get(1));
            l1.set(1, first);
        }
        return new Dpb.Pic[][] {
            modify(sh, 0, l0, numRef0, shorts, longs, currFrameNum, maxFrameNum, where),
            modify(sh, 1, l1, numRef1, shorts, longs, currFrameNum, maxFrameNum, where)};
    }

    private static int numRef(SliceHeader sh, int list, String where) {
        int numRef = sh.numRefIdxActive[list];
        if (numRef < 1 || numRef > 32) {
            throw H264Exception.invalid(where + ": num_ref_idx_l" + list + "_active " + numRef);
        }
        return numRef;
    }

    private static List<Dpb.Pic> shortRefs(Dpb dpb) {
        List<Dpb.Pic> shorts = new ArrayList<>();
        for (Dpb.Pic p : dpb.pictures()) {
            if (p.shortRef) {
                shorts.add(p);
            }
        }
        return shorts;
    }

    private static List<Dpb.Pic> longRefs(Dpb dpb) {
        List<Dpb.Pic> longs = new ArrayList<>();
        for (Dpb.Pic p : dpb.pictures()) {
            if (p.longRef && !p.shortRef) {
                longs.add(p);
            }
        }
        longs.sort(Comparator.comparingInt(p -> p.longIdx));
        return longs;
    }

    /** Truncation of the initial list and ref_pic_list_modification of list {@code listIdx} (8.2.4.3). */
    private static Dpb.Pic[] modify(SliceHeader sh, int listIdx, List<Dpb.Pic> init, int numRef, List<Dpb.Pic> shorts,
                                  List<Dpb.Pic> longs, int currFrameNum, int maxFrameNum, String where) {
        Dpb.Pic[] list = new Dpb.Pic[numRef + 1];
        for (int i = 0; i < numRef && i < init.size(); i++) {
            list[i] = init.get(i);
        }
        int count = sh.modCount[listIdx];
        int[] ops = sh.modIdc[listIdx];
        int[] values = sh.modValue[listIdx];
        if (count > 0) {
            int picNumPred = currFrameNum;
            for (int idx = 0; idx < count; idx++) {
                int op = ops[idx];
                Dpb.Pic target;
                if (op == 0 || op == 1) {
                    int abs = values[idx] + 1;
                    if (abs > maxFrameNum) {
                        throw H264Exception.invalid(where + ": abs_diff_pic_num_minus1 " + (abs - 1) + " out of range");
                    }
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
                        throw new H264Exception(H264Exception.Kind.MISSING_REFERENCE, where + ": ref_pic_list_modification (list "
                                + listIdx + ") names short-term PicNum " + picNum + ", which is not a reference");
                    }
                } else if (op == 2) {
                    target = null;
                    for (Dpb.Pic p : longs) {
                        if (p.longIdx == values[idx]) {
                            target = p;
                        }
                    }
                    if (target == null) {
                        throw new H264Exception(H264Exception.Kind.MISSING_REFERENCE, where + ": ref_pic_list_modification (list "
                                + listIdx + ") names LongTermPicNum " + values[idx] + ", which is not a reference");
                    }
                } else {
                    throw H264Exception.unsupported(where + ": modification_of_pic_nums_idc " + op);
                }
                if (idx >= numRef) {
                    throw H264Exception.invalid(where + ": more list modifications than references (list " + listIdx + ")");
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
        return java.util.Arrays.copyOf(list, numRef);
    }

    private static int picNum(Dpb.Pic p, int currFrameNum, int maxFrameNum) {
        return p.frameNum > currFrameNum ? p.frameNum - maxFrameNum : p.frameNum;
    }
}
