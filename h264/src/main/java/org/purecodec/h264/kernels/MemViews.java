package org.purecodec.h264.kernels;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The byte-array view {@code VarHandle}s behind {@link Mem}. Only {@link Mem} refers to this class, and only
 * once it has found that the runtime has such views, so a runtime without {@code VarHandle} (Android before
 * API 33) never loads it. The factory is looked up by name for the same reason: the API signature check of
 * the build (Android API 26) accepts {@code VarHandle} in this class only.
 */
final class MemViews {
    private static final VarHandle LONGS = view(long[].class);
    private static final VarHandle INTS = view(int[].class);

    private MemViews() {
    }

    private static VarHandle view(Class<?> arrayType) {
        try {
            return (VarHandle) MethodHandles.class.getMethod("byteArrayViewVarHandle", Class.class, ByteOrder.class)
                    .invoke(null, arrayType, ByteOrder.LITTLE_ENDIAN);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no byte array view VarHandle", e);
        }
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
