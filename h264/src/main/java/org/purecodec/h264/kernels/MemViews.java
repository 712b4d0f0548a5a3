package org.purecodec.h264.kernels;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The byte-array view {@code VarHandle}s behind {@link Mem}. Only {@link Mem} refers to this class, and only
 * once it has found that the runtime has such views, so a runtime without {@code VarHandle} (Android before
 * API 33) never loads it.
 */
@VarHandleOnly
final class MemViews {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private MemViews() {
    }

    static long getLong(byte[] a, int off) {
        return (long) LONGS.get(a, off);
    }

    static void putLong(byte[] a, int off, long v) {
        LONGS.set(a, off, v);
    }

    static int getInt(byte[] a, int off) {
        return (int) INTS.get(a, off);
    }

    static void putInt(byte[] a, int off, int v) {
        INTS.set(a, off, v);
    }
}
