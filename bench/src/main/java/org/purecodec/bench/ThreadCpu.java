package org.purecodec.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.purecodec.h264.H264Decoder;

/**
 * Where frame threading's time goes, by CPU time per thread ({@link ThreadMXBean}): each round decodes the
 * clip three ways, one after the other, and prints wall and CPU time of each:
 * <ul>
 *   <li>{@code one}: one decoder, one thread (the calling thread's CPU time);</li>
 *   <li>{@code frame}: one decoder with two frame threads (CPU of the calling thread, which parses and
 *       submits, and of the frame threads together, which includes their polling for reference rows);</li>
 *   <li>{@code pair}: two independent one-thread decoders on two threads at once, each decoding the whole
 *       clip (the CPU time of each; the wall time of both), i.e. two cores with no data shared.</li>
 * </ul>
 * The summary compares the CPU time the frame threads need for the clip with one thread's (the cost of
 * splitting one stream's pictures between cores) and the pair's per-thread CPU with one thread's (the cost
 * of both cores being busy). It also prints the two cores' capacity: the time a clip would take split
 * perfectly between them, each at the speed its thread of the pair had (on a shared machine the two cores
 * can run at quite different speeds, which bounds what any two threads can reach against one thread), and
 * what share of it the frame threads reach. Needs a JVM that measures thread CPU time (HotSpot does). Run:
 * {@code java -cp bench/target/purecodec-cli.jar org.purecodec.bench.ThreadCpu [--rounds N] [--warmup N] [--file F]}.
 */
public final class ThreadCpu {
    private ThreadCpu() {
    }

    /** Name prefix of the decoder's frame threads ({@code OwnBackend}). */
    static final String FRAME_THREAD_PREFIX = "purecodec-h264-frame-";

    /** One round's figures, in nanoseconds. */
    static final class Round {
        long oneWall;
        long oneCpu;
        long frameWall;
        long frameCallerCpu;
        long frameWorkerCpu;
        long pairWall;
        long pairCpuA;
        long pairCpuB;
    }

