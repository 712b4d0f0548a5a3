package org.purecodec.h264.recon;

import org.purecodec.h264.kernels.BoundaryStrength;
import org.purecodec.h264.kernels.Kernels;
import org.purecodec.h264.kernels.LoopFilter;
import org.purecodec.h264.kernels.Tables;

/**
 * The deblocking filter process (8.7) over a decoded picture, macroblock by macroblock in raster order:
 * luma vertical edges left to right, then horizontal edges top to bottom, and the same for the two chroma
 * planes (4:2:0: edges 0 and 2 of the luma edge numbering). Each macroblock uses the
 * disable_deblocking_filter_idc and filter offsets of its own slice (idc 2: edges on a slice boundary are
 * left alone); bS comes from {@link BoundaryStrength} with the per-4x4 facts stored in the {@link Picture}.
 */
final class Deblocker {
    private final LoopFilter lf;
    private final int[] bS = new int[4];

    Deblocker(Kernels k) {
        this.lf = k.loopFilter;
    }

    /**
     * Filters the macroblocks of row {@code mbY}. Rows must be filtered in order, each once it has been
     * reconstructed; intra prediction of the row below reads the unfiltered last line of this one, which the
     * caller saves before filtering ({@code SliceDecoder}).
     *
     * @param sliceFilter per slice number: idc, FilterOffsetA, FilterOffsetB, and the chroma QP offsets
     *                    packed (Cb in the low 16 bits, Cr in the high)
     */
    void deblockRow(Picture p, int mbY, int[] sliceFilter) {
        int mbW = p.mbWidth;
        {
            for (int mbX = 0; mbX < mbW; mbX++) {
                int addr = mbY * mbW + mbX;
                int slice = p.mbSlice[addr];
                int idc = sliceFilter[slice * 4];
                if (idc == 1) {
                    continue;
                }
                boolean left = mbX > 0 && (idc != 2 || p.mbSlice[addr - 1] == slice);
                boolean top = mbY > 0 && (idc != 2 || p.mbSlice[addr - mbW] == slice);
                filterMb(p, mbX, mbY, addr, left, top, sliceFilter[slice * 4 + 1], sliceFilter[slice * 4 + 2],
                        sliceFilter[slice * 4 + 3]);
            }
        }
    }

    private void filterMb(Picture p, int mbX, int mbY, int addr, boolean left, boolean top, int offA, int offB, int chromaOffsets) {
        int cbOff = (short) chromaOffsets;
        int crOff = chromaOffsets >> 16;
        int flags = p.mbFlags[addr];
        // the first internal edge (1 with 4x4 transforms, 2 with 8x8 ones) and the step to the next; none when
        // an inter macroblock without coefficients has one motion for all its blocks (bS 0 inside)
        int eStep = (flags & Picture.TRANSFORM_8X8) != 0 ? 2 : 1;
        boolean plainInside = (flags & Picture.ONE_MOTION) != 0 && p.codedMask[addr] == 0;
        int qpQ = p.mbQp[addr];
        int qcbQ = chromaQp(qpQ, cbOff);
        int qcrQ = chromaQp(qpQ, crOff);
        int lumaOff = p.lumaOff + mbY * 16 * p.lumaStride + mbX * 16;
        int chromaOff = p.chromaOff + mbY * 8 * p.chromaStride + mbX * 8;
        boolean chroma = !p.monochrome;
        for (int dir = 0; dir < 2; dir++) {
            boolean vertical = dir == 0;
            int across = vertical ? 1 : p.lumaStride;
            int along = vertical ? p.lumaStride : 1;
            int cAcross = vertical ? 1 : p.chromaStride;
            int cAlong = vertical ? p.chromaStride : 1;
            if ((vertical ? left : top) && strengths(p, mbX, mbY, addr, vertical, 0)) {
                // the macroblock edge: QPs averaged with the neighbour's (8-461, 8-462 for chroma)
                int qpP = p.mbQp[vertical ? addr - 1 : addr - p.mbWidth];
                int qPav = (qpP + qpQ + 1) >> 1;
                lf.lumaEdge(p.luma, lumaOff, across, along, bS, 0, clip(qPav + offA), clip(qPav + offB));
                if (chroma) {
                    int qcb = (chromaQp(qpP, cbOff) + qcbQ + 1) >> 1;
                    lf.chromaEdge(p.cb, chromaOff, cAcross, cAlong, bS, 0, clip(qcb + offA), clip(qcb + offB));
                    int qcr = (chromaQp(qpP, crOff) + qcrQ + 1) >> 1;
                    lf.chromaEdge(p.cr, chromaOff, cAcross, cAlong, bS, 0, clip(qcr + offA), clip(qcr + offB));
                }
            }
            if (plainInside) {
                continue;
            }
            for (int e = eStep; e < 4; e += eStep) {
                if (!strengths(p, mbX, mbY, addr, vertical, e)) {
                    continue;
                }
                int off = lumaOff + (vertical ? e * 4 : e * 4 * p.lumaStride);
                lf.lumaEdge(p.luma, off, across, along, bS, 0, clip(qpQ + offA), clip(qpQ + offB));
                if (e == 2 && chroma) { // chroma edge 2 of 4:2:0 (the middle of the 8x8 block)
                    int cOff = chromaOff + (vertical ? 4 : 4 * p.chromaStride);
                    lf.chromaEdge(p.cb, cOff, cAcross, cAlong, bS, 0, clip(qcbQ + offA), clip(qcbQ + offB));
                    lf.chromaEdge(p.cr, cOff, cAcross, cAlong, bS, 0, clip(qcrQ + offA), clip(qcrQ + offB));
                }
            }
        }
    }

