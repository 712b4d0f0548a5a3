package org.purecodec.mp4;

import java.util.Arrays;

/**
 * The flat per-sample table of one track in decode order, built from {@code stsz/stz2}, {@code stsc},
 * {@code stco/co64}, {@code stts}, {@code ctts}, {@code stss}, {@code sdtp} and, for fragmented files,
 * every {@code trun} appended in file order. Primitive arrays only; all sums were overflow-checked
 * when the table was built. Immutable and safe to share between threads.
 *
 * <p>Times are in the track's media time scale, exactly as stored: {@link #dts(int)} starts at 0 for
 * {@code stts} (or at {@code tfdt} for fragments) and {@link #compositionOffset(int)} is the signed
 * {@code ctts}/{@code trun} offset. Edit lists are applied by {@link Presentation}, not here.
 */
public final class SampleTable {
    static final byte SYNC = 1;

    private final int count;
    private final long[] offset;
    private final int[] size;
    // decode times run-length coded like stts: run k covers samples [runStart[k], runStart[k+1])
    // with dts = runDts[k] + (i - runStart[k]) * runDelta[k]
    private final int[] runStart;
    private final long[] runDts;
    private final long[] runDelta;
    private final long endDts;
    private final int[] cto;
    private final byte[] flags;
    private final byte[] dependency;
    private final int[] syncSamples;
    private final int syncCount;
    private final boolean hasCompositionOffsets;
    private final int fragmentSamples;
    private final long totalBytes;
    /** Sample description runs: samples from descStart[k] on use description descIndex[k] (1-based, as stored). */
    private final int[] descStart;
    private final long[] descIndex;

