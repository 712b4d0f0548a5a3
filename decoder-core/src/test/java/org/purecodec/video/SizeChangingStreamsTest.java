package org.purecodec.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.purecodec.testdata.Clip;
import org.purecodec.testdata.FrameHasher;
import org.purecodec.testdata.FrameMd5;
import org.purecodec.testdata.TestData;
import org.purecodec.video.VideoDecoderException.Kind;
import org.purecodec.video.parallel.ParallelDecoder;
import org.purecodec.video.parallel.ParallelOptions;
import org.purecodec.video.parallel.ParallelStrategy;
import org.purecodec.video.parallel.WorkerFailedException;

/**
 * Streams that change their picture size part way ({@code size_change}: a second sample description of another
 * size; {@code size_change_inband}: new SPS and PPS in the samples of one description, and its raw Annex B copy):
 * every frame comes out at its own size, bit-exact against FFmpeg's {@code -autoscale 0} checksums, in order and
 * after seeks across the change; a batch holds frames of one size, and one that would mix sizes is refused naming
 * the frames; the picture size limits hold for a size the stream brings later.
 */
class SizeChangingStreamsTest {
    private static final DecoderOptions YUV = DecoderOptions.builder().outputFormat(OutputFormat.YUV420P).build();
    /** RGB as FFmpeg's rgb24 checksums have it: interleaved. */
    private static final DecoderOptions RGB = DecoderOptions.builder().dimensionOrder(DimensionOrder.NHWC).build();

    /** Each size-changing clip as MP4, and as raw Annex B where a copy exists; one and two frame threads. */
    static Stream<Arguments> inputs() {
        List<Arguments> out = new ArrayList<>();
        for (Clip c : TestData.get().clips(Clip.Kind.SIZE_CHANGING)) {
            for (int threads : new int[] {1, 2}) {
                out.add(Arguments.of(c.name(), c, c.file(), threads));
                if (c.annexB() != null) {
                    out.add(Arguments.of(c.name() + " (Annex B)", c, c.annexB(), threads));
                }
            }
        }
        assertEquals(4, out.size() / 2, "inputs per thread count");
        return out.stream();
    }

    private static String md5(Frame f) {
        return new FrameHasher().bytes(f.data(), 0, f.data().length).hex();
    }

    @ParameterizedTest(name = "{0}, {3} thread(s)")
    @MethodSource("inputs")
    void everyFrameComesOutAtItsOwnSizeBitExact(String name, Clip clip, Path file, int threads) {
        FrameMd5 yuvRef = clip.frameMd5();
        FrameMd5 rgbRef = clip.rgbFrameMd5();
        try (VideoDecoder yuv = VideoDecoder.open(file, YUV.toBuilder().threads(threads).build());
             VideoDecoder rgb = VideoDecoder.open(file, RGB.toBuilder().threads(threads).build())) {
            assertEquals(yuvRef.size(), yuv.size(), "frame count");
            Iterator<Frame> y = yuv.iterator();
            Iterator<Frame> r = rgb.iterator();
            int sizes = 0;
            int lastWidth = -1;
            for (int k = 0; k < yuvRef.size(); k++) {
                Frame fy = y.next();
                Frame fr = r.next();
                assertEquals(yuvRef.md5(k), md5(fy), "YUV frame " + k);
                assertEquals(rgbRef.md5(k), md5(fr), "RGB frame " + k);
                int w = fr.width();
                int h = fr.height();
                assertEquals(yuvRef.entries().get(k).size(), w * h * 3 / 2, "frame " + k + " is " + w + "x" + h);
                assertArrayEquals(new int[] {h, w, 3}, fr.shape(), "frame " + k);
                if (w != lastWidth) {
                    sizes++;
                    lastWidth = w;
                }
            }
            assertEquals(2, sizes, "picture sizes in turn");
            assertTrue(!y.hasNext() && !r.hasNext(), "no frame more");
        }
    }

