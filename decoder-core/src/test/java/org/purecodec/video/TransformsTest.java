package org.purecodec.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.purecodec.testdata.Clip;
import org.purecodec.testdata.TestData;
import org.purecodec.video.convert.Resampler;

/**
 * {@link DecoderOptions.Builder#transforms}: the frames a decoder gives with transforms equal the transforms
 * applied to the frames it gives without them (resampling as {@link Resampler}, which is bit-exact with Pillow:
 * {@code ResamplerTest}); the first frame resized is Pillow's md5 end to end; shapes, dimension orders,
 * rotation, a stream that changes its picture size, parallel batches, and the errors.
 */
class TransformsTest {
    private static final Clip SAMPLE = TestData.get().sample(); // 640x360

    private static DecoderOptions nhwc(Transform... t) {
        return DecoderOptions.builder().dimensionOrder(DimensionOrder.NHWC).transforms(t).build();
    }

    /** The interleaved RGB frame {@code k} of {@code file} without transforms. */
    private static Frame plain(Path file, int k) {
        try (VideoDecoder d = VideoDecoder.open(file, DecoderOptions.builder().dimensionOrder(DimensionOrder.NHWC).build())) {
            return d.getFrameAt(k);
        }
    }

    private static byte[] resized(Frame f, int h, int w) {
        byte[] out = new byte[w * h * 3];
        new Resampler(f.width(), f.height(), w, h).resize(f.data(), 0, 3 * f.width(), out, 0, 3 * w);
        return out;
    }

