package org.purecodec.mp4;

import java.util.Arrays;
import java.util.List;

/**
 * What a player shows of one track: the edit list applied to the {@link SampleTable} the way FFmpeg's
 * mov demuxer (libavformat 59, "advanced edit list" mode) does, so that frame numbers and timestamps
 * match {@code ffprobe -show_packets} and {@code ffmpeg -f framemd5}.
 *
 * <h2>Entries (decode order)</h2>
 * An <em>entry</em> is one sample to feed to the decoder, in decode order; it is what FFmpeg returns as
 * a packet. For each non-empty edit, the entries start at the last sync sample whose decode and
 * composition times are at or before the edit's {@code media_time}, and run until the second sync
 * sample after the edit's end (one sync sample when there are no composition offsets). An entry
 * whose composition time lies outside the edit is <em>discarded</em>: it must be decoded (later
 * pictures may refer to it) but is not shown. With several edits a sample may appear in several
 * entries. Without an edit list every sample is one entry and none is discarded.
 *
 * <h2>Timestamps</h2>
 * {@link #entryDts(int)}/{@link #entryPts(int)} are in the track time scale and equal FFmpeg's packet
 * dts/pts: within an edit, {@code dts = sampleDts + shift} where the shift places the edit on the
 * movie time line, and {@code pts = dts + dtsShift + compositionOffset}. Finally, for video, all
 * timestamps are lowered so that the earliest shown pts equals the total duration of leading empty
 * edits (FFmpeg's {@code min_corrected_pts}). For the usual single edit with {@code media_time = M}
 * this is simply {@code pts = cts - M}, {@code dts = dts - M}; {@code dtsShift} is the largest
 * negated negative composition offset (0 for files without negative {@code ctts}).
 *
 * <h2>Frames (presentation order)</h2>
 * Frame {@code i} is the i-th non-discarded entry in pts order (ties keep decode order). This is the
 * frame numbering of TorchCodec's exact mode and of FFmpeg's framemd5 output.
 *
 * <p>Fragmented files: FFmpeg does not apply edit lists sample by sample to fragments; it only shifts
 * timestamps by the first non-empty edit's media_time (minus leading empty edits). The same is done
 * here when the track has fragment samples.
 */
public final class Presentation {
    private final SampleTable table;
    private final int entryCount;
    // entries as segments of consecutive samples with a constant dts offset:
    // entry e in segment k has sample segSample[k] + (e - segEntry[k]) and dts table.dts(sample) + segOffset[k]
    private final int[] segEntry;
    private final int[] segSample;
    private final long[] segOffset;
    private final long[] discardBits;
    private final int[] frameEntry;
    private final int keyFrameCount;
    private final long dtsShift;
    private final long emptyEditDuration;

    Presentation(SampleTable t, List<EditListEntry> edits, long movieTimescale, long mediaTimescale, boolean video,
                 int maxEntries, String path) throws Mp4FormatException {
        this.table = t;
        int n = t.count();
        long minCto = 0;
        for (int i = 0; i < n; i++) {
            minCto = Math.min(minCto, t.compositionOffset(i));
        }
        this.dtsShift = -minCto;
        Builder b = new Builder(Math.min(n, maxEntries), maxEntries, path);
        long empty = 0;
        boolean anyMedia = false;
        if (edits != null) {
            for (EditListEntry e : edits) {
                if (!e.isEmpty() && (e.rateInteger() != 0 || e.rateFraction() != 0)) {
                    anyMedia = true;
                }
            }
        }
        if (edits == null || !anyMedia || n == 0) {
            for (int i = 0; i < n; i++) {
                b.add(i, t.dts(i) - dtsShift, false);
            }
        } else if (t.fragmentSampleCount() > 0) {
            long offset = 0;
            for (EditListEntry e : edits) {
                if (e.isEmpty()) {
                    empty += rescale(e.segmentDuration(), mediaTimescale, movieTimescale);
                } else {
                    offset = e.mediaTime();
                    break;
                }
            }
            for (int i = 0; i < n; i++) {
                b.add(i, t.dts(i) - dtsShift - offset + empty, false);
            }
        } else {
            empty = applyEdits(t, edits, movieTimescale, mediaTimescale, video, b);
        }
        this.emptyEditDuration = empty;
        this.entryCount = b.count;
        int segs = segments(b, t, null, null, null);
        this.segEntry = new int[segs];
        this.segSample = new int[segs];
        this.segOffset = new long[segs];
        segments(b, t, segEntry, segSample, segOffset);
        this.discardBits = new long[(entryCount + 63) >>> 6];
        for (int e = 0; e < entryCount; e++) {
            if (b.discard[e]) {
                discardBits[e >>> 6] |= 1L << e;
            }
        }
        // frames: non-discarded entries sorted by pts (stable)
        int f = 0;
        for (int e = 0; e < entryCount; e++) {
            if (!b.discard[e]) {
                f++;
            }
        }
        int[] order = new int[f];
        long[] pts = new long[entryCount];
        f = 0;
        for (int e = 0; e < entryCount; e++) {
            pts[e] = b.dts[e] + dtsShift + t.compositionOffset(b.sample[e]);
            if (!b.discard[e]) {
                order[f++] = e;
            }
        }
        sortByKey(order, pts);
        this.frameEntry = order;
        int keys = 0;
        for (int i = 0; i < f; i++) {
            if (t.isSync(b.sample[order[i]])) {
                keys++;
            }
        }
        this.keyFrameCount = keys;
    }