    private static int chromaQp(int qpY, int offset) {
        return Tables.chromaQp(clip(qpY + offset));
    }

    private static int clip(int v) {
        return v < 0 ? 0 : (v > 51 ? 51 : v);
    }

    /**
     * bS of the four segments of edge {@code e}; false when all are 0. Inter blocks: a coded block on
     * either side gives 2; the same reference pictures and vectors (a list neither side uses ignored) give
     * 0 ({@link #motionBs}). The motion part is found once per run of segments that the macroblocks' motion
     * flags say share their motion: none on an edge inside one motion (the whole macroblock with
     * {@link Picture#ONE_MOTION}, edges 1 and 3 with {@link Picture#QUAD_MOTION}), one for the whole edge when
     * both sides have one motion, one per half when both have one per quadrant, else one per segment; and
     * only for segments (or halves) that no coded block already sets to 2 (the coded segments are gathered
     * into a 4-bit mask first).
     */
    private boolean strengths(Picture p, int mbX, int mbY, int addr, boolean vertical, int e) {
        int pAddr = e > 0 ? addr : (vertical ? addr - 1 : addr - p.mbWidth);
        int fq = p.mbFlags[addr];
        int fp = p.mbFlags[pAddr];
        int[] b = bS;
        if (((fq | fp) & Picture.INTRA) != 0) {
            // in a field picture (field macroblocks) a horizontal macroblock edge gets 3, not 4 (8.7.2.1)
            int v = e == 0 && (vertical || p.parity < 0) ? 4 : 3;
            b[0] = v;
            b[1] = v;
            b[2] = v;
            b[3] = v;
            return true;
        }
        int pe = (e + 3) & 3; // column (vertical) or row (horizontal) of the p blocks in their macroblock
        // the segments with a coded block on either side, segment i in bit i (codedMask: bit y * 4 + x)
        int coded;
        if (vertical) {
            int c = ((p.codedMask[addr] >>> e) | (p.codedMask[pAddr] >>> pe)) & 0x1111;
            coded = (c | c >>> 3 | c >>> 6 | c >>> 9) & 0xf;
        } else {
            coded = ((p.codedMask[addr] >>> (4 * e)) | (p.codedMask[pAddr] >>> (4 * pe))) & 0xf;
        }
        if (coded == 0xf) {
            b[0] = 2;
            b[1] = 2;
            b[2] = 2;
            b[3] = 2;
            return true;
        }
        int stride = p.b4Stride;
        // block i of the edge: q at qi, p at qi - pStep
        int qi = mbY * 4 * stride + mbX * 4 + (vertical ? e : e * stride);
        int qStep = vertical ? stride : 1;
        int pStep = vertical ? 1 : stride;
        // the same for the 8x8 blocks of the reference pictures: q of segments 0, 1 at q8, of 2, 3 at q8 + q8Step
        int s8 = p.b8Stride;
        int x4 = mbX * 4 + (vertical ? e : 0);
        int y4 = mbY * 4 + (vertical ? 0 : e);
        int q8 = (y4 >> 1) * s8 + (x4 >> 1);
        int p8 = vertical ? q8 - (x4 >> 1) + ((x4 - 1) >> 1) : q8 + (((y4 - 1) >> 1) - (y4 >> 1)) * s8;
        int q8Step = vertical ? s8 : 1;
        int both = fq & fp;
        if ((both & Picture.QUAD_MOTION) != 0) {
            int first = 0; // segments 0, 1
            int second = 0; // segments 2, 3
            if (e == 0 || ((fq & Picture.ONE_MOTION) == 0 && (e & 1) == 0)) {
                if ((both & Picture.ONE_MOTION) != 0) {
                    first = motionBs(p, qi - pStep, qi, p8, q8); // not every segment is coded (returned above)
                    second = first;
                } else {
                    if ((coded & 3) != 3) {
                        first = motionBs(p, qi - pStep, qi, p8, q8);
                    }
                    if ((coded & 12) != 12) {
                        second = motionBs(p, qi + 2 * qStep - pStep, qi + 2 * qStep, p8 + q8Step, q8 + q8Step);
                    }
                }
            }
            if ((coded | first | second) == 0) {
                return false;
            }
            // 2 for a coded segment, else the motion part (0 or 1), without branches
            int c0 = coded & 1;
            int c1 = coded >> 1 & 1;
            int c2 = coded >> 2 & 1;
            int c3 = coded >> 3;
            b[0] = first & (c0 - 1) | c0 << 1;
            b[1] = first & (c1 - 1) | c1 << 1;
            b[2] = second & (c2 - 1) | c2 << 1;
            b[3] = second & (c3 - 1) | c3 << 1;
            return true;
        }
        int any = coded;
        for (int i = 0; i < 4; i++, qi += qStep) {
            int h = (i >> 1) * q8Step;
            int v = (coded >> i & 1) != 0 ? 2 : motionBs(p, qi - pStep, qi, p8 + h, q8 + h);
            b[i] = v;
            any |= v;
        }
        return any != 0;
    }

