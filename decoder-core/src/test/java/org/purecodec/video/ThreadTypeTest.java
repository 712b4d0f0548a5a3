package org.purecodec.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.purecodec.testdata.Clip;
import org.purecodec.testdata.FrameHasher;
import org.purecodec.testdata.FrameMd5;
import org.purecodec.testdata.TestData;
import org.junit.jupiter.api.Test;

/** {@link DecoderOptions.Builder#threadType}: slice threads give FFmpeg's pictures too, through every path. */
class ThreadTypeTest {

    @ParameterizedTest(name = "{0}, {1}, {2} thread(s)")
    @CsvSource({"slices4, mp4, 2", "slices4, annexb, 3", "sample, mp4, 2", "main_cabac, mp4, 2"})
    void sliceThreadsGiveTheReferencePictures(String name, String container, int threads) throws Exception {
        Clip clip = TestData.get().clip(name);
        Path file = container.equals("mp4") ? clip.file() : clip.annexB();
        FrameMd5 ref = clip.frameMd5();
        DecoderOptions options = DecoderOptions.builder().outputFormat(OutputFormat.YUV420P).threads(threads)
                .threadType(ThreadType.SLICE).build();
        assertEquals(ThreadType.SLICE, options.threadType());
        try (VideoDecoder d = VideoDecoder.open(file, options)) {
            int n = Math.min(d.size(), 60);
            FrameBatch all = d.getFramesInRange(0, n, 1);
            for (int k = 0; k < n; k++) {
                assertEquals(ref.md5(k), new FrameHasher().bytes(all.data(), k * all.frameSize(), all.frameSize()).hex(),
                        name + " frame " + k);
            }
            int last = d.size() - 1;
            assertEquals(ref.md5(last), FrameHasher.md5(d.getFrameAt(last).data()), "after a seek to the last frame");
        }
    }

    @Test
    void defaultsAndErrors() {
        assertEquals(ThreadType.FRAME, DecoderOptions.defaults().threadType());
        assertEquals(ThreadType.SLICE, DecoderOptions.builder().threadType(ThreadType.SLICE).build().toBuilder().build()
                .threadType());
        assertThrows(NullPointerException.class, () -> DecoderOptions.builder().threadType(null));
    }
}
