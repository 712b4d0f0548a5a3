/**
 * Reconstruction kernels of the H.264 decoder, written from Rec. ITU-T H.264: inverse transforms and
 * dequantisation (8.5), intra prediction (8.3), fractional sample interpolation and weighted sample
 * prediction (8.4.2.2, 8.4.2.3) and the deblocking edge filters (8.7).
 *
 * <h2>Structure</h2>
 * Each family is a small interface ({@link org.purecodec.h264.kernels.Transform},
 * {@link org.purecodec.h264.kernels.IntraPred}, {@link org.purecodec.h264.kernels.InterPred},
 * {@link org.purecodec.h264.kernels.LoopFilter}) with two implementations: {@code Reference*}, a plain
 * transcription of the specification's equations (sample by sample, with the spec's variable names, may
 * allocate small temporaries), and {@code Fast*}, the version the decoder runs. The tests run both on
 * random input with fixed seeds and require identical output. {@link org.purecodec.h264.kernels.Kernels}
 * bundles one implementation of each family. Fast instances own scratch arrays: use one instance per
 * thread. Reference instances are stateless.
 *
 * <h2>Sample layout</h2>
 * <ul>
 *   <li>8-bit samples live in {@code byte[]} planes and are read as unsigned ({@code b & 0xff}). A block is
 *       addressed by the array, the offset of its top-left sample and the plane's stride (distance in
 *       bytes between vertically adjacent samples). Nothing is ever allocated per call by a Fast kernel.</li>
 *   <li>Intra prediction and the residual add work in place: the prediction is written into the picture
 *       at the block's position, its neighbours are read from the same plane (row above, column left), and
 *       the inverse transform then adds the residual onto it with clipping to [0, 255].</li>
 *   <li>Reference pictures carry padded borders (the decoder will use {@link
 *       org.purecodec.h264.kernels.Planes#LUMA_PAD} = 32 luma and {@link
 *       org.purecodec.h264.kernels.Planes#CHROMA_PAD} = 16 chroma samples on each side), filled by edge
 *       replication with {@link org.purecodec.h264.kernels.Planes#padBorders}. Motion compensation
 *       therefore never clips coordinates per sample: the MC kernels assume that the source block plus its
 *       filter margin (luma: 2 samples left/above, 3 right/below; chroma: 1 right/below) lies inside the
 *       array, and the caller clamps motion vectors so that it does (a vector pointing further outside
 *       gives the same samples as one clamped to the padding, since the padding repeats the edge).</li>
 *   <li>Transform coefficients are {@code int[]} scratch owned by the caller, one block in raster order
 *       (index {@code row * size + column}, i.e. c<sub>ij</sub> of the spec at {@code i * size + j}, where j
 *       is the horizontal position) at an offset. The inverse transforms clear the coefficients they
 *       consume, so the caller's scratch is ready for the next block.</li>
 *   <li>Motion vectors are packed in one {@code int} ({@link org.purecodec.h264.kernels.Mv}): x in the low
 *       16 bits, y in the high 16 bits, both in quarter luma samples.</li>
 * </ul>
 *
 * <p>Scope: 8-bit samples, 4:2:0 chroma (ChromaArrayType 1). The kernels work on any plane through offsets and
 * strides, so a field picture is decoded with them over every other line of its frame; its differences live
 * in the callers and tables (field scans in {@link org.purecodec.h264.kernels.Tables}, the vertical vector
 * limit of {@link org.purecodec.h264.kernels.BoundaryStrength}). MBAFF variants (mixedModeEdgeFlag) are not
 * covered.
 */
package org.purecodec.h264.kernels;
