package org.purecodec.video.parallel;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.purecodec.video.DecoderOptions;
import org.purecodec.video.VideoDecoderException;
import org.purecodec.video.VideoDecoderException.Kind;

/**
 * How {@link ParallelDecoder} decodes: strategy, split, number of workers, the decoder options every
 * worker uses, and the settings of worker processes. Immutable; built with {@link #builder()}.
 *
 * <pre>{@code
 * ParallelOptions opts = ParallelOptions.builder()
 *         .strategy(ParallelStrategy.VIRTUAL_THREADS)
 *         .split(SplitMode.GOP_AWARE)
 *         .workers(4)
 *         .build();
 * FrameBatch b = ParallelDecoder.getFramesAt(Paths.get("video.mp4"), opts, indices);
 * }</pre>
 */
public final class ParallelOptions {
    private final ParallelStrategy strategy;
    private final SplitMode split;
    private final int workers;
    private final DecoderOptions decoderOptions;
    private final long workerTimeoutMillis;
    private final String javaCommand;
    private final String classPath;
    private final List<String> workerJvmOptions;
    private final Path tempDir;

    private ParallelOptions(Builder b) {
        this.strategy = b.strategy;
        this.split = b.split;
        this.workers = b.workers;
        this.decoderOptions = b.decoderOptions;
        this.workerTimeoutMillis = b.workerTimeoutMillis;
        this.javaCommand = b.javaCommand;
        this.classPath = b.classPath;
        this.workerJvmOptions = Collections.unmodifiableList(new ArrayList<>(b.workerJvmOptions));
        this.tempDir = b.tempDir;
    }

    /** A builder starting from the defaults (virtual threads, GOP-aware, one worker per core). */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults. */
    public static ParallelOptions defaults() {
        return builder().build();
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.strategy = strategy;
        b.split = split;
        b.workers = workers;
        b.decoderOptions = decoderOptions;
        b.workerTimeoutMillis = workerTimeoutMillis;
        b.javaCommand = javaCommand;
        b.classPath = classPath;
        b.workerJvmOptions = new ArrayList<>(workerJvmOptions);
        b.tempDir = tempDir;
        return b;
    }

    /** The strategy (default {@link ParallelStrategy#VIRTUAL_THREADS}). */
    public ParallelStrategy strategy() {
        return strategy;
    }

    /** How the work is cut (default {@link SplitMode#GOP_AWARE}); ignored by the single-decoder strategies. */
    public SplitMode split() {
        return split;
    }

    /** Workers (threads or processes; internal threads for {@link ParallelStrategy#INTERNAL_THREADS}). */
    public int workers() {
        return workers;
    }

    /** The options every worker's decoder is opened with (its {@code threads} is replaced for INTERNAL_THREADS). */
    public DecoderOptions decoderOptions() {
        return decoderOptions;
    }

    /** How long worker processes may take together before they are killed (default 10 minutes). */
    public long workerTimeoutMillis() {
        return workerTimeoutMillis;
    }

    /** The {@code java} binary of worker processes (default: this JVM's, {@code java.home/bin/java}). */
    public String javaCommand() {
        return javaCommand;
    }

    /** The class path of worker processes (default: this JVM's {@code java.class.path}). */
    public String classPath() {
        return classPath;
    }

    /** JVM options of worker processes (default {@code -Xmx1g -XX:+UseSerialGC -Xshare:auto}). */
    public List<String> workerJvmOptions() {
        return workerJvmOptions;
    }

    /** Folder for the worker processes' shared frame file (default {@code java.io.tmpdir}). */
    public Path tempDir() {
        return tempDir;
    }

    /** A builder of {@link ParallelOptions}. */
    public static final class Builder {
        private ParallelStrategy strategy = ParallelStrategy.VIRTUAL_THREADS;
        private SplitMode split = SplitMode.GOP_AWARE;
        private int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        private DecoderOptions decoderOptions = DecoderOptions.defaults();
        private long workerTimeoutMillis = 10 * 60 * 1000L;
        private String javaCommand = defaultJava();
        private String classPath = System.getProperty("java.class.path", "");
        private List<String> workerJvmOptions = new ArrayList<>(Arrays.asList("-Xmx1g", "-XX:+UseSerialGC",
                "-Xshare:auto"));
        private Path tempDir = Paths.get(System.getProperty("java.io.tmpdir", "."));

        private Builder() {
        }

        private static String defaultJava() {
            String home = System.getProperty("java.home", "");
            boolean windows = File.separatorChar == '\\';
            return home.isEmpty() ? "java" : home + File.separator + "bin" + File.separator + (windows ? "java.exe" : "java");
        }

        /** The strategy. */
        public Builder strategy(ParallelStrategy s) {
            this.strategy = Objects.requireNonNull(s, "strategy");
            return this;
        }

        /** How the work is cut. */
        public Builder split(SplitMode s) {
            this.split = Objects.requireNonNull(s, "split");
            return this;
        }

        /** Number of workers, at least 1. */
        public Builder workers(int n) {
            if (n < 1) {
                throw new VideoDecoderException(Kind.INVALID_ARGUMENT, "workers must be >= 1, got " + n);
            }
            this.workers = n;
            return this;
        }

        /** The options of every worker's decoder. */
        public Builder decoderOptions(DecoderOptions o) {
            this.decoderOptions = Objects.requireNonNull(o, "decoderOptions");
            return this;
        }

        /** Time limit of worker processes, milliseconds (at least 1). */
        public Builder workerTimeoutMillis(long ms) {
            if (ms < 1) {
                throw new VideoDecoderException(Kind.INVALID_ARGUMENT, "workerTimeoutMillis must be >= 1, got " + ms);
            }
            this.workerTimeoutMillis = ms;
            return this;
        }

        /** The {@code java} binary of worker processes. */
        public Builder javaCommand(String java) {
            this.javaCommand = Objects.requireNonNull(java, "javaCommand");
            return this;
        }

        /** The class path of worker processes. */
        public Builder classPath(String cp) {
            this.classPath = Objects.requireNonNull(cp, "classPath");
            return this;
        }

        /** JVM options of worker processes (replacing the defaults). */
        public Builder workerJvmOptions(List<String> opts) {
            this.workerJvmOptions = new ArrayList<>(Objects.requireNonNull(opts, "workerJvmOptions"));
            return this;
        }

        /** Folder for the shared frame file of worker processes. */
        public Builder tempDir(Path dir) {
            this.tempDir = Objects.requireNonNull(dir, "tempDir");
            return this;
        }

        /** The options. */
        public ParallelOptions build() {
            return new ParallelOptions(this);
        }
    }
}
