package org.purecodec.mp4;

import java.io.IOException;

/**
 * The one exception type of this library: the input is not a readable MP4/QuickTime file, or a part
 * of it cannot be read. It extends {@link IOException} because every failure is about the input
 * bytes; plain {@code IOException}s from the underlying channel (disk errors) are passed through
 * unchanged.
 *
 * <p>{@link #kind()} says what went wrong, {@link #path()} where in the box tree (for example
 * {@code moov/trak[1]/mdia/minf/stbl/stsz}) and {@link #offset()} at which file offset (or -1).
 */
public final class Mp4FormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Category of the failure. */
    public enum Kind {
        /** The bytes do not follow ISO/IEC 14496-12 / QuickTime (bad sizes, missing boxes, ...). */
        INVALID_DATA,
        /** Valid but uses a feature this library does not implement. */
        UNSUPPORTED,
        /** The data needed lies past the end of the file. */
        TRUNCATED,
        /** A count or size exceeds a configured {@link Mp4Limits limit}. */
        LIMIT_EXCEEDED
    }

    private final Kind kind;
    private final String path;
    private final long offset;

    /**
     * @param kind    category
     * @param path    box path such as {@code moov/trak[0]/tkhd}, or empty when not inside a box
     * @param offset  file offset the problem was found at, or -1
     * @param message what is wrong
     */
    public Mp4FormatException(Kind kind, String path, long offset, String message) {
        super(format(kind, path, offset, message));
        this.kind = kind;
        this.path = path == null ? "" : path;
        this.offset = offset;
    }

    private static String format(Kind kind, String path, long offset, String message) {
        StringBuilder sb = new StringBuilder();
        sb.append(kind).append(": ").append(message);
        if (path != null && !path.isEmpty()) {
            sb.append(" [in ").append(path);
            if (offset >= 0) {
                sb.append(" at offset ").append(offset);
            }
            sb.append(']');
        } else if (offset >= 0) {
            sb.append(" [at offset ").append(offset).append(']');
        }
        return sb.toString();
    }

    /** The category of the failure. */
    public Kind kind() {
        return kind;
    }

    /** The box path where the problem was found, e.g. {@code moov/trak[1]/mdia/minf/stbl/stsz}; may be empty. */
    public String path() {
        return path;
    }

    /** The file offset where the problem was found, or -1 when not known. */
    public long offset() {
        return offset;
    }
}
