package org.purecodec.video;

/**
 * What a decoder's internal threads ({@link DecoderOptions.Builder#threads(int)}) share out, as FFmpeg's
 * {@code -thread_type}.
 */
public enum ThreadType {
    /**
     * Frame threads (the default): several pictures are reconstructed at the same time, each waiting only for the
     * rows of its reference pictures that it reads. Works with any stream.
     */
    FRAME,
    /**
     * Slice threads: the slices of one picture are decoded at the same time and deblocked row by row as the rows
     * become complete; pictures still come one after the other. Only streams with several slices per picture
     * gain (encoders' {@code --slices} or {@code --sliced-threads}, broadcast and Blu-ray streams); pictures of
     * one slice are decoded on one thread.
     */
    SLICE
}
