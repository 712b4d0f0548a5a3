package org.purecodec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.purecodec.h264.H264Exception;
import org.purecodec.mp4.Mp4Demuxer;
import org.purecodec.mp4.Mp4FormatException;
import org.purecodec.video.VideoDecoderException;

/**
 * The {@code purecodec} command line. Exit status: 0 success, 1 output differs from the reference,
 * 2 bad usage or unreadable / unsupported input.
 */
public final class Main {
    static final int OK = 0;
    static final int FAILURE = 1;

    private static final String USAGE = String.join("\n",
            "usage: purecodec [--verbose] <command> [options]",
            "",
            "commands:",
            "  info [FILE] [--json]        what the demuxer sees: tracks, codec, size, frames, fps, edits;",
            "                              --json: TorchCodec's metadata names plus a streams array;",
            "                              a raw stream: size, frames, key frames, frame rate (SPS VUI)",
            "  packets FILE                the presented frame table: index, pts, dts, duration, size, key",
            "  framemd5 FILE [--stream N] [--threads N] [--thread-type frame|slice]",
            "                              FFmpeg-compatible framemd5 of the decoded pictures as coded",
            "                              (cropped, not rotated, yuv420p), in presentation order",
            "  frames FILE (--indices 0,10,20 | --every 2s) --out DIR",
            "                              write frames as PNG files (RGB, rotation applied)",
            "      --shorter-side N        resize so that the shorter side is N (as torchvision's Resize(N))",
            "      --resize WxH            resize (bilinear, as Pillow's); --center-crop WxH: the centred window",
            "                              (applied in the order given)",
            "      --interpolation NAME    the resizes' filter, as Pillow's: nearest, box, bilinear (default),",
            "                              hamming, bicubic, lanczos",
            "  decode [FILE] [options]     decode every frame, report speed; no FILE: the embedded sample,",
            "                              verified frame by frame against FFmpeg's checksums",
            "      --frames N              stop after N output frames",
            "      --verify FRAMEMD5       compare each frame with an FFmpeg framemd5 file",
            "      --md5                   print one line per frame: index, pts, md5 of the cropped planes",
            "      --threads N             decoder threads (default 1); --thread-type frame (default) or slice",
            "  help, --help                this text",
            "",
            "FILE is an MP4/MOV file or a raw H.264 Annex B stream (detected by content).",
            "Exit status: 0 success, 1 failure (bad input, unsupported stream, usage error, or frames that",
            "differ from --verify); errors are one line on stderr, with a stack trace only with --verbose.",
            "");

    private Main() {
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line; returns the exit status instead of exiting. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        boolean verbose = all.remove("--verbose");
        if (all.isEmpty() || all.get(0).equals("help") || all.get(0).equals("--help") || all.get(0).equals("-h")) {
            out.print(USAGE);
            return all.isEmpty() ? FAILURE : OK;
        }
        String command = all.get(0);
        List<String> rest = all.subList(1, all.size());
        try {
            switch (command) {
                case "info":
                    return InfoCommands.info(rest, out);
                case "packets":
                    return InfoCommands.packets(rest, out);
                case "framemd5":
                    return Framemd5Command.run(rest, out);
                case "frames":
                    return FramesCommand.run(rest, out, err);
                case "decode":
                    return DecodeCommand.run(rest, out, err);
                default:
                    err.println("purecodec: unknown command '" + command + "' (see purecodec --help)");
                    return FAILURE;
            }
        } catch (UsageException e) {
            return fail(err, e.getMessage(), e, verbose);
        } catch (NoSuchFileException e) {
            return fail(err, "no such file: " + e.getFile(), e, verbose);
        } catch (Mp4FormatException | H264Exception | VideoDecoderException e) {
            return fail(err, e.getMessage(), e, verbose);
        } catch (IOException e) {
            return fail(err, "I/O error: " + e, e, verbose);
        } catch (RuntimeException e) {
            return fail(err, "internal error: " + e, e, verbose);
        }
    }

    private static int fail(PrintStream err, String message, Throwable e, boolean verbose) {
        err.println("purecodec: " + message);
        if (verbose) {
            e.printStackTrace(err);
        }
        return FAILURE;
    }

    /** The value after option {@code option} at {@code args[i]}. */
    static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }

    /** {@code frame} or {@code slice} (the value of {@code --thread-type}), else a usage error. */
    static org.purecodec.video.ThreadType threadType(String s) {
        if (s.equals("frame")) {
            return org.purecodec.video.ThreadType.FRAME;
        }
        if (s.equals("slice")) {
            return org.purecodec.video.ThreadType.SLICE;
        }
        throw new UsageException("--thread-type: 'frame' or 'slice', not '" + s + "'");
    }

    /** {@code s} as a positive integer, else a usage error naming {@code option}. */
    static int positive(String s, String option) {
        try {
            int v = Integer.parseInt(s.trim());
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException(option + " needs a positive integer, got '" + s + "'");
    }

    /** A bad command line. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** The input of a command: a file, or the embedded sample when none is named. */
    static final class Input {
        private final String name;
        private final Path path;
        private final byte[] bytes;

        private Input(String name, Path path, byte[] bytes) {
            this.name = name;
            this.path = path;
            this.bytes = bytes;
        }

        static Input of(String file) throws IOException {
            if (file == null) {
                byte[] sample = EmbeddedSample.video();
                if (sample == null) {
                    throw new UsageException("no FILE given and no embedded sample on the class path");
                }
                return new Input("embedded sample.mp4", null, sample);
            }
            Path p = Paths.get(file);
            if (!Files.isRegularFile(p)) {
                throw new NoSuchFileException(file);
            }
            return new Input(file, p, null);
        }

        boolean isEmbedded() {
            return path == null;
        }

        String name() {
            return name;
        }

        /** The whole input in memory (raw streams only; MP4 files are read through a channel). */
        byte[] bytes() throws IOException {
            return bytes != null ? bytes : Files.readAllBytes(path);
        }

        /** The bytes of the embedded sample (only when {@link #isEmbedded()}). */
        byte[] embeddedBytes() {
            return bytes;
        }

        /** The file, or null for the embedded sample. */
        Path path() {
            return path;
        }

        Mp4Demuxer openMp4() throws IOException {
            return path == null ? Mp4Demuxer.open(bytes) : Mp4Demuxer.open(path);
        }

        /** Whether the input looks like an ISO-BMFF/QuickTime file rather than an Annex B stream. */
        boolean isMp4() throws IOException {
            byte[] head = new byte[8];
            int n;
            if (bytes != null) {
                n = Math.min(8, bytes.length);
                System.arraycopy(bytes, 0, head, 0, n);
            } else {
                try (java.io.InputStream s = Files.newInputStream(path)) {
                    n = 0;
                    for (int r; n < 8 && (r = s.read(head, n, 8 - n)) > 0; ) {
                        n += r;
                    }
                }
            }
            boolean startCode = n >= 3 && head[0] == 0 && head[1] == 0 && (head[2] == 1 || (n >= 4 && head[2] == 0 && head[3] == 1));
            return !startCode;
        }
    }
}
