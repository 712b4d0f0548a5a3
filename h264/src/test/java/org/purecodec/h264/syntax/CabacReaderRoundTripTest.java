package org.purecodec.h264.syntax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.purecodec.h264.H264Exception;
import org.purecodec.h264.kernels.Mv;

/**
 * {@link CabacReader} against the independent test-side writer {@link CabacSliceWriter}: random but valid
 * macroblocks of I, P and B slices (every mb_type and sub_mb_type, ref_idx, mvd, cbp, mb_qp_delta, intra
 * modes, 4x4 and 8x8 transform, random levels in every coded block, skips, I_PCM) over small pictures cut
 * into several slices (so that availability of neighbours matters), written with context selection derived
 * directly from the standard, read back and compared field by field.
 */
class CabacReaderRoundTripTest {

    /** Fills {@code p} with random slice parameters. */
    static void randomParams(Random r, CabacSliceWriter.Params p, int first, int count) {
        int k = r.nextInt(10);
        p.type = k < 2 ? SliceHeader.I : (k < 6 ? SliceHeader.P : SliceHeader.B);
        p.first = first;
        p.count = count;
        p.qp = r.nextInt(52);
        p.cabacInitIdc = r.nextInt(3);
        p.numRef[0] = p.type == SliceHeader.I ? 0 : (r.nextBoolean() ? 1 : 1 + r.nextInt(5));
        p.numRef[1] = p.type == SliceHeader.B ? (r.nextBoolean() ? 1 : 1 + r.nextInt(5)) : 0;
        p.transform8x8Mode = r.nextInt(3) != 0;
        p.direct8x8Inference = r.nextBoolean();
        p.headerBits = r.nextInt(48);
        p.zeroWords = r.nextInt(5) == 0 ? 1 + r.nextInt(2) : 0;
        int style = r.nextInt(6);
        p.skipPercent = style == 0 ? 0 : (style == 1 ? 60 : 25);
        p.intraPercent = style == 2 ? 80 : 30;
        p.pcmPercent = style == 3 ? 40 : (style == 4 ? 0 : 8);
    }

    /** One picture of random slices written by the test writer: its slices' parameters and RBSPs. */
    static final class Picture {
        final CabacSliceWriter writer;
        final List<CabacSliceWriter.Params> slices = new ArrayList<>();
        final List<byte[]> data = new ArrayList<>();
        long bins;

        Picture(CabacSliceWriter writer) {
            this.writer = writer;
        }
    }

    static Picture randomPicture(Random r, int w, int h) {
        Picture pic = new Picture(new CabacSliceWriter(w, h));
        int total = w * h;
        int first = 0;
        while (first < total) {
            int count = r.nextInt(3) == 0 ? total - first : 1 + r.nextInt(total - first);
            CabacSliceWriter.Params p = new CabacSliceWriter.Params();
            randomParams(r, p, first, count);
            pic.writer.startSlice(p, r);
            for (int addr = first; addr < first + count; addr++) {
                pic.writer.write(addr, CabacSliceWriter.random(r, p), addr == first + count - 1);
            }
            pic.bins += pic.writer.bins();
            pic.slices.add(p);
            pic.data.add(pic.writer.finishSlice());
            first += count;
        }
        return pic;
    }

    @Test
    void randomPicturesRoundTrip() {
        Random r = new Random(0xCABAC);
        CabacReader reader = new CabacReader();
        MbPosition pos = new MbPosition();
        Macroblock got = new Macroblock();
        int mbs = 0;
        int[] kinds = new int[8];
        long bins = 0;
        for (int picNum = 0; picNum < 3000; picNum++) {
            int w = picNum % 3 == 0 ? 3 : 1 + r.nextInt(5);
            int h = picNum % 3 == 0 ? 3 : 1 + r.nextInt(4);
            Picture pic = randomPicture(r, w, h);
            bins += pic.bins;
            reader.startPicture(w, h);
            for (int si = 0; si < pic.slices.size(); si++) {
                CabacSliceWriter.Params p = pic.slices.get(si);
                byte[] data = pic.data.get(si);
                reader.startSlice(p.header(), data, data.length);
                for (int addr = p.first; addr < p.first + p.count; addr++) {
                    String where = "picture " + picNum + " (" + w + "x" + h + "), slice " + si + " (type " + p.type
                            + ", first " + p.first + "), macroblock " + addr;
                    pos.set(addr, w, p.first);
                    got.clearAll();
                    boolean more = reader.read(pos, got);
                    Macroblock exp = pic.writer.mbs[addr];
                    assertSameMacroblock(exp, got, where);
                    assertEquals(addr < p.first + p.count - 1, more, where + ": end_of_slice_flag");
                    mbs++;
                    kinds[exp.skip ? 0 : (exp.isPcm() ? 1 : (exp.intra ? (exp.mbType == 0 ? 2 : 3) : (exp.transform8x8 ? 4 : 5)))]++;
                    if (exp.intra && exp.mbType == 0 && exp.transform8x8) {
                        kinds[6]++;
                    }
                }
            }
        }
        System.out.printf("CABAC round trip: %d macroblocks, %d bins (skip %d, I_PCM %d, I_NxN %d (8x8: %d), I_16x16 %d,"
                + " inter 8x8 transform %d, other inter %d)%n", mbs, bins, kinds[0], kinds[1], kinds[2], kinds[6], kinds[3],
                kinds[4], kinds[5]);
        assertTrue(kinds[1] > 100 && kinds[4] > 100 && kinds[6] > 100, "coverage");
    }

