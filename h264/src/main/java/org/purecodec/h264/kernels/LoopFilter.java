package org.purecodec.h264.kernels;

/**
 * Deblocking edge filters (8.7.2.3, 8.7.2.4) on one macroblock edge of a plane, 8-bit, 4:2:0.
 *
 * <p>{@code off} is the sample q0 of the edge's first line; {@code across} steps from p0 to q0 and
 * {@code along} from one line of the edge to the next. A vertical edge (between columns: filtering
 * horizontally, 8.7.1 "vertical edges") has {@code across = 1, along = stride}; a horizontal edge has
 * {@code across = stride, along = 1}. p<sub>i</sub> is at {@code off - (i + 1) * across}, q<sub>i</sub> at
 * {@code off + i * across}.
 *
 * <p>{@code bS} holds the boundary filtering strength of the edge's four 4-sample segments in
 * {@code bS[bSOff .. bSOff + 3]} (0 = not filtered, 1..3 = normal filter with tC0 from Table 8-17, 4 =
 * strong filter). indexA / indexB are Clip3(0, 51, qPav + filterOffsetA/B) (8.7.2.2) computed by the
 * caller from the luma or the chroma QPs as the edge requires.
 */
public interface LoopFilter {

    /** Filters the 16 lines of a luma edge; segment k covers lines 4k..4k+3. */
    void lumaEdge(byte[] pix, int off, int across, int along, int[] bS, int bSOff, int indexA, int indexB);

    /**
     * Filters the 8 lines of a 4:2:0 chroma edge; chroma line k takes the bS of the corresponding luma line
     * 2k, i.e. {@code bS[bSOff + k / 2]}, so the luma edge's four values are passed unchanged.
     */
    void chromaEdge(byte[] pix, int off, int across, int along, int[] bS, int bSOff, int indexA, int indexB);
}