    private static byte[] window(byte[] img, int imgWidth, int top, int left, int h, int w) {
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            System.arraycopy(img, ((top + y) * imgWidth + left) * 3, out, y * w * 3, w * 3);
        }
        return out;
    }

    /** Pillow's bilinear md5 for a clip's first frame at a size, from testdata/reference/resize.md5. */
    private static String pillowMd5(String clip, int w, int h) throws Exception {
        return pillowMd5(clip, w, h, Transform.Interpolation.BILINEAR);
    }

    /** Pillow's md5 for a clip's first frame at a size with a filter, from testdata/reference/resize.md5. */
    private static String pillowMd5(String clip, int w, int h, Transform.Interpolation filter) throws Exception {
        for (String line : Files.readAllLines(TestData.get().root().resolve("reference/resize.md5"))) {
            String[] f = line.trim().split(" +");
            if (f.length == 7 && f[0].equals(clip) && f[3].equals(Integer.toString(w)) && f[4].equals(Integer.toString(h))
                    && f[5].equals(filter.name())) {
                return f[6];
            }
        }
        throw new AssertionError("no Pillow reference for " + clip + " at " + w + "x" + h + ", " + filter);
    }

    private static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    @Test
    void resizedFirstFrameIsPillowsEndToEnd() throws Exception {
        try (VideoDecoder d = VideoDecoder.open(SAMPLE.file(), nhwc(Transform.resize(224, 224)))) {
            Frame f = d.getFrameAt(0);
            assertArrayEquals(new int[] {224, 224, 3}, f.shape());
            assertEquals(224, f.width());
            assertEquals(pillowMd5("sample", 224, 224), md5(f.data()));
            assertEquals(640, d.metadata().width(), "metadata keeps the stream's size");
            assertEquals(360, d.metadata().height());
        }
        // after rotation: rotated90 is coded 320x240 and shown 240x320
        Clip rotated = TestData.get().clip("rotated90");
        try (VideoDecoder d = VideoDecoder.open(rotated.file(), nhwc(Transform.resize(150, 112)))) {
            assertEquals(pillowMd5("rotated90", 112, 150), md5(d.getFrameAt(0).data()));
        }
    }

    @Test
    void otherFiltersArePillowsEndToEnd() throws Exception {
        // CLIP's preprocessing on a PIL image: Resize(224, interpolation=BICUBIC) then CenterCrop(224)
        try (VideoDecoder d = VideoDecoder.open(SAMPLE.file(), nhwc(Transform.resizeShorterSide(224,
                Transform.Interpolation.BICUBIC)))) {
            Frame f = d.getFrameAt(0);
            assertArrayEquals(new int[] {224, 398, 3}, f.shape());
            assertEquals(pillowMd5("sample", 398, 224, Transform.Interpolation.BICUBIC), md5(f.data()));
            try (VideoDecoder c = VideoDecoder.open(SAMPLE.file(), nhwc(Transform.resizeShorterSide(224,
                    Transform.Interpolation.BICUBIC), Transform.centerCrop(224, 224)))) {
                assertArrayEquals(window(f.data(), 398, 0, 87, 224, 224), c.getFrameAt(0).data());
            }
        }
        for (Transform.Interpolation filter : Transform.Interpolation.values()) {
            try (VideoDecoder d = VideoDecoder.open(SAMPLE.file(), nhwc(Transform.resize(224, 224, filter)))) {
                assertEquals(pillowMd5("sample", 224, 224, filter), md5(d.getFrameAt(0).data()), filter.name());
            }
        }
    }

    @Test
    void resizeThenCenterCropOverSeveralFramesInBothOrders() {
        int[] idx = {0, 57, 200, 344};
        try (VideoDecoder a = VideoDecoder.open(SAMPLE.file(),
                nhwc(Transform.resizeShorterSide(256), Transform.centerCrop(224, 224)));
             VideoDecoder b = VideoDecoder.open(SAMPLE.file(), DecoderOptions.builder()
                     .transforms(Transform.resizeShorterSide(256), Transform.centerCrop(224, 224)).build())) {
            FrameBatch hwc = a.getFramesAt(idx);
            FrameBatch chw = b.getFramesAt(idx);
            assertArrayEquals(new int[] {4, 224, 224, 3}, hwc.shape());
            assertArrayEquals(new int[] {4, 3, 224, 224}, chw.shape());
            for (int k = 0; k < idx.length; k++) {
                // 640x360, shorter side 256: 455x256 (256 * 640 / 360 = 455.1); the window at row 16, column
                // round(115.5) = 116 (half to even, as Python)
                byte[] want = window(resized(plain(SAMPLE.file(), idx[k]), 256, 455), 455, 16, 116, 224, 224);
                Frame f = hwc.frame(k);
                assertArrayEquals(want, f.data(), "frame " + idx[k]);
                Frame p = chw.frame(k);
                int n = 224 * 224;
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < 3; c++) {
                        assertEquals(want[3 * i + c], p.data()[c * n + i], "NCHW frame " + idx[k]);
                    }
                }
            }
        }
    }

    @Test
    void randomCropIsOneSeededWindowForEveryFrame() {
        Transform.RandomCrop rc = (Transform.RandomCrop) Transform.randomCrop(100, 150, 42);
        int[] at = rc.place(360, 640);
        assertArrayEquals(at, ((Transform.RandomCrop) Transform.randomCrop(100, 150, 42)).place(360, 640), "same seed");
        try (VideoDecoder d = VideoDecoder.open(SAMPLE.file(), nhwc(rc))) {
            for (int k : new int[] {0, 77, 344}) {
                Frame f = d.getFrameAt(k);
                assertArrayEquals(new int[] {100, 150, 3}, f.shape());
                assertArrayEquals(window(plain(SAMPLE.file(), k).data(), 640, at[0], at[1], 100, 150), f.data(),
                        "frame " + k + " at " + at[0] + "," + at[1]);
            }
        }
        // the places spread over the whole range, ends included, and stay inside the frame
        int minTop = Integer.MAX_VALUE;
        int maxTop = -1;
        int minLeft = Integer.MAX_VALUE;
        int maxLeft = -1;
        java.util.Set<Long> places = new java.util.HashSet<>();
        for (long seed = 0; seed < 2000; seed++) {
            int[] p = ((Transform.RandomCrop) Transform.randomCrop(350, 620, seed)).place(360, 640);
            assertTrue(p[0] >= 0 && p[0] <= 10 && p[1] >= 0 && p[1] <= 20, java.util.Arrays.toString(p));
            minTop = Math.min(minTop, p[0]);
            maxTop = Math.max(maxTop, p[0]);
            minLeft = Math.min(minLeft, p[1]);
            maxLeft = Math.max(maxLeft, p[1]);
            places.add(p[0] * 100L + p[1]);
        }
        assertEquals(0, minTop);
        assertEquals(10, maxTop);
        assertEquals(0, minLeft);
        assertEquals(20, maxLeft);
        assertTrue(places.size() > 200, "distinct places: " + places.size()); // 231 possible
        // a full-size window can only be the frame; without a seed, one is drawn
        assertArrayEquals(new int[] {0, 0}, ((Transform.RandomCrop) Transform.randomCrop(360, 640, 7)).place(360, 640));
        assertNotEquals(((Transform.RandomCrop) Transform.randomCrop(10, 10)).seed(),
                ((Transform.RandomCrop) Transform.randomCrop(10, 10)).seed());
        VideoDecoderException e = assertThrows(VideoDecoderException.class,
                () -> VideoDecoder.open(SAMPLE.file(), nhwc(Transform.randomCrop(361, 10, 1))));
        assertEquals(VideoDecoderException.Kind.INVALID_ARGUMENT, e.kind());
        assertTrue(e.getMessage().contains("randomCrop"), e.getMessage());
    }

    @Test
    void cropIsAWindowAndCentreCropRoundsHalfToEven() {
        try (VideoDecoder d = VideoDecoder.open(SAMPLE.file(), nhwc(Transform.crop(10, 601, 300, 39)))) {
            Frame f = d.getFrameAt(33);
            assertArrayEquals(new int[] {300, 39, 3}, f.shape());
            assertArrayEquals(window(plain(SAMPLE.file(), 33).data(), 640, 10, 601, 300, 39), f.data());
        }
        assertEquals(2, ((Transform.CenterCrop) Transform.centerCrop(357, 100)).top(360)); // 1.5 -> 2
        assertEquals(2, ((Transform.CenterCrop) Transform.centerCrop(355, 100)).top(360)); // 2.5 -> 2
        assertEquals(270, ((Transform.CenterCrop) Transform.centerCrop(100, 100)).left(640));
        try (VideoDecoder d = VideoDecoder.open(SAMPLE.file(), nhwc(Transform.centerCrop(355, 101)))) {
            // top round(2.5) = 2, left round(269.5) = 270
            assertArrayEquals(window(plain(SAMPLE.file(), 5).data(), 640, 2, 270, 355, 101), d.getFrameAt(5).data());
        }
    }

    @Test
    void aStreamThatChangesSizeGivesOneBatchWhenResizedToOneSize() {
        Clip clip = TestData.get().clip("size_change"); // 10 frames 320x240, then 10 frames 160x120
        try (VideoDecoder d = VideoDecoder.open(clip.file(), nhwc(Transform.resize(90, 120)))) {
            FrameBatch all = d.getFramesInRange(0, 20, 1);
            assertArrayEquals(new int[] {20, 90, 120, 3}, all.shape());
            for (int k : new int[] {0, 9, 10, 19}) {
                assertArrayEquals(resized(plain(clip.file(), k), 90, 120), all.frame(k).data(), "frame " + k);
            }
        }
        // a crop that fits the first size but not the second
        try (VideoDecoder d = VideoDecoder.open(clip.file(), nhwc(Transform.centerCrop(200, 200)))) {
            assertEquals(200, d.getFrameAt(3).width());
            VideoDecoderException e = assertThrows(VideoDecoderException.class, () -> d.getFrameAt(12));
            assertEquals(VideoDecoderException.Kind.INVALID_ARGUMENT, e.kind());
            assertTrue(e.getMessage().contains("frame 12") && e.getMessage().contains("160x120"), e.getMessage());
            assertEquals(200, d.getFrameAt(4).height(), "the decoder stays usable");
        }
    }

    @Test
    void parallelBatchesAreTheSame() {
        int[] idx = {3, 100, 101, 250, 340, 12};
        DecoderOptions o = nhwc(Transform.resize(120, 200), Transform.crop(5, 7, 100, 150));
        FrameBatch one;
        try (VideoDecoder d = VideoDecoder.open(SAMPLE.file(), o)) {
            one = d.getFramesAt(idx);
        }
        try (VideoDecoder d = VideoDecoder.open(SAMPLE.file(), o.toBuilder().parallelism(2).build())) {
            FrameBatch two = d.getFramesAt(idx);
            assertArrayEquals(one.shape(), two.shape());
            assertArrayEquals(one.data(), two.data());
        }
    }

    @Test
    void rawAnnexBStreamsAndApproximateModeToo() {
        Clip clip = TestData.get().clip("odd_642x362");
        DecoderOptions o = nhwc(Transform.resizeShorterSide(100), Transform.crop(3, 5, 90, 150));
        try (VideoDecoder mp4 = VideoDecoder.open(clip.file(), o);
             VideoDecoder raw = VideoDecoder.open(clip.annexB(), o);
             VideoDecoder approx = VideoDecoder.open(clip.file(), o.toBuilder().seekMode(SeekMode.APPROXIMATE).build())) {
            for (int k : new int[] {0, 7, 19}) {
                byte[] want = mp4.getFrameAt(k).data();
                assertArrayEquals(want, raw.getFrameAt(k).data(), "Annex B frame " + k);
                assertArrayEquals(want, approx.getFrameAt(k).data(), "APPROXIMATE frame " + k);
            }
            assertArrayEquals(new int[] {90, 150, 3}, raw.getFrameAt(1).shape());
        }
    }

    @Test
    void transformsThatChangeNothingGiveTheFrame() {
        byte[] want = plain(SAMPLE.file(), 9).data();
        for (DecoderOptions o : new DecoderOptions[] {nhwc(Transform.resize(360, 640)), nhwc(Transform.resizeShorterSide(360)),
                nhwc(Transform.resize(360, 640, Transform.Interpolation.NEAREST)),
                nhwc(Transform.resizeShorterSide(360, Transform.Interpolation.LANCZOS)),
                nhwc(Transform.centerCrop(360, 640)), nhwc(Transform.crop(0, 0, 360, 640), Transform.resize(360, 640))}) {
            try (VideoDecoder d = VideoDecoder.open(SAMPLE.file(), o)) {
                assertArrayEquals(want, d.getFrameAt(9).data(), o.transforms().toString());
            }
        }
    }

    @Test
    void samplersGiveTransformedClips() {
        try (VideoDecoder d = VideoDecoder.open(SAMPLE.file(), DecoderOptions.builder()
                .transforms(Transform.resize(32, 48)).build())) {
            org.purecodec.video.samplers.ClipBatch clips = org.purecodec.video.samplers.ClipSampler.randomIndices(d)
                    .numClips(3).framesPerClip(2).seed(5).sample();
            assertArrayEquals(new int[] {3, 2, 3, 32, 48}, clips.shape());
        }
    }

    @Test
    void errors() {
        VideoDecoderException e = assertThrows(VideoDecoderException.class,
                () -> DecoderOptions.builder().outputFormat(OutputFormat.YUV420P).transforms(Transform.resize(10, 10)).build());
        assertEquals(VideoDecoderException.Kind.INVALID_ARGUMENT, e.kind());
        assertEquals(VideoDecoderException.Kind.INVALID_ARGUMENT,
                assertThrows(VideoDecoderException.class, () -> Transform.resize(0, 10)).kind());
        assertEquals(VideoDecoderException.Kind.INVALID_ARGUMENT,
                assertThrows(VideoDecoderException.class, () -> Transform.crop(-1, 0, 10, 10)).kind());
        assertEquals(VideoDecoderException.Kind.INVALID_ARGUMENT,
                assertThrows(VideoDecoderException.class, () -> Transform.resize(10, 10, null)).kind());
        assertEquals(VideoDecoderException.Kind.INVALID_ARGUMENT,
                assertThrows(VideoDecoderException.class, () -> Transform.resizeShorterSide(10, null)).kind());
        assertThrows(NullPointerException.class, () -> DecoderOptions.builder().transforms((Transform) null));
        e = assertThrows(VideoDecoderException.class, () -> VideoDecoder.open(SAMPLE.file(), nhwc(Transform.centerCrop(361, 10))));
        assertEquals(VideoDecoderException.Kind.INVALID_ARGUMENT, e.kind());
        assertTrue(e.getMessage().contains("360x640"), e.getMessage());
        e = assertThrows(VideoDecoderException.class, () -> VideoDecoder.open(SAMPLE.file(), nhwc(Transform.crop(0, 600, 10, 41))));
        assertEquals(VideoDecoderException.Kind.INVALID_ARGUMENT, e.kind());
        // larger than the picture size limit: refused before anything that size is allocated
        e = assertThrows(VideoDecoderException.class, () -> VideoDecoder.open(SAMPLE.file(), nhwc(Transform.resize(65536, 65536))));
        assertEquals(VideoDecoderException.Kind.LIMIT_EXCEEDED, e.kind());
        e = assertThrows(VideoDecoderException.class, () -> VideoDecoder.open(SAMPLE.file(), nhwc(Transform.resizeShorterSide(20000))));
        assertEquals(VideoDecoderException.Kind.LIMIT_EXCEEDED, e.kind());
        assertEquals(List.of(), DecoderOptions.defaults().transforms());
    }
}
