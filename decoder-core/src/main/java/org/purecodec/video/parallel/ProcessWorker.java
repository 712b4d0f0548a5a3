package org.purecodec.video.parallel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Properties;
import org.purecodec.video.DecoderOptions;
import org.purecodec.video.FrameBatch;
import org.purecodec.video.VideoDecoder;
import org.purecodec.video.VideoDecoderException;

/**
 * Entry point of the worker processes of {@link ParallelStrategy#PROCESSES}; not an API.
 * {@code java -cp ... org.purecodec.video.parallel.ProcessWorker JOB_FILE} decodes the job's frames
 * with its own {@link VideoDecoder} and writes them into the shared file named by the job. Exit code 0:
 * done; {@value #EXIT_DECODE_ERROR}: an error (stack trace on stderr); {@value #EXIT_ORPHANED}: the parent
 * went away (its end of our stdin closed).
 *
 * <p>For tests only, the system property {@code purecodec.worker.fault} makes the worker misbehave:
 * {@code hang} (sleeps before decoding) or {@code exit:N} (exits with N before decoding).
 */
public final class ProcessWorker {
    /** Exit code for any error while decoding. */
    public static final int EXIT_DECODE_ERROR = 3;
    /** Exit code when the parent process disappeared. */
    public static final int EXIT_ORPHANED = 4;

    private ProcessWorker() {
    }

    /** Runs a job. */
    public static void main(String[] args) {
        watchParent();
        int code = 0;
        try {
            if (args.length != 1) {
                throw new IllegalArgumentException("usage: ProcessWorker JOB_FILE");
            }
            fault();
            run(Paths.get(args[0]));
        } catch (Throwable t) {
            System.err.println("purecodec worker: " + t);
            t.printStackTrace();
            code = EXIT_DECODE_ERROR;
        }
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    private static void watchParent() {
        Thread t = new Thread(() -> {
            InputStream in = System.in;
            try {
                while (in.read() >= 0) {
                    // the parent never writes; EOF means it is gone
                }
            } catch (IOException e) {
                // treat like EOF
            }
            Runtime.getRuntime().halt(EXIT_ORPHANED);
        }, "purecodec-worker-parent-watch");
        t.setDaemon(true);
        t.start();
    }

    private static void fault() throws InterruptedException {
        String f = System.getProperty("purecodec.worker.fault");
        if (f == null) {
            return;
        }
        if (f.equals("hang")) {
            Thread.sleep(Long.MAX_VALUE);
        } else if (f.startsWith("exit:")) {
            System.exit(Integer.parseInt(f.substring(5)));
        }
    }

    static void run(Path jobFile) throws IOException {
        Properties job = new Properties();
        try (InputStream in = Files.newInputStream(jobFile)) {
            job.load(in);
        }
        Path file = Paths.get(job.getProperty("file"));
        Path out = Paths.get(job.getProperty("out"));
        long dataOffset = Long.parseLong(job.getProperty("dataOffset"));
        int frameSize = Integer.parseInt(job.getProperty("frameSize"));
        int width = Integer.parseInt(job.getProperty("width"));
        int height = Integer.parseInt(job.getProperty("height"));
        int runs = Integer.parseInt(job.getProperty("runs"));
        DecoderOptions options = Options.read(job);
        try (VideoDecoder d = VideoDecoder.open(file, options);
             FileChannel ch = FileChannel.open(out, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            for (int r = 0; r < runs; r++) {
                String[] entries = job.getProperty("run." + r).trim().split(" ");
                for (int from = 0; from < entries.length; from += ParallelDecoder.SUB_BATCH) {
                    int to = Math.min(entries.length, from + ParallelDecoder.SUB_BATCH);
                    int[] frames = new int[to - from];
                    int[][] slots = new int[to - from][];
                    for (int k = from; k < to; k++) {
                        String[] f = entries[k].split(":");
                        frames[k - from] = Integer.parseInt(f[0]);
                        slots[k - from] = new int[f.length - 1];
                        for (int s = 1; s < f.length; s++) {
                            slots[k - from][s - 1] = Integer.parseInt(f[s]);
                        }
                    }
                    FrameBatch b = d.getFramesAt(frames);
                    if (b.size() > 0 && (b.width() != width || b.height() != height || b.frameSize() != frameSize)) {
                        // the output file has slots of the stream's first size (a stream may change its size)
                        throw new VideoDecoderException(VideoDecoderException.Kind.UNSUPPORTED, "frame " + frames[0]
                                + " is " + b.width() + "x" + b.height() + ", the stream's first frames " + width + "x"
                                + height + ": worker processes write frames of the stream's first size only; decode"
                                + " a stream that changes its picture size with another strategy");
                    }
                    for (int k = 0; k < frames.length; k++) {
                        for (int slot : slots[k]) {
                            MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_WRITE,
                                    dataOffset + (long) slot * frameSize, frameSize);
                            m.put(b.data(), k * frameSize, frameSize);
                            ByteBuffer meta = ch.map(FileChannel.MapMode.READ_WRITE,
                                    (long) slot * ProcessExecutor.SLOT_BYTES, ProcessExecutor.SLOT_BYTES);
                            meta.order(ByteOrder.LITTLE_ENDIAN);
                            meta.putDouble(0, b.ptsSeconds()[k]);
                            meta.putDouble(8, b.durationSeconds()[k]);
                            meta.putInt(16, ProcessExecutor.FLAG_WRITTEN
                                    | (b.keyFrames()[k] ? ProcessExecutor.FLAG_KEY : 0));
                        }
                    }
                }
            }
        }
    }
}
