package org.purecodec.video.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.purecodec.h264.AnnexBIndex;
import org.purecodec.h264.H264Exception;
import org.purecodec.h264.nal.AvccReader;
import org.purecodec.h264.nal.NalUnit;
import org.purecodec.mp4.AvcConfig;
import org.purecodec.mp4.Mp4Demuxer;
import org.purecodec.mp4.Track;
import org.purecodec.video.VideoDecoderException;
import org.purecodec.video.VideoDecoderException.Kind;

/**
 * Refuses at open an MP4 track that stores field pictures (PAFF) one field per sample, as a stream copy by
 * FFmpeg writes a field-coded stream: this decoder maps each sample to one frame, and such a track has two
 * samples per frame. Field pictures whose two fields share a sample (one sample per frame, as muxers writing
 * whole access units make them) are decoded. Its SPS says only that fields may be coded
 * ({@code frame_mbs_only_flag} 0), so for such a stream the slice headers of the first sample are read (as a raw
 * stream's index reads every picture's) before anything is promised; other features the decoder refuses in a
 * slice header are refused here too.
 */
public final class FieldPictures {
    private static final byte[] START_CODE = {0, 0, 0, 1};

    private FieldPictures() {
    }

    /**
     * Reads the track's first sample (decode order) and refuses it when it holds a field picture without its
     * second field.
     *
     * @throws VideoDecoderException UNSUPPORTED for one field per sample (or another feature the decoder refuses
     *                               in a slice header); nothing for samples that cannot be read or parsed
     *                               (decoding reports those where they are)
     */
    public static void refuseAtStart(Mp4Demuxer demuxer, Track track, AvcConfig config) {
        ByteBuffer sample;
        try {
            sample = ByteBuffer.allocate(track.samples().size(0));
            demuxer.readSample(track, 0, sample);
            ((Buffer) sample).flip();
        } catch (IOException | RuntimeException e) {
            return;
        }
        check(config, sample, "stream " + track.index() + ", sample 0");
    }

    /** {@link #refuseAtStart} on a sample already read ({@code where} names it in the message). */
    static void check(AvcConfig config, ByteBuffer sample, String where) {
        byte[] annexB;
        try {
            List<NalUnit> nals = new ArrayList<>();
            AvccReader.split(sample, config.nalLengthSize(), 0, nals);
            ByteArrayOutputStream out = new ByteArrayOutputStream(sample.remaining() + 256);
            for (byte[] ps : config.sps()) {
                out.write(START_CODE);
                out.write(ps);
            }
            for (byte[] ps : config.pps()) {
                out.write(START_CODE);
                out.write(ps);
            }
            for (NalUnit n : nals) {
                out.write(START_CODE);
                out.write(n.buffer(), n.start(), n.length());
            }
            annexB = out.toByteArray();
        } catch (H264Exception | IOException e) {
            return;
        }
        AnnexBIndex index;
        try {
            index = AnnexBIndex.scan(annexB);
        } catch (H264Exception e) {
            if (e.kind() == H264Exception.Kind.UNSUPPORTED) {
                throw new VideoDecoderException(Kind.UNSUPPORTED, where + ": " + e.getMessage(), e);
            }
            return;
        }
        if (index.size() > 0 && index.entries().get(0).fields() == 1) {
            throw new VideoDecoderException(Kind.UNSUPPORTED, where + ": the sample holds one field picture"
                    + " without its second field: a track storing each field in a sample of its own (as FFmpeg's"
                    + " stream copy writes field-coded H.264) is not supported; field pictures are decoded when both"
                    + " fields of a frame are in one sample, and in raw Annex B streams");
        }
    }
}