    static void assertSameMacroblock(Macroblock exp, Macroblock got, String where) {
        assertEquals(exp.sliceType, got.sliceType, where + ": sliceType");
        assertEquals(exp.skip, got.skip, where + ": skip");
        assertEquals(exp.intra, got.intra, where + ": intra");
        assertEquals(exp.mbType, got.mbType, where + ": mbType");
        assertArrayEquals(exp.subMbType, got.subMbType, where + ": subMbType");
        assertEquals(exp.transform8x8, got.transform8x8, where + ": transform8x8");
        assertArrayEquals(exp.intraModeSyntax, got.intraModeSyntax, where + ": intraModeSyntax");
        assertEquals(exp.intra16x16Mode, got.intra16x16Mode, where + ": intra16x16Mode");
        assertEquals(exp.intraChromaMode, got.intraChromaMode, where + ": intraChromaMode");
        assertEquals(exp.cbp, got.cbp, where + ": cbp");
        assertEquals(exp.qpDelta, got.qpDelta, where + ": qpDelta");
        for (int list = 0; list < 2; list++) {
            assertArrayEquals(exp.refIdx[list], got.refIdx[list], where + ": refIdx l" + list);
            for (int b = 0; b < 16; b++) {
                int e = exp.mvd[list][b];
                int g = got.mvd[list][b];
                assertEquals(e, g, where + ": mvd l" + list + " block " + b + " expected (" + Mv.x(e) + ", " + Mv.y(e)
                        + ") got (" + Mv.x(g) + ", " + Mv.y(g) + ")");
            }
        }
        assertArrayEquals(exp.lumaDc, got.lumaDc, where + ": lumaDc");
        assertArrayEquals(exp.luma, got.luma, where + ": luma");
        assertArrayEquals(exp.chromaDc, got.chromaDc, where + ": chromaDc");
        assertArrayEquals(exp.chromaAc, got.chromaAc, where + ": chromaAc");
        assertArrayEquals(exp.totalCoeff, got.totalCoeff, where + ": totalCoeff");
        if (exp.isPcm()) {
            assertArrayEquals(exp.pcm, got.pcm, where + ": pcm");
        }
    }

    // ------------------------------------------------------------------------------------------
    // values out of range

    private static CabacSliceWriter.Params params(int type, int numRef0) {
        CabacSliceWriter.Params p = new CabacSliceWriter.Params();
        p.type = type;
        p.count = 1;
        p.qp = 30;
        p.numRef[0] = numRef0;
        p.headerBits = 5;
        return p;
    }

    private static H264Exception readOne(CabacSliceWriter.Params p, byte[] data) {
        CabacReader reader = new CabacReader();
        reader.startPicture(1, 1);
        MbPosition pos = new MbPosition();
        pos.set(0, 1, 0);
        Macroblock mb = new Macroblock();
        mb.clearAll();
        return assertThrows(H264Exception.class, () -> {
            reader.startSlice(p.header(), data, data.length);
            reader.read(pos, mb);
        });
    }

