/**
 * Bitstream parsing of slices for our own decoding backend (not public API): the slice header
 * ({@link org.purecodec.h264.syntax.SliceHeader}), and the macroblock layer of slice data read by one of two
 * entropy decoders, {@link org.purecodec.h264.syntax.CavlcReader} or {@link org.purecodec.h264.syntax.CabacReader},
 * into one entropy-independent record per macroblock, {@link org.purecodec.h264.syntax.Macroblock}.
 *
 * <p>Nothing here reconstructs samples or predicts motion vectors: the readers produce syntax element
 * values (mb_type, sub_mb_type, ref_idx, mvd, intra prediction mode syntax, coded_block_pattern,
 * mb_qp_delta, transform coefficient levels), and {@code org.purecodec.h264.recon} turns them into
 * pictures. The readers keep, per picture, the few facts about already-parsed macroblocks that their
 * context derivations need (CAVLC: total_coeff per block; CABAC: the neighbour-dependent flags), indexed by
 * macroblock address, and read neighbours only through the addresses {@link org.purecodec.h264.syntax.MbPosition}
 * gives them (already restricted to the current slice).
 *
 * <p>Refer to Rec. ITU-T H.264 (08/2021) clause numbers in comments. Frame pictures and field pictures (whose
 * macroblocks are all field macroblocks: field scans, CABAC's field-coded significance contexts; no MBAFF),
 * ChromaArrayType 1 (4:2:0) or 0 (monochrome: no chroma syntax, see
 * {@link org.purecodec.h264.syntax.SliceHeader#monochrome()}), 8-bit.
 */
package org.purecodec.h264.syntax;
