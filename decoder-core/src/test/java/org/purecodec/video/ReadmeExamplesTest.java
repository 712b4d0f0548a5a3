package org.purecodec.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.purecodec.testdata.TestData;
import org.purecodec.video.image.PngEncoder;
import org.purecodec.video.samplers.ClipBatch;
import org.purecodec.video.samplers.ClipSampler;

/**
 * The README's Java examples are the regions of this file between {@code // example: NAME} and
 * {@code // end example}: each is compiled and run here, and {@link #readmeShowsTheseExamples()}
 * checks that the README's {@code java} blocks marked {@code <!-- example: NAME -->} are exactly
 * these regions.
 */
class ReadmeExamplesTest {
    /** The embedded sample, 640x360, 345 frames at 25 fps. */
    private final Path video = TestData.get().sample().file();

    @Test
    void openAndMetadata() {
        // example: open
        try (VideoDecoder decoder = VideoDecoder.open(video)) {
            VideoMetadata m = decoder.metadata();
            System.out.printf("%s %dx%d, %d frames, %.2f fps, %.2f s%n", m.codec(), m.width(), m.height(),
                    m.numFrames(), m.averageFps(), m.durationSeconds());
            Frame first = decoder.getFrameAt(0);       // RGB24, shape [3, 360, 640] (NCHW)
            Frame last = decoder.getFrameAt(-1);       // negative indices count from the end
            System.out.println(first + " " + last);
        }
        // end example
    }

    @Test
    void indexAccess() {
        try (VideoDecoder decoder = VideoDecoder.open(video)) {
            // example: indices
            FrameBatch some = decoder.getFramesAt(300, 0, 150, 0);   // any order; duplicates decoded once
            FrameBatch range = decoder.getFramesInRange(0, 100, 10);  // frames 0, 10, ..., 90
            int[] keys = decoder.keyFrameIndices();
            System.out.println(java.util.Arrays.toString(some.shape()) + " " + range.size() + " " + keys.length);
            // end example
            assertEquals(4, some.size());
            assertEquals(10, range.size());
        }
    }

    @Test
    void timeAccess() {
        try (VideoDecoder decoder = VideoDecoder.open(video)) {
            // example: times
            Frame atTwo = decoder.getFramePlayedAt(2.0);                    // the frame shown at 2.0 s
            FrameBatch seconds = decoder.getFramesPlayedAt(0.5, 1.5, 10.25);
            FrameBatch window = decoder.getFramesPlayedInRange(4.0, 5.0);    // every frame shown in [4, 5)
            System.out.println(atTwo.ptsSeconds() + " " + seconds.size() + " " + window.size());
            // end example
            assertEquals(2.0, atTwo.ptsSeconds(), 1e-9);
            assertEquals(25, window.size());
        }
    }

    @Test
    void iterate() {
        try (VideoDecoder decoder = VideoDecoder.open(video)) {
            // example: iterate
            int count = 0;
            Iterator<Frame> frames = decoder.iterator();   // decodes as it goes, one frame at a time
            while (frames.hasNext()) {
                Frame f = frames.next();
                count++;
                if (f.keyFrame()) {
                    System.out.println("key frame at " + f.ptsSeconds() + " s");
                }
            }
            // end example
            assertEquals(345, count);
        }
    }

    @Test
    void sizeChangingStream() {
        Path changing = TestData.get().clip("size_change").file();
        // example: sizechange
        List<String> seen = new ArrayList<>();
        try (VideoDecoder decoder = VideoDecoder.open(changing)) {  // 320x240, then 160x120 from frame 10
            Iterator<Frame> frames = decoder.iterator();
            while (frames.hasNext()) {
                Frame f = frames.next();                            // each frame at its own size
                seen.add(f.width() + "x" + f.height());
            }
            FrameBatch small = decoder.getFramesInRange(10, 20, 1); // shape [10, 3, 120, 160]
            try {
                decoder.getFramesInRange(5, 15, 1);                 // two sizes cannot share one batch
            } catch (VideoDecoderException e) {
                System.out.println(e.kind() + ": " + e.getMessage()); // UNSUPPORTED, naming a frame of each
            }
            System.out.println(java.util.Arrays.toString(small.shape()));
        }
        // end example
        assertEquals(20, seen.size());
        assertEquals("320x240", seen.get(9));
        assertEquals("160x120", seen.get(10));
        try (VideoDecoder decoder = VideoDecoder.open(changing)) {
            VideoDecoderException e = org.junit.jupiter.api.Assertions.assertThrows(VideoDecoderException.class,
                    () -> decoder.getFramesInRange(5, 15, 1));
            assertEquals(VideoDecoderException.Kind.UNSUPPORTED, e.kind());
        }
    }

