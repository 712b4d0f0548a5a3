package org.purecodec.h264.nal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an Annex B byte stream (B.1) into NAL units. Data may arrive in chunks split anywhere, even
 * inside a start code: {@link #push(ByteBuffer)} returns the NAL units completed so far and keeps the
 * rest; {@link #finish()} returns the last one at end of stream.
 *
 * <p>Start codes are {@code 00 00 01}; the extra leading zero of a 4-byte start code and
 * trailing_zero_8bits are removed from the end of the preceding NAL unit (a NAL unit never ends in a
 * zero byte: cabac_zero_words are escaped with a final {@code 03}). Bytes before the first start code
 * are ignored; {@link #skippedLeadingBytes()} counts them.
 */
public final class AnnexBReader {
    /**
     * The current NAL unit (escaped) so far: {@code cur[0..curLen)} (a plain array: ByteArrayOutputStream's
     * synchronized write per byte cost far more than the scan).
     */
    private byte[] cur = new byte[4096];
    private int curLen;
    private boolean inNal;
    private int zeros; // zero bytes seen right before the current position (not yet written to cur)
    private long pos; // absolute offset of the next input byte
    private long nalStart = -1;
    private long nalCount;
    private long skipped;
    private final int maxNalSize;

    /** The largest NAL unit accepted by default: 64 MiB. */
    public static final int DEFAULT_MAX_NAL_SIZE = 64 << 20;

    /** A reader that accepts NAL units of up to 64 MiB. */
    public AnnexBReader() {
        this(DEFAULT_MAX_NAL_SIZE);
    }

    /** A reader that refuses NAL units larger than {@code maxNalSize} bytes (protects memory). */
    public AnnexBReader(int maxNalSize) {
        this.maxNalSize = maxNalSize;
    }

    /** Splits a complete stream in one call. */
    public static List<NalUnit> splitAll(byte[] stream) {
        AnnexBReader r = new AnnexBReader();
        List<NalUnit> out = r.push(ByteBuffer.wrap(stream));
        out.addAll(r.finish());
        return out;
    }

    /**
     * Splits one complete piece of an Annex B stream (e.g. one access unit) in place: the units appended
     * to {@code out} are views into {@code data}'s array when it has an accessible one (so it must stay
     * unchanged while they are in use), else into one copy of it. The same units as
     * {@code push(data)} followed by {@code finish()} on a new reader: start codes {@code 00 00 01}, the
     * zero bytes right before a start code and at the end dropped, bytes before the first start code
     * ignored, empty units left out; indices count from {@code firstIndex}, offsets are relative to the
     * buffer's position. The buffer's position is not changed.
     *
     * @throws org.purecodec.h264.H264Exception INVALID_DATA for a unit of more than 64 MiB (the streaming
     *                                          reader's default limit); the units before it have been appended
     */
    public static void splitInPlace(ByteBuffer data, long firstIndex, List<NalUnit> out) {
        byte[] a = InPlace.array(data);
        int base = InPlace.start(data, a);
        int end = base + data.remaining();
        long index = firstIndex;
        int start = -1; // first byte of the current unit (after its start code), -1 before the first
        int zeros = 0;
        for (int i = base; i < end; i++) {
            int b = a[i];
            if (b == 0) {
                zeros++;
                continue;
            }
            if (b == 1 && zeros >= 2) {
                if (start >= 0 && i - zeros > start) {
                    out.add(view(a, start, i - zeros - start, index++, start - base));
                }
                start = i + 1;
            }
            zeros = 0;
        }
        if (start >= 0 && end - zeros > start) {
            out.add(view(a, start, end - zeros - start, index, start - base));
        }
    }

    private static NalUnit view(byte[] a, int start, int length, long index, long offset) {
        if (length > DEFAULT_MAX_NAL_SIZE) {
            throw new org.purecodec.h264.H264Exception(org.purecodec.h264.H264Exception.Kind.INVALID_DATA,
                    "NAL #" + index + " at byte " + offset + " exceeds " + DEFAULT_MAX_NAL_SIZE + " bytes");
        }
        return new NalUnit(a, start, length, index, offset);
    }

    /** Consumes all remaining bytes of {@code chunk}; returns the NAL units that ended inside it. */
    public List<NalUnit> push(ByteBuffer chunk) {
        List<NalUnit> out = new ArrayList<>();
        byte[] a = InPlace.array(chunk);
        int i = InPlace.start(chunk, a);
        int end = i + chunk.remaining();
        ((java.nio.Buffer) chunk).position(chunk.limit());
        for (; i < end; i++) {
            int b = a[i] & 0xff;
            if (b == 0) {
                zeros++;
            } else if (b == 1 && zeros >= 2) {
                // start code: ends the current unit (its trailing zeros dropped)
                emit(out);
                inNal = true;
                nalStart = pos + 1;
                zeros = 0;
            } else {
                if (inNal) {
                    long need = (long) curLen + zeros + 1;
                    if (need > maxNalSize) {
                        throw new org.purecodec.h264.H264Exception(org.purecodec.h264.H264Exception.Kind.INVALID_DATA,
                                "NAL #" + nalCount + " at byte " + nalStart + " exceeds " + maxNalSize + " bytes");
                    }
                    if (need > cur.length) {
                        grow((int) need);
                    }
                    for (; zeros > 0; zeros--) {
                        cur[curLen++] = 0;
                    }
                    cur[curLen++] = (byte) b;
                } else {
                    skipped += zeros + 1;
                }
                zeros = 0;
            }
            pos++;
        }
        return out;
    }

    /** End of stream: returns the last NAL unit if any (trailing zeros dropped). */
    public List<NalUnit> finish() {
        List<NalUnit> out = new ArrayList<>();
        emit(out);
        inNal = false;
        zeros = 0;
        return out;
    }

    private void emit(List<NalUnit> out) {
        if (inNal && curLen > 0) {
            out.add(new NalUnit(java.util.Arrays.copyOf(cur, curLen), nalCount++, nalStart));
        }
        curLen = 0;
    }

    /** Grows the unit buffer to at least {@code min} (at most maxNalSize) bytes. */
    private void grow(int min) {
        cur = java.util.Arrays.copyOf(cur, (int) Math.min(Math.max((long) cur.length * 2, min), maxNalSize));
    }

    /** Bytes other than zeros found before the first start code (garbage). */
    public long skippedLeadingBytes() {
        return skipped;
    }

    /** Total bytes consumed. */
    public long position() {
        return pos;
    }
}
