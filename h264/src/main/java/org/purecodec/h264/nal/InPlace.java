package org.purecodec.h264.nal;

import java.nio.ByteBuffer;

/**
 * Reading a buffer's remaining bytes in place: the array behind it when there is an accessible one,
 * else one copy. Used by the splitters that make {@link NalUnit} views.
 */
final class InPlace {
    private InPlace() {
    }

    private static boolean direct(ByteBuffer b) {
        return b.hasArray() && !b.isReadOnly();
    }

    /** An array holding {@code b}'s remaining bytes: its own, or a copy of them (the buffer is not moved). */
    static byte[] array(ByteBuffer b) {
        if (direct(b)) {
            return b.array();
        }
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    /** Where {@code b}'s position is in {@code a}, the array {@link #array} returned for it. */
    static int start(ByteBuffer b, byte[] a) {
        return direct(b) && a == b.array() ? b.arrayOffset() + b.position() : 0;
    }
}
