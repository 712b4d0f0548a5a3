package org.purecodec.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.purecodec.mp4.AvcConfig;
import org.purecodec.mp4.Mp4Demuxer;
import org.purecodec.mp4.Presentation;
import org.purecodec.mp4.Track;

/**
 * An MP4 clip's video samples read into memory in decode order, with its avcC parameter sets: what the
 * speed measurements decode, so that demuxing I/O is not part of them.
 */
public final class SampleClip {
    /** The file the samples came from. */
    public final Path file;
    /** Its avcC configuration (SPS, PPS, NAL length size). */
    public final AvcConfig avc;
    /** The AVC samples in decode order. */
    public final List<byte[]> samples;
    /** Presentation frame of each decode-order entry (-1 when not presented). */
    public final int[] entryFrame;

    private SampleClip(Path file, AvcConfig avc, List<byte[]> samples, int[] entryFrame) {
        this.file = file;
        this.avc = avc;
        this.samples = samples;
        this.entryFrame = entryFrame;
    }

    /** Reads the video track of {@code file}. */
    public static SampleClip read(Path file) throws IOException {
        List<byte[]> samples = new ArrayList<>();
        try (Mp4Demuxer mp4 = Mp4Demuxer.open(file)) {
            Track video = mp4.videoTrack();
            if (video.samples().descriptionsUsed().length > 1) {
                // the benchmarks feed one decoder configured once with the first avcC
                throw new IllegalArgumentException(file + ": the video track uses several sample descriptions;"
                        + " the benchmarks take tracks with one");
            }
            Presentation p = video.presentation();
            int[] entryFrame = new int[p.entryCount()];
            ByteBuffer buf = ByteBuffer.allocate(Math.max(1, video.samples().maxSampleSize()));
            for (int e = 0; e < p.entryCount(); e++) {
                ((java.nio.Buffer) buf).clear();
                int n = mp4.readSample(video, p.entrySample(e), buf);
                byte[] s = new byte[n];
                ((java.nio.Buffer) buf).flip();
                buf.get(s);
                samples.add(s);
                entryFrame[e] = p.entryFrame(e);
            }
            return new SampleClip(file, video.sampleEntry().avcConfig(), Collections.unmodifiableList(samples), entryFrame);
        }
    }

    /**
     * {@code sample.mp4}: {@code -Dpurecodec.sample=PATH}, else {@code testdata/videos/sample.mp4} under the
     * working directory, else a temporary copy of the one embedded in the CLI jar.
     */
    public static Path locateSample() throws IOException {
        String prop = System.getProperty("purecodec.sample");
        if (prop != null) {
            return Paths.get(prop);
        }
        Path local = Paths.get("testdata/videos/sample.mp4");
        if (Files.isRegularFile(local)) {
            return local;
        }
        try (InputStream in = SampleClip.class.getResourceAsStream("/org/purecodec/sample/sample.mp4")) {
            if (in == null) {
                throw new IOException("sample.mp4 not found: give -Dpurecodec.sample=PATH");
            }
            Path tmp = Files.createTempFile("purecodec-sample", ".mp4");
            tmp.toFile().deleteOnExit();
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return tmp;
        }
    }
}
