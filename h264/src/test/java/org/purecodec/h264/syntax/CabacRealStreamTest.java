package org.purecodec.h264.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.jcodec.codecs.h264.io.model.PictureParameterSet;
import org.jcodec.codecs.h264.io.model.SeqParameterSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.purecodec.h264.H264Exception;
import org.purecodec.h264.nal.AnnexBReader;
import org.purecodec.h264.nal.NalUnit;
import org.purecodec.h264.nal.NalUnitType;
import org.purecodec.testdata.ConformanceSuite;
import org.purecodec.testdata.TestData;

/**
 * {@link CabacReader} on real CABAC streams, slice data only (no reconstruction): every slice of the
 * Annex B clips and of the progressive CABAC conformance vectors (when present) parses to its last
 * macroblock, the slices of each picture tile it exactly, and the engine ends exactly at the end of the
 * RBSP (end_of_slice_flag is followed by nothing but rbsp_stop_one_bit, alignment and cabac_zero_words).
 * Truncated and damaged copies of a sample of the slices give only H264Exception.
 */
class CabacRealStreamTest {

    private static final class Lookup implements SliceHeaderParser.Lookup {
        final Map<Integer, SeqParameterSet> sps = new HashMap<>();
        final Map<Integer, PictureParameterSet> pps = new HashMap<>();

        @Override
        public PictureParameterSet pps(int id) {
            return pps.get(id);
        }

        @Override
        public SeqParameterSet sps(int id) {
            return sps.get(id);
        }
    }

    private final CabacReader reader = new CabacReader();
    private final MbPosition pos = new MbPosition();
    private final Macroblock mb = new Macroblock();

    /** Statistics: slices, macroblocks, damaged cases. */
    private int slices;
    private int macroblocks;
    private int damaged;

    private void parseStream(byte[] stream, String name, Random rnd) {
        Lookup lookup = new Lookup();
        int picW = 0;
        int picTotal = 0;
        int next = -1; // next macroblock address expected in the current picture
        for (NalUnit n : AnnexBReader.splitAll(stream)) {
            if (n.type() == NalUnitType.SPS) {
                SeqParameterSet s = SeqParameterSet.read(ByteBuffer.wrap(n.rbsp()));
                lookup.sps.put(s.seqParameterSetId, s);
            } else if (n.type() == NalUnitType.PPS) {
                PictureParameterSet p = PictureParameterSet.read(ByteBuffer.wrap(n.rbsp()));
                lookup.pps.put(p.picParameterSetId, p);
            } else if (n.isVcl()) {
                byte[] rbsp = n.rbsp();
                SliceHeader sh = SliceHeaderParser.parse(n.type(), n.refIdc(), rbsp, rbsp.length, lookup, n.where(), null);
                if (!sh.pps.entropyCodingModeFlag) {
                    continue;
                }
                String where = name + " " + n.where();
                if (sh.firstMbInSlice == 0) {
                    assertTrue(next == -1 || next == picTotal, where + ": previous picture incomplete (" + next + " of " + picTotal + ")");
                    picW = sh.mbWidth();
                    picTotal = picW * sh.mbHeight();
                    reader.startPicture(picW, sh.mbHeight());
                } else {
                    assertEquals(next, sh.firstMbInSlice, where + ": first_mb_in_slice");
                }
                reader.startSlice(sh, rbsp, rbsp.length);
                int addr = sh.firstMbInSlice;
                boolean more = true;
                while (more) {
                    assertTrue(addr < picTotal, where + ": slice data continues past the picture");
                    pos.set(addr, picW, sh.firstMbInSlice);
                    mb.clear();
                    more = reader.read(pos, mb);
                    addr++;
                    macroblocks++;
                }
                next = addr;
                int end = rbsp.length;
                while (end > 0 && rbsp[end - 1] == 0) {
                    end--; // cabac_zero_words
                }
                assertEquals(end, reader.consumedBytes(), where + ": engine position after end_of_slice_flag");
                slices++;
                if (rnd.nextInt(8) == 0) {
                    damage(sh, rbsp, picW, picTotal, rnd, where);
                }
            }
        }
        assertTrue(next == picTotal, name + ": last picture incomplete");
    }

    /** Truncated and damaged copies of one slice: only H264Exception, and the reader stops. */
    private void damage(SliceHeader sh, byte[] rbsp, int picW, int picTotal, Random rnd, String where) {
        int headerBytes = (int) (sh.dataBitOffset >> 3) + 1;
        for (int k = 0; k < 6; k++) {
            byte[] d = rbsp.clone();
            int len = d.length;
            if (k < 3) {
                len = headerBytes + rnd.nextInt(Math.max(1, d.length - headerBytes));
            } else {
                for (int j = 0; j < 1 + rnd.nextInt(3); j++) {
                    int at = headerBytes + rnd.nextInt(Math.max(1, d.length - headerBytes));
                    if (at < d.length) {
                        d[at] = (byte) rnd.nextInt(256);
                    }
                }
            }
            try {
                reader.startSlice(sh, d, Math.min(len, d.length));
                int addr = sh.firstMbInSlice;
                boolean more = true;
                while (more && addr < picTotal) {
                    pos.set(addr, picW, sh.firstMbInSlice);
                    mb.clear();
                    more = reader.read(pos, mb);
                    addr++;
                }
            } catch (H264Exception e) {
                // fine: typed
            } catch (RuntimeException e) {
                throw new AssertionError(where + " (damaged copy " + k + "): untyped " + e, e);
            }
            damaged++;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"main_cabac", "bframes_pyramid", "implicit_weightb", "direct_temporal", "slices4", "odd_642x362"})
    void annexBClipsParseToTheEndOfEverySlice(String name) throws Exception {
        Path file = TestData.get().clip(name).annexB();
        assertNotNull(file, name + ": no Annex B copy");
        parseStream(Files.readAllBytes(file), name, new Random(name.hashCode()));
        System.out.printf("CABAC %s: %d slices, %d macroblocks, %d damaged copies%n", name, slices, macroblocks, damaged);
        assertTrue(slices >= 25 && macroblocks > 10000, name + ": " + slices + " slices");
    }

    @Test
    void progressiveCabacConformanceVectorsParseToTheEndOfEverySlice() throws Exception {
        Optional<ConformanceSuite> suite = ConformanceSuite.find();
        Assumptions.assumeTrue(suite.isPresent(), "conformance vectors not present");
        List<String> done = new ArrayList<>();
        for (ConformanceSuite.Vector v : suite.get().vectors()) {
            if (!v.entropy().equals("CABAC") || !v.group().equals("progressive-8bit-420")) {
                continue;
            }
            try {
                parseStream(Files.readAllBytes(v.file()), v.name(), new Random(v.name().hashCode()));
            } catch (H264Exception e) {
                fail(v.name() + ": " + e.getMessage(), e);
            }
            done.add(v.name());
        }
        System.out.printf("CABAC conformance vectors %s: %d slices, %d macroblocks, %d damaged copies%n", done, slices,
                macroblocks, damaged);
        assertTrue(done.size() >= 5, "vectors parsed: " + done);
    }
}
