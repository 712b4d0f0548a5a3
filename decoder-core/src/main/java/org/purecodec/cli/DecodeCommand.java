package org.purecodec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.purecodec.video.DecoderOptions;
import org.purecodec.video.ThreadType;
import org.purecodec.video.FrameBatch;
import org.purecodec.video.OutputFormat;
import org.purecodec.video.VideoDecoder;
import org.purecodec.video.VideoMetadata;

/** {@code purecodec decode}: decodes every frame, optionally checks each against FFmpeg's framemd5. */
final class DecodeCommand {
    private final PrintStream out;
    private final int maxFrames;
    private final boolean printMd5;
    private final List<String> expected;
    private final Md5 md5 = new Md5();
    private int frames;
    private int mismatches;
    private int firstMismatch = -1;
    private long lumaSamples;

    private DecodeCommand(PrintStream out, int maxFrames, boolean printMd5, List<String> expected) {
        this.out = out;
        this.maxFrames = maxFrames;
        this.printMd5 = printMd5;
        this.expected = expected;
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
        String file = null;
        String verify = null;
        int maxFrames = Integer.MAX_VALUE;
        boolean printMd5 = false;
        int threads = 1;
        ThreadType type = ThreadType.FRAME;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--frames":
                    maxFrames = Main.positive(Main.value(args, ++i, a), a);
                    break;
                case "--verify":
                    verify = Main.value(args, ++i, a);
                    break;
                case "--md5":
                    printMd5 = true;
                    break;
                case "--threads":
                    threads = Main.positive(Main.value(args, ++i, a), a);
                    if (threads > 64) {
                        throw new Main.UsageException("--threads must be 1 to 64, got " + threads);
                    }
                    break;
                case "--thread-type":
                    type = Main.threadType(Main.value(args, ++i, a));
                    break;
                default:
                    if (a.startsWith("-") || file != null) {
                        throw new Main.UsageException("decode: unexpected argument '" + a + "'");
                    }
                    file = a;
            }
        }
        Main.Input in = Main.Input.of(file);
        List<String> expected = null;
        String reference = null;
        if (verify != null) {
            expected = parseFrameMd5(new String(Files.readAllBytes(Paths.get(verify)), StandardCharsets.UTF_8));
            reference = verify;
        } else if (in.isEmbedded()) {
            String text = EmbeddedSample.frameMd5();
            if (text != null) {
                expected = parseFrameMd5(text);
                reference = "FFmpeg's framemd5 of the sample";
            }
        }
        DecodeCommand cmd = new DecodeCommand(out, maxFrames, printMd5, expected);
        long t0 = System.nanoTime();
        String what;
        what = cmd.decodeAll(in, threads, type);
        double seconds = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "%s: %s%n", in.name(), what);
        out.printf(Locale.ROOT, "decoded %d frames in %.2f s: %.1f frames/s, %.1f Mpixel/s (%s, including"
                + " JIT warm-up)%n", cmd.frames, seconds, cmd.frames / seconds, cmd.lumaSamples / seconds / 1e6,
                threads == 1 ? "one thread" : threads + (type == ThreadType.SLICE ? " slice threads" : " frame threads"));
        if (expected == null) {
            return Main.OK;
        }
        int compared = Math.min(cmd.frames, expected.size());
        boolean countOk = cmd.frames == expected.size() || (maxFrames != Integer.MAX_VALUE && cmd.frames == maxFrames);
        if (cmd.mismatches == 0 && countOk) {
            out.printf(Locale.ROOT, "verified: all %d frames bit-exact against %s%n", compared, reference);
            return Main.OK;
        }
        out.printf(Locale.ROOT, "MISMATCH against %s: %d of %d compared frames differ (first: frame %d); "
                + "%d frames decoded, %d expected%n", reference, cmd.mismatches, compared, cmd.firstMismatch,
                cmd.frames, expected.size());
        return Main.FAILURE;
    }

    private String decodeAll(Main.Input in, int threads, ThreadType type) throws IOException {
        DecoderOptions opts = DecoderOptions.builder().outputFormat(OutputFormat.YUV420P).threads(threads)
                .threadType(type).build();
        try (VideoDecoder d = in.isEmbedded() ? VideoDecoder.open(in.embeddedBytes(), opts)
                : VideoDecoder.open(in.path(), opts)) {
            VideoMetadata m = d.metadata();
            int n = Math.min(d.size(), maxFrames);
            for (int i = 0; i < n; i++) {
                FrameBatch b = d.getFramesAt(i);
                frame(b.data(), b.frameSize(), b.width(), b.height(), Math.round(b.ptsSeconds()[0] * m.timeBase()));
            }
            return String.format(Locale.ROOT, "%dx%d %s%s, %d frames", m.width(), m.height(), m.codec(),
                    in.isMp4() ? "" : " (raw Annex B stream)", d.size());
        }
    }

    private void frame(byte[] i420, int size, int width, int height, long pts) {
        int index = frames++;
        lumaSamples += (long) width * height;
        if (expected != null || printMd5) {
            check(index, pts, md5.bytes(i420, 0, size));
        }
    }

    private void check(int index, long pts, String hex) {
        if (printMd5) {
            out.printf(Locale.ROOT, "%d, %d, %s%n", index, pts, hex);
        }
        if (expected != null && (index >= expected.size() || !expected.get(index).equals(hex))) {
            mismatches++;
            if (firstMismatch < 0) {
                firstMismatch = index;
            }
        }
    }

    /** The md5 column of an FFmpeg framemd5 file, in order. */
    static List<String> parseFrameMd5(String text) {
        List<String> md5s = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.trim();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] f = l.split(",");
            if (f.length != 6) {
                throw new Main.UsageException("not a framemd5 line: " + l);
            }
            md5s.add(f[5].trim());
        }
        return md5s;
    }

}
