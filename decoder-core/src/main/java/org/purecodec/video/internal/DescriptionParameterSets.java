package org.purecodec.video.internal;

import java.io.IOException;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.purecodec.h264.H264Exception;
import org.purecodec.h264.nal.AvccReader;
import org.purecodec.h264.nal.NalUnit;
import org.purecodec.mp4.AvcConfig;
import org.purecodec.mp4.Mp4Demuxer;
import org.purecodec.mp4.Mp4FormatException;
import org.purecodec.mp4.SampleEntry;
import org.purecodec.mp4.SampleTable;
import org.purecodec.mp4.Track;
import org.purecodec.video.VideoDecoderException;
import org.purecodec.video.VideoDecoderException.Kind;

/**
 * The parameter sets each sample description of an MP4 H.264 track gives the decoder.
 *
 * <p>An {@code avc1} entry's avcC carries its SPS and PPS. An {@code avc3} entry (ISO/IEC 14496-15) may carry
 * none, the stream bringing them in band, usually in each key frame's sample. For such a description the first
 * samples that use it are read at open (until one has brought both an SPS and a PPS, at most
 * {@link #MAX_SCANNED_SAMPLES}) and the parameter sets found in them are taken as if they stood in its avcC:
 * opening needs the picture size, and a seek to a later key frame whose sample does not repeat them needs them
 * too. Parameter sets that come in band later still apply from where they stand; what a seek lands on after
 * the stream changed them without repeating them at that key frame is not tracked (streams that change
 * parameter sets repeat them at every key frame).
 */
public final class DescriptionParameterSets {
    /** How many samples of one description are read, at most, looking for its in-band parameter sets. */
    public static final int MAX_SCANNED_SAMPLES = 32;
    private static final int NAL_SPS = 7;
    private static final int NAL_PPS = 8;

    private DescriptionParameterSets() {
    }

    /**
     * The avcC to configure for each sample description the track's samples use (indexed by description, null
     * for those not used), every one with at least one SPS and one PPS.
     *
     * @throws VideoDecoderException UNSUPPORTED for a description used that is not H.264 with an avcC;
     *                               INVALID_DATA (TRUNCATED, IO_ERROR) when neither its avcC nor its first samples
     *                               give an SPS and a PPS, or those samples cannot be read
     */
    public static AvcConfig[] of(Mp4Demuxer demuxer, Track track) {
        List<SampleEntry> entries = track.sampleEntries();
        AvcConfig[] out = new AvcConfig[entries.size()];
        for (int d : track.samples().descriptionsUsed()) {
            SampleEntry se = entries.get(d);
            AvcConfig a = se.avcConfig();
            if (a == null) {
                throw new VideoDecoderException(Kind.UNSUPPORTED, where(track, d, se) + " has no avcC; only H.264"
                        + " (avc1/avc3 with an avcC) is supported");
            }
            out[d] = a.sps().isEmpty() || a.pps().isEmpty() ? inBand(demuxer, track, d, se) : a;
        }
        return out;
    }

    private static String where(Track track, int d, SampleEntry se) {
        return "stream " + track.index() + ", sample description " + (d + 1) + " ('" + se.format().trim() + "')";
    }

    /** The avcC of description {@code d} completed with the parameter sets of its first samples. */
    private static AvcConfig inBand(Mp4Demuxer demuxer, Track track, int d, SampleEntry se) {
        AvcConfig a = se.avcConfig();
        int lengthSize = a.nalLengthSize();
        if (lengthSize != 1 && lengthSize != 2 && lengthSize != 4) {
            throw new VideoDecoderException(Kind.INVALID_DATA, where(track, d, se) + ": its avcC has no SPS/PPS and"
                    + " a NAL length size of " + lengthSize + " (1, 2 or 4 expected)");
        }
        List<byte[]> sps = new ArrayList<>(a.sps());
        List<byte[]> pps = new ArrayList<>(a.pps());
        SampleTable s = track.samples();
        int scanned = 0;
        List<NalUnit> nals = new ArrayList<>();
        for (int i = 0; i < s.count() && scanned < MAX_SCANNED_SAMPLES && (sps.isEmpty() || pps.isEmpty()); i++) {
            if (s.sampleDescription(i) != d) {
                continue;
            }
            scanned++;
            nals.clear();
            try {
                ByteBuffer buf = ByteBuffer.allocate(s.size(i));
                demuxer.readSample(track, i, buf);
                ((Buffer) buf).flip();
                AvccReader.split(buf, lengthSize, 0, nals);
            } catch (Mp4FormatException e) {
                Kind kind = e.kind() == Mp4FormatException.Kind.TRUNCATED ? Kind.TRUNCATED : Kind.INVALID_DATA;
                throw new VideoDecoderException(kind, where(track, d, se) + ", sample " + i
                        + " (read for its in-band parameter sets): " + e.getMessage(), e);
            } catch (java.nio.channels.ClosedByInterruptException e) {
                throw new VideoDecoderException(Kind.INTERRUPTED, "interrupted while reading sample " + i, e);
            } catch (IOException e) {
                throw new VideoDecoderException(Kind.IO_ERROR, "reading sample " + i + ": " + e, e);
            } catch (H264Exception e) {
                throw new VideoDecoderException(e.kind() == H264Exception.Kind.TRUNCATED ? Kind.TRUNCATED
                        : Kind.INVALID_DATA, where(track, d, se) + ", sample " + i
                        + " (read for its in-band parameter sets): " + e.getMessage(), e);
            }
            for (NalUnit n : nals) {
                if (n.type() == NAL_SPS) {
                    addDistinct(sps, n.data());
                } else if (n.type() == NAL_PPS) {
                    addDistinct(pps, n.data());
                }
            }
        }
        if (sps.isEmpty() || pps.isEmpty()) {
            throw new VideoDecoderException(Kind.INVALID_DATA, where(track, d, se) + ": its avcC has "
                    + a.sps().size() + " SPS and " + a.pps().size() + " PPS, and the first " + scanned
                    + " sample(s) that use it bring " + (sps.isEmpty() ? "no SPS" : "no PPS") + " in band");
        }
        return new AvcConfig(a.configurationVersion(), a.profile(), a.profileCompatibility(), a.level(), lengthSize,
                List.copyOf(sps), List.copyOf(pps));
    }

    private static void addDistinct(List<byte[]> sets, byte[] nal) {
        for (byte[] s : sets) {
            if (Arrays.equals(s, nal)) {
                return;
            }
        }
        sets.add(nal);
    }
}
