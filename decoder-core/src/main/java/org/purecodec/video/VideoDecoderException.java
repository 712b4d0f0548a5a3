package org.purecodec.video;

/**
 * The one exception type of the {@link VideoDecoder} API: unchecked, with a {@link Kind} to switch on
 * and a message that says what and where (valid range, frame index, box path, byte offset).
 * The cause, when there is one, is the demuxer's or the H.264 decoder's own typed exception.
 */
public final class VideoDecoderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** A frame index outside the valid range (the message states the range). */
        INDEX_OUT_OF_RANGE,
        /** A timestamp outside {@code [beginStreamSeconds, endStreamSeconds)}. */
        PTS_OUT_OF_RANGE,
        /** A bad argument other than an index or timestamp (e.g. step 0, an unknown frame mapping). */
        INVALID_ARGUMENT,
        /** The file has no video stream. */
        NO_VIDEO_STREAM,
        /** The requested stream index does not exist or is not a video stream. */
        INVALID_STREAM,
        /** The file is not a readable MP4/MOV file (empty, random bytes, moov missing, bad boxes). */
        INVALID_DATA,
        /** The codec, profile or a coding tool is not supported (named in the message). */
        UNSUPPORTED,
        /** A frame's coded data is corrupt and it cannot be decoded (the frame is named). */
        CORRUPT_FRAME,
        /** A frame's data lies past the end of a truncated file. */
        TRUNCATED,
        /** A configured limit was exceeded (sizes, counts). */
        LIMIT_EXCEEDED,
        /** An I/O error while reading the input. */
        IO_ERROR,
        /** The decoding thread was interrupted; the decoder has been closed. */
        INTERRUPTED,
        /** The decoder was closed. */
        CLOSED
    }

    private final Kind kind;

    /** A new exception. */
    public VideoDecoderException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /** A new exception with its cause. */
    public VideoDecoderException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + kind + "]: " + getMessage();
    }
}
