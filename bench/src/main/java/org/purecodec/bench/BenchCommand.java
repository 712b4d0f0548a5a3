package org.purecodec.bench;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.jcodec.api.FrameGrab;
import org.jcodec.common.io.FileChannelWrapper;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;
import org.jcodec.scale.ColorUtil;
import org.jcodec.scale.Transform;
import org.purecodec.bench.video.LoopedMp4;
import org.purecodec.video.FrameBatch;
import org.purecodec.video.VideoDecoder;
import org.purecodec.video.VideoMetadata;
import org.purecodec.video.parallel.DecodePlan;
import org.purecodec.video.parallel.DecodePlanner;
import org.purecodec.video.parallel.ParallelDecoder;
import org.purecodec.video.parallel.ParallelOptions;
import org.purecodec.video.parallel.ParallelStrategy;
import org.purecodec.video.parallel.SplitMode;

/**
 * {@code purecodec bench}: the parallel-decoding study. Builds a long video by repeating the embedded
 * sample, samples one frame every {@code round(fps / 2)} frames, decodes them with every strategy
 * (a warm-up, then {@code --runs} timed repetitions), checks that all strategies returned identical
 * frames, and writes a console table, CSV, JSON and an SVG chart.
 */
public final class BenchCommand {
    /** Default number of repetitions of the sample (345 frames each). */
    static final int DEFAULT_LOOPS = 3;
    static final int DEFAULT_RUNS = 3;
    private static final String CHILD_PROPERTY = "purecodec.bench.child";

    static final String USAGE = String.join("\n",
            "usage: purecodec bench [--loops N] [--runs R] [--workers N] [--quick] [--json FILE] [--out DIR]",
            "",
            "Decodes one frame every round(fps/2) frames of a long video (the embedded sample repeated N",
            "times, stream copy) with each strategy: plain JCodec FrameGrab (baseline), sequential, internal",
            "threads, virtual threads and worker processes (naive and GOP-aware splits). Reports median and",
            "standard deviation of R timed runs after a warm-up, speedup against sequential, frames/s, and",
            "whether every strategy returned identical frames.",
            "",
            "  --loops N     repetitions of the 345-frame sample (default " + DEFAULT_LOOPS + "; 50 = the study's"
                    + " 17,250 frames)",
            "  --runs R      timed runs per strategy (default " + DEFAULT_RUNS + ")",
            "  --workers N   threads / processes (default: available cores)",
            "  --quick       a small run for CI: 1 loop, 1 run",
            "  --json FILE   also write the JSON results to FILE",
            "  --out DIR     output folder for results.csv, results.json, chart.svg (default bench-results)",
            "  --strategies A,B,...  run only these (names as in the table; sequential is always run)",
            "");

    private BenchCommand() {
    }

    /** Settings. */
    static final class Settings {
        int loops = DEFAULT_LOOPS;
        int runs = DEFAULT_RUNS;
        int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        boolean quick;
        Path json;
        Path out = Paths.get("bench-results");
        List<String> only;
    }

    /** One strategy's measurements. */
    static final class Result {
        final String name;
        final int workers;
        final String note;
        final DescriptiveStatistics times = new DescriptiveStatistics();
        String md5;
        long decodeCost = -1;
        String error;

        Result(String name, int workers, String note) {
            this.name = name;
            this.workers = workers;
            this.note = note;
        }

        double median() {
            return times.getN() == 0 ? Double.NaN : times.getPercentile(50);
        }

        double std() {
            return times.getN() < 2 ? 0 : times.getStandardDeviation();
        }
    }

    /** Something timed: decodes the indices and returns the md5 of the frames (null if not comparable). */
    interface Task {
        String run(int[] indices) throws Exception;
    }