    private static int segments(Builder b, SampleTable t, int[] entry, int[] sample, long[] offset) {
        int segs = 0;
        long cur = 0;
        for (int e = 0; e < b.count; e++) {
            long off = b.dts[e] - t.dts(b.sample[e]);
            if (e == 0 || b.sample[e] != b.sample[e - 1] + 1 || off != cur) {
                if (entry != null) {
                    entry[segs] = e;
                    sample[segs] = b.sample[e];
                    offset[segs] = off;
                }
                segs++;
                cur = off;
            }
        }
        return segs;
    }

    /** FFmpeg's mov_fix_index, for non-fragmented tracks. Returns the summed duration of empty edits. */
    private long applyEdits(SampleTable t, List<EditListEntry> edits, long movieTs, long mediaTs, boolean video,
                            Builder b) throws Mp4FormatException {
        int n = t.count();
        long cursor = -dtsShift;
        long empty = 0;
        long minPts = Long.MAX_VALUE;
        boolean hasCto = t.hasCompositionOffsets();
        for (EditListEntry e : edits) {
            long dur = e.segmentDuration() == 0 && !e.isEmpty() ? Long.MAX_VALUE / 4
                    : rescale(e.segmentDuration(), mediaTs, movieTs);
            long counter = cursor;
            cursor = sat(cursor + dur);
            if (e.isEmpty()) {
                empty = sat(empty + dur);
                continue;
            }
            if (e.rateInteger() == 0 && e.rateFraction() == 0) {
                continue; // dwell edits are not supported by FFmpeg either; skipped
            }
            long mt = e.mediaTime();
            long end = sat(mt + dur);
            int start = findStart(t, mt);
            int firstEntryOfEdit = b.count;
            boolean started = false;
            boolean keyAfterEnd = false;
            for (int s = start; s < n; s++) {
                long fd = s + 1 < n ? t.dts(s + 1) - t.dts(s) : dur;
                long cts = t.dts(s) + t.compositionOffset(s);
                boolean discard = cts < mt || cts >= end;
                if (!discard && !started) {
                    started = true;
                    // leading discarded samples of this edit get the decode times before this one
                    for (int k = firstEntryOfEdit; k < b.count; k++) {
                        b.dts[k] = counter - (t.dts(s) - t.dts(b.sample[k]));
                    }
                }
                if (!discard) {
                    minPts = Math.min(minPts, counter + t.compositionOffset(s) + dtsShift);
                }
                b.add(s, counter, discard);
                if (started) {
                    counter = sat(counter + fd);
                }
                if (sat(cts + fd) >= end && t.isSync(s)) {
                    if (hasCto && video && !keyAfterEnd) {
                        keyAfterEnd = true;
                        continue;
                    }
                    break;
                }
            }
        }
        long shift = minPts == Long.MAX_VALUE ? -1 : minPts - empty;
        if (video && shift > 0) {
            for (int k = 0; k < b.count; k++) {
                b.dts[k] -= shift;
            }
        }
        return empty;
    }

