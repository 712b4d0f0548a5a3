package org.purecodec.h264;

import java.util.ArrayList;
import java.util.List;

import org.purecodec.h264.nal.AnnexBReader;
import org.purecodec.h264.nal.NalUnit;
import org.purecodec.h264.syntax.CabacReader;
import org.purecodec.h264.syntax.Macroblock;
import org.purecodec.h264.syntax.MbPosition;
import org.purecodec.h264.syntax.SliceHeader;
import org.purecodec.h264.syntax.SliceHeaderParser;

/**
 * Not a test: the work of a measuring tool for the CABAC syntax layer alone. Every slice of a CABAC Annex B
 * stream is parsed macroblock by macroblock ({@link CabacReader#read}, no reconstruction) once per
 * {@link #round}. {@code org.purecodec.bench.CabacLapsRunner} loads this class from two builds of the h264
 * module side by side in one JVM (each build's classes with a copy of this class, in a class loader of its
 * own) and times their rounds in turn, so that a change to the entropy decoding can be timed against the
 * build before it without the noise of the rest of the decoder; run it through
 * {@code bench/scripts/cabac-laps.sh}. {@link #round} returns a checksum of the parsed syntax (mb_type, cbp,
 * QP deltas, levels, motion vector differences), which must agree between the builds.
 */
public final class CabacLaps {
    private final List<Object[]> slices = new ArrayList<>(); // SliceHeader, rbsp, width in MBs, height in MBs
    private final CabacReader reader = new CabacReader();
    private final MbPosition pos = new MbPosition();
    private final Macroblock mb = new Macroblock();

    /** Parses the parameter sets and slice headers of an Annex B stream. */
    public CabacLaps(byte[] stream) {
        ParameterSets ps = new ParameterSets();
        SliceHeaderParser.Lookup lookup = ps.lookup();
        for (NalUnit n : AnnexBReader.splitAll(stream)) {
            switch (n.type()) {
                case 7 -> ps.putSps(n);
                case 8 -> ps.putPps(n);
                case 1, 5 -> {
                    byte[] rbsp = n.rbsp();
                    SliceHeader h = SliceHeaderParser.parse(n.type(), n.refIdc(), rbsp, rbsp.length, lookup, n.where(), null);
                    if (!h.pps.entropyCodingModeFlag) {
                        throw new IllegalArgumentException("not a CABAC stream");
                    }
                    int mbW = h.sps.picWidthInMbsMinus1 + 1;
                    int mbH = h.sps.picHeightInMapUnitsMinus1 + 1;
                    slices.add(new Object[] {h, rbsp, mbW, mbH});
                }
                default -> {
                }
            }
        }
    }

    /** Parses every slice once; returns a checksum of what was parsed. */
    public long round() {
        long sum = 0;
        for (Object[] s : slices) {
            SliceHeader h = (SliceHeader) s[0];
            byte[] rbsp = (byte[]) s[1];
            int mbW = (Integer) s[2];
            if (h.firstMbInSlice == 0) {
                reader.startPicture(mbW, (Integer) s[3]);
            }
            reader.startSlice(h, rbsp, rbsp.length);
            int addr = h.firstMbInSlice;
            boolean more = true;
            while (more) {
                pos.set(addr, mbW, h.firstMbInSlice);
                mb.clear();
                mb.sliceType = h.sliceType;
                more = reader.read(pos, mb);
                sum = sum * 31 + mb.mbType * 7 + mb.cbp + mb.qpDelta + (mb.skip ? 1 : 0);
                for (int i = 0; i < 16; i++) {
                    sum += mb.luma[i * 16] + mb.totalCoeff[i];
                }
                sum += mb.mvd[0][0] + mb.mvd[1][0];
                addr++;
            }
        }
        return sum;
    }
}