    /** Runs the command; returns the exit status. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Settings s;
        try {
            s = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("purecodec bench: " + e.getMessage());
            err.print(USAGE);
            return 1;
        }
        if (s == null) {
            out.print(USAGE);
            return 0;
        }
        long need = heapNeeded(s);
        if (Runtime.getRuntime().maxMemory() < need && System.getProperty(CHILD_PROPERTY) == null) {
            return relaunch(args, need, out, err);
        }
        try {
            return new Bench(s, out).run();
        } catch (Exception e) {
            err.println("purecodec bench: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    static Settings parse(List<String> args) {
        Settings s = new Settings();
        boolean loopsSet = false;
        boolean runsSet = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--help":
                case "-h":
                    return null;
                case "--quick":
                    s.quick = true;
                    break;
                case "--loops":
                    s.loops = positive(a, value(args, ++i, a));
                    loopsSet = true;
                    break;
                case "--runs":
                    s.runs = positive(a, value(args, ++i, a));
                    runsSet = true;
                    break;
                case "--workers":
                    s.workers = positive(a, value(args, ++i, a));
                    break;
                case "--json":
                    s.json = Paths.get(value(args, ++i, a));
                    break;
                case "--out":
                    s.out = Paths.get(value(args, ++i, a));
                    break;
                case "--strategies":
                    s.only = Arrays.asList(value(args, ++i, a).split(","));
                    break;
                default:
                    throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        if (s.quick) {
            s.loops = loopsSet ? s.loops : 1;
            s.runs = runsSet ? s.runs : 1;
        }
        return s;
    }

    private static String value(List<String> args, int i, String opt) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(opt + " needs a value");
        }
        return args.get(i);
    }

    private static int positive(String opt, String v) {
        try {
            int n = Integer.parseInt(v);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(opt + " needs a positive integer, got '" + v + "'");
        }
    }

    /** Heap for one batch of sampled RGB frames held twice, plus room for decoders. */
    static long heapNeeded(Settings s) {
        long frames = (long) s.loops * 345 / 12 + 1;
        long batch = frames * 640 * 360 * 3;
        return 2 * batch + (384L << 20);
    }

