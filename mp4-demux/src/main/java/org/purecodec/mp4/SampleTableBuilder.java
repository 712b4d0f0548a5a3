package org.purecodec.mp4;

import java.util.Arrays;

/** Growable primitive arrays from which a {@link SampleTable} is made; every addition is limit-checked. */
final class SampleTableBuilder {
    private final int maxSamples;
    int count;
    long[] offset = new long[0];
    int[] size = new int[0];
    long[] dts = new long[0];
    int[] cto;
    byte[] flags = new byte[0];
    byte[] dependency;
    long nextDts;
    boolean hasCto;
    int fragmentSamples;
    // sample description index (1-based, as stored) by runs: run k starts at sample descStart[k]
    int[] descStart = new int[0];
    long[] descIndex = new long[0];
    int descRuns;

    SampleTableBuilder(int maxSamples) {
        this.maxSamples = maxSamples;
    }

    /** Makes room for {@code more} samples; the caller has checked that they are backed by bytes or within limits. */
    void reserve(long more, String path, long fileOffset) throws Mp4FormatException {
        long want = count + more;
        if (want > maxSamples) {
            throw new Mp4FormatException(Mp4FormatException.Kind.LIMIT_EXCEEDED, path, fileOffset,
                    "track would have " + want + " samples, limit is " + maxSamples);
        }
        if (want > offset.length) {
            int cap = (int) Math.min(maxSamples, Math.max(want, offset.length + (offset.length >> 1) + 16L));
            offset = Arrays.copyOf(offset, cap);
            size = Arrays.copyOf(size, cap);
            dts = Arrays.copyOf(dts, cap);
            flags = Arrays.copyOf(flags, cap);
            if (cto != null) {
                cto = Arrays.copyOf(cto, cap);
            }
            if (dependency != null) {
                dependency = Arrays.copyOf(dependency, cap);
            }
        }
    }

    /**
     * Samples from {@code firstSample} on (until the next call) use sample description {@code index} (1-based,
     * not yet checked against stsd). A run is added only when the index changes, so there are never more
     * runs than samples.
     */
    void description(int firstSample, long index) {
        if (descRuns > 0 && descIndex[descRuns - 1] == index) {
            return;
        }
        if (descRuns > 0 && descStart[descRuns - 1] == firstSample) {
            descIndex[descRuns - 1] = index; // the previous run got no samples
            if (descRuns > 1 && descIndex[descRuns - 2] == index) {
                descRuns--;
            }
            return;
        }
        if (descRuns == descStart.length) {
            int cap = descRuns + (descRuns >> 1) + 4;
            descStart = Arrays.copyOf(descStart, cap);
            descIndex = Arrays.copyOf(descIndex, cap);
        }
        descStart[descRuns] = firstSample;
        descIndex[descRuns] = index;
        descRuns++;
    }

    void enableCto() {
        if (cto == null) {
            cto = new int[offset.length];
        }
        hasCto = true;
    }

    void enableDependency() {
        if (dependency == null) {
            dependency = new byte[offset.length];
        }
    }

    SampleTable build() {
        int n = count;
        // runs that start at or after the last sample have no samples
        int runs = descRuns;
        while (runs > 0 && descStart[runs - 1] >= n) {
            runs--;
        }
        return new SampleTable(n, trim(offset, n), trim(size, n), trim(dts, n), nextDts,
                cto == null ? null : trim(cto, n), trim(flags, n), dependency == null ? null : trim(dependency, n),
                hasCto, fragmentSamples, Arrays.copyOf(descStart, runs), Arrays.copyOf(descIndex, runs));
    }

    private static long[] trim(long[] a, int n) {
        return a.length == n ? a : Arrays.copyOf(a, n);
    }

    private static int[] trim(int[] a, int n) {
        return a.length == n ? a : Arrays.copyOf(a, n);
    }

    private static byte[] trim(byte[] a, int n) {
        return a.length == n ? a : Arrays.copyOf(a, n);
    }
}