    SampleTable(int count, long[] offset, int[] size, long[] dts, long endDts, int[] cto, byte[] flags, byte[] dependency,
                boolean hasCompositionOffsets, int fragmentSamples, int[] descStart, long[] descIndex) {
        this.count = count;
        this.descStart = descStart;
        this.descIndex = descIndex;
        this.offset = offset;
        this.size = size;
        int runs = runs(dts, count, null, null, null);
        this.runStart = new int[runs];
        this.runDts = new long[runs];
        this.runDelta = new long[runs];
        runs(dts, count, runStart, runDts, runDelta);
        this.endDts = endDts;
        this.cto = cto;
        this.flags = flags;
        this.dependency = dependency;
        this.hasCompositionOffsets = hasCompositionOffsets;
        this.fragmentSamples = fragmentSamples;
        int n = 0;
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            if ((flags[i] & SYNC) != 0) {
                n++;
            }
            bytes += size[i];
        }
        this.syncCount = n;
        if (n == count) {
            this.syncSamples = null; // every sample is a sync sample: no list needed
        } else {
            int[] s = new int[n];
            n = 0;
            for (int i = 0; i < count; i++) {
                if ((flags[i] & SYNC) != 0) {
                    s[n++] = i;
                }
            }
            this.syncSamples = s;
        }
        this.totalBytes = bytes;
    }

    /** Splits decode times into runs of constant delta; fills the arrays when given; returns the run count. */
    private static int runs(long[] dts, int count, int[] start, long[] first, long[] delta) {
        int runs = 0;
        int i = 0;
        while (i < count) {
            long d = i + 1 < count ? dts[i + 1] - dts[i] : 0;
            int j = i + 1;
            while (j < count && dts[j] - dts[j - 1] == d) {
                j++;
            }
            if (start != null) {
                start[runs] = i;
                first[runs] = dts[i];
                delta[runs] = d;
            }
            runs++;
            i = j;
        }
        return runs;
    }

    /** Number of samples. */
    public int count() {
        return count;
    }

    /** File offset of sample {@code i}. */
    public long offset(int i) {
        check(i);
        return offset[i];
    }

    /** Size in bytes of sample {@code i}. */
    public int size(int i) {
        check(i);
        return size[i];
    }

    /** Decode time of sample {@code i} in media time scale units (without edit list). */
    public long dts(int i) {
        check(i);
        int k = Arrays.binarySearch(runStart, i);
        if (k < 0) {
            k = -k - 2;
        }
        return runDts[k] + (i - runStart[k]) * runDelta[k];
    }

    /** Duration of sample {@code i}: the decode-time delta to the next sample (stts/trun duration). */
    public long duration(int i) {
        check(i);
        return (i + 1 < count ? dts(i + 1) : endDts) - dts(i);
    }

    /** Decode time just after the last sample (sum of all durations from the first dts). */
    public long endDts() {
        return endDts;
    }

    /** Signed composition time offset of sample {@code i} ({@code ctts}/{@code trun}); 0 when absent. */
    public int compositionOffset(int i) {
        check(i);
        return cto == null ? 0 : cto[i];
    }

    /** Composition (presentation) time of sample {@code i} before edit lists: dts + composition offset. */
    public long cts(int i) {
        return dts(i) + compositionOffset(i);
    }

    /** Whether the file had composition offsets ({@code ctts} box or {@code trun} offsets). */
    public boolean hasCompositionOffsets() {
        return hasCompositionOffsets;
    }

    /** Whether sample {@code i} is a sync (key) sample: listed in {@code stss}, or every sample when it is absent. */
    public boolean isSync(int i) {
        check(i);
        return (flags[i] & SYNC) != 0;
    }

    /**
     * The sample dependency byte of sample {@code i} in {@code sdtp} layout (is_leading &lt;&lt; 6 |
     * sample_depends_on &lt;&lt; 4 | sample_is_depended_on &lt;&lt; 2 | sample_has_redundancy), from
     * {@code sdtp} or fragment sample flags; 0 when unknown.
     */
    public int dependency(int i) {
        check(i);
        return dependency == null ? 0 : dependency[i] & 0xFF;
    }

    /** True when sample {@code i} is known to be disposable: no other sample depends on it (sample_is_depended_on == 2). */
    public boolean isDisposable(int i) {
        return ((dependency(i) >> 2) & 3) == 2;
    }

    /** Whether dependency information ({@code sdtp} or fragment flags) was present. */
    public boolean hasDependencyInfo() {
        return dependency != null;
    }

    /** Indices of the sync samples, ascending (a copy). */
    public int[] syncSamples() {
        if (syncSamples == null) {
            int[] all = new int[count];
            for (int i = 0; i < count; i++) {
                all[i] = i;
            }
            return all;
        }
        return syncSamples.clone();
    }

    /** Number of sync samples. */
    public int syncCount() {
        return syncCount;
    }

    /** The sync sample before sync sample {@code s} (which must be a sync sample), or -1. */
    int previousSync(int s) {
        if (syncSamples == null) {
            return s - 1;
        }
        int k = Arrays.binarySearch(syncSamples, s);
        return k > 0 ? syncSamples[k - 1] : -1;
    }

    /**
     * The last sync sample at or before sample {@code i} (binary search), or -1 if none.
     */
    public int syncAtOrBefore(int i) {
        check(i);
        if (syncSamples == null) {
            return i;
        }
        int k = Arrays.binarySearch(syncSamples, i);
        if (k >= 0) {
            return i;
        }
        int ins = -k - 1;
        return ins == 0 ? -1 : syncSamples[ins - 1];
    }

    /** Number of samples that came from movie fragments ({@code moof/traf/trun}). */
    public int fragmentSampleCount() {
        return fragmentSamples;
    }

    /**
     * The sample description of sample {@code i}: the {@code sample_description_index} of its {@code stsc}
     * entry (or its fragment's {@code tfhd} / {@code trex}) minus 1, an index into
     * {@link Track#sampleEntries()} (checked against it when the track was built, if the track has sample
     * entries at all). 0 when the file names none.
     */
    public int sampleDescription(int i) {
        check(i);
        int lo = 0;
        int hi = descStart.length - 1;
        if (hi < 0 || i < descStart[0]) {
            return 0;
        }
        while (lo < hi) { // the last run starting at or before i
            int mid = (lo + hi + 1) >>> 1;
            if (descStart[mid] <= i) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return (int) descIndex[lo] - 1;
    }

    /**
     * The sample descriptions that samples use (indices into {@link Track#sampleEntries()}), each once, in
     * increasing order; {@code {0}} when the file names none, empty for a track without samples.
     */
    public int[] descriptionsUsed() {
        if (count == 0) {
            return new int[0];
        }
        if (descIndex.length == 0) {
            return new int[] {0};
        }
        return java.util.Arrays.stream(descIndex).mapToInt(d -> (int) d - 1).distinct().sorted().toArray();
    }

    /**
     * The first sample (index) that refers to a sample description outside {@code 1..descriptions}, or -1;
     * with {@code bad} receiving that index as stored.
     */
    int firstBadDescription(int descriptions, long[] bad) {
        for (int k = 0; k < descIndex.length; k++) {
            if (descIndex[k] < 1 || descIndex[k] > descriptions) {
                bad[0] = descIndex[k];
                return descStart[k];
            }
        }
        return -1;
    }

    /** Sum of all sample sizes in bytes. */
    public long totalBytes() {
        return totalBytes;
    }

    /** Largest sample size (for sizing a reusable read buffer). */
    public int maxSampleSize() {
        int m = 0;
        for (int i = 0; i < count; i++) {
            m = Math.max(m, size[i]);
        }
        return m;
    }

    /** Approximate heap bytes held by this table. */
    long memoryBytes() {
        return (long) offset.length * 8 + (long) size.length * 4 + (long) runStart.length * 20
                + (cto == null ? 0 : (long) cto.length * 4) + flags.length
                + (dependency == null ? 0 : dependency.length) + (syncSamples == null ? 0 : (long) syncSamples.length * 4);
    }

    private void check(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("sample " + i + " of " + count);
        }
    }
}
