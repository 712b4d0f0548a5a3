package org.purecodec.h264;

import org.purecodec.h264.syntax.SliceHeader;

/**
 * Reference picture list construction of our frame layer (8.2.4), frames only. One instance per decoder:
 * its scratch arrays and result lists are reused from one slice to the next, so that building lists
 * allocates nothing in steady state.
 */
final class RefLists {
    private Dpb.Pic[] shorts = new Dpb.Pic[16];
    private Dpb.Pic[] longs = new Dpb.Pic[16];
    private Dpb.Pic[] init0 = new Dpb.Pic[32];
    private Dpb.Pic[] init1 = new Dpb.Pic[32];
    private int[] keys = new int[16];
    /** A list under modification: up to 32 entries and one for the insertion. */
    private final Dpb.Pic[] work = new Dpb.Pic[33];
    private int shortCount;
    /** The slice whose lists are being built, for messages. */
    private int slice;
    private int longCount;
    /** Per slice: the lists returned for it (list 1 null for P slices). */
    private Dpb.Pic[][][] pairs = new Dpb.Pic[0][][];
    /** Per slice, list and length (1..32): the arrays the lists are returned in, reused. */
    private Dpb.Pic[][][][] arrays = new Dpb.Pic[0][][][];

    /**
     * RefPicList0 of P slice number {@code slice} of the picture: short-term frames by descending PicNum,
     * then long-term frames by ascending LongTermPicNum (8.2.4.2.1), truncated to num_ref_idx_l0_active,
     * then modified by ref_pic_list_modification (8.2.4.3). Entries without a picture are null. Returns
     * {list 0, null}; the arrays are this object's and valid until the next call for the same slice number.
     */
    Dpb.Pic[][] buildP(int slice, SliceHeader sh, Dpb dpb, int currFrameNum, int maxFrameNum, Object where) {
        this.slice = slice;
        int numRef = numRef(sh, 0, where);
        collect(dpb);
        for (int i = 0; i < shortCount; i++) {
            keys[i] = -picNum(shorts[i], currFrameNum, maxFrameNum); // descending PicNum
        }
        sortByKeys(shorts, shortCount);
        int n = append(init0, 0, shorts, 0, shortCount);
        n = append(init0, n, longs, 0, longCount);
        Dpb.Pic[][] pair = pair(slice);
        pair[0] = modify(array(slice, 0, numRef), sh, 0, init0, n, currFrameNum, maxFrameNum, where);
        pair[1] = null;
        return pair;
    }

    /**
     * RefPicList0 and RefPicList1 of B slice number {@code slice} (8.2.4.2.3, frames): list 0 holds the
     * short-term frames before the current one in output order (descending POC), then those after it
     * (ascending POC), list 1 the reverse; both end with the long-term frames by ascending
     * LongTermPicNum. When list 1 has more than one entry and equals list 0, its first two entries are
     * swapped. Then each list is truncated to its num_ref_idx_lX_active and modified by its own
     * ref_pic_list_modification (8.2.4.3). The arrays are valid until the next call for the same slice number.
     */
    Dpb.Pic[][] buildB(int slice, SliceHeader sh, Dpb dpb, int currFrameNum, int currPoc, int maxFrameNum, Object where) {
        this.slice = slice;
        int numRef0 = numRef(sh, 0, where);
        int numRef1 = numRef(sh, 1, where);
        collect(dpb);
        // list 0 order: the frames before the current one (POC <= current) by descending POC, then the
        // frames after it by ascending POC (a stable insertion sort: equal POCs keep their DPB order)
        for (int i = 1; i < shortCount; i++) {
            Dpb.Pic p = shorts[i];
            int j = i - 1;
            while (j >= 0 && precedesInB(p, shorts[j], currPoc)) {
                shorts[j + 1] = shorts[j];
                j--;
            }
            shorts[j + 1] = p;
        }
        int before = 0;
        while (before < shortCount && shorts[before].poc <= currPoc) {
            before++;
        }
        int n = append(init0, 0, shorts, 0, shortCount);
        n = append(init0, n, longs, 0, longCount);
        int m = append(init1, 0, shorts, before, shortCount);
        m = append(init1, m, shorts, 0, before);
        m = append(init1, m, longs, 0, longCount);
        if (m > 1) {
            boolean same = true;
            for (int i = 0; i < m && same; i++) {
                same = init0[i] == init1[i];
            }
            if (same) {
                Dpb.Pic first = init1[0];
                init1[0] = init1[1];
                init1[1] = first;
            }
        }
        Dpb.Pic[][] pair = pair(slice);
        pair[0] = modify(array(slice, 0, numRef0), sh, 0, init0, n, currFrameNum, maxFrameNum, where);
        pair[1] = modify(array(slice, 1, numRef1), sh, 1, init1, m, currFrameNum, maxFrameNum, where);
        return pair;
    }

    /** Whether {@code a} comes strictly before {@code b} in the initial RefPicList0 of a B slice. */
    private static boolean precedesInB(Dpb.Pic a, Dpb.Pic b, int currPoc) {
        boolean aBefore = a.poc <= currPoc;
        if (aBefore != (b.poc <= currPoc)) {
            return aBefore;
        }
        return aBefore ? a.poc > b.poc : a.poc < b.poc;
    }

