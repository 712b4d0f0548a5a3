package org.purecodec.h264.recon;

/**
 * One reference picture list of a slice as the reconstruction sees it (8.2.4): per reference index the
 * picture (null when the list has no picture there: a missing reference), its PicOrderCnt and whether it
 * is a long-term reference.
 */
public final class RefList {
    public final Picture[] pic = new Picture[32];
    public final int[] poc = new int[32];
    public final boolean[] longTerm = new boolean[32];
    /** num_ref_idx_lX_active of the slice. */
    public int count;

    /** Empties the list. */
    public void clear() {
        java.util.Arrays.fill(pic, null);
        count = 0;
    }

    /** Sets entry {@code i}. */
    public void set(int i, Picture p, int pocValue, boolean isLong) {
        pic[i] = p;
        poc[i] = pocValue;
        longTerm[i] = isLong;
    }
}
