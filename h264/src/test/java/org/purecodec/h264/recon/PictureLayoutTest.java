package org.purecodec.h264.recon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.purecodec.h264.kernels.Planes;
import org.junit.jupiter.api.Test;

/**
 * The padded planes of a {@link Picture}: luma and Cb share one array, so their padded areas must be disjoint
 * and inside it, and padding one plane must not touch the other.
 */
class PictureLayoutTest {

    /** Marks every sample of a padded plane (pad included) with {@code mark}; fails if one was already marked. */
    private static void claim(byte[] a, int off, int stride, int w, int h, int pad, byte mark) {
        for (int y = -pad; y < h + pad; y++) {
            for (int x = -pad; x < w + pad; x++) {
                int i = off + y * stride + x;
                assertEquals(0, a[i], "sample (" + x + ", " + y + ") of plane " + mark + " overlaps plane " + a[i]);
                a[i] = mark;
            }
        }
    }

    @Test
    void paddedPlanesAreDisjointAndFillTheirArrays() {
        for (int[] size : new int[][] {{1, 1}, {2, 3}, {22, 15}, {80, 45}, {120, 68}}) {
            Picture p = new Picture(size[0], size[1]);
            assertTrue(p.luma == p.cb, "luma and Cb share an array");
            byte[] shared = new byte[p.luma.length];
            byte[] cr = new byte[p.cr.length];
            claim(shared, p.lumaOff, p.lumaStride, p.width, p.height, Planes.LUMA_PAD, (byte) 1);
            claim(shared, p.chromaOff, p.chromaStride, p.width / 2, p.height / 2, Planes.CHROMA_PAD, (byte) 2);
            claim(cr, p.chromaOff, p.chromaStride, p.width / 2, p.height / 2, Planes.CHROMA_PAD, (byte) 3);
            for (int i = 0; i < shared.length; i++) {
                assertTrue(shared[i] != 0, "byte " + i + " of the luma/Cb array belongs to no plane");
            }
            for (int i = 0; i < cr.length; i++) {
                assertTrue(cr[i] != 0, "byte " + i + " of the Cr array belongs to no plane");
            }
        }
    }

    @Test
    void paddingOnePlaneLeavesTheOtherAlone() {
        Picture p = new Picture(3, 2);
        p.begin(1, 0);
        int cw = p.width / 2;
        // distinct values in each plane's picture area, zero elsewhere
        for (int y = 0; y < p.height; y++) {
            for (int x = 0; x < p.width; x++) {
                p.luma[p.lumaOff + y * p.lumaStride + x] = 10;
            }
        }
        for (int y = 0; y < p.height / 2; y++) {
            for (int x = 0; x < cw; x++) {
                p.cb[p.chromaOff + y * p.chromaStride + x] = 20;
                p.cr[p.chromaOff + y * p.chromaStride + x] = 30;
            }
        }
        for (int row = 0; row < p.mbHeight; row++) {
            p.publishRows(row, row + 1);
        }
        for (int y = -Planes.LUMA_PAD; y < p.height + Planes.LUMA_PAD; y++) {
            for (int x = -Planes.LUMA_PAD; x < p.width + Planes.LUMA_PAD; x++) {
                assertEquals(10, p.luma[p.lumaOff + y * p.lumaStride + x], "luma (" + x + ", " + y + ")");
            }
        }
        for (int y = -Planes.CHROMA_PAD; y < p.height / 2 + Planes.CHROMA_PAD; y++) {
            for (int x = -Planes.CHROMA_PAD; x < cw + Planes.CHROMA_PAD; x++) {
                assertEquals(20, p.cb[p.chromaOff + y * p.chromaStride + x], "Cb (" + x + ", " + y + ")");
                assertEquals(30, p.cr[p.chromaOff + y * p.chromaStride + x], "Cr (" + x + ", " + y + ")");
            }
        }
    }
}