    @ParameterizedTest(name = "{0}, {3} thread(s)")
    @MethodSource("inputs")
    void seeksBackAndForthAcrossTheChange(String name, Clip clip, Path file, int threads) {
        FrameMd5 ref = clip.frameMd5();
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < ref.size(); k++) {
            order.add(k);
        }
        Collections.shuffle(order, new Random(7));
        try (VideoDecoder d = VideoDecoder.open(file, YUV.toBuilder().threads(threads).build())) {
            for (int k : order) {
                assertEquals(ref.md5(k), md5(d.getFrameAt(k)), "frame " + k + " (order " + order + ")");
            }
        }
    }

    @Test
    void aBatchOfOneSizeHasThatSize() {
        Clip clip = TestData.get().clip("size_change"); // 10 frames 320x240, then 10 frames 160x120
        FrameMd5 ref = clip.rgbFrameMd5();
        for (int parallelism : new int[] {1, 2}) {
            try (VideoDecoder d = VideoDecoder.open(clip.file(), RGB.toBuilder().parallelism(parallelism).build())) {
                assertEquals(320, d.metadata().width(), "the metadata gives the first frame's size");
                assertEquals(240, d.metadata().height());
                FrameBatch second = d.getFramesInRange(10, 20, 1);
                assertArrayEquals(new int[] {10, 120, 160, 3}, second.shape(), "parallelism " + parallelism);
                assertEquals(160, second.width());
                assertEquals(120, second.height());
                for (int k = 0; k < second.size(); k++) {
                    assertEquals(ref.md5(10 + k), new FrameHasher().bytes(second.data(), k * second.frameSize(),
                            second.frameSize()).hex(), "frame " + (10 + k) + ", parallelism " + parallelism);
                }
                FrameBatch first = d.getFramesAt(9, 0, 9); // and back to the first size, a frame twice
                assertArrayEquals(new int[] {3, 240, 320, 3}, first.shape());
                assertEquals(ref.md5(9), new FrameHasher().bytes(first.data(), 2 * first.frameSize(),
                        first.frameSize()).hex());
            }
        }
    }

    @Test
    void aBatchMixingSizesIsRefusedNamingTheFrames() {
        Clip clip = TestData.get().clip("size_change_inband"); // 10 frames 160x120, then 10 frames 320x240
        for (int parallelism : new int[] {1, 2}) {
            try (VideoDecoder d = VideoDecoder.open(clip.file(), RGB.toBuilder().parallelism(parallelism).build())) {
                VideoDecoderException e = assertThrows(VideoDecoderException.class, () -> d.getFramesAt(3, 12));
                assertEquals(Kind.UNSUPPORTED, e.kind(), e.getMessage());
                assertTrue(e.getMessage().contains("320x240") && e.getMessage().contains("160x120")
                        && e.getMessage().contains("one size"), e.getMessage());
                if (parallelism == 1) {
                    assertTrue(e.getMessage().contains("frame 12 is 320x240 and frame 3"), e.getMessage());
                }
                e = assertThrows(VideoDecoderException.class, () -> d.getFramesInRange(0, 20, 5));
                assertEquals(Kind.UNSUPPORTED, e.kind(), e.getMessage());
                // the decoder is still usable, at either size
                assertEquals(clip.rgbFrameMd5().md5(12), md5(d.getFrameAt(12)));
                assertEquals(clip.rgbFrameMd5().md5(3), md5(d.getFrameAt(3)));
            }
        }
    }

    /**
     * Worker processes write into a file laid out for the stream's first size before decoding: frames of that
     * size come back, frames of the later size make the worker fail with a message that says why.
     */
    @Test
    void workerProcessesTakeTheFirstSizeOnly(@TempDir Path tmp) {
        Clip clip = TestData.get().clip("size_change"); // 10 frames 320x240, then 10 frames 160x120
        ParallelOptions o = ParallelOptions.builder().strategy(ParallelStrategy.PROCESSES).workers(2).tempDir(tmp)
                .decoderOptions(RGB).build();
        FrameBatch first = ParallelDecoder.getFramesAt(clip.file(), o, 0, 3, 6, 9);
        assertArrayEquals(new int[] {4, 240, 320, 3}, first.shape());
        assertEquals(clip.rgbFrameMd5().md5(6), new FrameHasher().bytes(first.data(), 2 * first.frameSize(),
                first.frameSize()).hex());
        WorkerFailedException e = assertThrows(WorkerFailedException.class,
                () -> ParallelDecoder.getFramesAt(clip.file(), o, 12, 15, 18));
        assertTrue(e.getMessage().contains("is 160x120, the stream's first frames 320x240: worker processes write"
                + " frames of the stream's first size only"), e.getMessage());
    }

    /**
     * The picture size limits hold for a size the stream brings in band (not known at open): the frames of the
     * allowed size decode, the first of the larger one is a LIMIT_EXCEEDED error even with ErrorPolicy.SKIP.
     */
    @Test
    void theSizeLimitHoldsForALaterLargerSize() {
        Clip clip = TestData.get().clip("size_change_inband");
        for (ErrorPolicy policy : ErrorPolicy.values()) {
            DecoderOptions o = YUV.toBuilder().maxPictureSize(200, 200, 200 * 200).errorPolicy(policy).build();
            for (Path file : new Path[] {clip.file(), clip.annexB()}) {
                try (VideoDecoder d = VideoDecoder.open(file, o)) {
                    assertEquals(clip.frameMd5().md5(9), md5(d.getFrameAt(9)));
                    VideoDecoderException e = assertThrows(VideoDecoderException.class, () -> d.getFrameAt(10));
                    assertEquals(Kind.LIMIT_EXCEEDED, e.kind(), policy + ", " + file + ": " + e.getMessage());
                    assertTrue(e.getMessage().contains("320x240 exceeds the limit of 200x200"), e.getMessage());
                    assertEquals(clip.frameMd5().md5(4), md5(d.getFrameAt(4)), "the smaller frames still decode");
                }
            }
        }
    }
}
