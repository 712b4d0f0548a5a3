package org.purecodec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.purecodec.testdata.Clip;
import org.purecodec.testdata.TestData;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpAndUsageErrors() {
        assertEquals(0, run("--help"));
        assertTrue(out().contains("usage: purecodec"));
        assertEquals(1, run("frobnicate"));
        assertTrue(err().contains("unknown command 'frobnicate'"));
        assertEquals(1, run("decode", "--frames", "zero"));
        assertTrue(err().contains("--frames needs a positive integer"), err());
    }

    @Test
    void infoShowsTheTracksOfAFile() {
        Clip c = TestData.get().clip("audio_first");
        assertEquals(0, run("info", c.file().toString()), err());
        String o = out();
        assertTrue(o.contains("2 track(s)"), o);
        assertTrue(o.contains("audio"), o);
        assertTrue(o.contains("video, selected"), o);
        assertTrue(o.contains("frames 50"), o);
    }

    @Test
    void decodeVerifiesAgainstAFrameMd5() {
        Clip c = TestData.get().clip("main_cabac");
        assertEquals(0, run("decode", c.file().toString(), "--verify", c.reference(".framemd5").toString()), out() + err());
        assertTrue(out().contains("verified: all 50 frames bit-exact"), out());
    }

    @Test
    void decodeWithFrameOrSliceThreads() {
        Clip c = TestData.get().clip("slices4");
        assertEquals(0, run("decode", c.file().toString(), "--verify", c.reference(".framemd5").toString(), "--threads", "2",
                "--thread-type", "slice"), out() + err());
        assertTrue(out().contains("verified: all 50 frames bit-exact"), out());
        assertTrue(out().contains("(2 slice threads"), out());
        out.reset();
        assertEquals(0, run("decode", c.file().toString(), "--verify", c.reference(".framemd5").toString(), "--threads", "3"),
                out() + err());
        assertTrue(out().contains("(3 frame threads"), out());
        err.reset();
        assertEquals(1, run("decode", c.file().toString(), "--threads", "65"));
        assertTrue(err().contains("1 to 64"), err());
    }

    @Test
    void decodeReportsAMismatch() {
        // Another clip's checksums cannot match: exit status 1 and the first differing frame.
        Clip c = TestData.get().clip("main_cabac");
        Clip other = TestData.get().clip("no_deblock");
        assertEquals(1, run("decode", c.file().toString(), "--verify", other.reference(".framemd5").toString()));
        assertTrue(out().contains("MISMATCH"), out());
        assertTrue(out().contains("first: frame 0"), out());
    }

    @Test
    void decodeReadsRawAnnexB() {
        Clip c = TestData.get().clip("baseline_cavlc");
        assertEquals(0, run("decode", c.annexB().toString(), "--verify", c.reference(".framemd5").toString()), out() + err());
        assertTrue(out().contains("verified: all 50 frames"), out());
    }

    @Test
    void badInputsGiveATypedMessageAndStatus2() {
        for (String name : new String[] {"empty", "random", "no_moov"}) {
            out.reset();
            err.reset();
            Clip c = TestData.get().clip(name);
            assertEquals(1, run("info", c.file().toString()), name + ": " + out());
            assertTrue(err().startsWith("purecodec: "), name + ": " + err());
        }
        assertEquals(1, run("info", "does/not/exist.mp4"));
        assertTrue(err().contains("no such file"), err());
    }

    @Test
    void errorsAreOneLineUnlessVerbose() {
        Clip c = TestData.get().clip("random");
        assertEquals(1, run("info", c.file().toString()));
        assertEquals(1, err().strip().split("\n").length, err());
        err.reset();
        assertEquals(1, run("--verbose", "info", c.file().toString()));
        assertTrue(err().contains("\tat org.purecodec"), err());
    }

    /** The md5 column of a framemd5 text. */
    static java.util.List<String> md5Column(String text) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String l : text.split("\n")) {
            if (!l.isBlank() && !l.startsWith("#")) {
                String[] f = l.split(",");
                out.add(f[f.length - 1].trim());
            }
        }
        return out;
    }

    /** Streams that change their picture size: every frame at its own size, as FFmpeg's -autoscale 0 output. */
    @Test
    void sizeChangingStreamsVerifyAndHashEveryFrameAtItsOwnSize() {
        for (Clip c : TestData.get().clips(Clip.Kind.SIZE_CHANGING)) {
            out.reset();
            assertEquals(0, run("decode", c.file().toString(), "--verify", c.reference(".framemd5").toString()),
                    out() + err());
            assertTrue(out().contains("verified: all 20 frames bit-exact"), out());
            out.reset();
            assertEquals(0, run("framemd5", c.file().toString()), err());
            java.util.List<String> expected = new java.util.ArrayList<>();
            java.util.List<String> sizes = new java.util.ArrayList<>();
            java.util.List<String> gotSizes = new java.util.ArrayList<>();
            for (int i = 0; i < c.frameMd5().size(); i++) {
                expected.add(c.frameMd5().md5(i));
                sizes.add(Integer.toString(c.frameMd5().entries().get(i).size()));
            }
            for (String l : out().split("\n")) {
                if (!l.isBlank() && !l.startsWith("#")) {
                    String[] f = l.split(",");
                    gotSizes.add(f[f.length - 2].trim());
                }
            }
            assertEquals(expected, md5Column(out()), c.name());
            assertEquals(sizes, gotSizes, c.name() + ": frame sizes");
        }
    }

    @Test
    void framemd5MatchesFfmpegForMp4AndAnnexB() {
        for (String name : new String[] {"main_cabac", "editlist_bframe", "odd_642x362", "fragmented"}) {
            out.reset();
            Clip c = TestData.get().clip(name);
            assertEquals(0, run("framemd5", c.file().toString()), err());
            assertTrue(out().startsWith("#format: frame checksums"), out());
            java.util.List<String> expected = new java.util.ArrayList<>();
            for (int i = 0; i < c.frameMd5().size(); i++) {
                expected.add(c.frameMd5().md5(i));
            }
            assertEquals(expected, md5Column(out()), name);
        }
        // Raw Annex B input, detected by content.
        out.reset();
        Clip b = TestData.get().clip("bframes_pyramid");
        assertEquals(0, run("framemd5", b.annexB().toString()), err());
        assertEquals(b.frameMd5().size(), md5Column(out()).size());
        assertEquals(b.frameMd5().md5(7), md5Column(out()).get(7));
        // slice threads on a clip of four slices per picture
        out.reset();
        Clip s4 = TestData.get().clip("slices4");
        assertEquals(0, run("framemd5", s4.file().toString(), "--threads", "2", "--thread-type", "slice"), err());
        java.util.List<String> want = new java.util.ArrayList<>();
        for (int i = 0; i < s4.frameMd5().size(); i++) {
            want.add(s4.frameMd5().md5(i));
        }
        assertEquals(want, md5Column(out()));
        err.reset();
        assertEquals(1, run("framemd5", s4.file().toString(), "--thread-type", "both"));
        assertTrue(err().contains("'frame' or 'slice', not 'both'"), err());
    }

    @Test
    void infoOnARawStreamReportsWhatItsIndexAndSpsSay() {
        Clip c = TestData.get().clip("ntsc_2997");
        assertEquals(0, run("info", c.annexB().toString()), err());
        assertTrue(out().contains("raw H.264 Annex B stream"), out());
        assertTrue(out().contains("320x240, profile 77 level 13, 60 frames (1 key frame), 29.970 fps, 2.002 s"), out());
        out.reset();
        assertEquals(0, run("info", c.annexB().toString(), "--json"), err());
        assertTrue(out().contains("\"num_frames\": 60") && out().contains("\"average_fps\": 29.97002997002997"), out());
    }

    @Test
    void framemd5DoesNotRotate() {
        // rotated90 is main_cabac with a display matrix: as coded, its pictures are main_cabac's.
        assertEquals(0, run("framemd5", TestData.get().clip("rotated90").file().toString()), err());
        Clip plain = TestData.get().clip("main_cabac");
        assertEquals(plain.frameMd5().md5(3), md5Column(out()).get(3));
        assertTrue(out().contains("#dimensions 0: 320x240"), out());
    }

    @Test
    void framemd5RejectsAMissingStream() {
        assertEquals(1, run("framemd5", TestData.get().clip("audio_first").file().toString(), "--stream", "0"));
        assertTrue(err().contains("not a video stream"), err());
    }

    @Test
    void packetsListsThePresentedFrames() {
        Clip c = TestData.get().clip("editlist_bframe");
        assertEquals(0, run("packets", c.file().toString()), err());
        String[] lines = out().strip().split("\n");
        assertEquals(2 + c.frameMd5().size(), lines.length, out());
        assertTrue(lines[0].contains("44 presented frames of 50 samples"), lines[0]);
        assertEquals("frame,pts,dts,duration,size,key,sample", lines[1]);
    }

    @Test
    void infoJsonUsesTorchCodecNames() {
        assertEquals(0, run("info", TestData.get().clip("main_cabac").file().toString(), "--json"), err());
        for (String key : new String[] {"\"codec\"", "\"num_frames\"", "\"average_fps\"", "\"streams\""}) {
            assertTrue(out().contains(key), key + " in " + out());
        }
    }

    @Test
    void framesWritesPngFilesWithFfmpegsPixels(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Clip c = TestData.get().clip("bt709");
        assertEquals(0, run("frames", c.file().toString(), "--indices", "0,10", "--out", dir.toString()), err());
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(dir.resolve("frame_000010.png").toFile());
        byte[] ref = c.rgbFrame(10);
        assertEquals(320, img.getWidth());
        for (int y = 0; y < img.getHeight(); y += 7) {
            for (int x = 0; x < img.getWidth(); x += 5) {
                int p = (y * img.getWidth() + x) * 3;
                int expected = ((ref[p] & 0xff) << 16) | ((ref[p + 1] & 0xff) << 8) | (ref[p + 2] & 0xff);
                assertEquals(expected, img.getRGB(x, y) & 0xffffff, "pixel " + x + "," + y);
            }
        }
        assertEquals(0, run("frames", c.file().toString(), "--every", "0.5s", "--out", dir.resolve("t").toString()));
        assertEquals(4, java.nio.file.Files.list(dir.resolve("t")).count());
    }

    @Test
    void framesWithTransforms(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Clip c = TestData.get().sample(); // 640x360: shorter side 256 gives 455x256, then the centred 224x224
        assertEquals(0, run("frames", c.file().toString(), "--indices", "0", "--shorter-side", "256", "--center-crop",
                "224x224", "--out", dir.toString()), err());
        assertTrue(out().contains("of 224x224"), out());
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(dir.resolve("frame_000000.png").toFile());
        assertEquals(224, img.getWidth());
        assertEquals(224, img.getHeight());
        try (org.purecodec.video.VideoDecoder d = org.purecodec.video.VideoDecoder.open(c.file(),
                org.purecodec.video.DecoderOptions.builder().dimensionOrder(org.purecodec.video.DimensionOrder.NHWC)
                        .transforms(org.purecodec.video.Transform.resizeShorterSide(256),
                                org.purecodec.video.Transform.centerCrop(224, 224)).build())) {
            byte[] want = d.getFrameAt(0).data();
            for (int y = 0; y < 224; y += 3) {
                for (int x = 0; x < 224; x += 3) {
                    int p = (y * 224 + x) * 3;
                    int expected = ((want[p] & 0xff) << 16) | ((want[p + 1] & 0xff) << 8) | (want[p + 2] & 0xff);
                    assertEquals(expected, img.getRGB(x, y) & 0xffffff, "pixel " + x + "," + y);
                }
            }
        }
        assertEquals(0, run("frames", c.file().toString(), "--indices", "3", "--resize", "100x50", "--out",
                dir.resolve("r").toString()), err());
        assertEquals(100, javax.imageio.ImageIO.read(dir.resolve("r/frame_000003.png").toFile()).getWidth());
        // CLIP's preprocessing: shorter side 224 bicubic, centred 224x224; the filter may come after the resize
        assertEquals(0, run("frames", c.file().toString(), "--indices", "0", "--shorter-side", "224", "--center-crop",
                "224x224", "--interpolation", "Bicubic", "--out", dir.resolve("b").toString()), err());
        java.awt.image.BufferedImage bic = javax.imageio.ImageIO.read(dir.resolve("b/frame_000000.png").toFile());
        try (org.purecodec.video.VideoDecoder d = org.purecodec.video.VideoDecoder.open(c.file(),
                org.purecodec.video.DecoderOptions.builder().dimensionOrder(org.purecodec.video.DimensionOrder.NHWC)
                        .transforms(org.purecodec.video.Transform.resizeShorterSide(224,
                                        org.purecodec.video.Transform.Interpolation.BICUBIC),
                                org.purecodec.video.Transform.centerCrop(224, 224)).build())) {
            byte[] want = d.getFrameAt(0).data();
            int differs = 0;
            for (int y = 0; y < 224; y++) {
                for (int x = 0; x < 224; x++) {
                    int p = (y * 224 + x) * 3;
                    int expected = ((want[p] & 0xff) << 16) | ((want[p + 1] & 0xff) << 8) | (want[p + 2] & 0xff);
                    differs += expected != (bic.getRGB(x, y) & 0xffffff) ? 1 : 0;
                }
            }
            assertEquals(0, differs, "pixels unlike the API's bicubic frame");
        }
        err.reset();
        assertEquals(1, run("frames", c.file().toString(), "--indices", "0", "--resize", "10x10", "--interpolation",
                "cubic", "--out", dir.toString()));
        assertTrue(err().contains("'cubic' is not one of [nearest, box, bilinear, hamming, bicubic, lanczos]"), err());
        err.reset();
        assertEquals(1, run("frames", c.file().toString(), "--indices", "0", "--resize", "100", "--out", dir.toString()));
        assertTrue(err().contains("WIDTHxHEIGHT"), err());
        err.reset();
        assertEquals(1, run("frames", c.file().toString(), "--indices", "0", "--center-crop", "700x10", "--out",
                dir.toString()));
        assertTrue(err().contains("centerCrop: a 10x700 window does not fit in a 360x640 frame"), err());
    }

    @Test
    void framesOfAStreamThatChangesSizeHaveTheirOwnSize(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Clip c = TestData.get().clip("size_change"); // 10 frames 320x240, then 10 frames 160x120
        assertEquals(0, run("frames", c.file().toString(), "--indices", "3,15", "--out", dir.toString()), err());
        assertEquals(320, javax.imageio.ImageIO.read(dir.resolve("frame_000003.png").toFile()).getWidth());
        java.awt.image.BufferedImage small = javax.imageio.ImageIO.read(dir.resolve("frame_000015.png").toFile());
        assertEquals(160, small.getWidth());
        assertEquals(120, small.getHeight());
    }

    @Test
    void unsupportedStreamsAreRefused() {
        for (String name : new String[] {"high444", "high10", "interlaced_mbaff"}) {
            err.reset();
            Clip c = TestData.get().clip(name);
            assertEquals(1, run("decode", c.file().toString()), name);
            assertTrue(err().contains("UNSUPPORTED"), name + ": " + err());
        }
    }
}