    /** The last sync sample with dts and cts at or before {@code mt}; else any such sample; else 0. */
    private static int findStart(SampleTable t, long mt) {
        int n = t.count();
        int lo = 0;
        int hi = n - 1;
        int last = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (t.dts(mid) <= mt) {
                last = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (last < 0) {
            return 0;
        }
        int k = t.syncAtOrBefore(last);
        for (int steps = 0; k >= 0 && steps < 64; k = t.previousSync(k), steps++) {
            if (t.cts(k) <= mt) {
                return k;
            }
        }
        for (int s = last, steps = 0; s >= 0 && steps < 1024; s--, steps++) {
            if (t.cts(s) <= mt) {
                return s;
            }
        }
        return 0;
    }

    /** FFmpeg's av_rescale(a, b, c): a * b / c rounded to nearest, halves away from zero. */
    static long rescale(long a, long b, long c) {
        if (c == 0) {
            return 0;
        }
        try {
            long p = Math.multiplyExact(a, b);
            return Math.addExact(p, c / 2) / c;
        } catch (ArithmeticException e) {
            return sat((long) Math.floor((double) a * b / c + 0.5));
        }
    }

    private static long sat(long v) {
        return Math.max(Long.MIN_VALUE / 4, Math.min(Long.MAX_VALUE / 4, v));
    }

    private static void sortByKey(int[] idx, long[] key) {
        // entries are almost sorted already: a stable merge sort on indices
        int[] tmp = new int[idx.length];
        for (int width = 1; width < idx.length; width *= 2) {
            for (int lo = 0; lo < idx.length - width; lo += 2 * width) {
                int mid = lo + width;
                int hi = Math.min(lo + 2 * width, idx.length);
                if (key[idx[mid - 1]] <= key[idx[mid]]) {
                    continue;
                }
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    tmp[k++] = key[idx[j]] < key[idx[i]] ? idx[j++] : idx[i++];
                }
                while (i < mid) {
                    tmp[k++] = idx[i++];
                }
                while (j < hi) {
                    tmp[k++] = idx[j++];
                }
                System.arraycopy(tmp, lo, idx, lo, hi - lo);
            }
        }
    }

    private static final class Builder {
        final int max;
        final String path;
        int count;
        int[] sample;
        long[] dts;
        boolean[] discard;

        Builder(int initial, int max, String path) {
            this.max = max;
            this.path = path;
            sample = new int[Math.max(initial, 16)];
            dts = new long[sample.length];
            discard = new boolean[sample.length];
        }

        void add(int s, long d, boolean disc) throws Mp4FormatException {
            if (count == sample.length) {
                if (count >= max) {
                    throw new Mp4FormatException(Mp4FormatException.Kind.LIMIT_EXCEEDED, path, -1,
                            "edit list yields more than " + max + " entries");
                }
                int cap = (int) Math.min(max, count + (count >> 1) + 16L);
                sample = Arrays.copyOf(sample, cap);
                dts = Arrays.copyOf(dts, cap);
                discard = Arrays.copyOf(discard, cap);
            }
            sample[count] = s;
            dts[count] = d;
            discard[count] = disc;
            count++;
        }
    }

    // ------------------------------------------------------------------------------------------ frames

    /** Number of presented frames. */
    public int frameCount() {
        return frameEntry.length;
    }

    /** Presentation timestamp of frame {@code i} in the track time scale (FFmpeg's pts). */
    public long pts(int frame) {
        return entryPts(frameEntry[checkFrame(frame)]);
    }

    /** Duration of frame {@code i}: its sample's duration (the stts/trun duration). */
    public long duration(int frame) {
        return table.duration(sample(frame));
    }

    /** The sample shown as frame {@code i}. */
    public int sample(int frame) {
        return entrySample(frameEntry[checkFrame(frame)]);
    }

    /** The decode-order entry shown as frame {@code i}. */
    public int entry(int frame) {
        return frameEntry[checkFrame(frame)];
    }

    /** Whether frame {@code i} is a key frame (its sample is a sync sample). */
    public boolean isKeyFrame(int frame) {
        return table.isSync(sample(frame));
    }

