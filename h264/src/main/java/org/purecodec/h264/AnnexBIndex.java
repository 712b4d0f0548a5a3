package org.purecodec.h264;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import org.jcodec.codecs.h264.decode.SliceHeaderReader;
import org.jcodec.codecs.h264.io.model.NALUnit;
import org.jcodec.codecs.h264.io.model.NALUnitType;
import org.jcodec.codecs.h264.io.model.SeqParameterSet;
import org.jcodec.codecs.h264.io.model.SliceHeader;
import org.jcodec.common.io.BitReader;
import org.purecodec.h264.nal.AccessUnitSplitter;
import org.purecodec.h264.nal.AnnexBReader;
import org.purecodec.h264.nal.NalUnit;
import org.purecodec.h264.nal.NalUnitType;
import org.purecodec.h264.nal.SliceHeaderPrefix;

/**
 * An index of the access units (pictures) of a raw Annex B H.264 stream, made without decoding any
 * macroblock: for each frame in decoding order (a frame picture, or the two access units of a pair of field
 * pictures, which then form one entry) its byte range, whether decoding can start there, its
 * picture order count and its place in presentation order. This is what exact seeking in a raw
 * {@code .h264} file needs.
 *
 * <p>Presentation order: POC restarts at every IDR picture and after a picture with
 * memory_management_control_operation 5, and every picture before such a restart is presented before
 * every picture after it. Each restart opens a new {@link Entry#period() period}; pictures are presented
 * by (period, POC), which {@link Entry#presentationIndex()} numbers 0, 1, 2, ...
 *
 * <p>To decode a picture, feed the entries from a key entry up to it, in decoding order, each through
 * {@link H264Decoder#decodeAccessUnit(ByteBuffer, long, boolean)} (an entry's bytes include the parameter
 * sets, SEI and delimiters that precede its first slice), and then {@link H264Decoder#flush()} or keep
 * feeding until the wanted frame comes out:
 * <pre>{@code
 * AnnexBIndex index = AnnexBIndex.scan(stream);
 * AnnexBIndex.Entry target = index.byPresentation(100);
 * int from = index.keyBefore(target.decodeIndex());
 * try (H264Decoder d = new H264Decoder()) {
 *     for (int i = from; i <= target.decodeIndex(); i++) {  // (plus a few more if reordering delays output)
 *         AnnexBIndex.Entry e = index.entries().get(i);
 *         d.decodeAccessUnit(index.slice(stream, e), i, true);
 *     }
 *     d.flush();
 *     // poll() until a frame with pts == target.decodeIndex()
 * }
 * }</pre>
 * Pictures decoded after starting at a non-IDR key (recovery point) whose POC lies before the key's are
 * reported as MISSING_REFERENCE by the decoder, as they cannot be reconstructed.
 */
public final class AnnexBIndex {
    /**
     * One frame: an access unit, or the two access units of a complementary field pair.
     *
     * @param decodeIndex       position in decoding order (0-based)
     * @param offset            byte offset of the start code of its first NAL unit
     * @param length            bytes up to the next access unit (or the end of the stream)
     * @param key               decoding can start here: an IDR picture, or an I picture with a recovery
     *                          point SEI
     * @param idr               an IDR picture
     * @param reference         nal_ref_idc != 0 (other pictures may refer to it)
     * @param type              I, P or B as for {@link DecodedFrame#type()}
     * @param period            number of POC restarts (IDR, mmco 5) before or at this picture
     * @param poc               PicOrderCnt within the period (after mmco 5: the value after the reset)
     * @param presentationIndex position in presentation order over the whole stream
     * @param fields            2 for a pair of field pictures, 1 for a field picture whose second field does not
     *                          follow, 0 for a frame picture
     */
    public record Entry(int decodeIndex, long offset, int length, boolean key, boolean idr, boolean reference,
                        DecodedFrame.PictureType type, int period, int poc, int presentationIndex, int fields) {
    }

    private final List<Entry> entries;
    private final int[] byPresentation;

    private AnnexBIndex(List<Entry> entries, int[] byPresentation) {
        this.entries = entries;
        this.byPresentation = byPresentation;
    }

    /** Scans a whole stream held in memory. */
    public static AnnexBIndex scan(byte[] stream) {
        return scan(ByteBuffer.wrap(stream));
    }

