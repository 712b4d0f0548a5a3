package org.purecodec.video.parallel;

/**
 * A worker process of {@link ParallelStrategy#PROCESSES} crashed, failed, or did not finish in time.
 * The message names the worker, its exit code and the end of its error output.
 */
public final class WorkerFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int worker;
    private final int exitCode;
    private final boolean timedOut;

    WorkerFailedException(int worker, int exitCode, boolean timedOut, String message) {
        super(message);
        this.worker = worker;
        this.exitCode = exitCode;
        this.timedOut = timedOut;
    }

    /** The worker's number (0-based, the chunk of the plan it executed). */
    public int worker() {
        return worker;
    }

    /** The worker's exit code (for a killed worker on Unix {@code 128 + signal}, e.g. 137), or -1 when unknown. */
    public int exitCode() {
        return exitCode;
    }

    /** Whether the worker was killed because the time limit passed. */
    public boolean timedOut() {
        return timedOut;
    }
}
