package org.purecodec.video.internal;

import java.io.IOException;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.purecodec.h264.H264Exception;
import org.purecodec.h264.nal.AvccReader;
import org.purecodec.h264.nal.NalUnit;
import org.purecodec.mp4.AvcConfig;
import org.purecodec.mp4.Mp4Demuxer;
import org.purecodec.mp4.Mp4FormatException;
import org.purecodec.mp4.Presentation;
import org.purecodec.mp4.Track;
import org.purecodec.video.VideoDecoderException;

/**
 * The parameter sets a stream brought in band before a key frame that does not repeat them. A stream may
 * change its SPS and PPS in its samples (a new picture size, say) and give them only once, at the key frame
 * where the change happens: decoding from the start works, but a seek to a later key frame would decode it with
 * its sample description's (older) parameter sets. So after a seek the sync samples before the start, back to
 * the start of its sample description's run, are read (once each, remembered) for SPS and PPS NAL units, and
 * the newest found are given to the decoder after the description's.
 *
 * <p>Only streams that carry parameter sets in band are searched: when the first sync sample of a description
 * (read once) has none, the stream takes them from its avcC (the usual MP4), and a seek costs nothing more. A
 * stream that repeats them at every key frame stops the search at the start itself.
 */
final class InBandParameterSets {
    private final Mp4Demuxer demuxer;
    private final Track track;
    private final Presentation p;
    private final AvcConfig[] configs;
    /** Per sync entry already read: its SPS and PPS NAL units ({@code {sps, pps}}, possibly empty). */
    private final Map<Integer, List<byte[]>[]> found = new HashMap<>();
    private ByteBuffer scratch;
    /** Per sample description: whether its first sync sample brings parameter sets in band. */
    private final Map<Integer, Boolean> inBandStyle = new HashMap<>();

    InBandParameterSets(Mp4Demuxer demuxer, Track track, Presentation p, AvcConfig[] configs) {
        this.demuxer = demuxer;
        this.track = track;
        this.p = p;
        this.configs = configs;
    }

    /**
     * The SPS and PPS NAL units to give the decoder after the sample description's before decoding from sync
     * entry {@code start} ({@code {sps, pps}}, oldest first), or null when there are none to give.
     */
    List<byte[]>[] before(int start) {
        int d = description(start);
        if (!carriesInBand(d)) {
            return null; // the usual MP4: its avcC's are all there is (decided once per description, not per seek)
        }
        int runStart = start;
        for (int e = start - 1; e >= 0 && description(e) == d; e--) {
            if (isSync(e)) {
                runStart = e;
            }
        }
        if (runStart == start || !hasAny(read(runStart)) || hasBoth(read(start))) {
            return null; // this run takes its avcC's, or the stream repeats them at the start itself
        }
        List<List<byte[]>[]> newestFirst = new ArrayList<>();
        boolean sps = false;
        boolean pps = false;
        for (int e = start - 1; e >= runStart && !(sps && pps); e--) {
            if (!isSync(e)) {
                continue;
            }
            List<byte[]>[] sets = read(e);
            if (hasAny(sets)) {
                newestFirst.add(sets);
                sps |= !sets[0].isEmpty();
                pps |= !sets[1].isEmpty();
            }
        }
        if (newestFirst.isEmpty()) {
            return null;
        }
        List<byte[]>[] out = none();
        for (int i = newestFirst.size() - 1; i >= 0; i--) { // oldest first: the newest take their ids last
            out[0].addAll(newestFirst.get(i)[0]);
            out[1].addAll(newestFirst.get(i)[1]);
        }
        return out;
    }

    /**
     * Whether description {@code d}'s first sync sample brings parameter sets in band (read once per description):
     * only such streams are searched after a seek, so a stream that takes them from its avcC costs one read.
     */
    private boolean carriesInBand(int d) {
        Boolean carries = inBandStyle.get(d);
        if (carries == null) {
            carries = false;
            for (int e = 0; e < p.entryCount(); e++) {
                if (isSync(e) && description(e) == d) {
                    carries = hasAny(read(e));
                    break;
                }
            }
            inBandStyle.put(d, carries);
        }
        return carries;
    }

    private int description(int e) {
        return track.samples().sampleDescription(p.entrySample(e));
    }

    private boolean isSync(int e) {
        return track.samples().isSync(p.entrySample(e));
    }

    private static boolean hasAny(List<byte[]>[] sets) {
        return !sets[0].isEmpty() || !sets[1].isEmpty();
    }

    private static boolean hasBoth(List<byte[]>[] sets) {
        return !sets[0].isEmpty() && !sets[1].isEmpty();
    }

    /** The SPS and PPS NAL units in the sample of entry {@code e} (read once, then remembered). */
    private List<byte[]>[] read(int e) {
        List<byte[]>[] sets = found.get(e);
        if (sets != null) {
            return sets;
        }
        int sample = p.entrySample(e);
        if (scratch == null) {
            scratch = ByteBuffer.allocate(Math.max(1, track.samples().maxSampleSize()));
        }
        try {
            ((Buffer) scratch).clear();
            demuxer.readSample(track, sample, scratch);
            ((Buffer) scratch).flip();
            sets = parameterSets(scratch, configs[description(e)].nalLengthSize());
        } catch (Mp4FormatException ex) {
            sets = none(); // a sample that cannot be read brings none here (decoding it reports why)
        } catch (java.nio.channels.ClosedByInterruptException ex) {
            throw new VideoDecoderException(VideoDecoderException.Kind.INTERRUPTED, "interrupted while reading sample "
                    + sample + " for the parameter sets it may bring", ex);
        } catch (IOException ex) {
            throw new VideoDecoderException(VideoDecoderException.Kind.IO_ERROR, "reading sample " + sample
                    + " for the parameter sets it may bring: " + ex, ex);
        }
        found.put(e, sets);
        return sets;
    }

    @SuppressWarnings("unchecked")
    private static List<byte[]>[] none() {
        return new List[] {new ArrayList<byte[]>(), new ArrayList<byte[]>()};
    }

    /**
     * The SPS (type 7) and PPS (type 8) NAL units of an AVCC sample ({@code {sps, pps}}); a damaged NAL length
     * ends the search with those found before it (the decoder reports the damage if it decodes the sample).
     */
    static List<byte[]>[] parameterSets(ByteBuffer sample, int lengthSize) {
        List<byte[]>[] sets = none();
        List<NalUnit> nals = new ArrayList<>();
        try {
            AvccReader.split(sample, lengthSize, 0, nals);
        } catch (H264Exception damaged) {
            // keep the NAL units split before the damage
        }
        for (NalUnit n : nals) {
            if (n.type() == 7 || n.type() == 8) {
                sets[n.type() - 7].add(n.data());
            }
        }
        return sets;
    }
}
