package org.purecodec.cli;

import java.nio.ByteBuffer;
import org.purecodec.h264.DecodedFrame;
import org.purecodec.h264.H264Decoder;

/** Decodes a raw Annex B stream held in memory, handing each output picture (presentation order) on. */
final class AnnexBFrames {
    /** Receives pictures; returns false to stop. */
    interface Consumer {
        boolean accept(DecodedFrame frame);
    }

    private AnnexBFrames() {
    }

    /** Feeds the stream in 64 KiB chunks, as a streaming reader would. */
    static void decode(byte[] data, Consumer consumer) {
        try (H264Decoder decoder = new H264Decoder()) {
            for (int pos = 0; pos < data.length; pos += 65536) {
                decoder.decodeAnnexB(ByteBuffer.wrap(data, pos, Math.min(65536, data.length - pos)));
                if (!drain(decoder, consumer)) {
                    return;
                }
            }
            decoder.flush();
            drain(decoder, consumer);
        }
    }

    private static boolean drain(H264Decoder decoder, Consumer consumer) {
        DecodedFrame f;
        while ((f = decoder.poll()) != null) {
            if (!consumer.accept(f)) {
                return false;
            }
        }
        return true;
    }
}
