package org.purecodec.h264.kernels;

/** Fast deblocking: thresholds looked up once per edge and segment, bS 0 segments skipped, no allocation. */
public final class FastLoopFilter implements LoopFilter {

    @Override
    public void lumaEdge(byte[] pix, int off, int across, int along, int[] bS, int bSOff, int indexA, int indexB) {
        int alpha = Tables.ALPHA[indexA];
        int beta = Tables.BETA[indexB];
        if (alpha == 0 || beta == 0) {
            return; // no line can pass |p0 - q0| < alpha && |p1 - p0| < beta
        }
        for (int seg = 0; seg < 4; seg++) {
            int s = bS[bSOff + seg];
            if (s == 0) {
                continue;
            }
            int o = off + seg * 4 * along;
            if (s < 4) {
                lumaNormal(pix, o, across, along, alpha, beta, Tables.TC0[indexA * 4 + s]);
            } else {
                lumaStrong(pix, o, across, along, alpha, beta);
            }
        }
    }

    private static void lumaNormal(byte[] pix, int o, int a, int along, int alpha, int beta, int tc0) {
        for (int k = 0; k < 4; k++, o += along) {
            int p0 = pix[o - a] & 0xff;
            int q0 = pix[o] & 0xff;
            int d0 = q0 - p0;
            if (d0 >= alpha || -d0 >= alpha) {
                continue;
            }
            int p1 = pix[o - 2 * a] & 0xff;
            int q1 = pix[o + a] & 0xff;
            if (p1 - p0 >= beta || p0 - p1 >= beta || q1 - q0 >= beta || q0 - q1 >= beta) {
                continue;
            }
            int p2 = pix[o - 3 * a] & 0xff;
            int q2 = pix[o + 2 * a] & 0xff;
            int tc = tc0;
            int avg = (p0 + q0 + 1) >> 1;
            int ap = p2 - p0;
            if (ap < beta && -ap < beta) {
                int v = (p2 + avg - (p1 << 1)) >> 1;
                pix[o - 2 * a] = (byte) (p1 + (v < -tc0 ? -tc0 : v > tc0 ? tc0 : v));
                tc++;
            }
            int aq = q2 - q0;
            if (aq < beta && -aq < beta) {
                int v = (q2 + avg - (q1 << 1)) >> 1;
                pix[o + a] = (byte) (q1 + (v < -tc0 ? -tc0 : v > tc0 ? tc0 : v));
                tc++;
            }
            int delta = ((d0 << 2) + (p1 - q1) + 4) >> 3;
            delta = delta < -tc ? -tc : delta > tc ? tc : delta;
            pix[o - a] = (byte) FastTransform.clip(p0 + delta);
            pix[o] = (byte) FastTransform.clip(q0 - delta);
        }
    }

    private static void lumaStrong(byte[] pix, int o, int a, int along, int alpha, int beta) {
        int strongLimit = (alpha >> 2) + 2;
        for (int k = 0; k < 4; k++, o += along) {
            int p0 = pix[o - a] & 0xff;
            int q0 = pix[o] & 0xff;
            int d0 = q0 - p0;
            if (d0 >= alpha || -d0 >= alpha) {
                continue;
            }
            int p1 = pix[o - 2 * a] & 0xff;
            int q1 = pix[o + a] & 0xff;
            if (p1 - p0 >= beta || p0 - p1 >= beta || q1 - q0 >= beta || q0 - q1 >= beta) {
                continue;
            }
            int p2 = pix[o - 3 * a] & 0xff;
            int q2 = pix[o + 2 * a] & 0xff;
            boolean small = d0 < strongLimit && -d0 < strongLimit;
            int ap = p2 - p0;
            if (small && ap < beta && -ap < beta) {
                int p3 = pix[o - 4 * a] & 0xff;
                pix[o - a] = (byte) ((p2 + 2 * (p1 + p0 + q0) + q1 + 4) >> 3);
                pix[o - 2 * a] = (byte) ((p2 + p1 + p0 + q0 + 2) >> 2);
                pix[o - 3 * a] = (byte) ((2 * p3 + 3 * p2 + p1 + p0 + q0 + 4) >> 3);
            } else {
                pix[o - a] = (byte) ((2 * p1 + p0 + q1 + 2) >> 2);
            }
            int aq = q2 - q0;
            if (small && aq < beta && -aq < beta) {
                int q3 = pix[o + 3 * a] & 0xff;
                pix[o] = (byte) ((p1 + 2 * (p0 + q0 + q1) + q2 + 4) >> 3);
                pix[o + a] = (byte) ((p0 + q0 + q1 + q2 + 2) >> 2);
                pix[o + 2 * a] = (byte) ((2 * q3 + 3 * q2 + q1 + q0 + p0 + 4) >> 3);
            } else {
                pix[o] = (byte) ((2 * q1 + q0 + p1 + 2) >> 2);
            }
        }
    }

    @Override
    public void chromaEdge(byte[] pix, int off, int across, int along, int[] bS, int bSOff, int indexA, int indexB) {
        int alpha = Tables.ALPHA[indexA];
        int beta = Tables.BETA[indexB];
        if (alpha == 0 || beta == 0) {
            return;
        }
        int a = across;
        for (int seg = 0; seg < 4; seg++) {
            int s = bS[bSOff + seg];
            if (s == 0) {
                continue;
            }
            int tc = s < 4 ? Tables.TC0[indexA * 4 + s] + 1 : 0;
            int o = off + seg * 2 * along;
            for (int k = 0; k < 2; k++, o += along) {
                int p0 = pix[o - a] & 0xff;
                int q0 = pix[o] & 0xff;
                int d0 = q0 - p0;
                if (d0 >= alpha || -d0 >= alpha) {
                    continue;
                }
                int p1 = pix[o - 2 * a] & 0xff;
                int q1 = pix[o + a] & 0xff;
                if (p1 - p0 >= beta || p0 - p1 >= beta || q1 - q0 >= beta || q0 - q1 >= beta) {
                    continue;
                }
                if (s < 4) {
                    int delta = ((d0 << 2) + (p1 - q1) + 4) >> 3;
                    delta = delta < -tc ? -tc : delta > tc ? tc : delta;
                    pix[o - a] = (byte) FastTransform.clip(p0 + delta);
                    pix[o] = (byte) FastTransform.clip(q0 - delta);
                } else {
                    pix[o - a] = (byte) ((2 * p1 + p0 + q1 + 2) >> 2);
                    pix[o] = (byte) ((2 * q1 + q0 + p1 + 2) >> 2);
                }
            }
        }
    }
}
