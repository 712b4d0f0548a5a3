package org.purecodec.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.purecodec.cli.Main;

/**
 * Entry point of the {@code purecodec-cli.jar} built by this module (the {@code ./purecodec}
 * launcher): the decoder-core commands, with the embedded sample video on the class path, plus
 * {@code bench} (the parallel-decoding benchmark, {@link BenchCommand}).
 */
public final class Launcher {
    private Launcher() {
    }

    /** Runs the command line. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        int first = 0;
        while (first < args.length && args[first].equals("--verbose")) {
            first++;
        }
        if (first < args.length && args[first].equals("bench")) {
            return BenchCommand.run(Arrays.asList(args).subList(first + 1, args.length), out, err);
        }
        boolean help = args.length == 0 || (first < args.length && (args[first].equals("--help")
                || args[first].equals("-h") || args[first].equals("help")));
        if (!help) {
            return Main.run(args, out, err);
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try (PrintStream p = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            code = Main.run(args, p, err);
        }
        String usage = buf.toString(StandardCharsets.UTF_8);
        String benchLines = "  bench [--loops N] [--runs R] [--workers N] [--quick] [--json FILE] [--out DIR]\n"
                + "                              parallel-decoding benchmark: strategies side by side on a long\n"
                + "                              video built from the embedded sample (see purecodec bench --help)\n";
        int at = usage.indexOf("  help, --help");
        out.print(at >= 0 ? usage.substring(0, at) + benchLines + usage.substring(at) : usage + benchLines);
        return code;
    }
}
