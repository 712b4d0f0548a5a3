package org.purecodec.h264.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** {@link Mem}: the VarHandle path and the byte-by-byte fallback agree, little-endian, with bounds checks. */
class MemTest {

    @Test
    void viewsAreUsedOnThisJvm() {
        // every Java 9+ JVM has byte array views; the fallback is for other runtimes (and the noVarHandle run)
        assertEquals(!Boolean.getBoolean("purecodec.noVarHandle"), Mem.VIEWS);
    }

    @Test
    void littleEndianByHand() {
        byte[] a = {1, 2, 3, 4, 5, 6, 7, (byte) 0x88, 9};
        assertEquals(0x8807060504030201L, Mem.getLong(a, 0));
        assertEquals(0x0988070605040302L, Mem.getLong(a, 1));
        assertEquals(0x04030201, Mem.getInt(a, 0));
        assertEquals(0x8807060504030201L, Mem.getLongBytes(a, 0));
        assertEquals(0x88070605, Mem.getIntBytes(a, 4));
    }

    @Test
    void fallbackMatchesViewsOnRandomOffsets() {
        Random r = new Random(0x3e3);
        for (int n = 0; n < 2000; n++) {
            byte[] a = new byte[1 + r.nextInt(64)];
            r.nextBytes(a);
            byte[] b = a.clone();
            if (a.length >= 8) {
                int off = r.nextInt(a.length - 7);
                assertEquals(Mem.getLongBytes(a, off), Mem.getLong(a, off));
                long v = r.nextLong();
                Mem.putLong(a, off, v);
                Mem.putLongBytes(b, off, v);
                assertArrayEquals(b, a);
            }
            if (a.length >= 4) {
                int off = r.nextInt(a.length - 3);
                assertEquals(Mem.getIntBytes(a, off), Mem.getInt(a, off));
                int v = r.nextInt();
                Mem.putInt(a, off, v);
                Mem.putIntBytes(b, off, v);
                assertArrayEquals(b, a);
            }
        }
    }

    @Test
    void outOfBoundsThrowsOnBothPathsAndWritesNothing() {
        byte[] a = new byte[10];
        for (int off : new int[] {-1, 3, 9}) {
            assertThrows(IndexOutOfBoundsException.class, () -> Mem.getLong(a, off));
            assertThrows(IndexOutOfBoundsException.class, () -> Mem.getLongBytes(a, off));
            assertThrows(IndexOutOfBoundsException.class, () -> Mem.putLong(a, off, -1L));
            assertThrows(IndexOutOfBoundsException.class, () -> Mem.putLongBytes(a, off, -1L));
        }
        for (int off : new int[] {-1, 7}) {
            assertThrows(IndexOutOfBoundsException.class, () -> Mem.getInt(a, off));
            assertThrows(IndexOutOfBoundsException.class, () -> Mem.getIntBytes(a, off));
            assertThrows(IndexOutOfBoundsException.class, () -> Mem.putInt(a, off, -1));
            assertThrows(IndexOutOfBoundsException.class, () -> Mem.putIntBytes(a, off, -1));
        }
        for (byte x : a) {
            assertTrue(x == 0, "a failed store wrote into the array");
        }
    }
}
