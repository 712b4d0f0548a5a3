package org.purecodec.mp4;

/**
 * One entry of the {@code stsd} box. Video entries ({@code vide} handler) carry their size and the
 * child boxes this library understands; other entries are identified by their four-character code
 * ({@link #format()}, e.g. {@code mp4a}, {@code hvc1}, {@code tx3g}, {@code tmcd}) and not decoded.
 *
 * @param format             the sample entry's four-character code ({@code avc1}, {@code avc3}, ...)
 * @param dataReferenceIndex index into {@code dref}
 * @param width              coded width from a visual sample entry, else 0
 * @param height             coded height from a visual sample entry, else 0
 * @param avcConfig          {@code avcC} of {@code avc1}/{@code avc3} entries, else null
 * @param pixelAspect        {@code pasp} as {hSpacing, vSpacing}, else null
 * @param colour             {@code colr}, else null
 * @param bufferSize         {@code btrt} bufferSizeDB, or -1 when there is no {@code btrt}
 * @param maxBitrate         {@code btrt} maxBitrate, or -1
 * @param avgBitrate         {@code btrt} avgBitrate, or -1
 * @param channelCount       channel count of an audio entry, else 0
 * @param sampleRate         sample rate of an audio entry (integer part), else 0
 */
public record SampleEntry(String format, int dataReferenceIndex, int width, int height, AvcConfig avcConfig,
                          long[] pixelAspect, ColourInfo colour, long bufferSize, long maxBitrate, long avgBitrate,
                          int channelCount, int sampleRate) {

    /** True for {@code avc1}/{@code avc3} entries with an {@code avcC}: H.264 this project can decode. */
    public boolean isAvc() {
        return avcConfig != null && (format.equals("avc1") || format.equals("avc3"));
    }

    /** A short codec name in FFmpeg's spelling where known ({@code h264}, {@code hevc}, {@code aac}...), else the fourcc. */
    public String codecName() {
        switch (format) {
            case "avc1": case "avc3": case "avc2": case "avc4": return "h264";
            case "hvc1": case "hev1": return "hevc";
            case "av01": return "av1";
            case "vp09": return "vp9";
            case "vp08": return "vp8";
            case "mp4v": return "mpeg4";
            case "mp4a": return "aac";
            case "Opus": return "opus";
            case "fLaC": return "flac";
            case "ac-3": return "ac3";
            case "ec-3": return "eac3";
            case "tx3g": return "mov_text";
            case "wvtt": return "webvtt";
            case "tmcd": return "tmcd";
            case "jpeg": return "mjpeg";
            default: return format.trim();
        }
    }
}