    /** Indices of the key frames in presentation order (a new array). */
    public int[] keyFrames() {
        int[] out = new int[keyFrameCount];
        int k = 0;
        for (int i = 0; i < frameEntry.length && k < out.length; i++) {
            if (isKeyFrame(i)) {
                out[k++] = i;
            }
        }
        return out;
    }

    /** Number of key frames. */
    public int keyFrameCount() {
        return keyFrameCount;
    }

    /**
     * The entry to start decoding at to show frame {@code i}: the last sync entry at or before the
     * frame's entry whose pts is not after the frame's pts (so that leading pictures of an open GOP
     * start from the previous key frame). Binary searches over the segments and the sync samples.
     */
    public int decodeStartEntry(int frame) {
        int e = entry(frame);
        long p = pts(frame);
        int seg = segmentOf(e);
        for (int steps = 0; steps < 256 && e >= 0; steps++) {
            int s = segSample[seg] + (e - segEntry[seg]);
            int sync = table.syncAtOrBefore(s);
            if (sync >= segSample[seg]) {
                int se = segEntry[seg] + (sync - segSample[seg]);
                if (entryPts(se) <= p) {
                    return se;
                }
                e = se - 1;
            } else {
                e = segEntry[seg] - 1;
            }
            if (e >= 0 && e < segEntry[seg]) {
                seg--;
            }
        }
        return 0;
    }

    /** The sync sample to start decoding from to show frame {@code i} (the sample of {@link #decodeStartEntry}). */
    public int decodeStartSample(int frame) {
        return entrySample(decodeStartEntry(frame));
    }

    /**
     * The frame shown at time {@code pts} (track time scale): the last frame whose pts is at or before
     * it, or -1 when {@code pts} is before the first frame.
     */
    public int frameAt(long pts) {
        int lo = 0;
        int hi = frameEntry.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (entryPts(frameEntry[mid]) <= pts) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    // ------------------------------------------------------------------------------------------ entries

    /** Number of decode-order entries (FFmpeg packets), discarded ones included. */
    public int entryCount() {
        return entryCount;
    }

    private int segmentOf(int e) {
        int k = Arrays.binarySearch(segEntry, e);
        return k >= 0 ? k : -k - 2;
    }

    /** Sample of entry {@code e}. */
    public int entrySample(int e) {
        int k = segmentOf(checkEntry(e));
        return segSample[k] + (e - segEntry[k]);
    }

    /** FFmpeg's packet dts of entry {@code e} (track time scale). */
    public long entryDts(int e) {
        int k = segmentOf(checkEntry(e));
        return table.dts(segSample[k] + (e - segEntry[k])) + segOffset[k];
    }

    /** FFmpeg's packet pts of entry {@code e} (track time scale). */
    public long entryPts(int e) {
        return entryDts(e) + dtsShift + table.compositionOffset(entrySample(e));
    }

    /** Whether entry {@code e} is decoded but not shown. */
    public boolean isDiscarded(int e) {
        checkEntry(e);
        return (discardBits[e >>> 6] & (1L << e)) != 0;
    }

    /** The frame index entry {@code e} is shown as, or -1 when it is discarded (binary search by pts). */
    public int entryFrame(int e) {
        if (isDiscarded(e)) {
            return -1;
        }
        long p = entryPts(e);
        int i = frameAt(p);
        // frames with equal pts keep decode order: walk back to the one of this entry
        while (i >= 0 && frameEntry[i] != e && entryPts(frameEntry[i]) == p) {
            i--;
        }
        return i >= 0 && frameEntry[i] == e ? i : -1;
    }

    /** The decode-time shift applied for negative composition offsets (FFmpeg's dts_shift), usually 0. */
    public long dtsShift() {
        return dtsShift;
    }

    /** Total duration of empty edits before the media starts (track time scale). */
    public long emptyEditDuration() {
        return emptyEditDuration;
    }

    long memoryBytes() {
        return segEntry.length * 16L + discardBits.length * 8L + frameEntry.length * 4L;
    }

    private int checkFrame(int i) {
        if (i < 0 || i >= frameEntry.length) {
            throw new IndexOutOfBoundsException("frame " + i + " of " + frameEntry.length);
        }
        return i;
    }

    private int checkEntry(int e) {
        if (e < 0 || e >= entryCount) {
            throw new IndexOutOfBoundsException("entry " + e + " of " + entryCount);
        }
        return e;
    }
}
