package org.purecodec.h264.nal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.purecodec.h264.H264Exception;

/**
 * Splits an AVCC (ISO/IEC 14496-15) sample into its NAL units: each is preceded by its length as a
 * big-endian integer of {@code lengthSize} bytes (1, 2 or 4, from the avcC box). Every length is checked
 * against the bytes present.
 */
public final class AvccReader {
    private AvccReader() {
    }

    /**
     * Splits one sample. Offsets of the returned units are relative to the sample start; indices count
     * from {@code firstIndex}.
     *
     * @throws H264Exception TRUNCATED when a length prefix or a NAL unit runs past the end of the sample,
     *                       INVALID_DATA for a zero length, ILLEGAL_STATE for a bad {@code lengthSize}
     */
    public static List<NalUnit> split(ByteBuffer sample, int lengthSize, long firstIndex) {
        if (lengthSize != 1 && lengthSize != 2 && lengthSize != 4) {
            throw new H264Exception(H264Exception.Kind.ILLEGAL_STATE,
                    "NAL length size must be 1, 2 or 4, not " + lengthSize);
        }
        ByteBuffer b = sample.duplicate();
        int base = b.position();
        List<NalUnit> out = new ArrayList<>();
        long index = firstIndex;
        while (b.hasRemaining()) {
            int at = b.position() - base;
            if (b.remaining() < lengthSize) {
                throw new H264Exception(H264Exception.Kind.TRUNCATED, "AVCC sample: " + b.remaining()
                        + " byte(s) left at offset " + at + ", less than the " + lengthSize + "-byte NAL length");
            }
            long len = 0;
            for (int i = 0; i < lengthSize; i++) {
                len = (len << 8) | (b.get() & 0xff);
            }
            if (len == 0) {
                throw new H264Exception(H264Exception.Kind.INVALID_DATA,
                        "AVCC sample: zero NAL length at offset " + at + " (NAL #" + index + ")");
            }
            if (len > b.remaining()) {
                throw new H264Exception(H264Exception.Kind.TRUNCATED, "AVCC sample: NAL #" + index + " at offset "
                        + at + " declares " + len + " bytes but only " + b.remaining() + " remain"
                        + (lengthSize != 4 ? "" : " (wrong NAL length size, or an Annex B sample?)"));
            }
            byte[] nal = new byte[(int) len];
            b.get(nal);
            out.add(new NalUnit(nal, index++, at + lengthSize));
        }
        return out;
    }
}
