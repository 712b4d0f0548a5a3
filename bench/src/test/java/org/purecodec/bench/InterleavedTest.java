package org.purecodec.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.purecodec.h264.H264Decoder;
import org.purecodec.testdata.TestData;

/** Options and a short run of {@link Interleaved} (the figures themselves are for people to read). */
class InterleavedTest {
    @Test
    void options() {
        Interleaved.Settings s = Interleaved.parse(List.of());
        assertEquals(List.of("own", "jcodec"), s.contenders);
        s = Interleaved.parse(List.of("--rounds", "3", "--warmup", "0", "--file", "x.mp4", "own2", "jar:a.jar", "jar2:b"));
        assertEquals(3, s.rounds);
        assertEquals(0, s.warmup);
        assertEquals(Paths.get("x.mp4"), s.file);
        assertEquals(List.of("own2", "jar:a.jar", "jar2:b"), s.contenders);
        assertThrows(IllegalArgumentException.class, () -> Interleaved.parse(List.of("--rounds", "0")));
        assertThrows(IllegalArgumentException.class, () -> Interleaved.parse(List.of("--rounds")));
        assertThrows(IllegalArgumentException.class, () -> Interleaved.parse(List.of("ffmpeg3")));
        assertEquals(List.of("ffmpeg", "ffmpeg-c", "ffmpeg2", "ffmpeg-c2"),
                Interleaved.parse(List.of("ffmpeg", "ffmpeg-c", "ffmpeg2", "ffmpeg-c2")).contenders);
        assertEquals(List.of("ownrgb", "ffmpeg-rgb", "ffmpeg-c-rgb"),
                Interleaved.parse(List.of("ownrgb", "ffmpeg-rgb", "ffmpeg-c-rgb")).contenders);
        assertThrows(IllegalArgumentException.class, () -> Interleaved.parse(List.of("ownrgb2")));
    }

    @Test
    void ffmpegOutputIsParsed() {
        String out = "Output #0, null, to 'pipe:':\n"
                + "frame=    1 fps=0.0 q=-0.0 size=N/A time=00:00:00.04 bitrate=N/A speed=4.31x    \r"
                + "frame=  345 fps=0.0 q=-0.0 Lsize=N/A time=00:00:13.80 bitrate=N/A speed=19.7x    \n"
                + "video:159kB audio:0kB subtitle:0kB other streams:0kB global headers:0kB muxing overhead: unknown\n"
                + "bench: utime=0.688s stime=0.011s rtime=0.699s\n"
                + "bench: maxrss=57088kB\n";
        double[] r = Interleaved.parseFfmpeg(out);
        assertEquals(345, r[0]);
        assertEquals(0.699, r[1], 1e-9);
        assertThrows(IllegalStateException.class, () -> Interleaved.parseFfmpeg("frame=  345\n"));
        assertThrows(IllegalStateException.class, () -> Interleaved.parseFfmpeg("bench: utime=0.1s stime=0.0s rtime=0.1s"));
        assertThrows(IllegalStateException.class,
                () -> Interleaved.parseFfmpeg("frame= 3\nbench: utime=0.0s stime=0.0s rtime=0.000s"));
    }

    /** Runs only where FFmpeg is installed (never needed by the build). */
    @Test
    void ffmpegContenderDecodesTheClip() throws Exception {
        boolean installed;
        try {
            installed = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (java.io.IOException e) {
            installed = false;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(installed, "ffmpeg is not installed");
        SampleClip clip = SampleClip.read(TestData.get().clip("main_cabac").file());
        try (Interleaved.Contender mine = Interleaved.own(clip, 1);
                Interleaved.Contender c = Interleaved.ffmpeg(clip, false, 1);
                Interleaved.Contender c2 = Interleaved.ffmpeg(clip, true, 2);
                Interleaved.Contender rgb = Interleaved.open("ffmpeg-c-rgb", clip)) {
            long frames = mine.round();
            assertEquals(frames, c.round());
            assertTrue(c.seconds(100) > 0 && c.seconds(100) < 100, "its own time, not the wall time given");
            assertEquals(frames, c2.round(), "FFmpeg with two frame threads");
            assertEquals(frames, rgb.round(), "FFmpeg converting to rgb24");
        }
    }

    @Test
    void newDecoderEveryRoundDecodesTheSameFrames() throws Exception {
        assertEquals(List.of("ownnew", "own"), Interleaved.parse(List.of("ownnew", "own")).contenders);
        SampleClip clip = SampleClip.read(TestData.get().clip("main_cabac").file());
        try (Interleaved.Contender mine = Interleaved.own(clip, 1);
                Interleaved.Contender fresh = Interleaved.ownNew(clip)) {
            long frames = mine.round();
            assertTrue(frames > 0);
            assertEquals(frames, fresh.round());
            assertEquals(frames, fresh.round(), "the next round's new decoder starts from the first frame again");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ownrgb", "ownrgbp"})
    void rgbContendersConvertEveryFrame(String name) throws Exception {
        SampleClip clip = SampleClip.read(TestData.get().clip("main_cabac").file());
        try (Interleaved.Contender mine = Interleaved.own(clip, 1);
                Interleaved.Contender rgb = Interleaved.open(name, clip)) {
            long frames = mine.round();
            assertTrue(frames > 0);
            assertEquals(frames, rgb.round());
            assertEquals(frames, rgb.round(), "a kept decoder converts the clip again");
        }
    }

    /** Where this build's h264 classes come from (target/classes or the module jar). */
    private static Path h264Location() throws Exception {
        return Paths.get(H264Decoder.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void otherBuildIsLoadedApartAndDecodesTheSameFrames() throws Exception {
        SampleClip clip = SampleClip.read(TestData.get().clip("main_cabac").file());
        try (Interleaved.Contender mine = Interleaved.own(clip, 1);
                Interleaved.Contender other = Interleaved.otherBuild(clip, h264Location(), 2)) {
            long frames = mine.round();
            assertTrue(frames > 0);
            assertEquals(frames, other.round());
            assertEquals(frames, other.round(), "a kept decoder decodes the clip again");
        }
        Interleaved.H264Loader loader = new Interleaved.H264Loader(h264Location().toUri().toURL(),
                InterleavedTest.class.getClassLoader());
        assertNotSame(H264Decoder.class, loader.loadClass(H264Decoder.class.getName()));
        assertEquals(String.class, loader.loadClass("java.lang.String"));
        loader.close();
        assertThrows(IllegalArgumentException.class, () -> Interleaved.otherBuild(clip, Paths.get("no/such.jar"), 1));
    }

    @Test
    void reportHasEveryContender() throws Exception {
        Interleaved.Settings s = Interleaved.parse(List.of("--rounds", "2", "--warmup", "0", "own", "jar:" + h264Location()));
        s.file = TestData.get().clip("main_cabac").file();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        double[][] fps;
        try (PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            fps = Interleaved.run(s, out);
        }
        String report = buf.toString(StandardCharsets.UTF_8);
        assertEquals(2, fps.length);
        for (double[] rounds : fps) {
            for (double f : rounds) {
                assertTrue(f > 0, report);
            }
        }
        assertTrue(report.contains("2 rounds after 0 warm-up rounds"), report);
        assertTrue(report.lines().anyMatch(l -> l.trim().startsWith("own ")), report);
        assertTrue(report.lines().anyMatch(l -> l.trim().startsWith("jar:") && l.contains(" of own (+-")), report);
    }
}
