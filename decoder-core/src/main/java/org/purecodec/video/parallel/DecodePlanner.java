package org.purecodec.video.parallel;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.purecodec.mp4.Mp4Demuxer;
import org.purecodec.mp4.Mp4FormatException;
import org.purecodec.mp4.Presentation;
import org.purecodec.mp4.Track;
import org.purecodec.video.DecoderOptions;
import org.purecodec.video.VideoDecoderException;
import org.purecodec.video.internal.DescriptionParameterSets;
import org.purecodec.video.internal.FrameIndex;
import org.purecodec.video.internal.Mp4Source;
import org.purecodec.video.internal.StreamHeader;
import org.purecodec.video.VideoDecoderException.Kind;

/**
 * Makes {@link DecodePlan}s: which worker decodes which of the requested frames.
 *
 * <p>The decode cost of a set of frames is computed from the demuxer's presentation: frame {@code f}
 * needs the entries {@code [decodeStartEntry(f), entry(f)]}; frames whose entry ranges overlap
 * form one <em>run</em> (one seek, then straight decoding), and a run's cost is its number of entries.
 * {@link SplitMode#GOP_AWARE} keeps runs whole and spreads them over the workers by cost (largest
 * first, each to the least loaded worker); {@link SplitMode#NAIVE} cuts the index list into equal
 * consecutive parts and computes each part's runs, which may repeat the start of a GOP.
 *
 * <p>Indices are API indices in the options' seek mode (as {@link org.purecodec.video.VideoDecoder#getFramesAt}).
 */
public final class DecodePlanner {
    private DecodePlanner() {
    }

    /** A plan for decoding {@code indices} of {@code file} with {@code workers} workers. */
    public static DecodePlan plan(Path file, DecoderOptions options, int[] indices, int workers, SplitMode split) {
        Objects.requireNonNull(file, "file");
        try (Mp4Demuxer demuxer = open(file)) {
            return plan(demuxer, file.toString(), options, indices, workers, split);
        } catch (IOException e) {
            throw new VideoDecoderException(Kind.IO_ERROR, "closing " + file + ": " + e, e);
        }
    }

