package org.purecodec.video;

/** What the decoder does with a frame whose coded data is corrupt (as decord's fault tolerance). */
public enum ErrorPolicy {
    /** Throw {@link VideoDecoderException.Kind#CORRUPT_FRAME} on the first corrupt frame (default). */
    FAIL,
    /**
     * Leave corrupt frames out of batches and iteration and say which ({@link FrameBatch#skippedIndices()});
     * a single-frame request for a corrupt frame still throws.
     */
    SKIP,
    /**
     * Return the last correctly decoded frame in place of a corrupt one and flag it
     * ({@link FrameBatch#concealed()}, {@link Frame#concealed()}). Concealment is per frame for now
     * (the decoding backend reports damage per picture, not per macroblock).
     */
    CONCEAL
}