    /**
     * Scans the remaining bytes of {@code stream} (its position is not changed); offsets are relative to
     * that position.
     *
     * @throws H264Exception for unsupported streams (as the decoder would refuse them) or unparsable headers
     */
    public static AnnexBIndex scan(ByteBuffer stream) {
        ByteBuffer in = stream.duplicate();
        long total = in.remaining();
        ParameterSets ps = new ParameterSets();
        AccessUnitSplitter splitter = new AccessUnitSplitter(ps);
        List<NalUnit> nals;
        if (in.hasArray() && !in.isReadOnly()) {
            nals = new ArrayList<>(); // views into the stream's array: nothing copied
            AnnexBReader.splitInPlace(in, 0, nals);
        } else {
            AnnexBReader reader = new AnnexBReader();
            nals = new ArrayList<>(reader.push(in));
            nals.addAll(reader.finish());
        }
        // each access unit is indexed as soon as the splitter completes it, with the parameter sets of that
        // moment: a later SPS or PPS with the same id (streams joined end to end) must not apply to it
        PocCalculator poc = new PocCalculator();
        List<Entry> raw = new ArrayList<>();
        State period = new State();
        for (NalUnit n : nals) {
            for (AccessUnitSplitter.AccessUnit au : splitter.push(n)) {
                index(au, ps, poc, raw, period);
            }
            if (n.type() == NalUnitType.SPS) {
                ps.putSps(n);
            } else if (n.type() == NalUnitType.PPS) {
                ps.putPps(n);
            }
        }
        for (AccessUnitSplitter.AccessUnit au : splitter.flush()) {
            index(au, ps, poc, raw, period);
        }
        // lengths: up to the next picture's first byte
        List<Entry> withLength = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            Entry e = raw.get(i);
            long end = i + 1 < raw.size() ? raw.get(i + 1).offset() : total;
            withLength.add(new Entry(e.decodeIndex(), e.offset(), (int) (end - e.offset()), e.key(), e.idr(), e.reference(),
                    e.type(), e.period(), e.poc(), -1, e.fields()));
        }
        Integer[] order = new Integer[withLength.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> withLength.get(i).period())
                .thenComparingInt(i -> withLength.get(i).poc()).thenComparingInt(i -> i));
        int[] byPres = new int[order.length];
        int[] presOf = new int[order.length];
        for (int p = 0; p < order.length; p++) {
            byPres[p] = order[p];
            presOf[order[p]] = p;
        }
        List<Entry> out = new ArrayList<>(withLength.size());
        for (Entry e : withLength) {
            out.add(new Entry(e.decodeIndex(), e.offset(), e.length(), e.key(), e.idr(), e.reference(), e.type(), e.period(),
                    e.poc(), presOf[e.decodeIndex()], e.fields()));
        }
        return new AnnexBIndex(Collections.unmodifiableList(out), byPres);
    }

    /** All access units in decoding order ({@code entries().get(i).decodeIndex() == i}). */
    public List<Entry> entries() {
        return entries;
    }

    /** Number of pictures. */
    public int size() {
        return entries.size();
    }

    /** The entry presented at position {@code presentationIndex}. */
    public Entry byPresentation(int presentationIndex) {
        return entries.get(byPresentation[presentationIndex]);
    }

    /** Decode index of the last key entry at or before {@code decodeIndex}, or -1 when there is none. */
    public int keyBefore(int decodeIndex) {
        for (int i = Math.min(decodeIndex, entries.size() - 1); i >= 0; i--) {
            if (entries.get(i).key()) {
                return i;
            }
        }
        return -1;
    }

    /** The bytes of one entry as a buffer over {@code stream} (which must be the scanned array). */
    public ByteBuffer slice(byte[] stream, Entry e) {
        return ByteBuffer.wrap(stream, (int) e.offset(), e.length());
    }

    /** What indexing carries from one access unit to the next. */
    private static final class State {
        /** The POC period (restarts so far). */
        int period = -1;
        /** The last access unit when it was a first field that the next one may pair with, else null. */
        SliceHeaderPrefix firstField;
    }

    /**
     * Adds the entry of one access unit (none when it has no picture). A field picture that is the second
     * field of the one before (opposite parity, same frame_num, both reference fields or neither, not an
     * IDR picture) joins its entry: an entry is a frame, whose bytes then hold both fields.
     */
    private static void index(AccessUnitSplitter.AccessUnit au, ParameterSets ps, PocCalculator poc, List<Entry> raw,
                              State state) {
        SliceHeaderPrefix first = au.firstSlice();
        long start = Math.max(0, au.nals().get(0).offset() - 3);
        if (first == null) {
            return; // no picture: its bytes go to the neighbouring access unit
        }
        SliceHeaderPrefix pending = state.firstField;
        state.firstField = null;
        boolean second = first.fieldPic() && pending != null && pending.bottomField() != first.bottomField()
                && pending.frameNum() == first.frameNum() && !first.idr() && (pending.nalRefIdc() != 0) == (first.nalRefIdc() != 0);
        boolean recovery = false;
        DecodedFrame.PictureType type = DecodedFrame.PictureType.I;
        NalUnit firstSliceNal = null;
        for (int i = 0; i < au.nals().size(); i++) {
            NalUnit n = au.nals().get(i);
            if (n.type() == NalUnitType.SEI) {
                recovery |= hasRecoveryPoint(n);
            }
            SliceHeaderPrefix p = au.slices().get(i);
            if (p != null && p.redundantPicCnt() == 0) {
                if (firstSliceNal == null) {
                    firstSliceNal = n;
                }
                if (p.sliceType() == 1) {
                    type = DecodedFrame.PictureType.B;
                } else if (p.sliceType() == 0 && type == DecodedFrame.PictureType.I) {
                    type = DecodedFrame.PictureType.P;
                }
            }
        }
        ParameterSets.Sps s = ps.spsOf(first.ppsId());
        if (s == null || firstSliceNal == null) {
            throw H264Exception.invalid("access unit #" + raw.size() + ": slice refers to a missing parameter set");
        }
        SeqParameterSet sps = s.sps();
        boolean ref = first.nalRefIdc() != 0;
        boolean mmco5 = ref && !first.idr() && hasMmco5(firstSliceNal, ps, first.ppsId());
        PocCalculator.Params params = new PocCalculator.Params(sps.picOrderCntType, sps.log2MaxPicOrderCntLsbMinus4 + 4,
                sps.log2MaxFrameNumMinus4 + 4, sps.offsetForNonRefPic, sps.offsetForTopToBottomField,
                sps.numRefFramesInPicOrderCntCycle == 0 ? new int[0] : sps.offsetForRefFrame);
        boolean field = first.fieldPic();
        PocCalculator.Poc value = poc.compute(params, new PocCalculator.Input(first.idr(), first.nalRefIdc(), first.frameNum(),
                first.picOrderCntLsb(), first.deltaPicOrderCntBottom(), first.deltaPicOrderCnt0(), first.deltaPicOrderCnt1(),
                mmco5, field));
        int pocValue = !field ? value.frame() : first.bottomField() ? value.bottom() : value.top();
        if (second) {
            // the frame's entry: the smaller POC of its fields, the "larger" type of its slices (B over P over I)
            Entry e = raw.remove(raw.size() - 1);
            DecodedFrame.PictureType t = e.type();
            if (type == DecodedFrame.PictureType.B || (type == DecodedFrame.PictureType.P && t == DecodedFrame.PictureType.I)) {
                t = type;
            }
            int framePoc = mmco5 ? 0 : Math.min(e.poc(), pocValue);
            if (mmco5) {
                state.period++;
            }
            raw.add(new Entry(e.decodeIndex(), e.offset(), 0, e.key(), e.idr(), e.reference(), t, state.period, framePoc, -1, 2));
            return;
        }
        if (first.idr() || state.period < 0) {
            state.period++;
        }
        if (mmco5) {
            // presented after everything decoded before it: it starts a new period with its reset POC
            state.period++;
            pocValue = field ? 0 : PocCalculator.afterMmco5(value).frame();
        }
        boolean key = first.idr() || (recovery && type == DecodedFrame.PictureType.I);
        raw.add(new Entry(raw.size(), start, 0, key, first.idr(), ref, type, state.period, pocValue, -1, field ? 1 : 0));
        if (field) {
            state.firstField = first;
        }
    }

    private static boolean hasMmco5(NalUnit nal, ParameterSets ps, int ppsId) {
        byte[] rbsp = nal.rbsp();
        return org.purecodec.h264.syntax.SliceHeaderParser.parse(nal.type(), nal.refIdc(), rbsp, rbsp.length, ps.lookup(), nal.where(),
                null).hasMmco5();
    }

    private static boolean hasRecoveryPoint(NalUnit sei) {
        return H264Decoder.hasRecoveryPoint(sei);
    }
}
