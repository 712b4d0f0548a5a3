package org.purecodec.h264.recon;

import java.util.Arrays;

import org.purecodec.h264.kernels.Kernels;

/**
 * Slice threads: the macroblock rows of one picture whose slices several {@link SliceDecoder}s decode at the same
 * time, and its deblocking. Each decoder reports the macroblocks it has decoded row by row
 * ({@link #decoded}); row {@code r} is deblocked once it and the row below are complete (the row below's intra
 * prediction reads row r's last line unfiltered, and filtering row r changes that line), rows in order, by
 * whichever reporting thread finds work to do while no other thread is filtering. The filter sees the rows in
 * the same order and state as when one decoder deblocks each row behind its own decoding, so the picture is the
 * same. The slices' deblocking parameters ({@link #sliceFilter}) are written by their decoders before any of
 * their macroblocks is reported.
 *
 * <p>Memory effects: a decoder's writes to the picture (samples, per-macroblock facts) happen before its report
 * under this object's lock, and the deblocking of a row starts after the reports that made it ready, so the
 * filter sees them.
 */
public final class SliceRows {
    private final Deblocker deblocker;
    private Picture pic;
    /** Per slice number: idc, FilterOffsetA, FilterOffsetB, chroma QP offsets (see {@link Deblocker#deblockRow}). */
    private int[] sliceFilter = new int[0];
    /** Macroblocks decoded so far in each row. */
    private int[] decoded = new int[0];
    /** Rows [0, deblocked) are filtered. */
    private int deblocked;
    /** A thread is filtering rows (the others only report). */
    private boolean filtering;

    public SliceRows(Kernels kernels) {
        this.deblocker = new Deblocker(kernels);
    }

    /** Starts a picture (already begun) of {@code slices} slices. */
    public synchronized void start(Picture pic, int slices) {
        this.pic = pic;
        if (sliceFilter.length < slices * 4) {
            sliceFilter = new int[slices * 4];
        }
        if (decoded.length < pic.mbHeight) {
            decoded = new int[pic.mbHeight];
        }
        Arrays.fill(decoded, 0, pic.mbHeight, 0);
        deblocked = 0;
        filtering = false;
    }

    /** The table a slice's decoder writes its deblocking parameters into (at {@code sliceNum * 4}). */
    int[] sliceFilter(int sliceNum) {
        synchronized (this) {
            if (sliceNum * 4 + 3 >= sliceFilter.length) {
                throw new IllegalStateException("slice " + sliceNum + " of a picture started with " + sliceFilter.length / 4);
            }
            return sliceFilter;
        }
    }

    /** Macroblocks [row start, row start + count) of row {@code mbY} are decoded; filters what that makes ready. */
    void decoded(int mbY, int count) {
        synchronized (this) {
            decoded[mbY] += count;
            if (filtering) {
                return; // the filtering thread looks again before it stops
            }
            filtering = true;
        }
        filterReadyRows(false);
    }

    /**
     * Ends the picture once every slice has been decoded: checks that no macroblock is missing (INVALID_DATA
     * naming the first one), filters the rows left and pads the borders.
     */
    public void finish() {
        pic.requireEveryMb();
        synchronized (this) {
            if (filtering) {
                throw new IllegalStateException("rows still being filtered");
            }
            filtering = true;
        }
        filterReadyRows(true);
    }

    private void filterReadyRows(boolean all) {
        Picture p = pic;
        int rows = p.mbHeight;
        int width = p.mbWidth;
        while (true) {
            int row;
            synchronized (this) {
                row = deblocked;
                boolean ready = row < rows && (all || decoded[row] == width && (row + 1 == rows || decoded[row + 1] == width));
                if (!ready) {
                    filtering = false;
                    return;
                }
            }
            try {
                deblocker.deblockRow(p, row, sliceFilter);
            } catch (RuntimeException | Error e) {
                synchronized (this) {
                    filtering = false;
                }
                throw e;
            }
            p.publishRows(row, row + 1);
            synchronized (this) {
                deblocked = row + 1;
            }
        }
    }
}
