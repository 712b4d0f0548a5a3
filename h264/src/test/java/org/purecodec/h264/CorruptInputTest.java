package org.purecodec.h264;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.purecodec.testdata.TestData;

/**
 * Corrupted streams: only {@link H264Exception} may escape, and decoding must not hang. With the JCodec
 * backend, CABAC streams are left out: with this damage JCodec's CABAC mb_qp_delta loop never ends (see
 * KNOWN_ISSUES.md); our own backend (the default) takes every clip.
 */
class CorruptInputTest {

    @ParameterizedTest
    @ValueSource(strings = {"baseline_cavlc", "bframes_pyramid", "main_cabac", "direct_temporal", "slices4"})
    void randomByteDamageGivesOnlyTypedErrors(String name) throws Exception {
        damage(name, H264Decoder.Backend.OWN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"baseline_cavlc", "bframes_pyramid"})
    void randomByteDamageGivesOnlyTypedErrorsJcodecBackend(String name) throws Exception {
        damage(name, H264Decoder.Backend.JCODEC);
    }

    /**
     * Frame threads: a picture that fails on a worker completes all the same (nobody waits forever), only
     * typed errors come out, and closing the decoder ends its threads.
     */
    @ParameterizedTest
    @ValueSource(strings = {"baseline_cavlc", "bframes_pyramid", "main_cabac", "direct_temporal", "slices4"})
    void randomByteDamageWithFrameThreads(String name) throws Exception {
        damage(name, H264Decoder.Backend.OWN, 2); // two threads take queued pictures out of decode order
        damage(name, H264Decoder.Backend.OWN, 3);
        long alive = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("purecodec-h264-frame-")).count();
        assertEquals(0, alive, "frame threads still alive after close");
    }

    private static void damage(String name, H264Decoder.Backend backend) throws Exception {
        damage(name, backend, 1);
    }

    private static void damage(String name, H264Decoder.Backend backend, int threads) throws Exception {
        byte[] clean = Files.readAllBytes(TestData.get().clip(name).annexB());
        Random rnd = new Random(name.hashCode());
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int round = 0; round < 12; round++) {
                byte[] s = clean.clone();
                int damage = 1 + rnd.nextInt(20);
                for (int i = 0; i < damage; i++) {
                    s[100 + rnd.nextInt(s.length - 100)] = (byte) rnd.nextInt(256);
                }
                if (round % 3 == 2) {
                    s = java.util.Arrays.copyOf(s, s.length / 2 + rnd.nextInt(s.length / 2)); // truncated too
                }
                try (H264Decoder d = H264Decoder.builder().backend(backend).threads(threads).build()) {
                    for (int off = 0; off < s.length; off += 8192) {
                        try {
                            d.decodeAnnexB(ByteBuffer.wrap(s, off, Math.min(8192, s.length - off)));
                        } catch (H264Exception expected) {
                            // typed: fine
                        }
                        while (d.poll() != null) {
                            // drain
                        }
                    }
                    try {
                        d.flush();
                    } catch (H264Exception expected) {
                        // typed: fine
                    }
                }
            }
        });
    }
}