    /**
     * bS of two inter blocks without coefficients, p at 4x4 index {@code pi} (8x8 index {@code pi8}) and q at
     * {@code qi} ({@code qi8}): 0 when they use the same reference pictures and vectors (a list neither uses
     * ignored), decided without branches since it follows the picture content; anything else goes to
     * {@link BoundaryStrength#derive}.
     */
    private static int motionBs(Picture p, int pi, int qi, int pi8, int qi8) {
        int[] r0 = p.refPic0;
        int[] r1 = p.refPic1;
        int rp0 = r0[pi8];
        int rp1 = r1[pi8];
        int rq0 = r0[qi8];
        int rq1 = r1[qi8];
        int mp0 = p.mv0[pi];
        int mp1 = p.mv1[pi];
        int mq0 = p.mv0[qi];
        int mq1 = p.mv1[qi];
        int diff = (rp0 ^ rq0) | (rp1 ^ rq1) | ((mp0 ^ mq0) & ~(rp0 >> 31)) | ((mp1 ^ mq1) & ~(rp1 >> 31));
        return diff == 0 ? 0 : BoundaryStrength.derive(false, false, false, false, false, rp0, rp1, mp0, mp1, rq0, rq1, mq0, mq1,
                p.parity < 0 ? 4 : 2);
    }
}
