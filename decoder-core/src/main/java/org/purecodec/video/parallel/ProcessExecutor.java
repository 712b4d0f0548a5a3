package org.purecodec.video.parallel;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.purecodec.video.VideoDecoderException;
import org.purecodec.video.VideoDecoderException.Kind;

/**
 * Runs a {@link DecodePlan} with one child JVM per chunk ({@link ProcessWorker}). The children write
 * frames into one shared file, which the parent maps.
 *
 * <p>Shared file: {@code n} slot records of {@value #SLOT_BYTES} bytes (pts double, duration double,
 * flags int: 1 written, 2 key frame; little-endian), then, from {@link #dataOffset(int)}, the frames
 * in output order, {@code frameSize} bytes each.
 */
final class ProcessExecutor {
    static final int SLOT_BYTES = 24;
    static final int FLAG_WRITTEN = 1;
    static final int FLAG_KEY = 2;
    private static final long POLL_MILLIS = 10;

    /** Test hook: receives the started worker processes (index = worker number). */
    static volatile Consumer<List<Process>> onStarted;

    private ProcessExecutor() {
    }

    static long dataOffset(int slots) {
        long meta = (long) slots * SLOT_BYTES;
        return (meta + 4095) & ~4095L;
    }

    static MappedFrameBatch run(Path file, DecodePlan plan, ParallelOptions options, ParallelDecoder.Layout layout) {
        int n = plan.indices().length;
        long dataOffset = dataOffset(n);
        long dataBytes = (long) n * layout.frameSize;
        if (dataBytes > Integer.MAX_VALUE - 64) {
            throw new VideoDecoderException(Kind.LIMIT_EXCEEDED, n + " frames of " + layout.frameSize + " bytes do not"
                    + " fit in one buffer (2 GiB); ask for fewer frames at a time");
        }
        Path dir = null;
        List<Process> procs = new ArrayList<>();
        boolean keepDir = false;
        try {
            dir = Files.createTempDirectory(options.tempDir(), "purecodec-workers-");
            Path frames = dir.resolve("frames.bin");
            try (RandomAccessFile raf = new RandomAccessFile(frames.toFile(), "rw")) {
                raf.setLength(dataOffset + dataBytes);
            }
            Map<Integer, int[]> slots = ParallelDecoder.slots(plan.indices());
            List<DecodePlan.Chunk> chunks = plan.chunks();
            for (int w = 0; w < chunks.size(); w++) {
                Path job = dir.resolve("job-" + w + ".properties");
                writeJob(job, file, frames, dataOffset, layout, n, chunks.get(w), slots, options);
                List<String> cmd = new ArrayList<>();
                cmd.add(options.javaCommand());
                cmd.addAll(options.workerJvmOptions());
                cmd.add("-cp");
                cmd.add(options.classPath());
                cmd.add(ProcessWorker.class.getName());
                cmd.add(job.toString());
                ProcessBuilder pb = new ProcessBuilder(cmd);
                pb.redirectOutput(dir.resolve("worker-" + w + ".out").toFile());
                pb.redirectError(dir.resolve("worker-" + w + ".err").toFile());
                procs.add(pb.start());
            }
            Consumer<List<Process>> hook = onStarted;
            if (hook != null) {
                hook.accept(procs);
            }
            await(procs, dir, options.workerTimeoutMillis());
            MappedFrameBatch result = collect(frames, plan, layout, n, dataOffset, dataBytes, dir);
            keepDir = result != null && Files.exists(dir);
            return result;
        } catch (IOException e) {
            throw new VideoDecoderException(Kind.IO_ERROR, "worker processes: " + e, e);
        } finally {
            for (Process p : procs) {
                kill(p);
            }
            if (dir != null && !keepDir) {
                deleteTree(dir);
            }
        }
    }

    private static void writeJob(Path job, Path file, Path frames, long dataOffset, ParallelDecoder.Layout layout,
                                 int slotCount,
                                 DecodePlan.Chunk chunk, Map<Integer, int[]> slots, ParallelOptions options)
            throws IOException {
        Properties p = new Properties();
        p.setProperty("file", file.toAbsolutePath().toString());
        p.setProperty("out", frames.toAbsolutePath().toString());
        p.setProperty("dataOffset", Long.toString(dataOffset));
        p.setProperty("frameSize", Integer.toString(layout.frameSize));
        p.setProperty("width", Integer.toString(layout.width));
        p.setProperty("height", Integer.toString(layout.height));
        p.setProperty("slots", Integer.toString(slotCount));
        p.setProperty("runs", Integer.toString(chunk.runs().size()));
        for (int r = 0; r < chunk.runs().size(); r++) {
            StringBuilder sb = new StringBuilder();
            for (int f : chunk.runs().get(r).frames()) {
                int[] s = slots.get(f);
                if (s == null) {
                    throw new VideoDecoderException(Kind.INVALID_ARGUMENT, "the plan's chunk asks for frame " + f
                            + ", which is not among the plan's indices");
                }
                sb.append(sb.length() == 0 ? "" : " ").append(f);
                for (int slot : s) {
                    sb.append(':').append(slot);
                }
            }
            p.setProperty("run." + r, sb.toString());
        }
        Options.write(options.decoderOptions(), p);
        try (OutputStream out = Files.newOutputStream(job)) {
            p.store(out, "PureCodec worker job");
        }
    }

