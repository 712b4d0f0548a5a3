package org.purecodec.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.purecodec.video.VideoDecoder;
import org.purecodec.bench.video.LoopedMp4;

/** Option parsing and the result formats of {@code purecodec bench} (the timed run itself is CI's smoke test). */
class BenchCommandTest {
    @Test
    void options() {
        BenchCommand.Settings s = BenchCommand.parse(List.of("--quick"));
        assertEquals(1, s.loops);
        assertEquals(1, s.runs);
        s = BenchCommand.parse(List.of("--loops", "7", "--runs", "2", "--workers", "3", "--json", "x.json", "--out",
                "d"));
        assertEquals(7, s.loops);
        assertEquals(2, s.runs);
        assertEquals(3, s.workers);
        assertEquals(Paths.get("x.json"), s.json);
        assertEquals(Paths.get("d"), s.out);
        assertEquals(BenchCommand.DEFAULT_LOOPS, BenchCommand.parse(List.of()).loops);
        assertNull(BenchCommand.parse(List.of("--help")));
        assertThrows(IllegalArgumentException.class, () -> BenchCommand.parse(List.of("--loops", "0")));
        assertThrows(IllegalArgumentException.class, () -> BenchCommand.parse(List.of("--runs")));
        assertThrows(IllegalArgumentException.class, () -> BenchCommand.parse(List.of("--bogus")));
    }

    @Test
    void samplingStep() {
        assertEquals(12, (int) Math.rint(25.0 / 2));
        int[] r = BenchCommand.range(0, 345, 12);
        assertEquals(29, r.length);
        assertEquals(336, r[28]);
    }

    @Test
    void jsonCsvAndSvg() {
        List<BenchCommand.Result> rs = new ArrayList<>();
        BenchCommand.Result seq = new BenchCommand.Result("sequential", 1, "one decoder");
        seq.times.addValue(2.0);
        seq.times.addValue(2.2);
        seq.md5 = "0123456789abcdef";
        BenchCommand.Result vt = new BenchCommand.Result("virtual_threads_gop", 2, "vt");
        vt.times.addValue(1.1);
        vt.md5 = seq.md5;
        BenchCommand.Result bad = new BenchCommand.Result("processes_gop", 2, "proc");
        bad.error = "WorkerFailedException: worker 1 \"exit\" 137";
        rs.add(seq);
        rs.add(vt);
        rs.add(bad);
        BenchCommand.Settings s = BenchCommand.parse(List.of("--quick"));
        try (VideoDecoder d = VideoDecoder.open(LoopedMp4.embeddedSample())) {
            String json = Report.json(rs, seq.median(), 29, true, d.metadata(), s, 12, "now");
            assertTrue(json.contains("\"identical\": true"), json);
            assertTrue(json.contains("{\"strategy\": \"virtual_threads_gop\", \"workers\": 2, \"median_seconds\":"
                    + " 1.100000, \"std_seconds\": 0.000000, \"speedup\": 1.909091, \"frames\": 29}"), json);
            assertTrue(json.contains("\"median_seconds\": null"), json);
            String svg = Report.svg(rs, seq.median(), 29, d.metadata(), s, 12, true);
            assertTrue(svg.startsWith("<svg") && svg.trim().endsWith("</svg>"), svg);
            assertEquals(count(svg, "<rect"), 1 + 2 * 2, svg);
        }
        String csv = Report.csv(rs, seq.median(), 29);
        assertEquals(4, csv.split("\n").length, csv);
        String table = Report.table(rs, seq.median(), 29);
        assertTrue(table.contains("1.91x") && table.contains("FAILED"), table);
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void launcherHelpMentionsBench() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Launcher.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        assertEquals(0, code);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("  bench [--loops N]"), text);
        ByteArrayOutputStream o2 = new ByteArrayOutputStream();
        assertEquals(0, Launcher.run(new String[] {"bench", "--help"}, new PrintStream(o2, true,
                StandardCharsets.UTF_8), System.err));
        assertTrue(o2.toString(StandardCharsets.UTF_8).startsWith("usage: purecodec bench"));
    }
}
