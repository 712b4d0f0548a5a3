package org.purecodec.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.purecodec.testdata.TestData;

/** A short run of {@link ThreadCpu} (the figures themselves are for people to read) and its bookkeeping. */
class ThreadCpuTest {
    @Test
    void measuresEveryWayOnATestClip() throws Exception {
        SampleClip clip = SampleClip.read(TestData.get().clip("main_cabac").file());
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        List<ThreadCpu.Round> rs = ThreadCpu.run(clip, 0, 2, new PrintStream(buf, true, StandardCharsets.UTF_8));
        assertEquals(2, rs.size());
        for (ThreadCpu.Round m : rs) {
            assertTrue(m.oneCpu > 0 && m.oneWall > 0, "one thread measured");
            assertTrue(m.frameWorkerCpu > 0, "the frame threads' CPU time is found by their name");
            assertTrue(m.pairCpuA > 0 && m.pairCpuB > 0 && m.pairWall > 0, "both decoders of the pair measured");
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("two frame threads:") && out.contains("two decoders:") && out.contains("two cores' capacity:"), out);
        assertTrue(out.contains(clip.file.getFileName().toString()), out);
    }

    @Test
    void capacityAddsTheTwoCoresSpeeds() {
        assertEquals(300.0, ThreadCpu.capacity(600, 600), 1e-9); // two equal cores: half the time
        assertEquals(400.0, ThreadCpu.capacity(600, 1200), 1e-9); // one core half as fast: 1/600 + 1/1200 = 1/400
    }

    @Test
    void frameThreadsAreNoLongerAliveAfterTheRun() throws Exception {
        SampleClip clip = SampleClip.read(TestData.get().clip("main_cabac").file());
        ThreadCpu.run(clip, 0, 1, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertTrue(ThreadCpu.frameThreadCpu(ManagementFactory.getThreadMXBean()).isEmpty(),
                "the decoders are closed and their frame threads ended");
    }

    @Test
    void cpuOfThreadsStartedBetweenSnapshotsCountsFromZero() {
        assertEquals(30 + 7, ThreadCpu.delta(Map.of(1L, 100L), Map.of(1L, 130L, 2L, 7L)));
        assertEquals(0, ThreadCpu.delta(Map.of(1L, 100L), Map.of()));
    }

    @Test
    void rejectsBadOptions() {
        assertThrows(IllegalArgumentException.class, () -> ThreadCpu.main(new String[] {"--rounds", "0"}));
        assertThrows(IllegalArgumentException.class, () -> ThreadCpu.main(new String[] {"--rounds"}));
        assertThrows(IllegalArgumentException.class, () -> ThreadCpu.main(new String[] {"--bogus"}));
    }
}
