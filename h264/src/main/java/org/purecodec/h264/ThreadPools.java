package org.purecodec.h264;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The decoder's own thread pools: daemon threads named for what they do, kept in a list to join at close. */
final class ThreadPools {
    private ThreadPools() {
    }

    /**
     * A fixed pool of {@code n} daemon threads named {@code prefix-1}, {@code prefix-2}, ..., each added to
     * {@code registry} (guarded by itself) when created.
     */
    static ExecutorService fixed(int n, String prefix, List<Thread> registry) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            synchronized (registry) {
                registry.add(t);
            }
            return t;
        });
    }
}
