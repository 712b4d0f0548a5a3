package org.purecodec.mp4;

/**
 * The {@code mdhd} box.
 *
 * @param version   0 or 1
 * @param timescale units per second of the track's media time line (never 0 once parsed)
 * @param duration  media duration in {@code timescale} units
 * @param language  ISO 639-2/T code such as {@code und}, or a QuickTime language number as text
 */
public record MediaHeader(int version, long timescale, long duration, String language) {
}
