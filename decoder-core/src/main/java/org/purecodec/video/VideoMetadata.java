package org.purecodec.video;

/**
 * Metadata of the decoded video stream, named after TorchCodec's {@code VideoStreamMetadata}.
 * Values "from header" come from the container's headers only; values "from content" from the
 * frame index (every presented frame). The unqualified values are what the decoder uses in its seek
 * mode: content values in EXACT mode, header values in APPROXIMATE mode.
 *
 * @param streamIndex                   index of the stream in file order
 * @param codec                         codec name ({@code h264})
 * @param width                         frame width after rotation (of the first frame: a stream that changes its
 *                                      picture size gives later frames at their own size, see {@link Frame#width()})
 * @param height                        frame height after rotation (of the first frame)
 * @param codedWidth                    width before rotation (the sample entry's)
 * @param codedHeight                   height before rotation
 * @param rotation                      counterclockwise rotation in degrees applied to frames (0, 90, 180, 270)
 * @param durationSeconds               duration in the seek mode
 * @param beginStreamSeconds            first presentation time in the seek mode
 * @param endStreamSeconds              end of the last frame in the seek mode
 * @param numFrames                     number of frames in the seek mode
 * @param averageFps                    average frame rate in the seek mode
 * @param durationSecondsFromHeader     the container's stream duration
 * @param numFramesFromHeader           the container's sample count
 * @param averageFpsFromHeader          sample count / sum of sample durations
 * @param numFramesFromContent          frames actually presented (after edit lists)
 * @param beginStreamSecondsFromContent pts of the first presented frame
 * @param endStreamSecondsFromContent   end of the last presented frame
 * @param bitRate                       bits per second, 0 if unknown
 * @param keyFrameCount                 presented key frames
 * @param timeBase                      stream time base denominator (ticks per second)
 * @param pixelFormat                   {@code yuv420p} or {@code yuvj420p} (full range), in FFmpeg's naming
 * @param colorRange                    {@code tv} (limited) or {@code pc} (full)
 * @param colorSpace                    matrix in FFmpeg's naming ({@code bt709}, {@code smpte170m}, ...), or {@code unknown}
 * @param colorPrimaries                primaries in FFmpeg's naming, or {@code unknown}
 * @param colorTransfer                 transfer characteristics in FFmpeg's naming, or {@code unknown}
 * @param profile                       H.264 profile_idc, or -1
 * @param level                         H.264 level_idc, or -1
 */
public record VideoMetadata(int streamIndex, String codec, int width, int height, int codedWidth, int codedHeight,
                            int rotation, double durationSeconds, double beginStreamSeconds, double endStreamSeconds,
                            int numFrames, double averageFps, double durationSecondsFromHeader,
                            int numFramesFromHeader, double averageFpsFromHeader, int numFramesFromContent,
                            double beginStreamSecondsFromContent, double endStreamSecondsFromContent, long bitRate,
                            int keyFrameCount, long timeBase, String pixelFormat, String colorRange,
                            String colorSpace, String colorPrimaries, String colorTransfer, int profile, int level) {
}