    private static int relaunch(List<String> args, long need, PrintStream out, PrintStream err) {
        long mb = (need >> 20) + 256;
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> cmd = new ArrayList<>(Arrays.asList(java, "-Xmx" + mb + "m", "-D" + CHILD_PROPERTY + "=true",
                "-cp", System.getProperty("java.class.path"), Launcher.class.getName(), "bench"));
        cmd.addAll(args);
        out.printf(Locale.ROOT, "bench: this JVM's heap (%d MiB) is too small; running in a JVM with -Xmx%dm%n",
                Runtime.getRuntime().maxMemory() >> 20, mb);
        out.flush();
        try {
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            return p.waitFor();
        } catch (IOException e) {
            err.println("purecodec bench: cannot start a JVM with a larger heap: " + e
                    + " (set PURECODEC_JAVA_OPTS=-Xmx" + mb + "m)");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    // ------------------------------------------------------------------------------------------------

    private static final class Bench {
        private final Settings s;
        private final PrintStream out;
        private Path video;
        private VideoMetadata meta;
        private int[] indices;
        private int[] warmup;
        private int step;

        Bench(Settings s, PrintStream out) {
            this.s = s;
            this.out = out;
        }

        int run() throws Exception {
            Path tmp = Files.createTempDirectory("purecodec-bench-");
            try {
                return run(tmp);
            } finally {
                try (Stream<Path> w = Files.walk(tmp)) {
                    w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }

        private int run(Path tmp) throws Exception {
            long t0 = System.nanoTime();
            out.printf(Locale.ROOT, "building the long video: the embedded sample x %d (stream copy) ...%n", s.loops);
            video = tmp.resolve("looped-" + s.loops + ".mp4");
            LoopedMp4.Info info = LoopedMp4.write(LoopedMp4.embeddedSample(), s.loops, video);
            try (VideoDecoder d = VideoDecoder.open(video)) {
                meta = d.metadata();
            }
            step = (int) Math.max(1, Math.rint(meta.averageFps() / 2));
            int n = meta.numFrames();
            indices = range(0, n, step);
            // warm-up: the first loop's frames (the first GOP's only for --quick)
            warmup = range(0, Math.min(n, s.quick ? 250 : 345), step);
            out.printf(Locale.ROOT, "video: %.1f s, %dx%d, %.2f fps average, %d frames, %.1f MB (%s)%n",
                    meta.durationSeconds(), meta.width(), meta.height(), meta.averageFps(), n, info.bytes() / 1e6,
                    video.getFileName());
            out.printf(Locale.ROOT, "workload: one frame every %d (round(fps/2)): %d frames, %.0f MB of RGB;"
                    + " %d workers, %d timed run(s) after a warm-up; Java %s, %d cores, max heap %d MiB%n", step,
                    indices.length, (double) indices.length * meta.width() * meta.height() * 3 / 1e6, s.workers,
                    s.runs, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20);

            List<Result> results = new ArrayList<>();
            List<Task> tasks = new ArrayList<>();
            add(results, tasks, new Result("jcodec_framegrab", 1, "plain JCodec FrameGrab, sequential (baseline)"),
                    this::jcodec);
            add(results, tasks, new Result("sequential", 1, "one VideoDecoder, getFramesAt"),
                    idx -> ours(ParallelStrategy.SEQUENTIAL, SplitMode.GOP_AWARE, idx));
            add(results, tasks, new Result("internal_threads", s.workers, "one decoder, threads = N"),
                    idx -> ours(ParallelStrategy.INTERNAL_THREADS, SplitMode.GOP_AWARE, idx));
            add(results, tasks, new Result("virtual_threads_naive", s.workers, "N virtual threads, equal split"),
                    idx -> ours(ParallelStrategy.VIRTUAL_THREADS, SplitMode.NAIVE, idx));
            add(results, tasks, new Result("virtual_threads_gop", s.workers, "N virtual threads, GOP-aware plan"),
                    idx -> ours(ParallelStrategy.VIRTUAL_THREADS, SplitMode.GOP_AWARE, idx));
            add(results, tasks, new Result("processes_naive", s.workers, "N child JVMs, equal split, incl. start-up"),
                    idx -> ours(ParallelStrategy.PROCESSES, SplitMode.NAIVE, idx));
            add(results, tasks, new Result("processes_gop", s.workers, "N child JVMs, GOP-aware, incl. start-up"),
                    idx -> ours(ParallelStrategy.PROCESSES, SplitMode.GOP_AWARE, idx));
            for (Result r : results) {
                if (r.name.endsWith("_naive") || r.name.endsWith("_gop")) {
                    DecodePlan p = DecodePlanner.plan(video, org.purecodec.video.DecoderOptions.defaults(), indices,
                            s.workers, r.name.endsWith("_naive") ? SplitMode.NAIVE : SplitMode.GOP_AWARE);
                    r.decodeCost = p.maxChunkCost();
                } else if (!r.name.startsWith("jcodec")) {
                    r.decodeCost = DecodePlanner.sequentialCost(video, org.purecodec.video.DecoderOptions.defaults(),
                            indices);
                }
            }

            for (int k = 0; k < results.size(); k++) {
                Result r = results.get(k);
                Task t = tasks.get(k);
                String tag = String.format(Locale.ROOT, "[%d/%d] %-22s", k + 1, results.size(), r.name);
                try {
                    if (r.name.startsWith("processes")) {
                        out.printf(Locale.ROOT, "%s (no warm-up: every call starts fresh JVMs)%n", tag);
                    } else {
                        out.printf(Locale.ROOT, "%s warm-up (%d frames) ...%n", tag, warmup.length);
                        t.run(warmup);
                    }
                    for (int i = 0; i < s.runs; i++) {
                        System.gc();
                        long a = System.nanoTime();
                        String md5 = t.run(indices);
                        double sec = (System.nanoTime() - a) / 1e9;
                        r.times.addValue(sec);
                        if (md5 != null) {
                            if (r.md5 != null && !r.md5.equals(md5)) {
                                r.md5 = "differs-between-runs";
                            } else if (r.md5 == null) {
                                r.md5 = md5;
                            }
                        }
                        out.printf(Locale.ROOT, "%s run %d/%d: %.2f s%n", tag, i + 1, s.runs, sec);
                    }
                } catch (Exception | OutOfMemoryError e) {
                    r.error = e.toString();
                    out.printf(Locale.ROOT, "%s FAILED: %s%n", tag, e);
                }
            }

            String reference = null;
            boolean identical = true;
            for (Result r : results) {
                if (r.name.startsWith("jcodec")) {
                    continue;
                }
                if (r.md5 == null || r.error != null) {
                    identical = false;
                    continue;
                }
                if (reference == null) {
                    reference = r.md5;
                }
                identical &= r.md5.equals(reference);
            }
            double seq = Double.NaN;
            for (Result r : results) {
                if (r.name.equals("sequential")) {
                    seq = r.median();
                }
            }
            Files.createDirectories(s.out);
            String table = Report.table(results, seq, indices.length);
            out.println();
            out.print(table);
            out.println("identical: " + identical + (identical ? " (every strategy returned the same frames,"
                    + " md5 " + reference + ")" : " (frames differ or a strategy failed; see the md5 column)"));
            String when = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            String json = Report.json(results, seq, indices.length, identical, meta, s, step, when);
            Files.write(s.out.resolve("results.json"), json.getBytes(StandardCharsets.UTF_8));
            Files.write(s.out.resolve("results.csv"), Report.csv(results, seq, indices.length)
                    .getBytes(StandardCharsets.UTF_8));
            Files.write(s.out.resolve("results.txt"), (table + "identical: " + identical + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            Files.write(s.out.resolve("chart.svg"), Report.svg(results, seq, indices.length, meta, s, step, identical)
                    .getBytes(StandardCharsets.UTF_8));
            if (s.json != null) {
                Path parent = s.json.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.write(s.json, json.getBytes(StandardCharsets.UTF_8));
            }
            out.printf(Locale.ROOT, "wrote %s (results.csv, results.json, results.txt, chart.svg)%s in %.0f s total%n",
                    s.out, s.json != null ? " and " + s.json : "", (System.nanoTime() - t0) / 1e9);
            return identical ? 0 : 1;
        }

        private void add(List<Result> results, List<Task> tasks, Result r, Task t) {
            if (s.only != null && !s.only.contains(r.name) && !r.name.equals("sequential")) {
                return;
            }
            results.add(r);
            tasks.add(t);
        }

        private String ours(ParallelStrategy strategy, SplitMode split, int[] idx) throws NoSuchAlgorithmException {
            ParallelOptions.Builder ob = ParallelOptions.builder().strategy(strategy).split(split).workers(s.workers);
            String jvm = System.getProperty("purecodec.bench.workerJvmOptions");
            if (jvm != null) {
                ob.workerJvmOptions(Arrays.asList(jvm.trim().split("\\s+")));
            }
            ParallelOptions o = ob.build();
            FrameBatch b = ParallelDecoder.getFramesAt(video, o, idx);
            return md5(b);
        }

        /** Plain JCodec: FrameGrab reading frames in order, the requested ones converted to RGB. */
        private String jcodec(int[] idx) throws Exception {
            int last = idx[idx.length - 1];
            int next = 0;
            Picture rgb = null;
            Transform tr = null;
            long sum = 0;
            try (FileChannelWrapper ch = NIOUtils.readableChannel(video.toFile())) {
                FrameGrab g = FrameGrab.createFrameGrab(ch);
                for (int f = 0; f <= last; f++) {
                    Picture p = g.getNativeFrame();
                    if (p == null) {
                        throw new IllegalStateException("JCodec returned no frame " + f);
                    }
                    if (next < idx.length && idx[next] == f) {
                        next++;
                        if (rgb == null) {
                            rgb = Picture.create(p.getWidth(), p.getHeight(), ColorSpace.RGB);
                            tr = ColorUtil.getTransform(p.getColor(), ColorSpace.RGB);
                        }
                        tr.transform(p, rgb);
                        sum += rgb.getPlaneData(0)[0];
                    }
                }
            }
            if (sum == Long.MIN_VALUE) {
                out.print("");
            }
            return null;
        }
    }

    static int[] range(int from, int to, int step) {
        int n = Math.max(0, (to - from + step - 1) / step);
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = from + i * step;
        }
        return a;
    }

    static String md5(FrameBatch b) throws NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("MD5");
        md.update(b.data());
        StringBuilder sb = new StringBuilder();
        for (byte x : md.digest()) {
            sb.append(String.format(Locale.ROOT, "%02x", x));
        }
        return sb.toString();
    }
}
