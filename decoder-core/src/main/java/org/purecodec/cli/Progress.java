package org.purecodec.cli;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar on stderr, drawn only on an interactive terminal and for long work. */
final class Progress {
    private final PrintStream err;
    private final int total;
    private final boolean enabled;
    private int lastPercent = -1;

    Progress(PrintStream err, int total) {
        this.err = err;
        this.total = total;
        this.enabled = total >= 20 && err == System.err && System.console() != null;
    }

    void step(int done) {
        if (!enabled) {
            return;
        }
        int percent = (int) (100L * done / total);
        if (percent != lastPercent) {
            lastPercent = percent;
            int bars = percent / 4;
            err.printf(Locale.ROOT, "\r[%-25s] %3d%% (%d/%d)", "#########################".substring(0, bars), percent, done, total);
        }
    }

    void done() {
        if (enabled) {
            err.println();
        }
    }
}
