package org.purecodec.video;

/** How frame indices and timestamps are mapped to the stream, as TorchCodec's {@code seek_mode}. */
public enum SeekMode {
    /**
     * Uses the full frame index built from the container's sample tables (and edit lists): frame
     * {@code i} is the i-th presented frame in presentation order; timestamps are exact.
     */
    EXACT,
    /**
     * Uses header information only: the number of frames is the stream's sample count and index
     * {@code i} maps to time {@code begin + i / averageFps}, decoded as the frame played at that time;
     * time-based requests return the frame played at the requested time, as in EXACT mode.
     * Matches EXACT for constant-frame-rate streams without edit lists; differs for variable frame
     * rate and for edit lists that hide frames (see the README).
     */
    APPROXIMATE
}