    /** Copies {@code src[from..to)} to {@code dst} at {@code n}; returns the new count. */
    private static int append(Dpb.Pic[] dst, int n, Dpb.Pic[] src, int from, int to) {
        System.arraycopy(src, from, dst, n, to - from);
        return n + to - from;
    }

    /** Stable insertion sort of {@code pics[0..n)} by ascending {@code keys} (moved along). */
    private void sortByKeys(Dpb.Pic[] pics, int n) {
        for (int i = 1; i < n; i++) {
            Dpb.Pic p = pics[i];
            int k = keys[i];
            int j = i - 1;
            while (j >= 0 && keys[j] > k) {
                pics[j + 1] = pics[j];
                keys[j + 1] = keys[j];
                j--;
            }
            pics[j + 1] = p;
            keys[j + 1] = k;
        }
    }

    /** The short-term references (DPB order) and the long-term ones by ascending LongTermPicNum. */
    private void collect(Dpb dpb) {
        java.util.List<Dpb.Pic> pics = dpb.pictures();
        int size = pics.size();
        if (shorts.length < size) {
            shorts = new Dpb.Pic[size];
            longs = new Dpb.Pic[size];
            keys = new int[size];
        }
        shortCount = 0;
        longCount = 0;
        for (int i = 0; i < size; i++) {
            Dpb.Pic p = pics.get(i);
            if (p.shortRef) {
                shorts[shortCount++] = p;
            } else if (p.longRef) {
                longs[longCount++] = p;
            }
        }
        for (int i = 0; i < longCount; i++) {
            keys[i] = longs[i].longIdx;
        }
        sortByKeys(longs, longCount);
        if (init0.length < size) {
            init0 = new Dpb.Pic[size];
            init1 = new Dpb.Pic[size];
        }
    }

    private Dpb.Pic[][] pair(int slice) {
        if (slice >= pairs.length) {
            int n = Math.max(slice + 1, pairs.length * 2);
            pairs = java.util.Arrays.copyOf(pairs, n);
            arrays = java.util.Arrays.copyOf(arrays, n);
        }
        if (pairs[slice] == null) {
            pairs[slice] = new Dpb.Pic[2][];
            arrays[slice] = new Dpb.Pic[2][33][];
        }
        return pairs[slice];
    }

    /** The reusable result array of {@code numRef} entries for list {@code list} of slice {@code slice}. */
    private Dpb.Pic[] array(int slice, int list, int numRef) {
        pair(slice);
        Dpb.Pic[] a = arrays[slice][list][numRef];
        if (a == null) {
            a = new Dpb.Pic[numRef];
            arrays[slice][list][numRef] = a;
        }
        return a;
    }

    private int numRef(SliceHeader sh, int list, Object where) {
        int numRef = sh.numRefIdxActive[list];
        if (numRef < 1 || numRef > 32) {
            throw H264Exception.invalid(where + ", slice " + slice + ": num_ref_idx_l" + list + "_active " + numRef);
        }
        return numRef;
    }

    /** Truncation of the initial list and ref_pic_list_modification of list {@code listIdx} (8.2.4.3). */
    private Dpb.Pic[] modify(Dpb.Pic[] result, SliceHeader sh, int listIdx, Dpb.Pic[] init, int initCount, int currFrameNum,
                             int maxFrameNum, Object where) {
        int numRef = result.length;
        Dpb.Pic[] list = work; // numRef + 1 entries: the last one is room for the insertion below
        java.util.Arrays.fill(list, 0, numRef + 1, null);
        for (int i = 0; i < numRef && i < initCount; i++) {
            list[i] = init[i];
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
                        throw H264Exception.invalid(where + ", slice " + slice + ": abs_diff_pic_num_minus1 " + (abs - 1) + " out of range");
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
                    for (int i = 0; i < shortCount; i++) {
                        Dpb.Pic p = shorts[i];
                        if (picNum(p, currFrameNum, maxFrameNum) == picNum) {
                            target = p;
                        }
                    }
                    if (target == null) {
                        throw new H264Exception(H264Exception.Kind.MISSING_REFERENCE, where + ", slice " + slice + ": ref_pic_list_modification (list "
                                + listIdx + ") names short-term PicNum " + picNum + ", which is not a reference");
                    }
                } else if (op == 2) {
                    target = null;
                    for (int i = 0; i < longCount; i++) {
                        Dpb.Pic p = longs[i];
                        if (p.longIdx == values[idx]) {
                            target = p;
                        }
                    }
                    if (target == null) {
                        throw new H264Exception(H264Exception.Kind.MISSING_REFERENCE, where + ", slice " + slice + ": ref_pic_list_modification (list "
                                + listIdx + ") names LongTermPicNum " + values[idx] + ", which is not a reference");
                    }
                } else {
                    throw H264Exception.unsupported(where + ", slice " + slice + ": modification_of_pic_nums_idc " + op);
                }
                if (idx >= numRef) {
                    throw H264Exception.invalid(where + ", slice " + slice + ": more list modifications than references (list " + listIdx + ")");
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
        System.arraycopy(list, 0, result, 0, numRef);
        return result;
    }

    private static int picNum(Dpb.Pic p, int currFrameNum, int maxFrameNum) {
        return p.frameNum > currFrameNum ? p.frameNum - maxFrameNum : p.frameNum;
    }
}
