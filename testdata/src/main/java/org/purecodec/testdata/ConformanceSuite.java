package org.purecodec.testdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The third-party JVT H.264 conformance vectors in {@code ../shared/conformance/h264} (never copied
 * into the project). Located through the system property {@code purecodec.conformance.dir}, else
 * {@code ../shared/conformance} beside the checkout. Absent on machines without it: tests skip.
 */
public final class ConformanceSuite {
    /** One row of {@code vectors.csv}. */
    public record Vector(String name, Path file, String group, String profile, String entropy, String pixFmt,
                         String chromaFormat, int bitDepth, boolean interlaced, int width, int height, int frames,
                         String features, String expectedWholeMd5, String referenceNote, Path frameMd5File) {

        /** The expected per-frame checksums. */
        public FrameMd5 frameMd5() {
            return FrameMd5.read(frameMd5File);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final Path dir;
    private final List<Vector> vectors;

    private ConformanceSuite(Path dir, List<Vector> vectors) {
        this.dir = dir;
        this.vectors = Collections.unmodifiableList(vectors);
    }

    /** The suite when present on this machine. */
    public static Optional<ConformanceSuite> find() {
        List<Path> candidates = new ArrayList<>();
        String prop = System.getProperty("purecodec.conformance.dir");
        if (prop != null) {
            candidates.add(Paths.get(prop));
        }
        try {
            candidates.add(TestData.get().root().getParent().resolve("../shared/conformance"));
        } catch (IllegalStateException ignored) {
            // no testdata either: only the property counts
        }
        for (Path c : candidates) {
            Path h264 = c.resolve("h264");
            if (Files.isRegularFile(h264.resolve("vectors.csv"))) {
                return Optional.of(load(h264.toAbsolutePath().normalize()));
            }
        }
        return Optional.empty();
    }

    private static ConformanceSuite load(Path h264) {
        List<String> lines;
        try {
            lines = Files.readAllLines(h264.resolve("vectors.csv"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Vector> out = new ArrayList<>();
        List<String> header = Csv.split(lines.get(0));
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> f = Csv.split(lines.get(i));
            if (f.size() != header.size()) {
                throw new IllegalStateException("vectors.csv:" + (i + 1) + ": " + f.size() + " fields, expected " + header.size());
            }
            String name = f.get(header.indexOf("name"));
            out.add(new Vector(name, h264.resolve(f.get(header.indexOf("file"))), f.get(header.indexOf("group")),
                    f.get(header.indexOf("profile")), f.get(header.indexOf("entropy")), f.get(header.indexOf("pix_fmt")),
                    f.get(header.indexOf("chroma_format")), Integer.parseInt(f.get(header.indexOf("bit_depth"))),
                    f.get(header.indexOf("interlaced")).equals("yes"), Integer.parseInt(f.get(header.indexOf("width"))),
                    Integer.parseInt(f.get(header.indexOf("height"))), Integer.parseInt(f.get(header.indexOf("frames"))),
                    f.get(header.indexOf("features")), f.get(header.indexOf("expected_whole_md5")),
                    f.get(header.indexOf("reference_note")), h264.resolve("framemd5").resolve(name + ".framemd5")));
        }
        return new ConformanceSuite(h264, out);
    }

    /** The folder holding {@code vectors.csv}. */
    public Path dir() {
        return dir;
    }

    /** All vectors, in file order. */
    public List<Vector> vectors() {
        return vectors;
    }

    /** Minimal CSV: comma-separated, double quotes around fields that hold commas, "" for a quote. */
    static final class Csv {
        private Csv() {
        }

        static List<String> split(String line) {
            List<String> out = new ArrayList<>();
            StringBuilder sb = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                            sb.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        sb.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    out.add(sb.toString());
                    sb.setLength(0);
                } else {
                    sb.append(c);
                }
            }
            out.add(sb.toString());
            return out;
        }
    }
}