    /** An I slice whose one I_16x16 macroblock has mb_qp_delta coded with mapped value {@code k} (then padding). */
    private static byte[] i16WithQpBins(int k) {
        CabacSliceWriter.Params p = params(SliceHeader.I, 0);
        CabacSliceWriter w = new CabacSliceWriter(1, 1);
        w.startSlice(p, new Random(1));
        Macroblock m = new Macroblock();
        m.clearAll();
        m.sliceType = SliceHeader.I;
        m.intra = true;
        m.mbType = 1;
        w.writeTypeOnly(0, m);
        w.encoder().decision(64, 0); // intra_chroma_pred_mode 0, no neighbours
        w.rawQpDeltaBins(k);
        w.encoder().decision(85 + 3, 0); // coded_block_flag 0 of the DC block (both neighbours unavailable, intra)
        w.encoder().terminate(1);
        return w.finishSlice();
    }

    @Test
    void mbQpDeltaOutsideItsRangeIsInvalid() {
        CabacSliceWriter.Params p = params(SliceHeader.I, 0);
        for (int k : new int[] {51, 53, 60, 200}) {
            H264Exception e = readOne(p, i16WithQpBins(k));
            assertEquals(H264Exception.Kind.INVALID_DATA, e.kind(), "k " + k + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("mb_qp_delta"), e.getMessage());
        }
        // the extremes -26 (k 52) and +25 (k 49) are valid
        for (int k : new int[] {49, 52}) {
            CabacReader reader = new CabacReader();
            reader.startPicture(1, 1);
            MbPosition pos = new MbPosition();
            pos.set(0, 1, 0);
            Macroblock mb = new Macroblock();
            mb.clearAll();
            byte[] data = i16WithQpBins(k);
            reader.startSlice(p.header(), data, data.length);
            reader.read(pos, mb);
            assertEquals(k == 52 ? -26 : 25, mb.qpDelta);
        }
    }

    @Test
    void refIdxBeyondTheActiveReferencesIsInvalid() {
        CabacSliceWriter.Params p = params(SliceHeader.P, 2);
        CabacSliceWriter w = new CabacSliceWriter(1, 1);
        w.startSlice(p, new Random(2));
        Macroblock m = new Macroblock();
        m.clearAll();
        m.sliceType = SliceHeader.P;
        m.mbType = 0;
        w.writeTypeOnly(0, m);
        CabacTestEncoder c = w.encoder();
        c.decision(54, 1); // ref_idx_l0 = 2 with 2 active references: 1 1 0
        c.decision(58, 1);
        c.decision(59, 0);
        for (int i = 0; i < 40; i++) {
            c.decision(40, 0);
        }
        c.terminate(1);
        byte[] data = w.finishSlice();
        H264Exception e = readOne(p, data);
        assertEquals(H264Exception.Kind.INVALID_DATA, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("ref_idx"), e.getMessage());
    }

    @Test
    void mvdBeyondItsRangeIsInvalid() {
        CabacSliceWriter.Params p = params(SliceHeader.P, 1);
        CabacSliceWriter w = new CabacSliceWriter(1, 1);
        w.startSlice(p, new Random(3));
        Macroblock m = new Macroblock();
        m.clearAll();
        m.sliceType = SliceHeader.P;
        m.mbType = 0;
        w.writeTypeOnly(0, m);
        CabacTestEncoder c = w.encoder();
        // mvd_l0[0][0][0] = +32768: prefix of 9 ones, EG3 suffix of 32759, sign 0
        for (int i = 0; i < 9; i++) {
            c.decision(40 + (i == 0 ? 0 : Math.min(i + 2, 6)), 1);
        }
        int suf = 32768 - 9;
        int k = 3;
        while (suf >= (1 << k)) {
            c.bypass(1);
            suf -= 1 << k;
            k++;
        }
        c.bypass(0);
        while (k-- > 0) {
            c.bypass((suf >> k) & 1);
        }
        c.bypass(0);
        for (int i = 0; i < 40; i++) {
            c.decision(47, 0);
        }
        c.terminate(1);
        H264Exception e = readOne(p, w.finishSlice());
        assertEquals(H264Exception.Kind.INVALID_DATA, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("mvd"), e.getMessage());
    }

    @Test
    void cabacAlignmentBitsMustBeOnes() {
        CabacSliceWriter.Params p = params(SliceHeader.I, 0);
        p.headerBits = 3;
        byte[] data = {(byte) 0xfb, 0x55, 0x55, 0x55, 0x55}; // bits 3..7 of byte 0: 1 1 0 1 1
        H264Exception e = readOne(p, data);
        assertEquals(H264Exception.Kind.INVALID_DATA, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("cabac_alignment_one_bit"), e.getMessage());
        p.headerBits = 40; // slice data would start past the end
        assertEquals(H264Exception.Kind.TRUNCATED, readOne(p, data).kind());
    }
}
