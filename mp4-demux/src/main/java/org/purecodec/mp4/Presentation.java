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
    private final int[] entrySample;
    private final long[] entryDts;
    private final boolean[] entryDiscard;
    private final int[] entryFrame;
    private final int[] frameEntry;
    private final long[] framePts;
    private final int[] syncEntries;
    private final int[] keyFrames;
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
        this.entrySample = Arrays.copyOf(b.sample, b.count);
        this.entryDts = Arrays.copyOf(b.dts, b.count);
        this.entryDiscard = Arrays.copyOf(b.discard, b.count);

        // frames: non-discarded entries sorted by pts (stable)
        int f = 0;
        for (int e = 0; e < entryCount; e++) {
            if (!entryDiscard[e]) {
                f++;
            }
        }
        int[] order = new int[f];
        long[] pts = new long[entryCount];
        f = 0;
        for (int e = 0; e < entryCount; e++) {
            pts[e] = entryDts[e] + dtsShift + t.compositionOffset(entrySample[e]);
            if (!entryDiscard[e]) {
                order[f++] = e;
            }
        }
        sortByKey(order, pts);
        this.frameEntry = order;
        this.framePts = new long[f];
        this.entryFrame = new int[entryCount];
        Arrays.fill(entryFrame, -1);
        int keys = 0;
        for (int i = 0; i < f; i++) {
            framePts[i] = pts[order[i]];
            entryFrame[order[i]] = i;
            if (t.isSync(entrySample[order[i]])) {
                keys++;
            }
        }
        this.keyFrames = new int[keys];
        keys = 0;
        for (int i = 0; i < f; i++) {
            if (t.isSync(entrySample[order[i]])) {
                keyFrames[keys++] = i;
            }
        }
        int syncs = 0;
        for (int e = 0; e < entryCount; e++) {
            if (t.isSync(entrySample[e])) {
                syncs++;
            }
        }
        this.syncEntries = new int[syncs];
        syncs = 0;
        for (int e = 0; e < entryCount; e++) {
            if (t.isSync(entrySample[e])) {
                syncEntries[syncs++] = e;
            }
        }
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
        int[] sync = t.syncSamplesShared();
        int k = Arrays.binarySearch(sync, last);
        k = k >= 0 ? k : -k - 2;
        for (int steps = 0; k >= 0 && steps < 64; k--, steps++) {
            if (t.cts(sync[k]) <= mt) {
                return sync[k];
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
        return framePts[checkFrame(frame)];
    }

    /** Duration of frame {@code i}: its sample's duration (FFmpeg's packet duration). */
    public long duration(int frame) {
        return table.duration(sample(frame));
    }

    /** The sample shown as frame {@code i}. */
    public int sample(int frame) {
        return entrySample[frameEntry[checkFrame(frame)]];
    }

    /** The decode-order entry shown as frame {@code i}. */
    public int entry(int frame) {
        return frameEntry[checkFrame(frame)];
    }

    /** Whether frame {@code i} is a key frame (its sample is a sync sample). */
    public boolean isKeyFrame(int frame) {
        return table.isSync(sample(frame));
    }

    /** Indices of the key frames in presentation order (a copy). */
    public int[] keyFrames() {
        return keyFrames.clone();
    }

    /** Number of key frames. */
    public int keyFrameCount() {
        return keyFrames.length;
    }

    /**
     * The entry to start decoding at to show frame {@code i}: the last sync entry at or before the
     * frame's entry whose pts is not after the frame's pts (so that leading pictures of an open GOP
     * start from the previous key frame). Binary search over the sync entries.
     */
    public int decodeStartEntry(int frame) {
        int e = entry(frame);
        long p = framePts[frame];
        int k = Arrays.binarySearch(syncEntries, e);
        k = k >= 0 ? k : -k - 2;
        while (k >= 0 && entryPts(syncEntries[k]) > p) {
            k--;
        }
        return k >= 0 ? syncEntries[k] : 0;
    }

    /** The sync sample to start decoding from to show frame {@code i} (the sample of {@link #decodeStartEntry}). */
    public int decodeStartSample(int frame) {
        return entrySample[decodeStartEntry(frame)];
    }

    /**
     * The frame shown at time {@code pts} (track time scale): the last frame whose pts is at or before
     * it, or -1 when {@code pts} is before the first frame.
     */
    public int frameAt(long pts) {
        int k = Arrays.binarySearch(framePts, pts);
        if (k >= 0) {
            while (k + 1 < framePts.length && framePts[k + 1] == pts) {
                k++;
            }
            return k;
        }
        return -k - 2;
    }

    // ------------------------------------------------------------------------------------------ entries

    /** Number of decode-order entries (FFmpeg packets), discarded ones included. */
    public int entryCount() {
        return entryCount;
    }

    /** Sample of entry {@code e}. */
    public int entrySample(int e) {
        return entrySample[checkEntry(e)];
    }

    /** FFmpeg's packet dts of entry {@code e} (track time scale). */
    public long entryDts(int e) {
        return entryDts[checkEntry(e)];
    }

    /** FFmpeg's packet pts of entry {@code e} (track time scale). */
    public long entryPts(int e) {
        return entryDts[checkEntry(e)] + dtsShift + table.compositionOffset(entrySample[e]);
    }

    /** Whether entry {@code e} is decoded but not shown. */
    public boolean isDiscarded(int e) {
        return entryDiscard[checkEntry(e)];
    }

    /** The frame index entry {@code e} is shown as, or -1 when it is discarded. */
    public int entryFrame(int e) {
        return entryFrame[checkEntry(e)];
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
        return (long) entryCount * (4 + 8 + 1 + 4) + (long) frameEntry.length * (4 + 8) + syncEntries.length * 4L
                + keyFrames.length * 4L;
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
