package org.purecodec.h264.nal;

import java.util.Arrays;

/**
 * One NAL unit as found in the stream: its bytes still escaped (emulation prevention bytes present),
 * starting with the one-byte NAL header. Immutable apart from the shared array, which the creator hands
 * over and nobody writes afterwards.
 *
 * @param data   the escaped NAL unit bytes, header byte first (never empty)
 * @param index  index of this NAL unit in the stream (0-based, counted by the reader that made it)
 * @param offset byte offset of the header byte in the input stream (or sample), -1 when unknown
 */
public record NalUnit(byte[] data, long index, long offset) {

    /** Validates the header: at least one byte and forbidden_zero_bit == 0. */
    public NalUnit {
        if (data.length == 0) {
            throw new IllegalArgumentException("empty NAL unit");
        }
    }

    /** A NAL unit from bytes without position information. */
    public static NalUnit of(byte[] data) {
        return new NalUnit(data, -1, -1);
    }

    /** nal_unit_type (5 bits). */
    public int type() {
        return data[0] & 0x1f;
    }

    /** nal_ref_idc (2 bits). */
    public int refIdc() {
        return (data[0] >> 5) & 3;
    }

    /** forbidden_zero_bit. */
    public boolean forbiddenBit() {
        return (data[0] & 0x80) != 0;
    }

    /** True for coded slices of a primary picture (types 1..5). */
    public boolean isVcl() {
        int t = type();
        return t >= NalUnitType.SLICE && t <= NalUnitType.IDR_SLICE;
    }

    /** The RBSP: the payload after the header byte with emulation prevention bytes removed. */
    public byte[] rbsp() {
        return Rbsp.unescape(data, 1, data.length - 1);
    }

    /** Where this unit is, for messages: "NAL #i (type t) at byte o". */
    public String where() {
        StringBuilder sb = new StringBuilder("NAL");
        if (index >= 0) {
            sb.append(" #").append(index);
        }
        sb.append(" (type ").append(type()).append(')');
        if (offset >= 0) {
            sb.append(" at byte ").append(offset);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NalUnit n && Arrays.equals(data, n.data) && index == n.index && offset == n.offset;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data) * 31 + Long.hashCode(offset);
    }

    @Override
    public String toString() {
        return where() + ", " + data.length + " bytes";
    }
}
