package org.purecodec.h264;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.purecodec.testdata.FrameMd5;
import org.purecodec.testdata.TestData;

/**
 * Field pictures (PAFF) at the frame layer, on the synthetic clip {@code paff} (see testdata/make_paff.py; its
 * bit-exactness against FFmpeg is checked by {@link ClipChecksumTest}): the index's frames, and a field
 * whose second field never comes, which FFmpeg drops and this decoder outputs with its lines doubled.
 */
class FieldPicturesTest {
    /** NAL units of paff.h264: SPS, PPS, then F0 top, F0 bottom, F2 top, ... in decode order (see make_paff.py). */
    private static List<byte[]> nals() throws IOException {
        byte[] s = Files.readAllBytes(TestData.get().clip("paff").annexB());
        List<byte[]> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i + 3 <= s.length; i++) {
            if (s[i] == 0 && s[i + 1] == 0 && s[i + 2] == 1) {
                if (start >= 0) {
                    out.add(java.util.Arrays.copyOfRange(s, start, i - (s[i - 1] == 0 ? 1 : 0)));
                }
                start = i + 3;
                i += 2;
            }
        }
        out.add(java.util.Arrays.copyOfRange(s, start, s.length));
        return out;
    }

    private static byte[] stream(List<byte[]> nals) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] n : nals) {
            out.write(0);
            out.write(0);
            out.write(0);
            out.write(1);
            out.writeBytes(n);
        }
        return out.toByteArray();
    }

    private static List<DecodedFrame> decode(byte[] stream, int threads, List<String> md5s) {
        List<DecodedFrame> frames = new ArrayList<>();
        try (H264Decoder d = H264Decoder.builder().threads(threads).build()) {
            d.decodeAnnexB(ByteBuffer.wrap(stream));
            d.flush();
            for (DecodedFrame f; (f = d.poll()) != null; ) {
                md5s.add(ConformanceTest.md5(f));
                frames.add(f);
            }
        }
        return frames;
    }

    @Test
    void theIndexHasOneEntryPerFrame() throws IOException {
        AnnexBIndex index = AnnexBIndex.scan(Files.readAllBytes(TestData.get().clip("paff").annexB()));
        assertEquals(10, index.size());
        int[] fields = new int[10];
        int[] presentation = new int[10];
        boolean[] key = new boolean[10];
        for (int i = 0; i < 10; i++) {
            fields[i] = index.entries().get(i).fields();
            presentation[i] = index.entries().get(i).presentationIndex();
            key[i] = index.entries().get(i).key();
        }
        // decode order F0 F2 F1 F4 F3 F6 F5 F7 F8 F9: F3, F6 and F9 are frame pictures
        assertArrayEquals(new int[] {2, 2, 2, 2, 0, 0, 2, 2, 2, 0}, fields);
        assertArrayEquals(new int[] {0, 2, 1, 4, 3, 6, 5, 7, 8, 9}, presentation);
        assertArrayEquals(new boolean[] {true, false, false, false, false, false, false, true, false, false}, key);
    }

    /**
     * F8's bottom field removed: F8 is a top field alone. It comes out with each bottom line repeating the top
     * line above it; F9 (a frame picture) then predicts from F7, the last frame with both fields, so only F8
     * and F9 differ from FFmpeg's output of the whole stream. The index marks F8 as a field alone.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aFieldWithoutItsPairIsOutputLineDoubled(int threads) throws IOException {
        List<byte[]> nals = nals();
        assertEquals(2 + 17, nals.size());
        nals.remove(nals.size() - 2); // F8's bottom field
        byte[] stream = stream(nals);
        List<String> md5s = new ArrayList<>();
        List<DecodedFrame> frames = decode(stream, threads, md5s);
        FrameMd5 ref = TestData.get().clip("paff").frameMd5();
        assertEquals(10, frames.size());
        for (int i = 0; i < 8; i++) {
            assertEquals(ref.md5(i), md5s.get(i), "frame " + i);
        }
        assertLineDoubled(frames.get(8));
        assertEquals(1, AnnexBIndex.scan(stream).entries().get(8).fields());
        assertEquals(10, AnnexBIndex.scan(stream).size());
    }

    /** A stream cut after a first field: flush outputs that field's frame, line-doubled. */
    @Test
    void aFirstFieldAtTheEndOfTheStreamIsOutput() throws IOException {
        List<byte[]> nals = nals();
        byte[] stream = stream(nals.subList(0, nals.size() - 2)); // up to F8's top field
        List<String> md5s = new ArrayList<>();
        List<DecodedFrame> frames = decode(stream, 1, md5s);
        assertEquals(9, frames.size());
        FrameMd5 ref = TestData.get().clip("paff").frameMd5();
        for (int i = 0; i < 8; i++) {
            assertEquals(ref.md5(i), md5s.get(i), "frame " + i);
        }
        assertLineDoubled(frames.get(8));
    }

    private static void assertLineDoubled(DecodedFrame f) {
        for (int y = 1; y < f.height(); y += 2) {
            for (int x = 0; x < f.width(); x++) {
                assertEquals(f.y()[f.yOffset() + (y - 1) * f.yStride() + x], f.y()[f.yOffset() + y * f.yStride() + x],
                        "luma line " + y);
            }
        }
        for (int y = 1; y < f.chromaHeight(); y += 2) {
            for (int x = 0; x < f.chromaWidth(); x++) {
                assertEquals(f.u()[f.uOffset() + (y - 1) * f.uStride() + x], f.u()[f.uOffset() + y * f.uStride() + x], "Cb line " + y);
                assertEquals(f.v()[f.vOffset() + (y - 1) * f.vStride() + x], f.v()[f.vOffset() + y * f.vStride() + x], "Cr line " + y);
            }
        }
    }
}