    private static void await(List<Process> procs, Path dir, long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        boolean[] done = new boolean[procs.size()];
        int remaining = procs.size();
        try {
            while (remaining > 0) {
                for (int w = 0; w < procs.size(); w++) {
                    Process p = procs.get(w);
                    if (done[w] || p.isAlive()) {
                        continue;
                    }
                    done[w] = true;
                    remaining--;
                    int code = p.exitValue();
                    if (code != 0) {
                        throw new WorkerFailedException(w, code, false, "decoding worker process " + w + " failed"
                                + " with exit code " + code + describe(code) + errTail(dir, w));
                    }
                }
                if (remaining == 0) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    for (int w = 0; w < procs.size(); w++) {
                        if (!done[w]) {
                            int code = kill(procs.get(w));
                            throw new WorkerFailedException(w, code, true, "decoding worker process " + w
                                    + " did not finish within " + timeoutMillis + " ms; killed (exit code " + code
                                    + ")" + errTail(dir, w));
                        }
                    }
                }
                for (int w = 0; w < procs.size(); w++) {
                    if (!done[w]) {
                        procs.get(w).waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS);
                        break;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the decoding worker processes", e);
        }
    }

    private static String describe(int code) {
        if (code > 128 && code < 160) {
            return " (killed by signal " + (code - 128) + ")";
        }
        return code == ProcessWorker.EXIT_DECODE_ERROR ? " (decoding error)" : "";
    }

    private static String errTail(Path dir, int w) {
        try {
            byte[] b = Files.readAllBytes(dir.resolve("worker-" + w + ".err"));
            String s = new String(b, StandardCharsets.UTF_8).trim();
            if (s.isEmpty()) {
                return "";
            }
            if (s.length() > 2000) {
                s = "..." + s.substring(s.length() - 2000);
            }
            return "; its error output:\n" + s;
        } catch (IOException e) {
            return "";
        }
    }

    /** Kills a process if alive and returns its exit code (-1 if it does not die within 5 s). */
    private static int kill(Process p) {
        try {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                return -1;
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static MappedFrameBatch collect(Path frames, DecodePlan plan, ParallelDecoder.Layout layout, int n,
                                            long dataOffset, long dataBytes, Path dir) throws IOException {
        ByteBuffer map;
        try (FileChannel ch = FileChannel.open(frames, StandardOpenOption.READ)) {
            map = ch.map(FileChannel.MapMode.READ_ONLY, 0, dataOffset + dataBytes);
        }
        map.order(ByteOrder.LITTLE_ENDIAN);
        double[] pts = new double[n];
        double[] dur = new double[n];
        boolean[] key = new boolean[n];
        for (int i = 0; i < n; i++) {
            int base = i * SLOT_BYTES;
            int flags = map.getInt(base + 16);
            if ((flags & FLAG_WRITTEN) == 0) {
                throw new VideoDecoderException(Kind.CORRUPT_FRAME, "frame " + plan.indices()[i] + " (output position "
                        + i + ") was not written by any worker: the plan does not cover it");
            }
            pts[i] = map.getDouble(base);
            dur[i] = map.getDouble(base + 8);
            key[i] = (flags & FLAG_KEY) != 0;
        }
        ((Buffer) map).position((int) dataOffset);
        ByteBuffer data = map.slice().asReadOnlyBuffer();
        // POSIX keeps a mapping valid after the file is removed; elsewhere close() removes it.
        deleteTree(dir);
        Path leftOver = Files.exists(dir) ? dir : null;
        return new MappedFrameBatch(data, layout.batchShape(n), layout.width, layout.height, plan.indices(), pts, dur,
                key, leftOver);
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    p.toFile().deleteOnExit();
                }
            });
        } catch (IOException e) {
            File f = dir.toFile();
            f.deleteOnExit();
        }
    }
}
