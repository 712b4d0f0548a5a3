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
import java.util.NoSuchElementException;

/**
 * Locates the committed test videos and their reference outputs (FFmpeg frame checksums, packet
 * tables, probe JSON) described by {@code testdata/clips.tsv}.
 *
 * <p>The directory comes from the system property {@code purecodec.testdata.dir} (set by the build),
 * else it is found by walking up from the working directory to a folder holding
 * {@code testdata/clips.tsv}.
 */
public final class TestData {
    private static volatile TestData instance;

    private final Path root;
    private final List<Clip> clips;

    private TestData(Path root) {
        this.root = root;
        this.clips = Collections.unmodifiableList(readManifest(root.resolve("clips.tsv")));
    }

    /** The test data of this checkout. */
    public static TestData get() {
        TestData t = instance;
        if (t == null) {
            synchronized (TestData.class) {
                if (instance == null) {
                    instance = new TestData(locate());
                }
                t = instance;
            }
        }
        return t;
    }

    private static Path locate() {
        String prop = System.getProperty("purecodec.testdata.dir");
        if (prop != null && Files.isRegularFile(Paths.get(prop, "clips.tsv"))) {
            return Paths.get(prop).toAbsolutePath().normalize();
        }
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("testdata/clips.tsv"))) {
                return p.resolve("testdata").normalize();
            }
            if (Files.isRegularFile(p.resolve("clips.tsv")) && p.getFileName() != null
                    && p.getFileName().toString().equals("testdata")) {
                return p.normalize();
            }
        }
        throw new IllegalStateException("testdata/clips.tsv not found from " + Paths.get("").toAbsolutePath()
                + " (set -Dpurecodec.testdata.dir)");
    }

    private static List<Clip> readManifest(Path manifest) {
        List<Clip> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 4) {
                    throw new IllegalStateException("clips.tsv: expected 4 tab-separated fields: " + line);
                }
                out.add(new Clip(f[0], manifest.getParent().resolve(f[1]), Clip.Kind.valueOf(f[2].toUpperCase()), f[3],
                        manifest.getParent().resolve("reference")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The testdata directory. */
    public Path root() {
        return root;
    }

    /** The embedded default video {@code videos/sample.mp4}. */
    public Clip sample() {
        return clip("sample");
    }

    /** Every clip in the manifest, in manifest order. */
    public List<Clip> clips() {
        return clips;
    }

    /** The clips of one kind. */
    public List<Clip> clips(Clip.Kind kind) {
        List<Clip> out = new ArrayList<>();
        for (Clip c : clips) {
            if (c.kind() == kind) {
                out.add(c);
            }
        }
        return out;
    }

    /** The clip of that name. */
    public Clip clip(String name) {
        for (Clip c : clips) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new NoSuchElementException("no clip named " + name + " in clips.tsv");
    }
}
