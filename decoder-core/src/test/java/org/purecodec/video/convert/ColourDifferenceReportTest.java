package org.purecodec.video.convert;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.purecodec.testdata.Clip;
import org.purecodec.testdata.TestData;
import org.purecodec.video.DecoderOptions;
import org.purecodec.video.DimensionOrder;
import org.purecodec.video.Frame;
import org.purecodec.video.VideoDecoder;

/**
 * Our RGB frames against the raw rgb24 frames FFmpeg produced (testdata/reference/NAME.fK.rgb.gz):
 * prints the maximum and mean absolute difference per clip and fails above 2 levels anywhere.
 * (Bit-exactness of every frame is asserted separately through the rgb framemd5 files.)
 */
class ColourDifferenceReportTest {
    @Test
    void maxAndMeanAbsoluteDifferencePerClip() {
        StringBuilder report = new StringBuilder("clip                 frames   max   mean\n");
        int clips = 0;
        for (Clip c : TestData.get().clips(Clip.Kind.PLAYABLE)) {
            try (VideoDecoder d = VideoDecoder.open(c.file(),
                    DecoderOptions.builder().dimensionOrder(DimensionOrder.NHWC).build())) {
                int max = 0;
                long sum = 0;
                long count = 0;
                int frames = 0;
                for (int k = 0; k < d.size(); k++) {
                    byte[] ref = c.rgbFrame(k);
                    if (ref == null) {
                        continue;
                    }
                    Frame f = d.getFrameAt(k);
                    for (int i = 0; i < ref.length; i++) {
                        int diff = Math.abs((ref[i] & 0xff) - (f.data()[i] & 0xff));
                        max = Math.max(max, diff);
                        sum += diff;
                    }
                    count += ref.length;
                    frames++;
                }
                if (frames == 0) {
                    continue;
                }
                clips++;
                report.append(String.format(Locale.ROOT, "%-20s %6d %5d %6.3f%n", c.name(), frames, max,
                        (double) sum / count));
                assertTrue(max <= 2, c + ": max difference " + max);
            }
        }
        System.out.print(report);
        assertTrue(clips >= 20, "clips compared: " + clips);
    }
}
