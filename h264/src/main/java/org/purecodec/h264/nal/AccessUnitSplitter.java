package org.purecodec.h264.nal;

import java.util.ArrayList;
import java.util.List;

/**
 * Groups NAL units into access units (7.4.1.2.3). Feed units in stream order with {@link #push}; an
 * access unit is returned as soon as the first unit of the next one is seen (or an end-of-sequence /
 * end-of-stream unit closes it), and the last one by {@link #flush()}.
 *
 * <p>A new access unit starts at an access unit delimiter, at SPS, PPS, SEI or NAL types 14..18 that
 * follow the last VCL unit of a picture, and at a slice that begins a new primary picture
 * ({@link SliceHeaderPrefix#startsNewPicture}). Parameter sets are looked up through the
 * {@link PictureSyntax.Lookup} at the moment a slice is pushed, so the caller must apply SPS/PPS units
 * (after pushing them) before pushing the slices that use them.
 */
public final class AccessUnitSplitter {
    /** One access unit: its NAL units and the slice-header prefix of each VCL unit (same order, null for non-VCL). */
    public record AccessUnit(List<NalUnit> nals, List<SliceHeaderPrefix> slices) {
        /** The first slice's prefix, or null when the unit holds no slice. */
        public SliceHeaderPrefix firstSlice() {
            for (SliceHeaderPrefix p : slices) {
                if (p != null) {
                    return p;
                }
            }
            return null;
        }
    }

    private final PictureSyntax.Lookup lookup;
    private List<NalUnit> nals = new ArrayList<>();
    private List<SliceHeaderPrefix> prefixes = new ArrayList<>();
    /**
     * Reuse mode: the access units and the lists returned are recycled (three in turn: the pending unit
     * and the at most two that one call returns), valid until the next call.
     */
    private final AccessUnit[] ring;
    private int pending;
    private final List<AccessUnit> out = new ArrayList<>(2);
    private SliceHeaderPrefix lastSlice;
    private final byte[] scratch = new byte[SliceHeaderPrefix.PREFIX_BYTES];

    /** A splitter resolving PPS ids through {@code lookup}. */
    public AccessUnitSplitter(PictureSyntax.Lookup lookup) {
        this(lookup, false);
    }

    /**
     * A splitter resolving PPS ids through {@code lookup}; with {@code reuse}, what {@link #push} and
     * {@link #flush} return (the list and its access units) is only valid until the next call, and
     * steady-state splitting allocates nothing.
     */
    public AccessUnitSplitter(PictureSyntax.Lookup lookup, boolean reuse) {
        this.lookup = lookup;
        if (reuse) {
            ring = new AccessUnit[3];
            for (int i = 0; i < ring.length; i++) {
                ring[i] = new AccessUnit(new ArrayList<>(), new ArrayList<>());
            }
            nals = ring[0].nals();
            prefixes = ring[0].slices();
        } else {
            ring = null;
        }
    }

    private List<AccessUnit> outList() {
        if (ring == null) {
            return new ArrayList<>(1);
        }
        out.clear();
        return out;
    }

    /**
     * Adds the next NAL unit. Returns the access unit it completed (0, 1 or, with an end-of-sequence unit,
     * 2 units), never including an empty one.
     */
    public List<AccessUnit> push(NalUnit nal) {
        List<AccessUnit> out = outList();
        int t = nal.type();
        SliceHeaderPrefix prefix = null;
        if (t == NalUnitType.SLICE || t == NalUnitType.IDR_SLICE) {
            prefix = SliceHeaderPrefix.parse(nal, lookup, scratch);
            if (lastSlice != null && SliceHeaderPrefix.startsNewPicture(lastSlice, prefix)) {
                complete(out);
            }
            lastSlice = prefix;
        } else if (t == NalUnitType.AUD) {
            complete(out);
        } else if (t == NalUnitType.SEI || t == NalUnitType.SPS || t == NalUnitType.PPS
                || (t >= NalUnitType.PREFIX && t <= 18)) {
            if (lastSlice != null) {
                complete(out);
            }
        }
        nals.add(nal);
        prefixes.add(prefix);
        if (t == NalUnitType.END_OF_SEQUENCE || t == NalUnitType.END_OF_STREAM) {
            complete(out);
        }
        return out;
    }

    /** End of input: the pending access unit, if any. */
    public List<AccessUnit> flush() {
        List<AccessUnit> out = outList();
        complete(out);
        return out;
    }

    /** Forgets any pending units (after an error or on seek). */
    public void reset() {
        if (ring != null) {
            nals.clear();
            prefixes.clear();
        } else {
            nals = new ArrayList<>();
            prefixes = new ArrayList<>();
        }
        lastSlice = null;
    }

    private void complete(List<AccessUnit> out) {
        if (!nals.isEmpty()) {
            if (ring != null) {
                out.add(ring[pending]);
                pending = (pending + 1) % ring.length;
                nals = ring[pending].nals();
                prefixes = ring[pending].slices();
                nals.clear();
                prefixes.clear();
            } else {
                out.add(new AccessUnit(nals, prefixes));
                nals = new ArrayList<>();
                prefixes = new ArrayList<>();
            }
        }
        lastSlice = null;
    }
}
