package org.purecodec.mp4;

/**
 * Bounds applied while parsing, so that a hostile file cannot make the demuxer allocate or loop
 * without limit. Exceeding one gives {@link Mp4FormatException.Kind#LIMIT_EXCEEDED}.
 *
 * @param maxSamplesPerTrack most samples one track may have (moov tables plus fragments)
 * @param maxSampleSize      largest sample, in bytes, that {@code stsz}/{@code trun} may declare
 * @param maxMetadataBox     largest {@code moov} or {@code moof} box read into memory, in bytes
 * @param maxTracks          most {@code trak} boxes
 * @param maxBoxDepth        deepest box nesting followed
 * @param maxEditEntries     most edit list entries per track
 */
public record Mp4Limits(int maxSamplesPerTrack, int maxSampleSize, int maxMetadataBox, int maxTracks,
                        int maxBoxDepth, int maxEditEntries) {

    /** Defaults: 16 Mi samples per track, 64 MiB per sample, 256 MiB moov, 1024 tracks, depth 32, 65536 edits. */
    public static final Mp4Limits DEFAULT = new Mp4Limits(1 << 24, 64 << 20, 256 << 20, 1024, 32, 1 << 16);

    /** Checks that every bound is positive. */
    public Mp4Limits {
        if (maxSamplesPerTrack <= 0 || maxSampleSize <= 0 || maxMetadataBox <= 0 || maxTracks <= 0 || maxBoxDepth <= 0
                || maxEditEntries <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
