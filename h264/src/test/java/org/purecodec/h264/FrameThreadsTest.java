package org.purecodec.h264;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.purecodec.testdata.Clip;
import org.purecodec.testdata.FrameMd5;
import org.purecodec.testdata.TestData;

/**
 * Frame threads and a picture that fails: {@code baseline_cavlc} (IDRs at pictures 0 and 25, no B-frames,
 * so decoding order is output order) with picture 10 cut in half. With one thread and with frame threads
 * the failure is reported as a typed error, picture 10 never comes out, the decoder stays usable, and
 * from the next IDR on every picture is bit-exact again.
 */
class FrameThreadsTest {
    private static final int DAMAGED = 10;
    private static final int NEXT_IDR = 25;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void failedPictureIsReportedAndNotOutput(int threads) throws Exception {
        Clip clip = TestData.get().clip("baseline_cavlc");
        byte[] clean = Files.readAllBytes(clip.annexB());
        FrameMd5 ref = clip.frameMd5();
        AnnexBIndex index = AnnexBIndex.scan(clean);
        AnnexBIndex.Entry bad = index.entries().get(DAMAGED);
        assertTrue(index.entries().get(NEXT_IDR).idr(), "picture " + NEXT_IDR + " is an IDR");
        ByteArrayOutputStream damaged = new ByteArrayOutputStream();
        damaged.write(clean, 0, (int) bad.offset() + bad.length() / 2); // the slice data ends half-way
        damaged.write(clean, (int) bad.offset() + bad.length(), clean.length - (int) bad.offset() - bad.length());
        byte[] stream = damaged.toByteArray();

        Map<Long, String> out = new TreeMap<>();
        List<H264Exception> errors = new ArrayList<>();
        try (H264Decoder d = H264Decoder.builder().threads(threads).build()) {
            for (AnnexBIndex.Entry e : AnnexBIndex.scan(stream).entries()) {
                try {
                    d.decodeAccessUnit(ByteBuffer.wrap(stream, (int) e.offset(), e.length()), e.decodeIndex(), true);
                } catch (H264Exception ex) {
                    errors.add(ex);
                }
                for (DecodedFrame f; (f = d.poll()) != null; f.release()) {
                    out.put(f.pts(), ConformanceTest.md5(f));
                }
            }
            try {
                d.flush();
            } catch (H264Exception ex) {
                errors.add(ex);
            }
            for (DecodedFrame f; (f = d.poll()) != null; f.release()) {
                out.put(f.pts(), ConformanceTest.md5(f));
            }
        }
        assertFalse(errors.isEmpty(), "the damaged picture is reported");
        assertFalse(out.containsKey((long) DAMAGED), "the damaged picture is not output");
        for (int i = 0; i < DAMAGED; i++) {
            assertEquals(ref.md5(i), out.get((long) i), "picture " + i + " before the damage");
        }
        for (int i = NEXT_IDR; i < ref.size(); i++) {
            assertEquals(ref.md5(i), out.get((long) i), "picture " + i + " after the next IDR");
        }
        System.out.printf("frame threads %d: %d error(s), first: %s; %d of %d pictures out%n", threads, errors.size(),
                errors.get(0).getMessage(), out.size(), ref.size());
    }
}
