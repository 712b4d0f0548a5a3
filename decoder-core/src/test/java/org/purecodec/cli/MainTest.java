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
        assertEquals(2, run("frobnicate"));
        assertTrue(err().contains("unknown command 'frobnicate'"));
        assertEquals(2, run("decode", "--frames", "zero"));
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
            assertEquals(2, run("info", c.file().toString()), name + ": " + out());
            assertTrue(err().startsWith("purecodec: "), name + ": " + err());
        }
        assertEquals(2, run("info", "does/not/exist.mp4"));
        assertTrue(err().contains("no such file"), err());
    }

    @Test
    void unsupportedStreamsAreRefused() {
        for (String name : new String[] {"high444", "high10", "interlaced_mbaff"}) {
            err.reset();
            Clip c = TestData.get().clip(name);
            assertEquals(2, run("decode", c.file().toString()), name);
            assertTrue(err().contains("UNSUPPORTED"), name + ": " + err());
        }
    }
}
