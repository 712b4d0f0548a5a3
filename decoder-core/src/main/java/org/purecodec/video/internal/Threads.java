package org.purecodec.video.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place that reaches virtual threads. The library compiles for Java 17, so
 * {@code Executors.newVirtualThreadPerTaskExecutor()} (Java 21+) is looked up at run time; on an
 * older JVM (or Android) the fallback is a platform thread per task, daemon, with a readable name.
 */
public final class Threads {
    private static final Method VIRTUAL_PER_TASK = findVirtualPerTask();

    private Threads() {
    }

    private static Method findVirtualPerTask() {
        try {
            return Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
        } catch (NoSuchMethodException | SecurityException e) {
            return null;
        }
    }

    /** Whether this JVM has virtual threads (Java 21+). */
    public static boolean virtualThreadsAvailable() {
        return VIRTUAL_PER_TASK != null;
    }

    /**
     * An executor that starts a new thread per task: a virtual thread when the JVM has them, else a
     * daemon platform thread named {@code namePrefix-N}. The caller must shut it down.
     */
    public static ExecutorService newThreadPerTaskExecutor(String namePrefix) {
        if (VIRTUAL_PER_TASK != null) {
            try {
                return (ExecutorService) VIRTUAL_PER_TASK.invoke(null);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot create a virtual-thread executor", e);
            }
        }
        return Executors.newCachedThreadPool(daemonFactory(namePrefix));
    }

    /** A factory of daemon platform threads named {@code namePrefix-N}. */
    public static ThreadFactory daemonFactory(String namePrefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, namePrefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
