package org.purecodec.bench;

import org.purecodec.cli.Main;

/**
 * Entry point of the {@code purecodec-cli.jar} built by this module (the {@code ./purecodec}
 * launcher): the decoder-core commands, with the embedded sample video on the class path.
 */
public final class Launcher {
    private Launcher() {
    }

    /** Runs the command line. */
    public static void main(String[] args) {
        System.exit(Main.run(args, System.out, System.err));
    }
}
