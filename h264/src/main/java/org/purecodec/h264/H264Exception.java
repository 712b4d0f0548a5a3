package org.purecodec.h264;

/**
 * The one exception type of the H.264 module. It is <em>unchecked</em> (a {@link RuntimeException}) so
 * that callers that cannot recover need not declare it; callers that can recover catch it and switch on
 * {@link #kind()}. Messages say what went wrong and where (NAL index, byte offset, frame number).
 *
 * <p>Nothing else escapes the public API: exceptions thrown by the reconstruction backend (JCodec) are
 * wrapped into this type.
 */
public final class H264Exception extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of problem. */
    public enum Kind {
        /** The bitstream violates the syntax or semantics of the standard (corrupt stream). */
        INVALID_DATA,
        /** The stream is valid but uses a feature this decoder does not implement. */
        UNSUPPORTED,
        /** The data ends in the middle of a syntax element or unit. */
        TRUNCATED,
        /** A picture needs a reference picture that was never decoded (e.g. decoding began at an open-GOP I-frame). */
        MISSING_REFERENCE,
        /** The API was used wrongly (decoder closed, not configured, bad arguments). */
        ILLEGAL_STATE,
        /**
         * The stream is valid, but a picture size or decoded picture buffer it activates exceeds the limit given
         * to the decoder ({@link H264Decoder.Builder#sequenceLimit}); nothing was allocated for it.
         */
        LIMIT_EXCEEDED
    }

    private final Kind kind;
    private final String detail;

    /** A new exception of that kind. */
    public H264Exception(Kind kind, String message) {
        super(kind + ": " + message);
        this.kind = kind;
        this.detail = message;
    }

    /** A new exception of that kind with its cause. */
    public H264Exception(Kind kind, String message, Throwable cause) {
        super(kind + ": " + message, cause);
        this.kind = kind;
        this.detail = message;
    }

    /** The message without the kind prefix (for wrapping with more context). */
    public String detail() {
        return detail;
    }

    /** The kind of problem. */
    public Kind kind() {
        return kind;
    }

    public static H264Exception unsupported(String message) {
        return new H264Exception(Kind.UNSUPPORTED, message);
    }

    public static H264Exception invalid(String message) {
        return new H264Exception(Kind.INVALID_DATA, message);
    }
}
