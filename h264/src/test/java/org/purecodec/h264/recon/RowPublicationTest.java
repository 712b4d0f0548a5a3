package org.purecodec.h264.recon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.purecodec.h264.kernels.Kernels;

/**
 * What frame threads rely on when they read a reference picture that is still being decoded: once rows
 * [0, k) are deblocked, the lines {@link Picture#finalLumaLines} / {@link Picture#finalChromaLines} declares
 * final never change again, and {@link Picture#rowsFor} asks for no fewer rows than that.
 */
class RowPublicationTest {

    /** A picture with strong edges everywhere: intra and coded inter macroblocks, high QP, smooth samples. */
    private static Picture picture(Random rnd, int mbW, int mbH) {
        Picture p = new Picture(mbW, mbH);
        p.begin(1, 0);
        for (byte[] plane : new byte[][] {p.luma, p.cb, p.cr}) {
            for (int i = 0; i < plane.length; i++) {
                plane[i] = (byte) (100 + rnd.nextInt(12)); // differences below beta at high QP: lines get filtered
            }
        }
        for (int mb = 0; mb < mbW * mbH; mb++) {
            p.mbFlags[mb] = (byte) (Picture.DONE | (rnd.nextInt(3) == 0 ? Picture.INTRA : 0));
            p.mbQp[mb] = (byte) (36 + rnd.nextInt(16));
            p.codedMask[mb] = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(1 << 16);
        }
        for (int i = 0; i < p.mv0.length; i++) {
            p.mv0[i] = rnd.nextInt(4) == 0 ? rnd.nextInt(64) : 0;
        }
        for (int i = 0; i < p.refPic0.length; i++) {
            p.refPic0[i] = rnd.nextInt(2);
            p.refPic1[i] = -1;
        }
        return p;
    }

    @Test
    void linesDeclaredFinalNeverChangeAndTheNextOneCan() {
        int[] sliceFilter = {0, 0, 0, 0}; // one slice: filter on, no offsets
        boolean lumaBoundReached = false;
        boolean chromaBoundReached = false;
        for (int seed = 0; seed < 20; seed++) {
            Random rnd = new Random(seed);
            int mbW = 2 + rnd.nextInt(4);
            int mbH = 2 + rnd.nextInt(5);
            Picture p = picture(rnd, mbW, mbH);
            Deblocker deblocker = new Deblocker(Kernels.fast());
            byte[][][] after = new byte[mbH + 1][][];
            after[0] = new byte[][] {p.luma.clone(), p.cb.clone(), p.cr.clone()};
            for (int row = 0; row < mbH; row++) {
                deblocker.deblockRow(p, row, sliceFilter);
                after[row + 1] = new byte[][] {p.luma.clone(), p.cb.clone(), p.cr.clone()};
            }
            for (int k = 1; k <= mbH; k++) {
                int luma = p.finalLumaLines(k);
                int chroma = p.finalChromaLines(k);
                assertTrue(luma <= 16 * k && chroma <= 8 * k, "more lines than deblocked");
                assertEquals(-1, firstDifferentLine(after[k][0], p.luma, p.lumaOff, p.lumaStride, p.width, luma),
                        "seed " + seed + ": a luma line declared final with " + k + " rows deblocked changed later");
                for (int c = 1; c <= 2; c++) {
                    assertEquals(-1, firstDifferentLine(after[k][c], after[mbH][c], p.chromaOff, p.chromaStride, p.width / 2,
                            chroma), "seed " + seed + ": a chroma line declared final with " + k + " rows changed later");
                }
                if (k < mbH) {
                    // the first line not declared final: does a later row's filter change it (is the bound tight)?
                    lumaBoundReached |= firstDifferentLine(after[k][0], p.luma, p.lumaOff + luma * p.lumaStride, p.lumaStride,
                            p.width, 1) >= 0;
                    chromaBoundReached |= firstDifferentLine(after[k][1], after[mbH][1], p.chromaOff + chroma * p.chromaStride,
                            p.chromaStride, p.width / 2, 1) >= 0;
                }
            }
        }
        assertTrue(lumaBoundReached, "no test picture changed the first luma line after the final ones: the test is too weak");
        assertTrue(chromaBoundReached, "no test picture changed the first chroma line after the final ones");
    }

    @Test
    void rowsForAsksForEveryLineItReads() {
        Picture p = new Picture(4, 5);
        for (int luma = -30; luma < p.height + 14; luma++) {
            for (int chroma = -16; chroma < p.height / 2 + 8; chroma++) {
                int rows = p.rowsFor(luma, chroma);
                assertTrue(rows >= 1 && rows <= p.mbHeight);
                boolean below = luma >= p.height || chroma >= p.height / 2;
                if (below) {
                    assertEquals(p.mbHeight, rows, "lines below the picture are padded with the last row");
                    continue;
                }
                assertTrue(luma < p.finalLumaLines(rows) && chroma < p.finalChromaLines(rows),
                        "rowsFor(" + luma + ", " + chroma + ") = " + rows + " leaves a line not final");
                if (rows > 1) {
                    assertTrue(luma >= p.finalLumaLines(rows - 1) || chroma >= p.finalChromaLines(rows - 1),
                            "rowsFor(" + luma + ", " + chroma + ") = " + rows + " waits longer than needed");
                }
            }
        }
    }

    /** The first of lines [0, lines) (of width samples at off, stride) where a and b differ, or -1. */
    private static int firstDifferentLine(byte[] a, byte[] b, int off, int stride, int width, int lines) {
        for (int y = 0; y < lines; y++) {
            int o = off + y * stride;
            if (!Arrays.equals(a, o, o + width, b, o, o + width)) {
                return y;
            }
        }
        return -1;
    }
}
