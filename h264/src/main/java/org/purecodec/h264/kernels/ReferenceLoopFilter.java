package org.purecodec.h264.kernels;

/** Plain transcription of 8.7.2.2 to 8.7.2.4 sample line by sample line: the yardstick for {@link FastLoopFilter}. */
public final class ReferenceLoopFilter implements LoopFilter {

    @Override
    public void lumaEdge(byte[] pix, int off, int across, int along, int[] bS, int bSOff, int indexA, int indexB) {
        for (int k = 0; k < 16; k++) {
            filterLine(pix, off + k * along, across, bS[bSOff + k / 4], indexA, indexB, false);
        }
    }

    @Override
    public void chromaEdge(byte[] pix, int off, int across, int along, int[] bS, int bSOff, int indexA, int indexB) {
        for (int k = 0; k < 8; k++) {
            filterLine(pix, off + k * along, across, bS[bSOff + (2 * k) / 4], indexA, indexB, true);
        }
    }

    /** One set of eight samples p3..p0 | q0..q3 across the edge (8.7.2.2 after the bS derivation). */
    private static void filterLine(byte[] pix, int q0At, int across, int bS, int indexA, int indexB,
            boolean chromaEdgeFlag) {
        boolean chromaStyleFilteringFlag = chromaEdgeFlag; // ChromaArrayType != 3
        int[] p = new int[4];
        int[] q = new int[4];
        int n = chromaEdgeFlag ? 2 : 4; // chroma 4:2:0 filters use p0, p1, q0, q1 only
        for (int i = 0; i < n; i++) {
            p[i] = pix[q0At - (i + 1) * across] & 0xff;
            q[i] = pix[q0At + i * across] & 0xff;
        }
        int alpha = Tables.ALPHA[indexA]; // alpha' * (1 << (BitDepth - 8))
        int beta = Tables.BETA[indexB];
        boolean filterSamplesFlag = bS != 0 && Math.abs(p[0] - q[0]) < alpha && Math.abs(p[1] - p[0]) < beta
                && Math.abs(q[1] - q[0]) < beta; // 8-468
        if (!filterSamplesFlag) {
            return;
        }
        int[] pf = p.clone();
        int[] qf = q.clone();
        if (bS < 4) { // 8.7.2.3
            int tC0 = Tables.TC0[indexA * 4 + bS];
            int ap = chromaEdgeFlag ? 0 : Math.abs(p[2] - p[0]);
            int aq = chromaEdgeFlag ? 0 : Math.abs(q[2] - q[0]);
            int tC;
            if (!chromaStyleFilteringFlag) {
                tC = tC0 + (ap < beta ? 1 : 0) + (aq < beta ? 1 : 0);
            } else {
                tC = tC0 + 1;
            }
            int delta = Planes.clip3(-tC, tC, (((q[0] - p[0]) << 2) + (p[1] - q[1]) + 4) >> 3);
            pf[0] = Planes.clip1(p[0] + delta);
            qf[0] = Planes.clip1(q[0] - delta);
            if (!chromaStyleFilteringFlag && ap < beta) {
                pf[1] = p[1] + Planes.clip3(-tC0, tC0, (p[2] + ((p[0] + q[0] + 1) >> 1) - (p[1] << 1)) >> 1);
            }
            if (!chromaStyleFilteringFlag && aq < beta) {
                qf[1] = q[1] + Planes.clip3(-tC0, tC0, (q[2] + ((p[0] + q[0] + 1) >> 1) - (q[1] << 1)) >> 1);
            }
        } else { // 8.7.2.4
            int ap = chromaEdgeFlag ? 0 : Math.abs(p[2] - p[0]);
            int aq = chromaEdgeFlag ? 0 : Math.abs(q[2] - q[0]);
            if (!chromaStyleFilteringFlag && ap < beta && Math.abs(p[0] - q[0]) < ((alpha >> 2) + 2)) {
                pf[0] = (p[2] + 2 * p[1] + 2 * p[0] + 2 * q[0] + q[1] + 4) >> 3;
                pf[1] = (p[2] + p[1] + p[0] + q[0] + 2) >> 2;
                pf[2] = (2 * p[3] + 3 * p[2] + p[1] + p[0] + q[0] + 4) >> 3;
            } else {
                pf[0] = (2 * p[1] + p[0] + q[1] + 2) >> 2;
            }
            if (!chromaStyleFilteringFlag && aq < beta && Math.abs(p[0] - q[0]) < ((alpha >> 2) + 2)) {
                qf[0] = (p[1] + 2 * p[0] + 2 * q[0] + 2 * q[1] + q[2] + 4) >> 3;
                qf[1] = (p[0] + q[0] + q[1] + q[2] + 2) >> 2;
                qf[2] = (2 * q[3] + 3 * q[2] + q[1] + q[0] + p[0] + 4) >> 3;
            } else {
                qf[0] = (2 * q[1] + q[0] + p[1] + 2) >> 2;
            }
        }
        for (int i = 0; i < n; i++) {
            pix[q0At - (i + 1) * across] = (byte) pf[i];
            pix[q0At + i * across] = (byte) qf[i];
        }
    }
}
