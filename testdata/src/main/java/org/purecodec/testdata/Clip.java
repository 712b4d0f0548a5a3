package org.purecodec.testdata;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One test video from {@code clips.tsv} and its reference outputs.
 *
 * @param name        short name, also the stem of its reference files
 * @param file        the video file
 * @param kind        what a decoder must do with it
 * @param description what it exercises; for refused files, starts with the expected error category
 * @param referenceDir folder of the reference outputs
 */
public record Clip(String name, Path file, Kind kind, String description, Path referenceDir) {

    /** What a decoder must do with a clip. */
    public enum Kind {
        /** Decodes completely; reference outputs exist. */
        PLAYABLE,
        /** Must be refused with a typed error (category at the start of the description). */
        REFUSED,
        /** Partly present: the frames whose bytes are present decode, the rest give a typed error. */
        TRUNCATED,
        /**
         * Decodes completely, but the stream changes its picture size part way: each frame comes out at its own size
         * (reference outputs made with FFmpeg's {@code -autoscale 0}), and one batch cannot hold frames of two sizes.
         */
        SIZE_CHANGING
    }

    /** For refused and truncated clips, the expected error category (e.g. {@code UNSUPPORTED}). */
    public String expectedError() {
        int colon = description.indexOf(':');
        return kind == Kind.PLAYABLE || kind == Kind.SIZE_CHANGING || colon < 0 ? null : description.substring(0, colon);
    }

    /** FFmpeg's per-frame checksums of the decoded pictures in native pixel format. */
    public FrameMd5 frameMd5() {
        return FrameMd5.read(reference(".framemd5"));
    }

    /** FFmpeg's per-frame checksums after conversion to rgb24. */
    public FrameMd5 rgbFrameMd5() {
        return FrameMd5.read(reference(".rgb.framemd5"));
    }

    /** ffprobe's packet table of the first video stream, in decode order. */
    public PacketTable packets() {
        return PacketTable.read(reference(".packets.csv"));
    }

    /** ffprobe's {@code -show_streams -show_format} output. */
    public Json.Obj probe() {
        return Json.parseFile(reference(".probe.json")).asObj();
    }

    /** Raw rgb24 of output frame {@code k} if it was committed (see {@code generate.sh}), else null. */
    public byte[] rgbFrame(int k) {
        Path p = referenceDir.resolve(name + ".f" + k + ".rgb.gz");
        return Files.isRegularFile(p) ? Gz.readAll(p) : null;
    }

    /**
     * The same bitstream as a raw Annex B elementary stream ({@code videos/annexb/NAME.h264}) when one
     * was committed (a few clips only), else null. Its frames match {@link #frameMd5()}.
     */
    public Path annexB() {
        Path p = referenceDir.getParent().resolve("videos/annexb/" + name + ".h264");
        return Files.isRegularFile(p) ? p : null;
    }

    /** A reference file of this clip, e.g. {@code reference(".framemd5")}. */
    public Path reference(String suffix) {
        return referenceDir.resolve(name + suffix);
    }

    @Override
    public String toString() {
        return name;
    }
}
