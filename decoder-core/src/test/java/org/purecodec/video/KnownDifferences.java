package org.purecodec.video;

import java.util.Map;

/**
 * Clips whose decoded pictures do not yet match FFmpeg bit for bit, with the reason. The list may only
 * shrink: {@link ClipFramesTest} fails when a listed clip starts to match.
 */
final class KnownDifferences {
    static final Map<String, String> CLIPS = Map.of(); // direct_temporal matches since the own backend (issue 7)

    private KnownDifferences() {
    }

    static boolean isKnown(String clip) {
        return CLIPS.containsKey(clip);
    }
}