    /** A plan for a file held in memory ({@code name} is stored in the plan). */
    public static DecodePlan plan(byte[] data, String name, DecoderOptions options, int[] indices, int workers,
                                  SplitMode split) {
        try (Mp4Demuxer demuxer = Mp4Demuxer.open(data)) {
            return plan(demuxer, name, options, indices, workers, split);
        } catch (Mp4FormatException e) {
            throw new VideoDecoderException(Kind.INVALID_DATA, "cannot read " + name + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new VideoDecoderException(Kind.IO_ERROR, "cannot read " + name + ": " + e, e);
        }
    }

    private static Mp4Demuxer open(Path file) {
        try {
            return Mp4Demuxer.open(file);
        } catch (Mp4FormatException e) {
            throw new VideoDecoderException(Kind.INVALID_DATA, "cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new VideoDecoderException(Kind.IO_ERROR, "no such file: " + e.getFile(), e);
        } catch (IOException e) {
            throw new VideoDecoderException(Kind.IO_ERROR, "cannot read " + file + ": " + e, e);
        }
    }

    /** A plan over an opened demuxer (the track is chosen as {@link org.purecodec.video.VideoDecoder} does). */
    public static DecodePlan plan(Mp4Demuxer demuxer, String name, DecoderOptions options, int[] indices, int workers,
                                  SplitMode split) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(indices, "indices");
        Objects.requireNonNull(split, "split");
        if (workers < 1) {
            throw new VideoDecoderException(Kind.INVALID_ARGUMENT, "workers must be >= 1, got " + workers);
        }
        Track track = selectTrack(demuxer, options.streamIndex());
        Presentation p = track.presentation();
        FrameIndex index = new FrameIndex(new Mp4Source(demuxer, track, DescriptionParameterSets.of(demuxer, track)), StreamHeader.of(track.metadata()),
                options.seekMode(), options.customFrameMappings());
        int[] norm = new int[indices.length];
        for (int k = 0; k < norm.length; k++) {
            norm[k] = index.checkIndex(indices[k]);
        }
        Costing c = new Costing(p, index);
        List<DecodePlan.Chunk> chunks = new ArrayList<>();
        if (split == SplitMode.NAIVE) {
            int n = norm.length;
            int w = Math.min(workers, Math.max(1, n));
            for (int k = 0; k < w; k++) {
                int[] part = Arrays.copyOfRange(norm, (int) ((long) k * n / w), (int) ((long) (k + 1) * n / w));
                if (part.length > 0) {
                    chunks.add(new DecodePlan.Chunk(c.runs(part)));
                }
            }
        } else {
            List<DecodePlan.Run> runs = c.runs(norm);
            int w = Math.min(workers, runs.size());
            List<List<DecodePlan.Run>> bins = new ArrayList<>();
            long[] load = new long[w];
            for (int k = 0; k < w; k++) {
                bins.add(new ArrayList<>());
            }
            List<DecodePlan.Run> byCost = new ArrayList<>(runs);
            byCost.sort(Comparator.comparingLong(DecodePlan.Run::cost).reversed()
                    .thenComparingInt(DecodePlan.Run::startEntry));
            for (DecodePlan.Run r : byCost) {
                int best = 0;
                for (int k = 1; k < w; k++) {
                    if (load[k] < load[best]) {
                        best = k;
                    }
                }
                bins.get(best).add(r);
                load[best] += r.cost();
            }
            for (List<DecodePlan.Run> b : bins) {
                b.sort(Comparator.comparingInt(DecodePlan.Run::startEntry));
            }
            // Chunks in file order of their first run, so chunk 0 starts at the beginning.
            bins.sort(Comparator.comparingInt(b -> b.get(0).startEntry()));
            for (List<DecodePlan.Run> b : bins) {
                chunks.add(new DecodePlan.Chunk(b));
            }
        }
        return new DecodePlan(name, options.streamIndex(), split, norm, chunks);
    }

    /** Total decode cost (entries) of decoding {@code indices} with one decoder, as the sequential strategy does. */
    public static long sequentialCost(Path file, DecoderOptions options, int[] indices) {
        return plan(file, options, indices, 1, SplitMode.GOP_AWARE).totalCost();
    }

    static Track selectTrack(Mp4Demuxer demuxer, int streamIndex) {
        List<Track> tracks = demuxer.tracks();
        if (streamIndex == DecoderOptions.BEST_STREAM) {
            Track best = demuxer.bestVideoTrack();
            if (best == null) {
                throw new VideoDecoderException(Kind.NO_VIDEO_STREAM, "the file has no video stream");
            }
            return best;
        }
        if (streamIndex >= tracks.size() || !tracks.get(streamIndex).isVideo()) {
            throw new VideoDecoderException(Kind.INVALID_STREAM, "stream " + streamIndex + " is not a video stream");
        }
        return tracks.get(streamIndex);
    }

    /** Decode ranges of frames. */
    private static final class Costing {
        private final Presentation p;
        private final FrameIndex index;

        Costing(Presentation p, FrameIndex index) {
            this.p = p;
            this.index = index;
        }

        /** The runs needed to show the (normalised) API indices: distinct, ascending, merged ranges. */
        List<DecodePlan.Run> runs(int[] apiIndices) {
            int[] u = apiIndices.clone();
            Arrays.sort(u);
            int n = 0;
            for (int i = 0; i < u.length; i++) {
                if (n == 0 || u[i] != u[n - 1]) {
                    u[n++] = u[i];
                }
            }
            // order by decode start so that ranges can be merged in one pass
            long[] keyed = new long[n];
            int[] start = new int[n];
            int[] end = new int[n];
            for (int k = 0; k < n; k++) {
                int f = index.presented(u[k]);
                start[k] = p.decodeStartEntry(f);
                end[k] = p.entry(f);
                keyed[k] = ((long) start[k] << 32) | k;
            }
            Arrays.sort(keyed);
            List<DecodePlan.Run> runs = new ArrayList<>();
            int s = -1;
            int e = -1;
            List<Integer> frames = new ArrayList<>();
            for (long kv : keyed) {
                int k = (int) kv;
                if (s >= 0 && start[k] <= e) {
                    e = Math.max(e, end[k]);
                } else {
                    if (s >= 0) {
                        runs.add(run(s, e, frames));
                    }
                    s = start[k];
                    e = end[k];
                    frames.clear();
                }
                frames.add(u[k]);
            }
            if (s >= 0) {
                runs.add(run(s, e, frames));
            }
            return runs;
        }

        private DecodePlan.Run run(int s, int e, List<Integer> frames) {
            int[] f = new int[frames.size()];
            for (int i = 0; i < f.length; i++) {
                f[i] = frames.get(i);
            }
            Arrays.sort(f);
            return new DecodePlan.Run(s, e, p.entrySample(s), p.entrySample(e), f);
        }
    }
}
