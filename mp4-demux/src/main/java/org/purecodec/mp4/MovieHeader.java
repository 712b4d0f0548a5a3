package org.purecodec.mp4;

/**
 * The {@code mvhd} box: the movie time scale, used by edit lists and {@code tkhd} durations.
 *
 * @param version   0 or 1
 * @param timescale units per second of the movie time line (never 0 once parsed)
 * @param duration  movie duration in {@code timescale} units (may be 0 for fragmented files)
 */
public record MovieHeader(int version, long timescale, long duration) {
}
