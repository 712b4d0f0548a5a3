package org.purecodec.video;

import java.util.Arrays;

/**
 * One decoded frame.
 *
 * <p>{@link #data()} is laid out as {@link #shape()} says: {@code [3, H, W]} (NCHW) or
 * {@code [H, W, 3]} (NHWC) for RGB24, or {@code [bytes]} for YUV420P (I420 planes, see
 * {@link OutputFormat#YUV420P}; then {@link #width()}/{@link #height()} give the picture size).
 * Width and height are after rotation.
 *
 * @param data            the pixels; owned by this frame
 * @param shape           dimensions of {@code data}
 * @param width           picture width (after rotation)
 * @param height          picture height (after rotation)
 * @param index           the frame index in the decoder's seek mode
 * @param ptsSeconds      presentation time in seconds
 * @param durationSeconds display duration in seconds
 * @param keyFrame        whether decoding can start at this frame
 * @param concealed       true when this is a stand-in for a corrupt frame ({@link ErrorPolicy#CONCEAL})
 */
public record Frame(byte[] data, int[] shape, int width, int height, int index, double ptsSeconds,
                   double durationSeconds, boolean keyFrame, boolean concealed) {

    @Override
    public String toString() {
        return "Frame[index=" + index + ", pts=" + ptsSeconds + "s, duration=" + durationSeconds + "s, key=" + keyFrame
                + (concealed ? ", concealed" : "") + ", shape=" + Arrays.toString(shape) + "]";
    }
}
