package org.purecodec.bench;

import java.util.List;
import java.util.Locale;
import org.purecodec.video.VideoMetadata;

/** Text, CSV, JSON and SVG forms of the benchmark results. */
final class Report {
    private Report() {
    }

    private static String num(double v, String fmt) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "n/a" : String.format(Locale.ROOT, fmt, v);
    }

    private static double speedup(BenchCommand.Result r, double seq) {
        return seq / r.median();
    }

    static String table(List<BenchCommand.Result> results, double seq, int frames) {
        StringBuilder sb = new StringBuilder();
        String head = String.format(Locale.ROOT, "%-22s %7s %9s %8s %8s %9s %11s  %-8s %s%n", "strategy", "workers",
                "median s", "std s", "speedup", "frames/s", "cost/worker", "md5", "what");
        sb.append(head);
        sb.append("-".repeat(head.length() + 30)).append('\n');
        for (BenchCommand.Result r : results) {
            if (r.error != null) {
                sb.append(String.format(Locale.ROOT, "%-22s %7d FAILED: %s%n", r.name, r.workers, r.error));
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%-22s %7d %9s %8s %8s %9s %11s  %-8s %s%n", r.name, r.workers,
                    num(r.median(), "%.3f"), num(r.std(), "%.3f"), num(speedup(r, seq), "%.2fx"),
                    num(frames / r.median(), "%.1f"), r.decodeCost < 0 ? "-" : Long.toString(r.decodeCost),
                    r.md5 == null ? "n/a" : r.md5.substring(0, Math.min(8, r.md5.length())), r.note));
        }
        sb.append("cost/worker: decode-order entries the busiest worker must decode (the sequential cost for one"
                + " decoder);\nmd5: of the whole returned batch (JCodec's frames are not FFmpeg-exact and are not"
                + " compared).\n");
        return sb.toString();
    }

    static String csv(List<BenchCommand.Result> results, double seq, int frames) {
        StringBuilder sb = new StringBuilder("strategy,workers,median_seconds,std_seconds,speedup,frames,frames_per_second,"
                + "runs,decode_cost_per_worker,md5,error\n");
        for (BenchCommand.Result r : results) {
            sb.append(String.format(Locale.ROOT, "%s,%d,%s,%s,%s,%d,%s,%d,%s,%s,%s%n", r.name, r.workers,
                    csvNum(r.median()), csvNum(r.std()), csvNum(speedup(r, seq)), frames, csvNum(frames / r.median()),
                    r.times.getN(), r.decodeCost < 0 ? "" : Long.toString(r.decodeCost), r.md5 == null ? "" : r.md5,
                    r.error == null ? "" : "\"" + r.error.replace("\"", "'") + "\""));
        }
        return sb.toString();
    }

    private static String csvNum(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }

    private static String jsonNum(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "null" : String.format(Locale.ROOT, "%.6f", v);
    }

    private static String q(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    static String json(List<BenchCommand.Result> results, double seq, int frames, boolean identical, VideoMetadata m,
                       BenchCommand.Settings s, int step, String when) {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"identical\": ").append(identical).append(",\n");
        sb.append(String.format(Locale.ROOT, "  \"date\": %s,%n  \"java\": %s,%n  \"cores\": %d,%n", q(when),
                q(System.getProperty("java.vm.name") + " " + System.getProperty("java.version")),
                Runtime.getRuntime().availableProcessors()));
        sb.append(String.format(Locale.ROOT, "  \"video\": {\"loops\": %d, \"num_frames\": %d, \"width\": %d,"
                        + " \"height\": %d, \"average_fps\": %s, \"duration_seconds\": %s, \"sample_step\": %d},%n",
                s.loops, m.numFrames(), m.width(), m.height(), jsonNum(m.averageFps()), jsonNum(m.durationSeconds()),
                step));
        sb.append(String.format(Locale.ROOT, "  \"runs\": %d,%n", s.runs));
        sb.append("  \"strategies\": [\n");
        for (int i = 0; i < results.size(); i++) {
            BenchCommand.Result r = results.get(i);
            sb.append(String.format(Locale.ROOT, "    {\"strategy\": %s, \"workers\": %d, \"median_seconds\": %s,"
                            + " \"std_seconds\": %s, \"speedup\": %s, \"frames\": %d}%s%n", q(r.name), r.workers,
                    jsonNum(r.median()), jsonNum(r.std()), jsonNum(speedup(r, seq)), frames,
                    i + 1 < results.size() ? "," : ""));
        }
        sb.append("  ]\n}\n");
        return sb.toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Two horizontal bar charts: median time (with a std whisker) and speedup, one bar per strategy. */
    static String svg(List<BenchCommand.Result> results, double seq, int frames, VideoMetadata m,
                      BenchCommand.Settings s, int step, boolean identical) {
        int rowH = 26;
        int labelW = 190;
        int barW = 330;
        int gap = 130;
        int top = 70;
        int n = results.size();
        int width = labelW + 2 * barW + gap + 40;
        int height = top + n * rowH + 50;
        double maxT = 0;
        double maxS = 1;
        for (BenchCommand.Result r : results) {
            if (!Double.isNaN(r.median())) {
                maxT = Math.max(maxT, r.median() + r.std());
                maxS = Math.max(maxS, speedup(r, seq));
            }
        }
        maxT = maxT <= 0 ? 1 : maxT;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
        sb.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        sb.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
                esc(String.format(Locale.ROOT, "PureCodec parallel decoding: %d frames (1 every %d) of %d, %dx%d,"
                        + " %d workers, median of %d run(s)", frames, step, m.numFrames(), m.width(), m.height(),
                        s.workers, s.runs))));
        sb.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"38\">%s</text>%n", esc("identical frames: "
                + identical + "; Java " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores")));
        int x1 = labelW;
        int x2 = labelW + barW + gap;
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">median time, s (whisker:"
                + " std)</text>%n", x1, top - 10));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">speedup vs sequential</text>%n",
                x2, top - 10));
        for (int i = 0; i < n; i++) {
            BenchCommand.Result r = results.get(i);
            int y = top + i * rowH;
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    labelW - 8, y + 16, esc(r.name)));
            if (Double.isNaN(r.median())) {
                sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#b00\">failed</text>%n", x1,
                        y + 16));
                continue;
            }
            String colour = r.name.startsWith("jcodec") ? "#999999" : r.name.startsWith("processes") ? "#d08c2a"
                    : r.name.startsWith("virtual") ? "#2a7bd0" : "#5a5a8c";
            int w = (int) Math.round(barW * r.median() / maxT);
            sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" fill=\"%s\"/>%n",
                    x1, y + 3, Math.max(1, w), colour));
            int e0 = (int) Math.round(barW * Math.max(0, r.median() - r.std()) / maxT);
            int e1 = (int) Math.round(barW * (r.median() + r.std()) / maxT);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                    x1 + e0, y + 12, x1 + e1, y + 12));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x1 + e1 + 4, y + 16,
                    num(r.median(), "%.2f")));
            double sp = speedup(r, seq);
            int ws = (int) Math.round(barW * sp / maxS);
            sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" fill=\"%s\"/>%n",
                    x2, y + 3, Math.max(1, ws), colour));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x2 + ws + 4, y + 16,
                    num(sp, "%.2fx")));
        }
        int one = x2 + (int) Math.round(barW / maxS);
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\""
                + " stroke-dasharray=\"4 3\"/>%n", one, top, one, top + n * rowH));
        sb.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\" fill=\"#555\">%s</text>%n", height - 15,
                esc("grey: plain JCodec FrameGrab; blue: virtual threads; orange: worker processes (JVM start-up"
                        + " included); dashed: 1x")));
        sb.append("</svg>\n");
        return sb.toString();
    }
}
