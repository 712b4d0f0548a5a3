package org.purecodec.h264;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.purecodec.testdata.TestData;

/**
 * A timing harness (not a test): decodes an Annex B stream (default the {@code slices4} clip) with 1, 2
 * and 4 slice threads, several rounds each, and prints the best and median time per run and the speedup
 * over one thread. Usage: {@code java -cp ... org.purecodec.h264.SliceThreadsTiming [file.h264] [rounds]}.
 */
public final class SliceThreadsTiming {
    private SliceThreadsTiming() {
    }

    public static void main(String[] args) throws Exception {
        Path file = args.length > 0 ? Paths.get(args[0]) : TestData.get().clip("slices4").annexB();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        byte[] stream = Files.readAllBytes(file);
        int[] threadCounts = {1, 2, 4};
        // warm-up
        for (int i = 0; i < 5; i++) {
            for (int t : threadCounts) {
                run(stream, t);
            }
        }
        // rounds interleave the thread counts, so that load changes on a shared machine hit all alike
        long[][] ns = new long[threadCounts.length][rounds];
        int frames = 0;
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < threadCounts.length; k++) {
                long t0 = System.nanoTime();
                frames = run(stream, threadCounts[k]);
                ns[k][r] = System.nanoTime() - t0;
            }
        }
        double base = 0;
        for (int k = 0; k < threadCounts.length; k++) {
            java.util.Arrays.sort(ns[k]);
            double median = ns[k][rounds / 2] / 1e6;
            double best = ns[k][0] / 1e6;
            if (k == 0) {
                base = median;
            }
            System.out.printf("%s threads=%d: %d frames, median %.1f ms (%.0f fps), best %.1f ms, speedup %.2fx (%d cores)%n",
                    file.getFileName(), threadCounts[k], frames, median, frames / (median / 1000), best, base / median,
                    Runtime.getRuntime().availableProcessors());
        }
    }

    private static int run(byte[] stream, int threads) {
        int frames = 0;
        try (H264Decoder d = H264Decoder.builder().threads(threads).build()) {
            d.decodeAnnexB(ByteBuffer.wrap(stream));
            d.flush();
            for (DecodedFrame f; (f = d.poll()) != null; ) {
                frames++;
                f.release();
            }
        }
        return frames;
    }
}
