package org.purecodec.h264.nal;

import java.util.Arrays;
import java.util.Objects;

/**
 * One NAL unit as found in the stream: its bytes still escaped (emulation prevention bytes present),
 * starting with the one-byte NAL header, as the range {@code buffer[start..start+length)}. The unit is
 * a view: it does not own the bytes, and whoever made it keeps them unchanged while it is in use (units
 * made by {@link AvccReader#split} look into the caller's sample and live only during one decode call;
 * {@link AnnexBReader} gives each unit its own array).
 *
 * @param buffer the array holding the unit
 * @param start  index of the header byte in {@code buffer}
 * @param length number of escaped bytes, header byte included (at least 1)
 * @param index  index of this NAL unit in the stream (0-based, counted by the reader that made it)
 * @param offset byte offset of the header byte in the input stream (or sample), -1 when unknown
 */
public record NalUnit(byte[] buffer, int start, int length, long index, long offset) {

    /** Checks the range: at least one byte, inside {@code buffer}. */
    public NalUnit {
        Objects.requireNonNull(buffer, "buffer");
        if (length <= 0) {
            throw new IllegalArgumentException("empty NAL unit");
        }
        if (start < 0 || start > buffer.length - length) {
            throw new IndexOutOfBoundsException("NAL unit [" + start + ", +" + length + ") outside a buffer of " + buffer.length);
        }
    }

    /** A unit spanning the whole of {@code data}. */
    public NalUnit(byte[] data, long index, long offset) {
        this(data, 0, data.length, index, offset);
    }

    /** A NAL unit from bytes without position information. */
    public static NalUnit of(byte[] data) {
        return new NalUnit(data, -1, -1);
    }

    /** The escaped bytes, header first: the buffer itself when the unit spans all of it, else a copy. */
    public byte[] data() {
        return start == 0 && length == buffer.length ? buffer : Arrays.copyOfRange(buffer, start, start + length);
    }

    /** nal_unit_type (5 bits). */
    public int type() {
        return buffer[start] & 0x1f;
    }

    /** nal_ref_idc (2 bits). */
    public int refIdc() {
        return (buffer[start] >> 5) & 3;
    }

    /** forbidden_zero_bit. */
    public boolean forbiddenBit() {
        return (buffer[start] & 0x80) != 0;
    }

    /** True for coded slices of a primary picture (types 1..5). */
    public boolean isVcl() {
        int t = type();
        return t >= NalUnitType.SLICE && t <= NalUnitType.IDR_SLICE;
    }

    /** The RBSP: the payload after the header byte with emulation prevention bytes removed. */
    public byte[] rbsp() {
        return Rbsp.unescape(buffer, start + 1, length - 1);
    }

    /** Where this unit is, for messages: "NAL #i (type t) at byte o". */
    public String where() {
        return where(index, type(), offset);
    }

    /** "NAL #i (type t) at byte o", leaving out the index and the offset when negative (unknown). */
    public static String where(long index, int type, long offset) {
        StringBuilder sb = new StringBuilder("NAL");
        if (index >= 0) {
            sb.append(" #").append(index);
        }
        sb.append(" (type ").append(type).append(')');
        if (offset >= 0) {
            sb.append(" at byte ").append(offset);
        }
        return sb.toString();
    }

    /** Equal when the bytes (not the arrays holding them) and the positions are equal. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NalUnit n) || n.length != length || index != n.index || offset != n.offset) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (buffer[start + i] != n.buffer[n.start + i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = start; i < start + length; i++) {
            h = 31 * h + buffer[i];
        }
        return h * 31 + Long.hashCode(offset);
    }

    /** The same as {@link #where()}, so that a unit can stand for its position in messages built lazily. */
    @Override
    public String toString() {
        return where();
    }
}
