package org.purecodec.video.parallel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which worker decodes which frames of one video stream: a plain, serialisable value (see
 * {@link #toJson()} / {@link #fromJson(String)}), so that the same plan can be executed by
 * {@link ParallelDecoder} on one machine or by a distributed engine across machines.
 *
 * <p>A plan holds the caller's requested frame indices ({@link #indices()}, in the caller's order,
 * normalised to be non-negative; the batch returned by executing the plan is in this order) and one
 * {@link Chunk} per worker. A chunk is a list of {@link Run}s; a run is a range of decode-order entries
 * (FFmpeg packets, see {@code org.purecodec.mp4.Presentation}) starting at a key frame, and the requested
 * frames that decoding the range shows. The {@link Run#cost() cost} of a run is the number of entries
 * that must be decoded.
 *
 * @param file        the video file the plan was made for (informative: the executor is given the file)
 * @param streamIndex stream index as in {@link org.purecodec.video.DecoderOptions#streamIndex()}
 * @param split       how the chunks were cut
 * @param indices     requested frame indices, caller's order, non-negative
 * @param chunks      one chunk per worker (never empty chunks)
 */
public record DecodePlan(String file, int streamIndex, SplitMode split, int[] indices, List<Chunk> chunks) {

    /** Validates and copies. */
    public DecodePlan {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(split, "split");
        indices = indices.clone();
        chunks = Collections.unmodifiableList(new ArrayList<>(chunks));
    }

    /**
     * A range of decode-order entries {@code [startEntry, endEntry]} (the first a key frame), and the
     * requested frames it shows.
     *
     * @param startEntry  first entry to decode (a sync sample)
     * @param endEntry    last entry that must be decoded (the entry of the last requested frame)
     * @param startSample the sample of {@code startEntry} (equal to it for files without edit lists)
     * @param endSample   the sample of {@code endEntry}
     * @param frames      requested frame indices shown by this run, ascending, distinct
     */
    public record Run(int startEntry, int endEntry, int startSample, int endSample, int[] frames) {
        /** Validates and copies. */
        public Run {
            frames = frames.clone();
            if (endEntry < startEntry || frames.length == 0) {
                throw new IllegalArgumentException("bad run [" + startEntry + ", " + endEntry + "] with " + frames.length
                        + " frames");
            }
        }

        /** Entries that must be decoded: {@code endEntry - startEntry + 1}. */
        public long cost() {
            return (long) endEntry - startEntry + 1;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Run r && r.startEntry == startEntry && r.endEntry == endEntry
                    && r.startSample == startSample && r.endSample == endSample && Arrays.equals(r.frames, frames);
        }

        @Override
        public int hashCode() {
            return Objects.hash(startEntry, endEntry, startSample, endSample, Arrays.hashCode(frames));
        }

        @Override
        public String toString() {
            return "Run[entries " + startEntry + ".." + endEntry + ", " + frames.length + " frames]";
        }
    }

    /**
     * What one worker decodes: runs in ascending entry order.
     *
     * @param runs the runs
     */
    public record Chunk(List<Run> runs) {
        /** Copies. */
        public Chunk {
            runs = Collections.unmodifiableList(new ArrayList<>(runs));
        }

        /** Entries this chunk decodes (the sum of its runs' costs). */
        public long cost() {
            long c = 0;
            for (Run r : runs) {
                c += r.cost();
            }
            return c;
        }

        /** Number of distinct requested frames in this chunk. */
        public int frameCount() {
            int n = 0;
            for (Run r : runs) {
                n += r.frames().length;
            }
            return n;
        }

        /** All frames of this chunk in run order. */
        public int[] frames() {
            int[] out = new int[frameCount()];
            int k = 0;
            for (Run r : runs) {
                System.arraycopy(r.frames(), 0, out, k, r.frames().length);
                k += r.frames().length;
            }
            return out;
        }
    }

    /** Number of workers (chunks). */
    public int workers() {
        return chunks.size();
    }

    /** Entries decoded by all workers together (counts entries decoded twice twice). */
    public long totalCost() {
        long c = 0;
        for (Chunk ch : chunks) {
            c += ch.cost();
        }
        return c;
    }

    /** The largest chunk cost: with one core per worker, the plan's duration is proportional to it. */
    public long maxChunkCost() {
        long m = 0;
        for (Chunk ch : chunks) {
            m = Math.max(m, ch.cost());
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecodePlan p && p.file.equals(file) && p.streamIndex == streamIndex && p.split == split
                && Arrays.equals(p.indices, indices) && p.chunks.equals(chunks);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, streamIndex, split, Arrays.hashCode(indices), chunks);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "DecodePlan[%s, %d frames, %d chunks, cost %d total / %d max]", split,
                indices.length, chunks.size(), totalCost(), maxChunkCost());
    }

    // ------------------------------------------------------------------------------------------ JSON

    /**
     * The plan as JSON: {@code {"file":..., "stream_index":..., "split":"GOP_AWARE", "indices":[...],
     * "chunks":[{"cost":N, "runs":[{"start_entry":..,"end_entry":..,"start_sample":..,"end_sample":..,
     * "frames":[...]}]}]}} (chunk costs are informative and ignored when reading).
     */
    public String toJson() {
        StringBuilder sb = new StringBuilder(256 + indices.length * 8);
        sb.append("{\"file\":").append(quote(file)).append(",\"stream_index\":").append(streamIndex)
                .append(",\"split\":\"").append(split.name()).append("\",\"indices\":");
        ints(sb, indices);
        sb.append(",\"chunks\":[");
        for (int c = 0; c < chunks.size(); c++) {
            Chunk ch = chunks.get(c);
            sb.append(c == 0 ? "" : ",").append("{\"cost\":").append(ch.cost()).append(",\"runs\":[");
            for (int r = 0; r < ch.runs().size(); r++) {
                Run run = ch.runs().get(r);
                sb.append(r == 0 ? "" : ",").append("{\"start_entry\":").append(run.startEntry())
                        .append(",\"end_entry\":").append(run.endEntry()).append(",\"start_sample\":")
                        .append(run.startSample()).append(",\"end_sample\":").append(run.endSample())
                        .append(",\"frames\":");
                ints(sb, run.frames());
                sb.append('}');
            }
            sb.append("]}");
        }
        return sb.append("]}").toString();
    }

    /** Reads a plan written by {@link #toJson()}; throws {@link IllegalArgumentException} on bad input. */
    @SuppressWarnings("unchecked")
    public static DecodePlan fromJson(String json) {
        Object v = new MiniJson(json).document();
        if (!(v instanceof java.util.Map)) {
            throw new IllegalArgumentException("plan JSON: expected an object");
        }
        java.util.Map<String, Object> o = (java.util.Map<String, Object>) v;
        List<Chunk> chunks = new ArrayList<>();
        for (Object co : list(o, "chunks")) {
            List<Run> runs = new ArrayList<>();
            for (Object ro : list(obj(co), "runs")) {
                java.util.Map<String, Object> r = obj(ro);
                runs.add(new Run(num(r, "start_entry"), num(r, "end_entry"), num(r, "start_sample"),
                        num(r, "end_sample"), intArray(list(r, "frames"))));
            }
            chunks.add(new Chunk(runs));
        }
        Object file = o.get("file");
        Object split = o.get("split");
        if (!(file instanceof String) || !(split instanceof String)) {
            throw new IllegalArgumentException("plan JSON: 'file' and 'split' must be strings");
        }
        return new DecodePlan((String) file, num(o, "stream_index"), SplitMode.valueOf((String) split),
                intArray(list(o, "indices")), chunks);
    }

    private static void ints(StringBuilder sb, int[] a) {
        sb.append('[');
        for (int i = 0; i < a.length; i++) {
            sb.append(i == 0 ? "" : ",").append(a[i]);
        }
        sb.append(']');
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    @SuppressWarnings("unchecked")
    private static java.util.Map<String, Object> obj(Object v) {
        if (!(v instanceof java.util.Map)) {
            throw new IllegalArgumentException("plan JSON: expected an object, got " + v);
        }
        return (java.util.Map<String, Object>) v;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(java.util.Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (!(v instanceof List)) {
            throw new IllegalArgumentException("plan JSON: '" + key + "' must be an array");
        }
        return (List<Object>) v;
    }

    private static int num(java.util.Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (!(v instanceof Long)) {
            throw new IllegalArgumentException("plan JSON: '" + key + "' must be an integer");
        }
        return Math.toIntExact((Long) v);
    }

    private static int[] intArray(List<Object> l) {
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) {
            if (!(l.get(i) instanceof Long)) {
                throw new IllegalArgumentException("plan JSON: expected integers, got " + l.get(i));
            }
            a[i] = Math.toIntExact((Long) l.get(i));
        }
        return a;
    }
}
