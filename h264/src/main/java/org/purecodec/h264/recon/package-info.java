/**
 * Reconstruction of our own decoding backend (not public API): decoded pictures with padded planes and
 * flat per-block motion data ({@link org.purecodec.h264.recon.Picture}), the slice loop that drives an
 * entropy reader of {@code org.purecodec.h264.syntax} and rebuilds each macroblock
 * ({@link org.purecodec.h264.recon.SliceDecoder}), motion vector prediction incl. skip and direct modes
 * ({@link org.purecodec.h264.recon.MotionPredictor}), sample prediction and residual through the kernels of
 * {@code org.purecodec.h264.kernels} ({@link org.purecodec.h264.recon.MbReconstructor}), the deblocking
 * filter pass ({@link org.purecodec.h264.recon.Deblocker}), and, for slice threads, the rows of a picture whose
 * slices several slice decoders decode at once, deblocked as they become complete
 * ({@link org.purecodec.h264.recon.SliceRows}). Frame threads are organised one level up, in
 * {@code org.purecodec.h264.OwnBackend}.
 *
 * <p>Frame and field pictures (a field is a {@link org.purecodec.h264.recon.Picture} over every other line of
 * its frame buffer), no MBAFF, 4:2:0 or 4:0:0, 8-bit. Clause numbers refer to Rec. ITU-T H.264 (08/2021).
 */
package org.purecodec.h264.recon;
