package org.purecodec.bench;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Times the CABAC syntax layer of two builds of the h264 module side by side in one JVM: each build's
 * classes (a directory that also holds h264's test class {@code org.purecodec.h264.CabacLaps}, which parses
 * every macroblock of a stream without reconstructing it) are loaded in a class loader of their own, child
 * first ({@link Interleaved.H264Loader}), and the two builds parse the whole stream in turn, round after
 * round, the order alternating. Prints each build's total time, the checksums of what they parsed (which
 * must agree: else it fails) and NEW / OLD. Run through {@code bench/scripts/cabac-laps.sh}, which prepares
 * the two directories and runs several JVMs.
 */
public final class CabacLapsRunner {
    private CabacLapsRunner() {
    }

    /** {@code OLD_CLASSES NEW_CLASSES STREAM ROUNDS}. */
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: CabacLapsRunner OLD_CLASSES NEW_CLASSES STREAM ROUNDS");
        }
        byte[] stream = Files.readAllBytes(Path.of(args[2]));
        int rounds = Integer.parseInt(args[3]);
        String[] names = {"old", "new"};
        Object[] laps = new Object[2];
        Method[] round = new Method[2];
        for (int b = 0; b < 2; b++) {
            Interleaved.H264Loader loader = new Interleaved.H264Loader(Path.of(args[b]).toUri().toURL(),
                    CabacLapsRunner.class.getClassLoader());
            Class<?> c = loader.loadClass("org.purecodec.h264.CabacLaps");
            laps[b] = c.getConstructor(byte[].class).newInstance((Object) stream);
            round[b] = c.getMethod("round");
        }
        long[] total = new long[2];
        long[] check = new long[2];
        for (int r = -4; r < rounds; r++) { // 4 warm-up rounds each
            for (int k = 0; k < 2; k++) {
                int b = (r & 1) == 0 ? k : 1 - k; // alternate which build goes first
                long t0 = System.nanoTime();
                check[b] = (Long) round[b].invoke(laps[b]);
                long t = System.nanoTime() - t0;
                if (r >= 0) {
                    total[b] += t;
                }
            }
        }
        for (int b = 0; b < 2; b++) {
            System.out.printf("%s: %d ms over %d rounds (checksum %x)%n", names[b], total[b] / 1_000_000, rounds, check[b]);
        }
        if (check[0] != check[1]) {
            throw new IllegalStateException("the two builds parsed the stream differently (checksums differ)");
        }
        System.out.printf("new / old: %.4f%n", (double) total[1] / total[0]);
    }
}
