package org.purecodec.h264.kernels;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Little-endian {@link ByteBuffer} views of the few sample arrays a kernel thread works on (reference
 * planes, the picture being decoded, scratch), so that scalar kernels can read and write eight samples as one
 * {@code long} ({@link ByteBuffer#getLong(int)} compiles to a single load). The views are remembered by array
 * identity in a small table with round-robin replacement: in steady state (pooled pictures) a lookup finds
 * its view and allocates nothing. The kernels using them compute every lane from the same-numbered lanes of
 * their inputs, so they would be exact in either byte order; little-endian is the native order of the
 * machines that matter (no byte swaps). The table keeps up to 16 arrays reachable for as long as its kernel
 * instance lives (a decoder thread's: its own pooled planes and scratch). One instance per thread.
 */
final class ByteViews {
    private static final int SIZE = 16;
    private final byte[][] arrays = new byte[SIZE][];
    private final ByteBuffer[] views = new ByteBuffer[SIZE];
    private int last;
    private int next;

    /** The view of {@code a}, made (and remembered in place of the oldest) if it is not in the table. */
    ByteBuffer of(byte[] a) {
        int i = last;
        if (arrays[i] == a) {
            return views[i];
        }
        for (i = 0; i < SIZE; i++) {
            if (arrays[i] == a) {
                last = i;
                return views[i];
            }
        }
        i = next;
        next = (i + 1) & (SIZE - 1);
        arrays[i] = a;
        views[i] = ByteBuffer.wrap(a).order(ByteOrder.LITTLE_ENDIAN);
        last = i;
        return views[i];
    }
}
