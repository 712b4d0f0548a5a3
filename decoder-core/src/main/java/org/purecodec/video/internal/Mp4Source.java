package org.purecodec.video.internal;

import java.io.IOException;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import org.purecodec.h264.H264Decoder;
import org.purecodec.mp4.AvcConfig;
import org.purecodec.mp4.Mp4Demuxer;
import org.purecodec.mp4.Presentation;
import org.purecodec.mp4.Track;

/**
 * A {@link StreamSource} over an MP4/MOV video track: the demuxer's presentation index. A track whose samples
 * use several sample descriptions (each with its own avcC, as when recordings with different encoder settings
 * are joined) has the parameter sets and NAL length size of each sample's description given to the decoder
 * before that sample whenever they change, after a seek too. The parameter sets of each description are those
 * of {@link DescriptionParameterSets} (the avcC's, or for an avc3 entry without them those its first samples
 * bring in band).
 */
public final class Mp4Source implements StreamSource {
    private final Mp4Demuxer demuxer;
    private final Track track;
    private final Presentation p;
    /** Per sample description: the parameter sets to configure (null for descriptions no sample uses). */
    private final AvcConfig[] configs;
    /** The sample description whose avcC the decoder has (index into the track's sample entries), or -1. */
    private int configured = -1;
    /** Parameter sets brought in band before a key frame that does not repeat them, for seeks. */
    private final InBandParameterSets inBand;

    /** The source of one track, {@code configs} from {@link DescriptionParameterSets#of}. */
    public Mp4Source(Mp4Demuxer demuxer, Track track, AvcConfig[] configs) {
        this.demuxer = demuxer;
        this.track = track;
        this.p = track.presentation();
        this.configs = configs.clone();
        this.inBand = new InBandParameterSets(demuxer, track, p, this.configs);
    }

    @Override
    public int entryCount() {
        return p.entryCount();
    }

    @Override
    public int entryFrame(int e) {
        return p.entryFrame(e);
    }

    @Override
    public long entryPts(int e) {
        return p.entryPts(e);
    }

    @Override
    public boolean isSyncEntry(int e) {
        return track.samples().isSync(p.entrySample(e));
    }

    @Override
    public int frameCount() {
        return p.frameCount();
    }

    @Override
    public long framePts(int f) {
        return p.pts(f);
    }

    @Override
    public long frameDuration(int f) {
        return p.duration(f);
    }

    @Override
    public boolean isKeyFrame(int f) {
        return p.isKeyFrame(f);
    }

    @Override
    public int[] keyFrames() {
        return p.keyFrames().clone();
    }

    @Override
    public int frameAt(long ticks) {
        return p.frameAt(ticks);
    }

    @Override
    public int decodeStartEntry(int f) {
        return p.decodeStartEntry(f);
    }

    @Override
    public int maxEntrySize() {
        return track.samples().maxSampleSize();
    }

    @Override
    public long timescale() {
        return track.timescale();
    }

    @Override
    public H264Decoder newDecoder(int threads, H264Decoder.ThreadType threadType, H264Decoder.SequenceLimit limit) {
        AvcConfig a = configs[track.samples().sampleDescription(0)]; // the first sample's
        return H264Decoder.builder().threads(threads).threadType(threadType).skipNonReference(true).sequenceLimit(limit)
                .buildForAvcC(a.sps(), a.pps(), a.nalLengthSize());
    }

    @Override
    public void resetDecoder(H264Decoder decoder, int startEntry) {
        decoder.reset();
        configured = -1;
        int d = track.samples().sampleDescription(p.entrySample(startEntry));
        configure(decoder, d);
        // parameter sets the stream brought in band before this key frame and does not repeat at it (a stream
        // that changed its picture size, say): after the description's, so that theirs win
        java.util.List<byte[]>[] sets = inBand.before(startEntry);
        if (sets != null) {
            configured = -1;
            decoder.configureAvcC(sets[0], sets[1], configs[d].nalLengthSize());
            configured = d;
        }
    }

    /** Gives the decoder the avcC of sample description {@code d} unless it has it already. */
    private void configure(H264Decoder decoder, int d) {
        if (d != configured) {
            AvcConfig a = configs[d];
            configured = -1; // in case the decoder refuses them
            decoder.configureAvcC(a.sps(), a.pps(), a.nalLengthSize());
            configured = d;
        }
    }

    @Override
    public void read(int e, ByteBuffer dst) throws IOException {
        ((Buffer) dst).clear();
        demuxer.readSample(track, p.entrySample(e), dst);
        ((Buffer) dst).flip();
    }

    @Override
    public void decode(H264Decoder decoder, int e, ByteBuffer bytes, boolean output) {
        configure(decoder, track.samples().sampleDescription(p.entrySample(e)));
        decoder.decodeSample(bytes, e, output);
    }

    /** The sample index of entry {@code e}, for messages. */
    public int sample(int e) {
        return p.entrySample(e);
    }

    @Override
    public void close() throws IOException {
        demuxer.close();
    }
}
