package org.purecodec.video;

/** Layout of RGB frame data, as TorchCodec's {@code dimension_order}. */
public enum DimensionOrder {
    /** Channels first: a frame is {@code [3, H, W]} (three planes R, G, B); a batch {@code [N, 3, H, W]}. */
    NCHW,
    /** Channels last: a frame is {@code [H, W, 3]} (interleaved R G B); a batch {@code [N, H, W, 3]}. */
    NHWC
}
