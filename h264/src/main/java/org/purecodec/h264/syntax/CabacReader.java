package org.purecodec.h264.syntax;

import org.purecodec.h264.H264Exception;

/**
 * CABAC slice data for the own backend. <b>Not implemented yet</b>: every CABAC slice is refused with an
 * UNSUPPORTED error (the JCodec backend, the default, decodes CABAC).
 */
public final class CabacReader {
    public CabacReader() {
    }

    /** New picture of mbWidth x mbHeight macroblocks. */
    public void startPicture(int mbWidth, int mbHeight) {
        // nothing to size yet
    }

    /** Refuses the slice: CABAC is not implemented in the own backend yet. */
    public void startSlice(SliceHeader sh, byte[] rbsp, int length) {
        throw H264Exception.unsupported("CABAC entropy coding is not implemented in the OWN backend yet (use the JCODEC backend)");
    }

    /** Never reached (see {@link #startSlice}). */
    public boolean read(MbPosition pos, Macroblock mb) {
        throw H264Exception.unsupported("CABAC entropy coding is not implemented in the OWN backend yet");
    }
}
