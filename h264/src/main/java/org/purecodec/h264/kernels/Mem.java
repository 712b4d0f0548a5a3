package org.purecodec.h264.kernels;

import java.lang.invoke.MethodHandles;
import java.nio.ByteOrder;

/**
 * Little-endian 8- and 4-byte loads and stores at any byte offset of a sample array, for the SWAR kernels
 * (eight samples in one {@code long}). Where the JVM has byte-array view {@code VarHandle}s (every Java 9+
 * JVM; Android from API 33) each access compiles to one unaligned load or store with one bounds check,
 * through {@link MemViews}; elsewhere the bytes are assembled one by one (correct, slow). The choice is a
 * constant, so the JIT keeps only one of the two paths.
 *
 * <p>Why not {@code ByteBuffer} views (used before 2026-12-03): a view per array had to be looked up for
 * every kernel call, and each {@code getLong} of a heap buffer carries more checks than a {@code VarHandle}
 * access; replacing them made the whole decode 1.084 ± 0.030 times as fast on JDK 17 and 1.111 ± 0.038 on
 * JDK 25 (A/B across 10 JVMs each, 2026-12-03). Every lane computed from these values depends only on
 * same-numbered lanes of the inputs, so the kernels would be exact in either byte order; little-endian is
 * the native order of the machines that matter (no byte swaps).
 *
 * <p>Public for the RGB conversion of decoder-core, which stores four output bytes at a time.
 */
public final class Mem {
    /** Whether {@link MemViews} can be used (decided once; the slow path stays for other runtimes and tests). */
    static final boolean VIEWS = viewsAvailable();

    private Mem() {
    }

    private static boolean viewsAvailable() {
        if (Boolean.getBoolean("purecodec.noVarHandle")) {
            return false;
        }
        try {
            // looked up by name: the method (and VarHandle) is not in every runtime the module supports
            MethodHandles.class.getMethod("byteArrayViewVarHandle", Class.class, ByteOrder.class);
            return MemViews.getLong(new byte[8], 0) == 0;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return false;
        }
    }

    /** The 8 bytes at {@code off}, little-endian. */
    public static long getLong(byte[] a, int off) {
        return VIEWS ? MemViews.getLong(a, off) : getLongBytes(a, off);
    }

    /** Stores {@code v} in the 8 bytes at {@code off}, little-endian. */
    public static void putLong(byte[] a, int off, long v) {
        if (VIEWS) {
            MemViews.putLong(a, off, v);
        } else {
            putLongBytes(a, off, v);
        }
    }

    /** The 4 bytes at {@code off}, little-endian. */
    public static int getInt(byte[] a, int off) {
        return VIEWS ? MemViews.getInt(a, off) : getIntBytes(a, off);
    }

    /** Stores {@code v} in the 4 bytes at {@code off}, little-endian. */
    public static void putInt(byte[] a, int off, int v) {
        if (VIEWS) {
            MemViews.putInt(a, off, v);
        } else {
            putIntBytes(a, off, v);
        }
    }

    static long getLongBytes(byte[] a, int off) {
        return (getIntBytes(a, off) & 0xffffffffL) | ((long) getIntBytes(a, off + 4) << 32);
    }

    static void putLongBytes(byte[] a, int off, long v) {
        if (off < 0 || off > a.length - 8) {
            throw new ArrayIndexOutOfBoundsException("8 bytes at " + off + " of " + a.length);
        }
        putIntBytes(a, off, (int) v);
        putIntBytes(a, off + 4, (int) (v >>> 32));
    }

    static int getIntBytes(byte[] a, int off) {
        return (a[off] & 0xff) | (a[off + 1] & 0xff) << 8 | (a[off + 2] & 0xff) << 16 | a[off + 3] << 24;
    }

    static void putIntBytes(byte[] a, int off, int v) {
        if (off < 0 || off > a.length - 4) {
            throw new ArrayIndexOutOfBoundsException("4 bytes at " + off + " of " + a.length);
        }
        a[off] = (byte) v;
        a[off + 1] = (byte) (v >>> 8);
        a[off + 2] = (byte) (v >>> 16);
        a[off + 3] = (byte) (v >>> 24);
    }
}
