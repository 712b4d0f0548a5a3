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

    /**
     * bS 1..3 on one 4-line segment (8-460 to 8-470), without branches on the sample values: whether a line
     * is filtered (8-460) and whether p1 / q1 change (ap, aq &lt; beta) become masks, and every line is
     * written back (unchanged where the mask is off). Edge decisions follow the picture content and would
     * be mispredicted often as branches.
     */
    private static void lumaNormal(byte[] pix, int o, int a, int along, int alpha, int beta, int tc0) {
        for (int k = 0; k < 4; k++, o += along) {
            int p2 = pix[o - 3 * a] & 0xff;
            int p1 = pix[o - 2 * a] & 0xff;
            int p0 = pix[o - a] & 0xff;
            int q0 = pix[o] & 0xff;
            int q1 = pix[o + a] & 0xff;
            int q2 = pix[o + 2 * a] & 0xff;
            int d0 = q0 - p0;
            // -1 when |p0 - q0| < alpha, |p1 - p0| < beta and |q1 - q0| < beta, else 0
            int on = ((Math.abs(d0) - alpha) & (Math.abs(p1 - p0) - beta) & (Math.abs(q1 - q0) - beta)) >> 31;
            int ap = ((Math.abs(p2 - p0) - beta) >> 31) & on;
            int aq = ((Math.abs(q2 - q0) - beta) >> 31) & on;
            int tc = tc0 - ap - aq;
            int delta = Math.max(-tc, Math.min(tc, ((d0 << 2) + (p1 - q1) + 4) >> 3)) & on;
            int avg = (p0 + q0 + 1) >> 1;
            int dp1 = Math.max(-tc0, Math.min(tc0, (p2 + avg - (p1 << 1)) >> 1)) & ap;
            int dq1 = Math.max(-tc0, Math.min(tc0, (q2 + avg - (q1 << 1)) >> 1)) & aq;
            pix[o - 2 * a] = (byte) (p1 + dp1);
            pix[o - a] = (byte) FastTransform.clip(p0 + delta);
            pix[o] = (byte) FastTransform.clip(q0 - delta);
            pix[o + a] = (byte) (q1 + dq1);
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
            int o = off + seg * 2 * along;
            if (s < 4) {
                chromaNormal(pix, o, a, along, alpha, beta, Tables.TC0[indexA * 4 + s] + 1);
            } else {
                chromaStrong(pix, o, a, along, alpha, beta);
            }
        }
    }

    /** bS 1..3 on the two chroma lines of a segment (8-460, 8-467 to 8-470), branch-free as {@link #lumaNormal}. */
    private static void chromaNormal(byte[] pix, int o, int a, int along, int alpha, int beta, int tc) {
        for (int k = 0; k < 2; k++, o += along) {
            int p1 = pix[o - 2 * a] & 0xff;
            int p0 = pix[o - a] & 0xff;
            int q0 = pix[o] & 0xff;
            int q1 = pix[o + a] & 0xff;
            int d0 = q0 - p0;
            int on = ((Math.abs(d0) - alpha) & (Math.abs(p1 - p0) - beta) & (Math.abs(q1 - q0) - beta)) >> 31;
            int delta = Math.max(-tc, Math.min(tc, ((d0 << 2) + (p1 - q1) + 4) >> 3)) & on;
            pix[o - a] = (byte) FastTransform.clip(p0 + delta);
            pix[o] = (byte) FastTransform.clip(q0 - delta);
        }
    }

    /** bS 4 on the two chroma lines of a segment (8-460, 8-481, 8-488). */
    private static void chromaStrong(byte[] pix, int o, int a, int along, int alpha, int beta) {
        for (int k = 0; k < 2; k++, o += along) {
            int p1 = pix[o - 2 * a] & 0xff;
            int p0 = pix[o - a] & 0xff;
            int q0 = pix[o] & 0xff;
            int q1 = pix[o + a] & 0xff;
            int on = ((Math.abs(q0 - p0) - alpha) & (Math.abs(p1 - p0) - beta) & (Math.abs(q1 - q0) - beta)) >> 31;
            int np0 = (2 * p1 + p0 + q1 + 2) >> 2;
            int nq0 = (2 * q1 + q0 + p1 + 2) >> 2;
            pix[o - a] = (byte) (p0 + ((np0 - p0) & on));
            pix[o] = (byte) (q0 + ((nq0 - q0) & on));
        }
    }
}
