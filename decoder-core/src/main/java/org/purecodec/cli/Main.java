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
import java.util.Locale;
import org.purecodec.h264.H264Exception;
import org.purecodec.mp4.Mp4Demuxer;
import org.purecodec.mp4.Mp4FormatException;

/**
 * The {@code purecodec} command line. Exit status: 0 success, 1 output differs from the reference,
 * 2 bad usage or unreadable / unsupported input.
 */
public final class Main {
    static final int OK = 0;
    static final int MISMATCH = 1;
    static final int FAILURE = 2;

    private static final String USAGE = String.join("\n",
            "usage: purecodec <command> [options]",
            "",
            "commands:",
            "  info [FILE]                 what the demuxer sees: tracks, codec, size, frames, fps, edits",
            "  decode [FILE] [options]     decode every frame, report speed; no FILE: the embedded sample,",
            "                              verified frame by frame against FFmpeg's checksums",
            "      --frames N              stop after N output frames",
            "      --verify FRAMEMD5       compare each frame with an FFmpeg framemd5 file",
            "      --md5                   print one line per frame: index, pts, md5 of the cropped planes",
            "  help, --help                this text",
            "",
            "FILE is an MP4/MOV file or a raw H.264 Annex B stream (.h264, .264, .jsv, ...).",
            "");

    private Main() {
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line; returns the exit status instead of exiting. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            out.print(USAGE);
            return args.length == 0 ? FAILURE : OK;
        }
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        try {
            switch (args[0]) {
                case "info":
                    return info(rest, out, err);
                case "decode":
                    return DecodeCommand.run(rest, out, err);
                default:
                    err.println("purecodec: unknown command '" + args[0] + "'");
                    err.print(USAGE);
                    return FAILURE;
            }
        } catch (UsageException e) {
            err.println("purecodec: " + e.getMessage());
            return FAILURE;
        } catch (Mp4FormatException | H264Exception e) {
            err.println("purecodec: " + e.getMessage());
            return FAILURE;
        } catch (NoSuchFileException e) {
            err.println("purecodec: no such file: " + e.getFile());
            return FAILURE;
        } catch (IOException e) {
            err.println("purecodec: I/O error: " + e);
            return FAILURE;
        }
    }

    private static int info(List<String> args, PrintStream out, PrintStream err) throws IOException {
        if (args.size() > 1) {
            throw new UsageException("info takes at most one FILE");
        }
        Input in = Input.of(args.isEmpty() ? null : args.get(0));
        if (!in.isMp4()) {
            out.printf(Locale.ROOT, "%s: raw H.264 Annex B stream, %d bytes (use 'decode' to decode it)%n",
                    in.name(), in.bytes().length);
            return OK;
        }
        try (Mp4Demuxer demuxer = in.openMp4()) {
            out.println(in.name());
            out.print(demuxer.summary());
        }
        return OK;
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
