package org.purecodec.video;

/** What a decoded frame's data holds. */
public enum OutputFormat {
    /** 8-bit RGB, laid out by the {@link DimensionOrder}; converted as FFmpeg's {@code -pix_fmt rgb24}. */
    RGB24,
    /**
     * The decoder's own 8-bit YUV 4:2:0 planes, cropped, one after the other (I420): Y ({@code W x H}),
     * then U and V ({@code ceil(W/2) x ceil(H/2)} each). Shape {@code [H * W + 2 * ceil(W/2) * ceil(H/2)]};
     * the dimension order does not apply.
     */
    YUV420P
}
