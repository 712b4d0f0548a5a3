package org.purecodec.video.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The AVCC sample reader that finds SPS and PPS NAL units in band: every length size, damaged lengths. */
class InBandParameterSetsTest {
    private static byte[] sample(int lengthSize, byte[]... nals) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] n : nals) {
            for (int i = lengthSize - 1; i >= 0; i--) {
                out.write(n.length >>> (8 * i));
            }
            out.write(n, 0, n.length);
        }
        return out.toByteArray();
    }

    private static final byte[] SPS = {0x67, 0x42, 0x00, 0x1e, 1, 2, 3};
    private static final byte[] PPS = {0x68, (byte) 0xce, 0x3c, (byte) 0x80};
    private static final byte[] IDR = {0x65, (byte) 0x88, (byte) 0x84, 0, 0x21};
    private static final byte[] SEI = {0x06, 5, 1, 0};

    @Test
    void findsTheParameterSetsAmongTheOtherNalUnitsForEveryLengthSize() {
        for (int lengthSize : new int[] {1, 2, 4}) {
            byte[] s = sample(lengthSize, SEI, SPS, PPS, PPS, IDR);
            ByteBuffer b = ByteBuffer.allocate(s.length + 10);
            b.position(3);
            b.put(s);
            b.flip();
            b.position(3);
            List<byte[]>[] sets = InBandParameterSets.parameterSets(b, lengthSize);
            assertEquals(1, sets[0].size(), "SPS, length size " + lengthSize);
            assertArrayEquals(SPS, sets[0].get(0));
            assertEquals(2, sets[1].size(), "PPS, length size " + lengthSize);
            assertArrayEquals(PPS, sets[1].get(1));
            assertEquals(3, b.position(), "the buffer's position is left alone");
        }
    }

    @Test
    void aDamagedLengthEndsTheSearchWithWhatWasFoundBefore() {
        byte[] s = sample(4, SPS, IDR);
        byte[] bad = s.clone();
        bad[4 + SPS.length + 3] = 100; // the IDR's length runs past the end
        List<byte[]>[] sets = InBandParameterSets.parameterSets(ByteBuffer.wrap(bad), 4);
        assertEquals(1, sets[0].size());
        byte[] zero = sample(2, new byte[0], SPS);
        sets = InBandParameterSets.parameterSets(ByteBuffer.wrap(zero), 2);
        assertEquals(0, sets[0].size(), "a zero length ends the search");
        // random bytes: never an exception, never a NAL unit that is not an SPS or a PPS
        Random r = new Random(5);
        for (int i = 0; i < 2000; i++) {
            byte[] junk = new byte[r.nextInt(64)];
            r.nextBytes(junk);
            for (int lengthSize : new int[] {1, 2, 4}) {
                List<byte[]>[] found = InBandParameterSets.parameterSets(ByteBuffer.wrap(junk), lengthSize);
                for (int k = 0; k < 2; k++) {
                    for (byte[] nal : found[k]) {
                        assertEquals(7 + k, nal[0] & 0x1f);
                    }
                }
            }
        }
    }
}
