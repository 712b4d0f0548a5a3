package org.purecodec.h264;

import java.util.ArrayList;
import java.util.List;

import org.purecodec.h264.nal.NalUnit;
import org.purecodec.h264.nal.Rbsp;
import org.purecodec.h264.syntax.SliceHeader;
import org.purecodec.h264.syntax.SliceHeaderParser;

/**
 * The slices of one picture as the frame layer parsed them: each slice's header and RBSP, in buffers
 * that are reused from one picture to the next (with frame threads, once the picture they held has been
 * reconstructed), so that parsing allocates nothing in steady state.
 */
final class SliceBatch {
    /** The slices' headers, in decoding order. */
    final List<SliceHeader> headers = new ArrayList<>();
    /** Each slice NAL unit's RBSP (after the header byte); valid up to {@link #lengths}. */
    final List<byte[]> rbsps = new ArrayList<>();
    /** The valid length of each RBSP buffer. */
    int[] lengths = new int[1];
    private final List<SliceHeader> headerPool = new ArrayList<>();
    private final List<byte[]> rbspPool = new ArrayList<>();

    /** Forgets the slices (keeps the buffers). */
    void clear() {
        headers.clear();
        rbsps.clear();
    }

    /** Number of slices. */
    int size() {
        return headers.size();
    }

    /**
     * Adds a slice: unescapes its NAL unit's payload and parses its header.
     *
     * @throws H264Exception for a bad slice header (the slice is not added)
     */
    SliceHeader add(NalUnit n, SliceHeaderParser.Lookup lookup) {
        int i = headers.size();
        if (i == headerPool.size()) {
            headerPool.add(new SliceHeader());
            rbspPool.add(new byte[0]);
        }
        if (lengths.length <= i) {
            lengths = java.util.Arrays.copyOf(lengths, 2 * i + 1);
        }
        int escaped = n.length() - 1;
        byte[] rbsp = rbspPool.get(i);
        if (rbsp.length < escaped) {
            rbsp = new byte[escaped + escaped / 4];
            rbspPool.set(i, rbsp);
        }
        int len = Rbsp.unescape(n.buffer(), n.start() + 1, escaped, rbsp);
        SliceHeader h = SliceHeaderParser.parse(n.type(), n.refIdc(), rbsp, len, lookup, n, headerPool.get(i));
        rbsps.add(rbsp);
        lengths[i] = len;
        headers.add(h);
        return h;
    }
}