    public static void main(String[] args) throws Exception {
        int rounds = 10;
        int warmup = 4;
        Path file = null;
        List<String> a = List.of(args);
        for (int i = 0; i < a.size(); i++) {
            String o = a.get(i);
            switch (o) {
                case "--rounds":
                    rounds = Interleaved.positive(Interleaved.value(a, ++i, o), o, 1);
                    break;
                case "--warmup":
                    warmup = Interleaved.positive(Interleaved.value(a, ++i, o), o, 0);
                    break;
                case "--file":
                    file = Paths.get(Interleaved.value(a, ++i, o));
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + o
                            + "; usage: ThreadCpu [--rounds N] [--warmup N] [--file F]");
            }
        }
        SampleClip clip = SampleClip.read(file != null ? file : SampleClip.locateSample());
        run(clip, warmup, rounds, System.out);
    }

    /** Runs {@code warmup + rounds} rounds, prints the measured ones and a summary; returns them. */
    static List<Round> run(SampleClip clip, int warmup, int rounds, PrintStream out) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        if (!mx.isCurrentThreadCpuTimeSupported() || !mx.isThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM does not measure thread CPU time");
        }
        if (!mx.isThreadCpuTimeEnabled()) {
            mx.setThreadCpuTimeEnabled(true);
        }
        List<Round> measured = new ArrayList<>();
        try (H264Decoder one = decoder(clip, 1); H264Decoder frame = decoder(clip, 2);
                H264Decoder a = decoder(clip, 1); H264Decoder b = decoder(clip, 1)) {
            long expected = -1;
            for (int r = 0; r < warmup + rounds; r++) {
                Round m = new Round();
                long c0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                long n1 = Interleaved.decodeAll(one, clip);
                m.oneWall = System.nanoTime() - t0;
                m.oneCpu = mx.getCurrentThreadCpuTime() - c0;

                Map<Long, Long> w0 = frameThreadCpu(mx);
                c0 = mx.getCurrentThreadCpuTime();
                t0 = System.nanoTime();
                long n2 = Interleaved.decodeAll(frame, clip);
                m.frameWall = System.nanoTime() - t0;
                m.frameCallerCpu = mx.getCurrentThreadCpuTime() - c0;
                m.frameWorkerCpu = delta(w0, frameThreadCpu(mx));

                long[] pairCpu = new long[2];
                long[] pairFrames = new long[2];
                AtomicReference<Throwable> failure = new AtomicReference<>();
                Thread ta = pairThread(a, clip, mx, pairCpu, pairFrames, 0, failure);
                Thread tb = pairThread(b, clip, mx, pairCpu, pairFrames, 1, failure);
                t0 = System.nanoTime();
                ta.start();
                tb.start();
                ta.join();
                tb.join();
                m.pairWall = System.nanoTime() - t0;
                if (failure.get() != null) {
                    throw new IllegalStateException("a decoder of the pair failed", failure.get());
                }
                m.pairCpuA = pairCpu[0];
                m.pairCpuB = pairCpu[1];
                if (expected < 0) {
                    expected = n1;
                }
                if (n1 != expected || n2 != expected || pairFrames[0] != expected || pairFrames[1] != expected) {
                    throw new IllegalStateException("frame counts differ: one " + n1 + ", frame threads " + n2
                            + ", pair " + pairFrames[0] + " / " + pairFrames[1] + " (expected " + expected + ")");
                }
                if (r >= warmup) {
                    measured.add(m);
                    out.printf("round %2d  one: %6.1f ms wall %6.1f cpu | frame threads: %6.1f ms wall, caller %5.1f"
                                    + " cpu, workers %6.1f cpu | pair: %6.1f ms wall, %6.1f + %6.1f cpu%n",
                            r - warmup + 1, ms(m.oneWall), ms(m.oneCpu), ms(m.frameWall), ms(m.frameCallerCpu),
                            ms(m.frameWorkerCpu), ms(m.pairWall), ms(m.pairCpuA), ms(m.pairCpuB));
                }
            }
            summary(clip, expected, measured, out);
        }
        return measured;
    }

    private static void summary(SampleClip clip, long frames, List<Round> rs, PrintStream out) {
        double one = 0;
        double oneWall = 0;
        double frameWall = 0;
        double caller = 0;
        double workers = 0;
        double pairWall = 0;
        double pairCpu = 0;
        double capacity = 0;
        double oneFastest = Double.MAX_VALUE;
        double oneSlowest = 0;
        for (Round m : rs) {
            capacity += capacity(m.pairCpuA, m.pairCpuB);
            oneFastest = Math.min(oneFastest, m.oneWall);
            oneSlowest = Math.max(oneSlowest, m.oneWall);
            one += m.oneCpu;
            oneWall += m.oneWall;
            frameWall += m.frameWall;
            caller += m.frameCallerCpu;
            workers += m.frameWorkerCpu;
            pairWall += m.pairWall;
            pairCpu += (m.pairCpuA + m.pairCpuB) / 2.0;
        }
        int n = rs.size();
        out.printf("%s, %d frames, %d rounds (%s %s); means:%n", clip.file.getFileName(), frames, n,
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        out.printf("  one thread:        %7.1f ms wall, %7.1f ms cpu (rounds %.1f to %.1f ms wall)%n", ms(oneWall / n),
                ms(one / n), ms(oneFastest), ms(oneSlowest));
        out.printf("  two frame threads: %7.1f ms wall (%.2fx of one thread), frame threads %7.1f ms cpu"
                        + " (%.3f of one thread's cpu, polling for reference rows included), caller %.1f ms cpu%n",
                ms(frameWall / n), oneWall / frameWall, ms(workers / n), workers / one, ms(caller / n));
        out.printf("  two decoders:      %7.1f ms wall for two clips (%.2fx of one thread), %7.1f ms cpu each"
                + " (%.3f of one thread's)%n", ms(pairWall / n), 2 * oneWall / pairWall, ms(pairCpu / n), pairCpu / one);
        out.printf("  two cores' capacity: %7.1f ms per clip (the pair's two speeds added: %.2fx of one thread);"
                + " two frame threads reach %.1f%% of it%n", ms(capacity / n), oneWall / capacity, 100 * capacity / frameWall);
    }

    /**
     * The time one clip would take split perfectly between two cores whose threads each took {@code a} and
     * {@code b} for the whole clip (the pair's two threads decode the same clip at once, each at the speed
     * of its core, which can differ, and on a shared machine other work takes the cores too): 1 / (1 / a + 1
     * / b).
     */
    static double capacity(double a, double b) {
        return a * b / (a + b);
    }

    private static Thread pairThread(H264Decoder d, SampleClip clip, ThreadMXBean mx, long[] cpu, long[] frames, int i,
                                     AtomicReference<Throwable> failure) {
        Thread t = new Thread(() -> {
            try {
                long c0 = mx.getCurrentThreadCpuTime();
                frames[i] = Interleaved.decodeAll(d, clip);
                cpu[i] = mx.getCurrentThreadCpuTime() - c0;
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }, "purecodec-threadcpu-" + i);
        t.setDaemon(true);
        return t;
    }

    private static H264Decoder decoder(SampleClip clip, int threads) {
        return H264Decoder.builder().threads(threads).buildForAvcC(clip.avc.sps(), clip.avc.pps(), clip.avc.nalLengthSize());
    }

    /** CPU time so far of every live frame thread, by thread id. */
    static Map<Long, Long> frameThreadCpu(ThreadMXBean mx) {
        Map<Long, Long> m = new HashMap<>();
        for (ThreadInfo ti : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (ti != null && ti.getThreadName().startsWith(FRAME_THREAD_PREFIX)) {
                long c = mx.getThreadCpuTime(ti.getThreadId());
                if (c >= 0) {
                    m.put(ti.getThreadId(), c);
                }
            }
        }
        return m;
    }

    /** CPU time the threads of {@code after} used since {@code before} (threads new since then from 0). */
    static long delta(Map<Long, Long> before, Map<Long, Long> after) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }

    private static double ms(double nanos) {
        return nanos / 1e6;
    }
}
