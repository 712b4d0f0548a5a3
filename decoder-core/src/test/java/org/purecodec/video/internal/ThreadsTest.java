package org.purecodec.video.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThreadsTest {
    @Test
    void virtualThreadsExactlyWhenTheJvmHasThem() throws Exception {
        boolean jvmHasThem = Runtime.version().feature() >= 21;
        assertEquals(jvmHasThem, Threads.virtualThreadsAvailable());
        ExecutorService ex = Threads.newThreadPerTaskExecutor("test");
        try {
            Future<String> f = ex.submit(() -> Thread.currentThread().toString());
            String thread = f.get(10, TimeUnit.SECONDS);
            assertEquals(jvmHasThem, thread.startsWith("VirtualThread"), thread);
        } finally {
            ex.shutdown();
            assertTrue(ex.awaitTermination(10, TimeUnit.SECONDS));
        }
    }
}
