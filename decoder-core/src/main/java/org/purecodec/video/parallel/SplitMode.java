package org.purecodec.video.parallel;

/** How {@link DecodePlanner} cuts the requested frames into one chunk per worker. */
public enum SplitMode {
    /**
     * The requested index list cut into equal consecutive parts, as a user does by hand with a thread
     * pool. When a cut falls inside a GOP, both workers decode the GOP's start: work is done twice.
     */
    NAIVE,
    /**
     * Chunks made of whole decode runs (a key frame up to the last requested frame that needs it), so no
     * GOP is decoded twice, and balanced by decode cost (entries that must be decoded, not frames asked
     * for).
     */
    GOP_AWARE
}
