package org.purecodec.h264;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.purecodec.h264.nal.AnnexBReader;
import org.purecodec.h264.nal.NalUnit;
import org.purecodec.h264.nal.NalUnitType;
import org.purecodec.testdata.TestData;

/** What {@link SequenceInfo} reads from an SPS: sizes, and the VUI frame rate. */
class SequenceInfoTest {

    private static byte[] firstSps(String clip) throws Exception {
        for (NalUnit n : AnnexBReader.splitAll(Files.readAllBytes(TestData.get().clip(clip).annexB()))) {
            if (n.type() == NalUnitType.SPS) {
                return n.data();
            }
        }
        throw new AssertionError(clip + ": no SPS");
    }

    @Test
    void vuiTimingGivesTheFrameRate() throws Exception {
        SequenceInfo ntsc = SequenceInfo.parse(firstSps("ntsc_2997")); // num_units_in_tick 1001, time_scale 60000
        assertEquals(1001, ntsc.numUnitsInTick());
        assertEquals(60000, ntsc.timeScale());
        assertArrayEquals(new long[] {60000, 2002}, ntsc.frameRate());
        assertArrayEquals(new long[] {50, 2}, SequenceInfo.parse(firstSps("main_cabac")).frameRate()); // 25 fps
    }

    @Test
    void noOrImplausibleTimingGivesNoFrameRate() {
        SequenceInfo none = SequenceInfo.parse(BitWriter.sps(100, 1, 8, true)); // no VUI
        assertEquals(0, none.timeScale());
        assertNull(none.frameRate());
        assertNull(withTiming(none, 0, 50).frameRate());
        assertNull(withTiming(none, 1, 0).frameRate());
        assertNull(withTiming(none, 1, 4_000_000).frameRate()); // 2 million frames per second
        assertNull(withTiming(none, 0xffffffffL, 1).frameRate()); // one frame in 271 years
        assertNull(withTiming(none, 1, 0xffffffffL).frameRate()); // unsigned 32-bit time_scale, far above 1000 fps
        assertArrayEquals(new long[] {48000, 2002}, withTiming(none, 1001, 48000).frameRate()); // 23.976 fps
    }

    private static SequenceInfo withTiming(SequenceInfo s, long tick, long scale) {
        return new SequenceInfo(s.profileIdc(), s.levelIdc(), s.codedWidth(), s.codedHeight(), s.width(), s.height(),
                s.fullRange(), s.colourPrimaries(), s.transferCharacteristics(), s.matrixCoefficients(),
                s.maxNumReorderFrames(), s.maxNumRefFrames(), tick, scale, s.frameMbsOnly());
    }
}
