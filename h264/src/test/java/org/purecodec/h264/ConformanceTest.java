package org.purecodec.h264;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.purecodec.testdata.ConformanceSuite;
import org.purecodec.testdata.FrameHasher;
import org.purecodec.testdata.FrameMd5;

/**
 * Decodes every JVT conformance vector of {@code ../shared/conformance} (skipped when absent), compares
 * each output frame's md5 with the reference in order, and writes {@code target/conformance-report.md}
 * and {@code .csv}. Fails when a vector of {@code conformance/must-pass.txt} does not pass, when an
 * interlaced or out-of-scope vector is not refused with an UNSUPPORTED error, or when anything other than
 * an {@link H264Exception} escapes the decoder.
 */
class ConformanceTest {
    static final long TIME_LIMIT_SECONDS = 60;

    enum Status { PASS, FAIL, UNSUPPORTED, ERROR }

    record Result(ConformanceSuite.Vector vector, Status status, int matched, int decoded, int expected, String message,
                  long millis, H264Exception.Kind errorKind) {
    }

    @Test
    void conformanceVectors() throws Exception {
        // JCodec logs its own complaints about some vectors ("RefPicList0 shall contain refPicCol", about 2,450
        // lines) to stdout, which buried the CI log; the report and the must-pass list say what matters. Its
        // Logger prints only levels above the global one, so ERROR silences it, for this test only.
        org.jcodec.common.logging.LogLevel before = org.jcodec.common.logging.Logger.getLevel();
        org.jcodec.common.logging.Logger.setLevel(org.jcodec.common.logging.LogLevel.ERROR);
        try {
            conformance(H264Decoder.Backend.JCODEC, "must-pass.txt", "conformance-report");
        } finally {
            org.jcodec.common.logging.Logger.setLevel(before);
        }
    }

    @Test
    void conformanceVectorsOwnBackend() throws Exception {
        conformance(H264Decoder.Backend.OWN, "must-pass-own.txt", "conformance-report-own");
    }

    /** The same vectors with 3 frame threads: the same pictures must come out. */
    @Test
    void conformanceVectorsOwnBackendFrameThreads() throws Exception {
        conformance(H264Decoder.Backend.OWN, 3, "must-pass-own.txt", "conformance-report-own-threads");
    }

    /**
     * The same vectors with 2 frame threads, which take queued pictures out of decode order (reference
     * pictures on one thread, the others on the other): the same pictures must come out.
     */
    @Test
    void conformanceVectorsOwnBackendTwoFrameThreads() throws Exception {
        conformance(H264Decoder.Backend.OWN, 2, "must-pass-own.txt", "conformance-report-own-threads2");
    }

    /**
     * The same vectors with 3 slice threads: the slices of each picture decoded at the same time (the vectors
     * with several slices per picture), the same pictures must come out.
     */
    @Test
    void conformanceVectorsOwnBackendSliceThreads() throws Exception {
        conformance(H264Decoder.Backend.OWN, 3, H264Decoder.ThreadType.SLICE, "must-pass-own.txt",
                "conformance-report-own-slice-threads");
    }

    private void conformance(H264Decoder.Backend backend, String mustPassFile, String report) throws Exception {
        conformance(backend, 1, mustPassFile, report);
    }

    private void conformance(H264Decoder.Backend backend, int threads, String mustPassFile, String report) throws Exception {
        conformance(backend, threads, H264Decoder.ThreadType.FRAME, mustPassFile, report);
    }

