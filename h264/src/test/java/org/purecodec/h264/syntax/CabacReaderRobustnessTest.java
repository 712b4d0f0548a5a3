package org.purecodec.h264.syntax;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.purecodec.h264.H264Exception;

/**
 * Property tests: whatever the bytes, {@link CabacReader} ends every slice quickly and throws nothing but
 * {@link H264Exception}: random bytes under random slice parameters, and valid slices (from the test writer)
 * truncated or damaged.
 */
class CabacReaderRobustnessTest {
    private final CabacReader reader = new CabacReader();
    private final MbPosition pos = new MbPosition();
    private final Macroblock mb = new Macroblock();
    private final int[] outcomes = new int[3];

    /** Reads the slice like the slice loop does (up to the end of the picture); records the outcome. */
    private void read(CabacSliceWriter.Params p, byte[] data, int length, int w, int h, String what) {
        reader.startPicture(w, h);
        int total = w * h;
        try {
            reader.startSlice(p.header(), data, length);
            for (int addr = p.first; addr < total; addr++) {
                pos.set(addr, w, p.first);
                mb.clear();
                if (!reader.read(pos, mb)) {
                    break;
                }
            }
            outcomes[0]++;
        } catch (H264Exception e) {
            outcomes[e.kind() == H264Exception.Kind.TRUNCATED ? 1 : 2]++;
            if (e.kind() != H264Exception.Kind.TRUNCATED && e.kind() != H264Exception.Kind.INVALID_DATA) {
                fail(what + ": unexpected kind " + e);
            }
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(what + ": untyped " + e, e);
        }
    }

    @Test
    void randomBytesGiveOnlyTypedErrorsQuickly() {
        Random r = new Random(20261124);
        long start = System.nanoTime();
        long slowest = 0;
        for (int i = 0; i < 20000; i++) {
            int w = 1 + r.nextInt(8);
            int h = 1 + r.nextInt(6);
            CabacSliceWriter.Params p = new CabacSliceWriter.Params();
            CabacReaderRoundTripTest.randomParams(r, p, r.nextInt(w * h), 0);
            int len = r.nextInt(10) == 0 ? r.nextInt(4) : r.nextInt(i % 50 == 0 ? 5000 : 400);
            byte[] data = new byte[len];
            int style = r.nextInt(5);
            for (int k = 0; k < len; k++) {
                switch (style) {
                    case 0:
                        data[k] = (byte) 0xff;
                        break;
                    case 1:
                        data[k] = (byte) (r.nextInt(8) == 0 ? r.nextInt(256) : 0xff);
                        break;
                    case 2:
                        data[k] = (byte) (r.nextInt(8) == 0 ? r.nextInt(256) : 0);
                        break;
                    default:
                        data[k] = (byte) r.nextInt(256);
                        break;
                }
            }
            p.headerBits = r.nextInt(24);
            long t0 = System.nanoTime();
            read(p, data, len, w, h, "random input " + i + " (" + len + " bytes, style " + style + ")");
            slowest = Math.max(slowest, System.nanoTime() - t0);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("CABAC random bytes: 20000 inputs in %d ms (slowest %d ms): %d ended normally, %d TRUNCATED, %d INVALID_DATA%n",
                ms, slowest / 1_000_000, outcomes[0], outcomes[1], outcomes[2]);
        assertTrue(ms < 60_000, "took " + ms + " ms");
        assertTrue(outcomes[1] > 1000 && outcomes[2] > 100, "outcomes " + Arrays.toString(outcomes));
    }

    @Test
    void truncatedAndDamagedValidSlicesGiveOnlyTypedErrors() {
        Random r = new Random(77);
        int cases = 0;
        for (int picNum = 0; picNum < 300; picNum++) {
            int w = 1 + r.nextInt(4);
            int h = 1 + r.nextInt(3);
            CabacReaderRoundTripTest.Picture pic = CabacReaderRoundTripTest.randomPicture(r, w, h);
            for (int si = 0; si < pic.slices.size(); si++) {
                CabacSliceWriter.Params p = pic.slices.get(si);
                byte[] data = pic.data.get(si);
                // every truncation of short slices, a sample of the long ones
                int step = Math.max(1, data.length / 40);
                for (int len = 0; len < data.length; len += 1 + (step > 1 ? r.nextInt(step) : 0)) {
                    read(p, data, len, w, h, "picture " + picNum + " slice " + si + " cut to " + len + " of " + data.length);
                    cases++;
                }
                for (int k = 0; k < 20; k++) {
                    byte[] d = data.clone();
                    int changes = 1 + r.nextInt(4);
                    for (int j = 0; j < changes; j++) {
                        int at = r.nextInt(d.length);
                        d[at] = (byte) (r.nextBoolean() ? d[at] ^ (1 << r.nextInt(8)) : r.nextInt(256));
                    }
                    read(p, d, d.length, w, h, "picture " + picNum + " slice " + si + " damaged (" + k + ")");
                    cases++;
                }
            }
        }
        System.out.printf("CABAC truncated / damaged slices: %d cases: %d ended normally, %d TRUNCATED, %d INVALID_DATA%n", cases,
                outcomes[0], outcomes[1], outcomes[2]);
        assertTrue(outcomes[1] > 1000, "outcomes " + Arrays.toString(outcomes));
    }
}
