package org.purecodec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.purecodec.video.DecoderOptions;
import org.purecodec.video.ThreadType;
import org.purecodec.video.FrameBatch;
import org.purecodec.video.OutputFormat;
import org.purecodec.video.VideoDecoder;
import org.purecodec.video.VideoMetadata;

/**
 * {@code framemd5}: FFmpeg-compatible per-frame checksums of the pictures as coded (cropped, not
 * rotated, yuv420p), in presentation order. The md5 column equals
 * {@code ffmpeg -noautorotate -i FILE -map 0:v:0 -f framemd5 -}; timestamps are in the stream's own
 * time base (FFmpeg rescales them to 1/frame-rate), starting at 0; a raw Annex B stream gets a
 * nominal 25 fps in a 90 kHz time base.
 */
final class Framemd5Command {
    private Framemd5Command() {
    }

    static int run(List<String> args, PrintStream out) throws IOException {
        String file = null;
        int stream = DecoderOptions.BEST_STREAM;
        int threads = 1;
        ThreadType type = ThreadType.FRAME;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--stream")) {
                stream = intArg(args, ++i, a, 0);
            } else if (a.equals("--threads")) {
                threads = intArg(args, ++i, a, 1);
            } else if (a.equals("--thread-type")) {
                type = Main.threadType(Main.value(args, ++i, a));
            } else if (a.startsWith("-") || file != null) {
                throw new Main.UsageException("framemd5: unexpected argument '" + a + "'");
            } else {
                file = a;
            }
        }
        if (file == null) {
            throw new Main.UsageException("framemd5 needs a FILE");
        }
        Main.Input in = Main.Input.of(file);
        Md5 md5 = new Md5();
        DecoderOptions opts = DecoderOptions.builder().streamIndex(stream).threads(threads).threadType(type)
                .outputFormat(OutputFormat.YUV420P).applyRotation(false).build();
        try (VideoDecoder d = VideoDecoder.open(in.path(), opts)) {
            VideoMetadata m = d.metadata();
            header(out, m.timeBase(), m.codedWidth(), m.codedHeight());
            long start = Math.round(m.beginStreamSecondsFromContent() * m.timeBase());
            for (int i = 0; i < d.size(); i++) {
                FrameBatch b = d.getFramesAt(i);
                long pts = Math.round(b.ptsSeconds()[0] * m.timeBase()) - start;
                long dur = Math.round(b.durationSeconds()[0] * m.timeBase());
                line(out, pts, pts, dur, b.frameSize(), md5.bytes(b.data(), 0, b.frameSize()));
            }
        }
        return Main.OK;
    }

    private static void header(PrintStream out, long timescale, int w, int h) {
        out.println("#format: frame checksums");
        out.println("#version: 2");
        out.println("#hash: MD5");
        out.println("#software: PureCodec");
        out.printf(Locale.ROOT, "#tb 0: 1/%d%n", timescale);
        out.println("#media_type 0: video");
        out.println("#codec_id 0: rawvideo");
        out.printf(Locale.ROOT, "#dimensions 0: %dx%d%n", w, h);
        out.println("#sar 0: 1/1");
        out.println("#stream#, dts,        pts, duration,     size, hash");
    }

    private static void line(PrintStream out, long dts, long pts, long duration, int size, String md5) {
        out.printf(Locale.ROOT, "0, %10d, %10d, %8d, %8d, %s%n", dts, pts, duration, size, md5);
    }

    static int intArg(List<String> args, int i, String option, int min) {
        if (i >= args.size()) {
            throw new Main.UsageException(option + " needs a value");
        }
        try {
            int v = Integer.parseInt(args.get(i));
            if (v >= min) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new Main.UsageException(option + " needs an integer >= " + min + ", got '" + args.get(i) + "'");
    }
}
