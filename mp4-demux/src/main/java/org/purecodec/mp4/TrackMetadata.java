package org.purecodec.mp4;

/**
 * Stream metadata of one track, derived from its boxes and tables. Names follow TorchCodec's
 * {@code VideoStreamMetadata} where one exists; values follow ffprobe's where it reports one.
 *
 * @param streamIndex        index of the track in file order (FFmpeg's stream index)
 * @param trackId            {@code tkhd} track_ID
 * @param mediaType          {@code video}, {@code audio}, {@code subtitle}, {@code data} (from the handler)
 * @param handlerType        the {@code hdlr} handler type ({@code vide}, {@code soun}, {@code text}, {@code tmcd}...)
 * @param codec              codec name in FFmpeg's spelling ({@code h264}, {@code aac}, ...)
 * @param fourcc             sample entry four-character code ({@code avc1}, ...); empty without {@code stsd} entry
 * @param width              coded width from the sample entry (0 if not visual)
 * @param height             coded height from the sample entry
 * @param displayWidth       width after applying the rotation (swapped for +-90 degrees)
 * @param displayHeight      height after applying the rotation
 * @param rotation           counterclockwise degrees of the display matrix, as ffprobe reports ({@link TrackHeader#rotation()})
 * @param timescale          media time scale (units per second)
 * @param durationTs         ffprobe's stream duration in {@code timescale} units: sum of the edit
 *                           durations when there is an edit list, else the {@code mdhd} duration (for
 *                           fragmented files the sum of the sample durations when larger)
 * @param durationSeconds    {@code durationTs / timescale}
 * @param beginStreamSeconds pts of the first presented frame, in seconds
 * @param endStreamSeconds   end (pts + duration) of the last presented frame, in seconds
 * @param numFrames          presented frames (after edit lists)
 * @param sampleCount        samples in the sample table (ffprobe's {@code nb_frames} for non-fragmented files)
 * @param keyFrameCount      presented key frames
 * @param averageFps         {@code sampleCount * timescale / sum of sample durations}, as ffprobe's avg_frame_rate; 0 if unknown
 * @param bitRate            {@code totalBytes * 8 * timescale / mdhd duration} truncated, as ffprobe computes it; 0 if unknown
 * @param colour             the {@code colr} box of the sample entry, or null
 * @param language           {@code mdhd} language
 * @param profile            AVC profile_idc from {@code avcC}, or -1
 * @param level              AVC level_idc from {@code avcC}, or -1
 */
public record TrackMetadata(int streamIndex, int trackId, String mediaType, String handlerType, String codec, String fourcc,
                            int width, int height, int displayWidth, int displayHeight, int rotation, long timescale,
                            long durationTs, double durationSeconds, double beginStreamSeconds,
                            double endStreamSeconds, int numFrames, int sampleCount, int keyFrameCount,
                            double averageFps, long bitRate, ColourInfo colour, String language, int profile,
                            int level) {
}
