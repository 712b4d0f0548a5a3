package org.purecodec.h264;

import org.purecodec.h264.syntax.SliceHeader;

/**
 * Reference picture list construction of our frame layer (8.2.4), for frames and for fields. One instance per decoder:
 * its scratch arrays and result lists are reused from one slice to the next, so that building lists
 * allocates nothing in steady state.
 */
final class RefLists {
    private Dpb.Pic[] shorts = new Dpb.Pic[16];
    private Dpb.Pic[] longs = new Dpb.Pic[16];
    private Dpb.Pic[] init0 = new Dpb.Pic[32];
    private Dpb.Pic[] init1 = new Dpb.Pic[32];
    private Dpb.Pic[] tmp = new Dpb.Pic[32];
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
        int before = sortShortsForB(currPoc);
        int n = append(init0, 0, shorts, 0, shortCount);
        n = append(init0, n, longs, 0, longCount);
        int m = append(init1, 0, shorts, before, shortCount);
        m = append(init1, m, shorts, 0, before);
        m = append(init1, m, longs, 0, longCount);
        swapWhenEqual(n, m);
        Dpb.Pic[][] pair = pair(slice);
        pair[0] = modify(array(slice, 0, numRef0), sh, 0, init0, n, currFrameNum, maxFrameNum, where);
        pair[1] = modify(array(slice, 1, numRef1), sh, 1, init1, m, currFrameNum, maxFrameNum, where);
        return pair;
    }

    /**
     * RefPicList0 of a P slice of a field picture (8.2.4.2.2, 8.2.4.2.5): the frame stores with a short-term
     * field by descending FrameNumWrap (the current frame's first field among them), then those with a
     * long-term field by ascending LongTermFrameIdx; each set turned into fields alternating in parity from
     * the current field's, then truncated and modified. {@code parity}: 0 top, 1 bottom.
     */
    Dpb.Pic[][] buildPField(int slice, SliceHeader sh, Dpb dpb, int currFrameNum, int maxFrameNum, int parity, Object where) {
        this.slice = slice;
        int numRef = numRef(sh, 0, where);
        collect(dpb, true);
        for (int i = 0; i < shortCount; i++) {
            keys[i] = -picNum(shorts[i], currFrameNum, maxFrameNum); // descending FrameNumWrap
        }
        sortByKeys(shorts, shortCount);
        int n = alternate(shorts, shortCount, parity, false, init0, 0);
        n = alternate(longs, longCount, parity, true, init0, n);
        Dpb.Pic[][] pair = pair(slice);
        pair[0] = modify(array(slice, 0, numRef), sh, 0, init0, n, currFrameNum, maxFrameNum, 1 << parity, where);
        pair[1] = null;
        return pair;
    }

    /**
     * RefPicList0 and RefPicList1 of a B slice of a field picture (8.2.4.2.4, 8.2.4.2.5): the frame stores with
     * a short-term field ordered by POC as for frames around the current field's POC (a store's POC being
     * the smaller of its decoded fields', as FFmpeg orders them), the long-term ones by LongTermFrameIdx,
     * each set turned into fields alternating in parity from the current field's; list 1's first two entries
     * swapped when it has more than one and equals list 0; then truncated and modified.
     */
    Dpb.Pic[][] buildBField(int slice, SliceHeader sh, Dpb dpb, int currFrameNum, int currPoc, int maxFrameNum, int parity,
                            Object where) {
        this.slice = slice;
        int numRef0 = numRef(sh, 0, where);
        int numRef1 = numRef(sh, 1, where);
        collect(dpb, true);
        int before = sortShortsForB(currPoc);
        int n = alternate(shorts, shortCount, parity, false, init0, 0);
        n = alternate(longs, longCount, parity, true, init0, n);
        // refFrameList1ShortTerm: the stores after the current field first
        int t = append(tmp, 0, shorts, before, shortCount);
        t = append(tmp, t, shorts, 0, before);
        int m = alternate(tmp, t, parity, false, init1, 0);
        m = alternate(longs, longCount, parity, true, init1, m);
        swapWhenEqual(n, m);
        Dpb.Pic[][] pair = pair(slice);
        pair[0] = modify(array(slice, 0, numRef0), sh, 0, init0, n, currFrameNum, maxFrameNum, 1 << parity, where);
        pair[1] = modify(array(slice, 1, numRef1), sh, 1, init1, m, currFrameNum, maxFrameNum, 1 << parity, where);
        return pair;
    }

    /**
     * 8.2.4.2.5: appends to {@code out} (from {@code n}) the fields of {@code stores[0..count)} marked as
     * short-term (or long-term) references, alternating in parity and starting with {@code parity}: each
     * time the next store in order with a field of the wanted parity so marked; when one parity has no more
     * such fields, the rest of the other parity follow in order. Returns the new count.
     */
    private static int alternate(Dpb.Pic[] stores, int count, int parity, boolean longTerm, Dpb.Pic[] out, int n) {
        int nextSame = 0;
        int nextOther = 0;
        boolean same = true;
        while (true) {
            int p = same ? parity : 1 - parity;
            int i = same ? nextSame : nextOther;
            while (i < count && !marked(stores[i], p, longTerm)) {
                i++;
            }
            if (i < count) {
                out[n++] = stores[i].fieldEntry(p);
                if (same) {
                    nextSame = i + 1;
                } else {
                    nextOther = i + 1;
                }
                same = !same;
                continue;
            }
            // no field of this parity left: the other parity's remaining fields in order
            int q = 1 - p;
            for (int k = same ? nextOther : nextSame; k < count; k++) {
                if (marked(stores[k], q, longTerm)) {
                    out[n++] = stores[k].fieldEntry(q);
                }
            }
            return n;
        }
    }

    private static boolean marked(Dpb.Pic store, int parity, boolean longTerm) {
        return ((longTerm ? store.longFields : store.shortFields) & (1 << parity)) != 0;
    }

    /**
     * Orders the short-term entries for RefPicList0 of a B slice: those before the current picture (POC at most
     * {@code currPoc}) by descending POC, then those after it by ascending POC (a stable insertion sort: equal
     * POCs keep their DPB order). Returns how many come before.
     */
    private int sortShortsForB(int currPoc) {
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
        return before;
    }

    /** When the initial RefPicList1 has more than one entry and equals RefPicList0, its first two are swapped. */
    private void swapWhenEqual(int n, int m) {
        if (m > 1 && n == m) {
            for (int i = 0; i < m; i++) {
                if (init0[i] != init1[i]) {
                    return;
                }
            }
            Dpb.Pic first = init1[0];
            init1[0] = init1[1];
            init1[1] = first;
        }
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

    /**
     * The short-term references (DPB order) and the long-term ones by ascending LongTermFrameIdx: frames whose
     * two fields are so marked, or for field pictures ({@code fields}) every store with a field so marked.
     */
    private void collect(Dpb dpb) {
        collect(dpb, false);
    }

    private void collect(Dpb dpb, boolean fields) {
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
            if (fields) {
                if (p.shortFields != 0) {
                    shorts[shortCount++] = p;
                }
                if (p.longFields != 0) {
                    longs[longCount++] = p;
                }
            } else if (p.shortFrame()) {
                shorts[shortCount++] = p;
            } else if (p.longFrame()) {
                longs[longCount++] = p;
            }
        }
        for (int i = 0; i < longCount; i++) {
            keys[i] = longs[i].longIdx;
        }
        sortByKeys(longs, longCount);
        if (init0.length < 2 * size) {
            init0 = new Dpb.Pic[2 * size];
            init1 = new Dpb.Pic[2 * size];
            tmp = new Dpb.Pic[2 * size];
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
        return modify(result, sh, listIdx, init, initCount, currFrameNum, maxFrameNum, Dpb.FRAME, where);
    }

    /**
     * {@link #modify} for a frame ({@code curBits} {@link Dpb#FRAME}) or a field (its parity bit): for fields
     * PicNum is 2 * FrameNumWrap + 1 for fields of the current parity and 2 * FrameNumWrap for the others,
     * LongTermPicNum likewise from LongTermFrameIdx, CurrPicNum is 2 * frame_num + 1 and MaxPicNum twice
     * MaxFrameNum (8.2.4.1, 8.2.4.3).
     */
    private Dpb.Pic[] modify(Dpb.Pic[] result, SliceHeader sh, int listIdx, Dpb.Pic[] init, int initCount, int currFrameNum,
                             int maxFrameNum, int curBits, Object where) {
        boolean field = curBits != Dpb.FRAME;
        int currPicNum = field ? 2 * currFrameNum + 1 : currFrameNum;
        int maxPicNum = field ? 2 * maxFrameNum : maxFrameNum;
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
            int picNumPred = currPicNum;
            for (int idx = 0; idx < count; idx++) {
                int op = ops[idx];
                Dpb.Pic target;
                if (op == 0 || op == 1) {
                    int abs = values[idx] + 1;
                    if (abs > maxPicNum) {
                        throw H264Exception.invalid(where + ", slice " + slice + ": abs_diff_pic_num_minus1 " + (abs - 1) + " out of range");
                    }
                    int noWrap;
                    if (op == 0) {
                        noWrap = picNumPred - abs;
                        if (noWrap < 0) {
                            noWrap += maxPicNum;
                        }
                    } else {
                        noWrap = picNumPred + abs;
                        if (noWrap >= maxPicNum) {
                            noWrap -= maxPicNum;
                        }
                    }
                    picNumPred = noWrap;
                    int picNum = noWrap > currPicNum ? noWrap - maxPicNum : noWrap;
                    target = null;
                    for (int i = 0; i < shortCount; i++) {
                        Dpb.Pic p = shorts[i];
                        int wrap = picNum(p, currFrameNum, maxFrameNum);
                        if (!field) {
                            if (wrap == picNum) {
                                target = p;
                            }
                            continue;
                        }
                        for (int bit = 1; bit <= 2; bit <<= 1) {
                            if ((p.shortFields & bit) != 0 && 2 * wrap + (bit == curBits ? 1 : 0) == picNum) {
                                target = p.fieldEntry(bit - 1);
                            }
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
                        if (!field) {
                            if (p.longIdx == values[idx]) {
                                target = p;
                            }
                            continue;
                        }
                        for (int bit = 1; bit <= 2; bit <<= 1) {
                            if ((p.longFields & bit) != 0 && 2 * p.longIdx + (bit == curBits ? 1 : 0) == values[idx]) {
                                target = p.fieldEntry(bit - 1);
                            }
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
