package org.purecodec.h264.kernels;

/**
 * Derivation of the boundary filtering strength bS (8.7.2.1) for frame macroblocks in a progressive
 * picture (mixedModeEdgeFlag = 0, vertical motion vector limit 4 in quarter frame samples), from plain
 * per-4x4-block inputs for the blocks containing p0 and q0.
 *
 * <p>Inputs per side: {@code intra} (macroblock coded in an intra prediction mode, or in an SP/SI slice),
 * {@code coded} (the transform block containing the sample, 8x8 when transform_size_8x8_flag is 1 else
 * 4x4, has non-zero transform coefficient levels), and for inter blocks the reference pictures and motion
 * vectors of lists 0 and 1. References are identifiers of the reference <em>pictures</em> (not reference
 * indices: the same picture reached through different indices or lists counts as the same), negative
 * when the list is not used. Motion vectors are packed with {@link Mv#pack}.
 */
public final class BoundaryStrength {
    private BoundaryStrength() {
    }

    /** |mvA - mvB| &gt;= 4 in either component, in quarter luma frame samples. */
    static boolean differ(int mvA, int mvB) {
        return differ(mvA, mvB, 4);
    }

    /**
     * |mvA - mvB| &gt;= 4 horizontally or &gt;= {@code yLimit} vertically: 4 in frame macroblocks, 2 in field
     * macroblocks, whose vertical components count quarter field samples (the limit is 4 quarter frame
     * samples either way, 8.7.2.1).
     */
    static boolean differ(int mvA, int mvB, int yLimit) {
        int dx = Mv.x(mvA) - Mv.x(mvB);
        int dy = Mv.y(mvA) - Mv.y(mvB);
        return dx >= 4 || dx <= -4 || dy >= yLimit || dy <= -yLimit;
    }

    /**
     * bS for one 4-sample segment of an edge.
     *
     * @param mbEdge whether the edge is a macroblock edge (else an internal transform block edge)
     */
    public static int derive(boolean mbEdge, boolean intraP, boolean intraQ, boolean codedP, boolean codedQ,
            int refP0, int refP1, int mvP0, int mvP1, int refQ0, int refQ1, int mvQ0, int mvQ1) {
        return derive(mbEdge, intraP, intraQ, codedP, codedQ, refP0, refP1, mvP0, mvP1, refQ0, refQ1, mvQ0, mvQ1, 4);
    }

    /**
     * {@link #derive(boolean, boolean, boolean, boolean, boolean, int, int, int, int, int, int, int, int)} with
     * the vertical vector limit {@code yLimit}: 4 in frame pictures, 2 in field pictures (their vertical
     * components count quarter field samples; the limit is 4 quarter frame samples either way).
     */
    public static int derive(boolean mbEdge, boolean intraP, boolean intraQ, boolean codedP, boolean codedQ,
            int refP0, int refP1, int mvP0, int mvP1, int refQ0, int refQ1, int mvQ0, int mvQ1, int yLimit) {
        if (intraP || intraQ) {
            return mbEdge ? 4 : 3;
        }
        if (codedP || codedQ) {
            return 2;
        }
        int nP = (refP0 >= 0 ? 1 : 0) + (refP1 >= 0 ? 1 : 0);
        int nQ = (refQ0 >= 0 ? 1 : 0) + (refQ1 >= 0 ? 1 : 0);
        if (nP != nQ) {
            return 1; // different number of motion vectors
        }
        if (nP == 0) {
            return 0;
        }
        if (nP == 1) {
            int rp = refP0 >= 0 ? refP0 : refP1;
            int mp = refP0 >= 0 ? mvP0 : mvP1;
            int rq = refQ0 >= 0 ? refQ0 : refQ1;
            int mq = refQ0 >= 0 ? mvQ0 : mvQ1;
            return rp != rq || differ(mp, mq, yLimit) ? 1 : 0;
        }
        // two motion vectors on each side
        boolean straight = refP0 == refQ0 && refP1 == refQ1;
        boolean crossed = refP0 == refQ1 && refP1 == refQ0;
        if (!straight && !crossed) {
            return 1; // different reference pictures
        }
        if (refP0 != refP1) { // two different reference pictures: compare the vectors for the same picture
            return straight ? (differ(mvP0, mvQ0, yLimit) || differ(mvP1, mvQ1, yLimit) ? 1 : 0)
                    : (differ(mvP0, mvQ1, yLimit) || differ(mvP1, mvQ0, yLimit) ? 1 : 0);
        }
        // both vectors of each side refer to the same picture: bS 1 only if both pairings differ
        return (differ(mvP0, mvQ0, yLimit) || differ(mvP1, mvQ1, yLimit)) && (differ(mvP0, mvQ1, yLimit) || differ(mvP1, mvQ0, yLimit)) ? 1 : 0;
    }
}