    @Test
    void options() {
        // example: options
        DecoderOptions options = DecoderOptions.builder()
                .dimensionOrder(DimensionOrder.NHWC)       // [H, W, 3] instead of [3, H, W]
                .outputFormat(OutputFormat.RGB24)          // or YUV420P: the decoder's own planes
                .seekMode(SeekMode.APPROXIMATE)            // header-only index: fps-based mapping
                .streamIndex(DecoderOptions.BEST_STREAM)   // or the index of a video track
                .threads(2)                                // decoder threads: 2 pictures at a time
                .threadType(ThreadType.FRAME)              // or SLICE: the slices of one picture
                .build();
        try (VideoDecoder decoder = VideoDecoder.open(video, options)) {
            Frame f = decoder.getFrameAt(42);
            System.out.println(java.util.Arrays.toString(f.shape()));   // [360, 640, 3]
        }
        // end example
    }

    @Test
    void transforms() {
        // example: transforms
        DecoderOptions small = DecoderOptions.builder()
                .transforms(Transform.resizeShorterSide(256),   // 640x360 -> 455x256, as torchvision's Resize(256)
                        Transform.centerCrop(224, 224))          // then the centred 224x224 window
                .build();
        try (VideoDecoder decoder = VideoDecoder.open(video, small)) {
            FrameBatch b = decoder.getFramesInRange(0, 300, 30);
            System.out.println(java.util.Arrays.toString(b.shape()));  // [10, 3, 224, 224]
        }
        DecoderOptions clip = DecoderOptions.builder()           // CLIP's preprocessing as on a PIL image
                .transforms(Transform.resizeShorterSide(224, Transform.Interpolation.BICUBIC),
                        Transform.centerCrop(224, 224))
                .build();
        // end example
        try (VideoDecoder decoder = VideoDecoder.open(video, small)) {
            assertEquals(java.util.List.of(3, 224, 224),
                    java.util.Arrays.stream(decoder.getFrameAt(0).shape()).boxed().toList());
        }
        try (VideoDecoder decoder = VideoDecoder.open(video, clip)) {
            assertEquals(java.util.List.of(3, 224, 224),
                    java.util.Arrays.stream(decoder.getFrameAt(0).shape()).boxed().toList());
        }
    }

    @Test
    void samplers() {
        try (VideoDecoder decoder = VideoDecoder.open(video)) {
            // example: samplers
            ClipBatch random = ClipSampler.randomIndices(decoder)
                    .numClips(4).framesPerClip(3).indicesBetweenFrames(5).seed(42).sample();
            ClipBatch regular = ClipSampler.regularTimestamps(decoder)
                    .secondsBetweenClipStarts(2.0).framesPerClip(2).secondsBetweenFrames(0.5).sample();
            System.out.println(java.util.Arrays.toString(random.shape()) + " " + regular.numClips());
            // end example
            assertEquals(7, regular.numClips());
        }
    }

    @Test
    void errors() {
        // example: errors
        try (VideoDecoder decoder = VideoDecoder.open(video)) {
            decoder.getFrameAt(1000);
        } catch (VideoDecoderException e) {
            // e.kind() == INDEX_OUT_OF_RANGE; the message says "valid indices are [-345, 345)"
            System.out.println(e.kind() + ": " + e.getMessage());
        }
        // end example
    }

    @Test
    void png(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        try (VideoDecoder decoder = VideoDecoder.open(video,
                DecoderOptions.builder().dimensionOrder(DimensionOrder.NHWC).build())) {
            Path out = dir.resolve("frame.png");
            // example: png
            Frame f = decoder.getFrameAt(100);   // NHWC RGB24
            Files.write(out, PngEncoder.encodeRgb(f.data(), 0, f.width(), f.height()));
            // end example
            assertTrue(Files.size(out) > 1000);
        }
    }

    private static String normalize(String code) {
        StringBuilder sb = new StringBuilder();
        for (String line : code.split("\n")) {
            if (!line.isBlank()) {
                sb.append(line.strip()).append('\n');
            }
        }
        return sb.toString();
    }

    @Test
    void readmeShowsTheseExamples() throws IOException {
        Path root = TestData.get().root().getParent();
        String source = new String(Files.readAllBytes(root.resolve(
                "decoder-core/src/test/java/org/purecodec/video/ReadmeExamplesTest.java")), StandardCharsets.UTF_8);
        Map<String, String> regions = new LinkedHashMap<>();
        Matcher r = Pattern.compile("// example: (\\w+)\\n(.*?)\\n\\s*// end example", Pattern.DOTALL).matcher(source);
        while (r.find()) {
            regions.put(r.group(1), normalize(r.group(2)));
        }
        String readme = new String(Files.readAllBytes(root.resolve("README.md")), StandardCharsets.UTF_8);
        Matcher b = Pattern.compile("<!-- example: (\\w+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        List<String> shown = new ArrayList<>();
        while (b.find()) {
            String name = b.group(1);
            assertTrue(regions.containsKey(name), "README example '" + name + "' has no region in this test");
            assertEquals(regions.get(name), normalize(b.group(2)), "README example '" + name + "' differs from the test");
            shown.add(name);
        }
        assertEquals(new ArrayList<>(regions.keySet()), shown, "every example region appears in the README, in order");
    }
}
