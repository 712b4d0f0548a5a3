package org.purecodec.mp4.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.purecodec.mp4.Mp4Demuxer;
import org.purecodec.mp4.Mp4FormatException;
import org.purecodec.mp4.Mp4Limits;
import org.purecodec.mp4.Presentation;
import org.purecodec.mp4.Track;

/**
 * Coverage-guided fuzzing of the box parser, sample-table builder and presentation index with
 * Jazzer. In a normal test run it replays the seed and regression inputs in
 * {@code src/test/resources/org/purecodec/mp4/fuzz/Mp4DemuxerFuzzTestInputs/demux/}; with
 * {@code JAZZER_FUZZ=1} it fuzzes (see the README's "Fuzzing" section). The only exception allowed
 * out is {@link Mp4FormatException}.
 */
public class Mp4DemuxerFuzzTest {
    private static final Mp4Limits LIMITS = new Mp4Limits(1 << 16, 1 << 20, 1 << 22, 64, 16, 1 << 10);

    /** Entry point for a long standalone run with Jazzer's CLI (see fuzz.sh). */
    public static void fuzzerTestOneInput(byte[] data) throws IOException {
        new Mp4DemuxerFuzzTest().demux(data);
    }

    @FuzzTest(maxDuration = "20s")
    void demux(byte[] data) throws IOException {
        try (Mp4Demuxer d = Mp4Demuxer.open(data, LIMITS)) {
            d.summary();
            d.summaryJson();
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            for (Track t : d.tracks()) {
                t.metadata();
                Presentation p = t.presentation();
                int n = p.frameCount();
                for (int f = 0; f < Math.min(n, 8); f++) {
                    p.pts(f);
                    p.decodeStartEntry(f);
                    p.frameAt(p.pts(f));
                }
                if (n > 0) {
                    p.decodeStartEntry(n - 1);
                }
                for (int s = 0; s < Math.min(t.samples().count(), 4); s++) {
                    if (t.samples().size(s) <= buf.capacity()) {
                        ((java.nio.Buffer) buf).clear();
                        try {
                            t.readSample(s, buf);
                        } catch (Mp4FormatException e) {
                            // a sample past the end of a truncated file
                        }
                    }
                }
            }
        } catch (Mp4FormatException expected) {
            // the one exception type allowed out
        }
    }
}