    private void conformance(H264Decoder.Backend backend, int threads, H264Decoder.ThreadType type, String mustPassFile,
                             String report) throws Exception {
        Optional<ConformanceSuite> found = ConformanceSuite.find();
        Assumptions.assumeTrue(found.isPresent(), "conformance vectors not present (../shared/conformance)");
        ConformanceSuite suite = found.get();
        Set<String> mustPass = readMustPass(mustPassFile);
        List<Result> results = new ArrayList<>();
        long t0 = System.nanoTime();
        for (ConformanceSuite.Vector v : suite.vectors()) {
            Result r = run(v, backend, threads, type);
            results.add(r);
            System.out.printf("conformance %-22s %-12s %4d/%-4d %6d ms %s%n", v.name(), r.status(), r.matched(), r.expected(),
                    r.millis(), r.message() == null ? "" : r.message());
        }
        long total = (System.nanoTime() - t0) / 1_000_000;
        writeReport(results, total, backend, report);

        List<String> problems = new ArrayList<>();
        List<String> newlyPassing = new ArrayList<>();
        for (Result r : results) {
            String name = r.vector().name();
            String group = r.vector().group();
            // interlaced and out-of-scope vectors must be refused, except, with our backend, monochrome ones
            // (decoded since 2026-12-05) and the interlaced ones of its must-pass list (field pictures, PAFF,
            // decoded since 2026-12-05; MBAFF is still refused); the JCodec backend refuses them all
            boolean mustBeRefused = !group.startsWith("progressive") && !(backend == H264Decoder.Backend.OWN
                    && (group.contains("monochrome") || (group.startsWith("interlaced") && mustPass.contains(name))));
            if (mustBeRefused && !(r.status() == Status.UNSUPPORTED && r.errorKind() == H264Exception.Kind.UNSUPPORTED)) {
                problems.add(name + " (" + group + ") must be refused as UNSUPPORTED but was " + r.status() + ": " + r.message());
            }
            if (mustPass.contains(name) && r.status() != Status.PASS) {
                problems.add(name + " is in " + mustPassFile + " but " + r.status() + ": " + r.message());
            }
            if (!mustPass.contains(name) && r.status() == Status.PASS) {
                newlyPassing.add(name);
            }
            if (r.status() == Status.ERROR && r.message() != null && r.message().startsWith("escaped")) {
                problems.add(name + ": non-H264Exception escaped the decoder: " + r.message());
            }
        }
        if (!newlyPassing.isEmpty()) {
            System.out.println("conformance (" + backend + "): newly passing vectors, add them to h264/src/test/resources/conformance/"
                    + mustPassFile + ": "
                    + String.join(" ", newlyPassing));
        }
        for (String n : mustPass) {
            boolean present = results.stream().anyMatch(r -> r.vector().name().equals(n));
            if (!present) {
                problems.add(n + " is in " + mustPassFile + " but not in vectors.csv");
            }
        }
        System.out.println("conformance (" + backend + "): " + count(results, Status.PASS) + " PASS, " + count(results, Status.FAIL) + " FAIL, "
                + count(results, Status.UNSUPPORTED) + " UNSUPPORTED, " + count(results, Status.ERROR) + " ERROR in " + total + " ms");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static long count(List<Result> rs, Status s) {
        return rs.stream().filter(r -> r.status() == s).count();
    }

    static Set<String> readMustPass() throws IOException {
        return readMustPass("must-pass.txt");
    }

    static Set<String> readMustPass(String file) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        try (InputStream in = ConformanceTest.class.getResourceAsStream("/conformance/" + file)) {
            if (in == null) {
                return out;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.trim();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    out.add(l);
                }
            }
        }
        return out;
    }

    /** Decodes one vector on its own daemon thread with a time limit. */
    static Result run(ConformanceSuite.Vector v) {
        return run(v, H264Decoder.Backend.JCODEC);
    }

    /** Decodes one vector with the given backend on its own daemon thread with a time limit. */
    static Result run(ConformanceSuite.Vector v, H264Decoder.Backend backend) {
        return run(v, backend, 1);
    }

    /** Decodes one vector with the given backend and decoder threads on its own daemon thread with a time limit. */
    static Result run(ConformanceSuite.Vector v, H264Decoder.Backend backend, int threads) {
        return run(v, backend, threads, H264Decoder.ThreadType.FRAME);
    }

    static Result run(ConformanceSuite.Vector v, H264Decoder.Backend backend, int threads, H264Decoder.ThreadType type) {
        long t0 = System.nanoTime();
        ExecutorService ex = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "conformance-" + v.name());
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Result> f = ex.submit(() -> decode(v, t0, backend, threads, type));
            return f.get(TIME_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return new Result(v, Status.ERROR, 0, 0, v.frames(), "time limit of " + TIME_LIMIT_SECONDS + " s exceeded",
                    (System.nanoTime() - t0) / 1_000_000, null);
        } catch (ExecutionException e) {
            return new Result(v, Status.ERROR, 0, 0, v.frames(), "escaped: " + e.getCause(),
                    (System.nanoTime() - t0) / 1_000_000, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            ex.shutdownNow();
        }
    }

    private static Result decode(ConformanceSuite.Vector v, long t0, H264Decoder.Backend backend, int threads,
                                 H264Decoder.ThreadType type) throws IOException {
        FrameMd5 expected = v.frameMd5();
        byte[] stream = Files.readAllBytes(v.file());
        List<String> got = new ArrayList<>();
        H264Exception firstError = null;
        int errors = 0;
        try (H264Decoder d = H264Decoder.builder().backend(backend).threads(threads).threadType(type).build()) {
            int chunk = 1 << 16;
            int chunks = (stream.length + chunk - 1) / chunk;
            for (int c = 0; c <= chunks; c++) {
                try {
                    if (c < chunks) {
                        int off = c * chunk;
                        d.decodeAnnexB(ByteBuffer.wrap(stream, off, Math.min(chunk, stream.length - off)));
                    } else {
                        d.flush();
                    }
                } catch (H264Exception e) {
                    if (e.kind() == H264Exception.Kind.UNSUPPORTED) {
                        return new Result(v, Status.UNSUPPORTED, 0, 0, expected.size(), e.getMessage(), ms(t0), e.kind());
                    }
                    errors += 1 + e.getSuppressed().length;
                    if (firstError == null) {
                        firstError = e;
                    }
                }
                for (DecodedFrame f; (f = d.poll()) != null; ) {
                    got.add(md5(f));
                }
            }
            for (DecodedFrame f; (f = d.poll()) != null; ) {
                got.add(md5(f));
            }
        }
        int matched = 0;
        int firstMismatch = -1;
        for (int i = 0; i < Math.min(got.size(), expected.size()); i++) {
            if (got.get(i).equals(expected.md5(i))) {
                matched++;
            } else if (firstMismatch < 0) {
                firstMismatch = i;
            }
        }
        String err = firstError == null ? "" : "; " + errors + " error(s), first: " + firstError.getMessage();
        if (matched == expected.size() && got.size() == expected.size() && firstError == null) {
            return new Result(v, Status.PASS, matched, got.size(), expected.size(), null, ms(t0), null);
        }
        String msg = (firstMismatch >= 0 ? "first mismatch at output frame " + firstMismatch
                : "frame count " + got.size() + " != " + expected.size()) + ", decoded " + got.size() + err;
        return new Result(v, Status.FAIL, matched, got.size(), expected.size(), msg, ms(t0),
                firstError == null ? null : firstError.kind());
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    static String md5(DecodedFrame f) {
        return new FrameHasher().plane(f.y(), f.yOffset(), f.yStride(), f.width(), f.height())
                .plane(f.u(), f.uOffset(), f.uStride(), f.chromaWidth(), f.chromaHeight())
                .plane(f.v(), f.vOffset(), f.vStride(), f.chromaWidth(), f.chromaHeight()).hex();
    }

    private static void writeReport(List<Result> results, long totalMillis, H264Decoder.Backend backend, String name)
            throws IOException {
        Path dir = Paths.get("target");
        Files.createDirectories(dir);
        StringBuilder md = new StringBuilder();
        StringBuilder csv = new StringBuilder("vector,group,features,matched,expected,status,millis,message\n");
        md.append("# H.264 conformance report (backend " + backend + ")\n\n");
        md.append(count(results, Status.PASS)).append(" PASS, ").append(count(results, Status.FAIL)).append(" FAIL, ")
                .append(count(results, Status.UNSUPPORTED)).append(" UNSUPPORTED, ").append(count(results, Status.ERROR))
                .append(" ERROR; ").append(results.size()).append(" vectors in ").append(totalMillis).append(" ms.\n\n");
        md.append("| vector | group | features | frames matched / expected | status | ms | message |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            ConformanceSuite.Vector v = r.vector();
            String msg = r.message() == null ? "" : r.message();
            md.append("| ").append(v.name()).append(" | ").append(v.group()).append(" | ").append(v.features().replace("|", "/"))
                    .append(" | ").append(r.matched()).append(" / ").append(r.expected()).append(" | ").append(r.status())
                    .append(" | ").append(r.millis()).append(" | ").append(msg.replace("|", "/").replace("\n", " ")).append(" |\n");
            csv.append(q(v.name())).append(',').append(q(v.group())).append(',').append(q(v.features())).append(',')
                    .append(r.matched()).append(',').append(r.expected()).append(',').append(r.status()).append(',')
                    .append(r.millis()).append(',').append(q(msg)).append('\n');
        }
        Files.write(dir.resolve(name + ".md"), md.toString().getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve(name + ".csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(results.size(), csv.toString().split("\n").length - 1);
    }

    private static String q(String s) {
        return "\"" + s.replace("\"", "\"\"").replace("\n", " ") + "\"";
    }
}
