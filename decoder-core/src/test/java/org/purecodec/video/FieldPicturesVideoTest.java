package org.purecodec.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.purecodec.testdata.Clip;
import org.purecodec.testdata.FrameHasher;
import org.purecodec.testdata.FrameMd5;
import org.purecodec.testdata.TestData;

/**
 * Field pictures (PAFF) through {@link VideoDecoder}, on the synthetic clip {@code paff} (frames coded as field
 * pairs and as frame pictures, see testdata/make_paff.py): its MP4 (both fields of a frame in one sample) and its
 * raw Annex B stream, with one and two frame threads, every frame in order and after seeks in random order;
 * and the refusal of a track storing one field per sample.
 */
class FieldPicturesVideoTest {
    private static final Clip PAFF = TestData.get().clip("paff");

    @ParameterizedTest(name = "{0}, {1} thread(s)")
    @CsvSource({"mp4, 1", "mp4, 2", "annexb, 1", "annexb, 2"})
    void everyFrameInOrderAndAfterSeeks(String container, int threads) throws Exception {
        Path file = container.equals("mp4") ? PAFF.file() : PAFF.annexB();
        FrameMd5 ref = PAFF.frameMd5();
        DecoderOptions options = DecoderOptions.builder().outputFormat(OutputFormat.YUV420P).threads(threads).build();
        try (VideoDecoder d = VideoDecoder.open(file, options)) {
            assertEquals(10, d.size());
            FrameBatch all = d.getFramesInRange(0, d.size(), 1);
            for (int k = 0; k < all.size(); k++) {
                assertEquals(ref.md5(k), new FrameHasher().bytes(all.data(), k * all.frameSize(), all.frameSize()).hex(),
                        "frame " + k);
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                order.add(i);
                order.add(i);
            }
            Collections.shuffle(order, new Random(20261205));
            for (int i : order) {
                assertEquals(ref.md5(i), FrameHasher.md5(d.getFrameAt(i).data()), "getFrameAt(" + i + ")");
            }
        }
    }

    @Test
    void oneFieldPerSampleIsRefusedAtOpen() {
        Path file = TestData.get().clip("paff_field_samples").file();
        VideoDecoderException e = assertThrows(VideoDecoderException.class, () -> VideoDecoder.open(file).close());
        assertEquals(VideoDecoderException.Kind.UNSUPPORTED, e.kind());
        assertTrue(e.getMessage().contains("one field picture without its second field"), e.getMessage());
    }
}
