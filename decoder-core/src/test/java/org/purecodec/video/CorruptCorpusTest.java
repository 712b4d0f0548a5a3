package org.purecodec.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.purecodec.testdata.TestData;

/**
 * testdata/corrupt: every damaged file gives its expected typed error (testdata/corrupt/expected.tsv),
 * and the SKIP / CONCEAL error policies behave on the bit-flipped clips.
 */
class CorruptCorpusTest {
    record Case(String file, VideoDecoderException.Kind kind, String message) {
        Path path() {
            return TestData.get().root().resolve("corrupt").resolve(file);
        }

        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        Path tsv = TestData.get().root().resolve("corrupt/expected.tsv");
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            out.add(new Case(f[0], VideoDecoderException.Kind.valueOf(f[1]), f[2]));
        }
        return out.stream();
    }

    private static DecoderOptions yuv(ErrorPolicy policy) {
        return DecoderOptions.builder().outputFormat(OutputFormat.YUV420P).errorPolicy(policy).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failPolicyGivesTheExpectedError(Case c) {
        VideoDecoderException e = assertThrows(VideoDecoderException.class, () -> {
            try (VideoDecoder d = VideoDecoder.open(c.path(), yuv(ErrorPolicy.FAIL))) {
                d.getFramesInRange(0, d.size(), 1);
            }
        });
        assertEquals(c.kind(), e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains(c.message()), "'" + c.message() + "' not in: " + e.getMessage());
    }

    /** FAIL with two frame threads reports the same kind of error as with one thread, for every corrupt file. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failPolicyWithFrameThreadsGivesTheSameKindOfError(Case c) {
        DecoderOptions threaded = DecoderOptions.builder().outputFormat(OutputFormat.YUV420P).errorPolicy(ErrorPolicy.FAIL)
                .threads(2).build();
        VideoDecoderException e = assertThrows(VideoDecoderException.class, () -> {
            try (VideoDecoder d = VideoDecoder.open(c.path(), threaded)) {
                d.getFramesInRange(0, d.size(), 1);
            }
        });
        assertEquals(c.kind(), e.kind(), e.getMessage());
    }

    @Test
    void everyCorruptFileIsListed() throws IOException {
        Set<String> listed = new HashSet<>();
        cases().forEach(c -> listed.add(c.file()));
        try (Stream<Path> files = Files.list(TestData.get().root().resolve("corrupt"))) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".mp4"))
                    .forEach(n -> assertTrue(listed.contains(n), n + " is not in expected.tsv"));
        }
    }

    @Test
    void skipLeavesOutDamagedFramesAndSaysWhich() {
        Path p = TestData.get().root().resolve("corrupt/flip_cavlc_a.mp4");
        try (VideoDecoder d = VideoDecoder.open(p, yuv(ErrorPolicy.SKIP))) {
            FrameBatch b = d.getFramesInRange(0, d.size(), 1);
            int[] skipped = b.skippedIndices();
            assertTrue(skipped.length > 0);
            assertEquals(d.size(), b.size() + skipped.length);
            // Frame 19 fails; 20-24 may refer to it and are left out too, until the IDR at 25.
            assertEquals(19, skipped[0]);
            assertTrue(Arrays.stream(b.indices()).anyMatch(i -> i == 25), "the IDR at 25 recovers");
            assertEquals(b.data().length, b.size() * b.frameSize());
            assertThrows(VideoDecoderException.class, () -> d.getFrameAt(19));
            // The iterator skips the damaged frames.
            List<Integer> seen = new ArrayList<>();
            d.iterator().forEachRemaining(f -> seen.add(f.index()));
            assertEquals(b.size(), seen.size());
            assertFalse(seen.contains(19));
        }
    }

    /**
     * Frame threads learn of a failure a picture or two late and drop the pictures decoded meanwhile: SKIP
     * may leave out more frames than with one thread, but every frame it returns is the same, the damaged
     * frame is left out, and the IDR at 25 recovers.
     */
    @Test
    void skipWithFrameThreadsReturnsOnlyFramesOneThreadReturns() {
        Path p = TestData.get().root().resolve("corrupt/flip_cavlc_a.mp4");
        DecoderOptions threaded = DecoderOptions.builder().outputFormat(OutputFormat.YUV420P).errorPolicy(ErrorPolicy.SKIP)
                .threads(2).build();
        try (VideoDecoder one = VideoDecoder.open(p, yuv(ErrorPolicy.SKIP));
             VideoDecoder two = VideoDecoder.open(p, threaded)) {
            FrameBatch a = one.getFramesInRange(0, one.size(), 1);
            FrameBatch b = two.getFramesInRange(0, two.size(), 1);
            List<Integer> oneIndices = new ArrayList<>();
            Arrays.stream(a.indices()).forEach(oneIndices::add);
            for (int k = 0; k < b.size(); k++) {
                int index = b.indices()[k];
                int at = oneIndices.indexOf(index);
                assertTrue(at >= 0, "frame " + index + " came out with frame threads but not with one thread");
                assertSameFrame(a, at, b, k, index);
            }
            assertFalse(Arrays.stream(b.indices()).anyMatch(i -> i == 19), "the damaged frame is left out");
            assertTrue(Arrays.stream(b.indices()).anyMatch(i -> i == 25), "the IDR at 25 recovers");
            assertEquals(two.size(), b.size() + b.skippedIndices().length);
        }
    }

    /**
     * CONCEAL with two frame threads returns every index; every frame one thread conceals is concealed too,
     * the frames it did not conceal are the frames one thread returns for those indices, the damaged frame 19
     * is concealed and the IDR at 25 is not.
     */
    @Test
    void concealWithFrameThreadsReturnsEveryIndex() {
        Path p = TestData.get().root().resolve("corrupt/flip_cavlc_a.mp4");
        DecoderOptions threaded = DecoderOptions.builder().outputFormat(OutputFormat.YUV420P).errorPolicy(ErrorPolicy.CONCEAL)
                .threads(2).build();
        try (VideoDecoder one = VideoDecoder.open(p, yuv(ErrorPolicy.CONCEAL));
             VideoDecoder two = VideoDecoder.open(p, threaded)) {
            FrameBatch a = one.getFramesInRange(0, one.size(), 1);
            FrameBatch b = two.getFramesInRange(0, two.size(), 1);
            assertEquals(two.size(), b.size());
            assertEquals(0, b.skippedIndices().length);
            for (int k = 0; k < b.size(); k++) {
                int index = b.indices()[k];
                assertEquals(index, a.indices()[k]);
                if (!b.concealed()[k]) {
                    assertFalse(a.concealed()[k], "frame " + index + " concealed with one thread only");
                    assertSameFrame(a, k, b, k, index);
                }
            }
            assertTrue(b.concealed()[19], "the damaged frame 19 is concealed");
            assertFalse(b.concealed()[25], "the IDR at 25 recovers");
        }
    }

    /** Frame {@code i} of batch {@code a} has the same bytes as frame {@code j} of {@code b}. */
    private static void assertSameFrame(FrameBatch a, int i, FrameBatch b, int j, int index) {
        int size = a.frameSize();
        assertArrayEquals(Arrays.copyOfRange(a.data(), i * size, (i + 1) * size),
                Arrays.copyOfRange(b.data(), j * size, (j + 1) * size), "frame " + index);
    }

    @Test
    void concealReplacesDamagedFramesWithTheLastGoodOne() {
        Path p = TestData.get().root().resolve("corrupt/flip_cavlc_a.mp4");
        try (VideoDecoder skip = VideoDecoder.open(p, yuv(ErrorPolicy.SKIP));
             VideoDecoder conceal = VideoDecoder.open(p, yuv(ErrorPolicy.CONCEAL))) {
            FrameBatch s = skip.getFramesInRange(0, skip.size(), 1);
            FrameBatch c = conceal.getFramesInRange(0, conceal.size(), 1);
            assertEquals(conceal.size(), c.size());
            assertEquals(0, c.skippedIndices().length);
            int size = c.frameSize();
            for (int k = 0; k < c.size(); k++) {
                int index = c.indices()[k];
                boolean damaged = Arrays.stream(s.skippedIndices()).anyMatch(i -> i == index);
                assertEquals(damaged, c.concealed()[k], "frame " + index);
            }
            // Frame 19 stands in with frame 18's pixels.
            assertArrayEquals(Arrays.copyOfRange(c.data(), 18 * size, 19 * size), Arrays.copyOfRange(c.data(), 19 * size, 20 * size));
            assertTrue(conceal.getFrameAt(19).concealed());
        }
    }
}
