package org.purecodec.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jcodec.api.FrameGrab;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.Picture;
import org.purecodec.h264.DecodedFrame;
import org.purecodec.h264.H264Decoder;
import org.purecodec.video.convert.YuvToRgb;

/**
 * Decoding speed of several contenders measured in one JVM with their rounds interleaved (A, B, C, then
 * B, C, A, ...), for comparisons that the machine's slow and fast phases do not bias: on the shared 2-core
 * machine the same decoder runs at about 220 or about 320 frames/s for stretches of seconds to minutes,
 * which decides a comparison of separate runs (or of JMH benchmarks, which run one after the other) more
 * than a change of a few percent does. Each round decodes the whole clip; the report gives each
 * contender's mean frames/s and its ratio to the first contender (geometric mean of the per-round ratios,
 * with two standard errors).
 *
 * <p>Contenders: {@code own} (our decoder, one thread), {@code own2} / {@code own3} (two / three frame threads), {@code ownnew}
 * (one thread, a new decoder every round, as the JMH benchmarks), {@code jcodec}
 * (plain JCodec: {@code FrameGrab.getNativeFrame()} until null), and {@code jar:PATH} / {@code jar2:PATH}:
 * our decoder (one / two frame threads) from another build of the h264 module, a jar or classes
 * directory, loaded in a class loader of its own (so that, for example, a change can be measured against
 * the build before it, each with its own JIT-compiled code), and {@code ffmpeg} / {@code ffmpeg-c}: FFmpeg
 * (from the {@code PATH}) with and without its SIMD code ({@code -cpuflags 0}), single-threaded, one process
 * per round, timed by its own {@code -benchmark} real time (decoding without process start-up), and
 * {@code ffmpeg2} / {@code ffmpeg-c2}: the same with two FFmpeg frame threads ({@code -threads 2
 * -thread_type frame}), FFmpeg's own scaling to set beside {@code own2}'s, {@code owns2}: ours with two slice
 * threads, beside {@code ffmpeg-s2} / {@code ffmpeg-c-s2} (FFmpeg's {@code -thread_type slice}), and {@code jars2:PATH}: another build with two slice threads
 * (all of them gain only on
 * clips with several slices per picture, {@code --file testdata/videos/clips/slices4.mp4}), and {@code ownrgb} / {@code ffmpeg-rgb} /
 * {@code ffmpeg-c-rgb}: one thread with every frame also converted to interleaved RGB (ours: {@code YuvToRgb};
 * FFmpeg: {@code -pix_fmt rgb24}, libswscale with and without SIMD), and {@code ownrgbp}: ours to RGB planes
 * ({@code VideoDecoder}'s default layout), and {@code ownrgb224} / {@code ffmpeg-rgb224}: RGB then resized to
 * 224x224 (ours: {@code Transform.resize}'s {@code Resampler}; FFmpeg: {@code -vf scale=224:224:flags=bilinear},
 * another filter, set beside for the cost only). Run:
 * {@code java -cp bench/target/purecodec-cli.jar org.purecodec.bench.Interleaved --rounds 20 own jcodec}.
 */
public final class Interleaved {
    private Interleaved() {
    }

    /** One way of decoding the clip. */
    interface Contender extends AutoCloseable {
        /** Decodes the whole clip once; returns the number of frames. */
        long round() throws Exception;

        /** The time the last round took, given the wall-clock time around {@link #round()}. */
        default double seconds(double wall) {
            return wall;
        }

        @Override
        void close();
    }

    /** Our decoder (this build), kept across rounds as a long-running user keeps it. */
    static Contender own(SampleClip clip, int threads) {
        return own(clip, threads, H264Decoder.ThreadType.FRAME);
    }

    /** Our decoder with that many frame or slice threads ({@code own2}, {@code owns2}). */
    static Contender own(SampleClip clip, int threads, H264Decoder.ThreadType type) {
        H264Decoder d = H264Decoder.builder().threads(threads).threadType(type).buildForAvcC(clip.avc.sps(), clip.avc.pps(),
                clip.avc.nalLengthSize());
        return new Contender() {
            @Override
            public long round() {
                return decodeAll(d, clip);
            }

            @Override
            public void close() {
                d.close();
            }
        };
    }

    /**
     * Our decoder (this build, one thread) with every frame converted to RGB into one reused buffer, BT.601
     * limited range (the sample's, and FFmpeg's {@code -pix_fmt rgb24}): interleaved ({@code [H, W, 3]}, to set
     * beside {@code ffmpeg-rgb}) or, with {@code planar}, three planes ({@code [3, H, W]}: {@code VideoDecoder}'s
     * default layout). What a user asking for RGB frames pays.
     */
    static Contender ownRgb(SampleClip clip, boolean planar) {
        return ownRgb(clip, planar, 0);
    }

    /**
     * {@link #ownRgb(SampleClip, boolean)}, interleaved, then each frame resampled to {@code size} x {@code size}
     * (0: not) as {@code Transform.resize} does it ({@code ownrgb224}).
     */
    static Contender ownRgb(SampleClip clip, boolean planar, int size) {
        H264Decoder d = H264Decoder.builder().buildForAvcC(clip.avc.sps(), clip.avc.pps(), clip.avc.nalLengthSize());
        YuvToRgb rgb = YuvToRgb.of(YuvToRgb.Matrix.BT601, false);
        return new Contender() {
            private byte[] out = new byte[0];
            private final byte[] small = new byte[3 * size * size];
            private org.purecodec.video.convert.Resampler resampler;

            @Override
            public long round() {
                return decodeAll(d, clip, this::convert);
            }

            private void convert(DecodedFrame f) {
                int w = f.width();
                int plane = w * f.height();
                if (out.length < 3 * plane) {
                    out = new byte[3 * plane];
                }
                if (planar) {
                    rgb.toPlanar(f.y(), f.yOffset(), f.yStride(), f.u(), f.uOffset(), f.uStride(), f.v(),
                            f.vOffset(), f.vStride(), w, 0, f.height(), out, 0, w, plane);
                } else {
                    rgb.toInterleaved(f.y(), f.yOffset(), f.yStride(), f.u(), f.uOffset(), f.uStride(), f.v(),
                            f.vOffset(), f.vStride(), w, 0, f.height(), out, 0, 3 * w);
                    if (size > 0) {
                        if (resampler == null) {
                            resampler = new org.purecodec.video.convert.Resampler(w, f.height(), size, size);
                        }
                        resampler.resize(out, 0, 3 * w, small, 0, 3 * size);
                    }
                }
            }

            @Override
            public void close() {
                d.close();
            }
        };
    }

    /**
     * Our decoder (this build, one thread), a new one for every round, as the JMH benchmarks build one per
     * operation: the difference to {@code own} is what opening and closing a decoder costs.
     */
    static Contender ownNew(SampleClip clip) {
        return new Contender() {
            @Override
            public long round() {
                try (H264Decoder d = H264Decoder.builder().buildForAvcC(clip.avc.sps(), clip.avc.pps(),
                        clip.avc.nalLengthSize())) {
                    return decodeAll(d, clip);
                }
            }

            @Override
            public void close() {
            }
        };
    }

    /** Every sample of the clip through {@code d}, then a flush; returns the number of frames output. */
    static long decodeAll(H264Decoder d, SampleClip clip) {
        return decodeAll(d, clip, f -> { });
    }

    /** {@link #decodeAll(H264Decoder, SampleClip)}, handing every output frame to {@code use} before releasing it. */
    static long decodeAll(H264Decoder d, SampleClip clip, java.util.function.Consumer<DecodedFrame> use) {
        long n = 0;
        for (int e = 0; e < clip.samples.size(); e++) {
            d.decodeSample(ByteBuffer.wrap(clip.samples.get(e)), e, true);
            n += drain(d, use);
        }
        d.flush();
        return n + drain(d, use);
    }

    private static long drain(H264Decoder d, java.util.function.Consumer<DecodedFrame> use) {
        long n = 0;
        for (DecodedFrame f; (f = d.poll()) != null; ) {
            n++;
            use.accept(f);
            f.release();
        }
        return n;
    }

    /** Plain JCodec on the file (it demuxes it itself, from the page cache). */
    static Contender jcodec(SampleClip clip) {
        return new Contender() {
            @Override
            public long round() throws Exception {
                long n = 0;
                try (SeekableByteChannel ch = NIOUtils.readableChannel(clip.file.toFile())) {
                    FrameGrab grab = FrameGrab.createFrameGrab(ch);
                    for (Picture p; (p = grab.getNativeFrame()) != null; ) {
                        n += p.getWidth() > 0 ? 1 : 0;
                    }
                }
                return n;
            }

            @Override
            public void close() {
            }
        };
    }

    private static final Pattern FFMPEG_FRAMES = Pattern.compile("frame=\\s*(\\d+)");
    private static final Pattern FFMPEG_RTIME = Pattern.compile("bench: utime=[0-9.]+s stime=[0-9.]+s rtime=([0-9.]+)s");

    /**
     * FFmpeg decoding the video of the file to nothing, with ({@code simd}) or without its SIMD code, on one
     * thread or with FFmpeg's frame threads ({@code -thread_type frame}); the round's time is what
     * {@code -benchmark} reports as real time.
     */
    static Contender ffmpeg(SampleClip clip, boolean simd, int threads) {
        return ffmpeg(clip, simd, threads, false);
    }

    /**
     * {@link #ffmpeg(SampleClip, boolean, int)}, with {@code rgb}: every frame converted to {@code rgb24} by
     * libswscale on one thread ({@code -pix_fmt rgb24 -filter_threads 1}), with or without its SIMD code as
     * the decoder.
     */
    static Contender ffmpeg(SampleClip clip, boolean simd, int threads, boolean rgb) {
        return ffmpeg(clip, simd, threads, rgb, 0);
    }

    /** {@link #ffmpeg(SampleClip, boolean, int, boolean)} scaling to {@code size} x {@code size} (bilinear) when not 0. */
    static Contender ffmpeg(SampleClip clip, boolean simd, int threads, boolean rgb, int size) {
        return ffmpeg(clip, simd, threads, rgb, size, "frame");
    }

    /** {@link #ffmpeg(SampleClip, boolean, int, boolean, int)} with FFmpeg's {@code -thread_type} (frame or slice). */
    static Contender ffmpeg(SampleClip clip, boolean simd, int threads, boolean rgb, int size, String threadType) {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-benchmark"));
        if (!simd) {
            cmd.addAll(List.of("-cpuflags", "0"));
        }
        cmd.addAll(List.of("-threads", Integer.toString(threads)));
        if (threads > 1) {
            cmd.addAll(List.of("-thread_type", threadType));
        }
        if (rgb) {
            cmd.addAll(List.of("-filter_threads", "1"));
        }
        cmd.addAll(List.of("-i", clip.file.toString(), "-map", "0:v:0"));
        if (size > 0) {
            cmd.addAll(List.of("-vf", "scale=" + size + ":" + size + ":flags=bilinear"));
        }
        if (rgb) {
            cmd.addAll(List.of("-pix_fmt", "rgb24"));
        }
        cmd.addAll(List.of("-f", "null", "-"));
        return new Contender() {
            private double seconds;

            @Override
            public long round() throws Exception {
                // output to a file, not a pipe: a stuck ffmpeg then ends in the timeout instead of a blocked read
                Path log = Files.createTempFile("purecodec-ffmpeg", ".log");
                try {
                    Process p;
                    try {
                        p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
                    } catch (IOException e) {
                        throw new IllegalArgumentException("cannot run ffmpeg (is it installed and on the PATH?): "
                                + e.getMessage(), e);
                    }
                    p.getOutputStream().close();
                    if (!p.waitFor(60, TimeUnit.SECONDS)) {
                        p.destroyForcibly().waitFor();
                        throw new IllegalStateException("ffmpeg did not finish within 60 s: " + cmd);
                    }
                    String out = Files.readString(log, StandardCharsets.UTF_8);
                    if (p.exitValue() != 0) {
                        throw new IllegalStateException("ffmpeg failed (exit " + p.exitValue() + "): " + tail(out));
                    }
                    double[] r = parseFfmpeg(out);
                    seconds = r[1];
                    return (long) r[0];
                } finally {
                    Files.deleteIfExists(log);
                }
            }

            @Override
            public double seconds(double wall) {
                return seconds;
            }

            @Override
            public void close() {
            }
        };
    }

    /** Frames decoded (the last progress line's {@code frame=}) and {@code -benchmark}'s real time in seconds. */
    static double[] parseFfmpeg(String out) {
        Matcher f = FFMPEG_FRAMES.matcher(out);
        long frames = -1;
        while (f.find()) {
            frames = Long.parseLong(f.group(1));
        }
        Matcher t = FFMPEG_RTIME.matcher(out);
        if (frames < 0 || !t.find()) {
            throw new IllegalStateException("no frame count or -benchmark time in ffmpeg's output: " + tail(out));
        }
        double seconds = Double.parseDouble(t.group(1));
        if (!(seconds > 0)) {
            throw new IllegalStateException("ffmpeg reported a real time of " + seconds + " s: " + tail(out));
        }
        return new double[] {frames, seconds};
    }

    private static String tail(String s) {
        return s.length() <= 400 ? s : "..." + s.substring(s.length() - 400);
    }

    /**
     * Loads the classes of {@code org.purecodec.h264} from its own location (child first) and everything
     * else (JCodec, the demuxer, the JDK) from the parent.
     */
    static final class H264Loader extends URLClassLoader {
        H264Loader(URL location, ClassLoader parent) {
            super(new URL[] {location}, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("org.purecodec.h264.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }

    /** Our decoder from another build of the h264 module (a jar or a classes directory), called by reflection. */
    static Contender otherBuild(SampleClip clip, Path location, int threads) throws Exception {
        return otherBuild(clip, location, threads, false);
    }

    /** {@link #otherBuild(SampleClip, Path, int)} with slice threads instead of frame threads when {@code slices}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Contender otherBuild(SampleClip clip, Path location, int threads, boolean slices) throws Exception {
        if (!Files.exists(location)) {
            throw new IllegalArgumentException("no such jar or directory: " + location);
        }
        H264Loader loader = new H264Loader(location.toUri().toURL(), Interleaved.class.getClassLoader());
        Class<?> decoderClass = loader.loadClass("org.purecodec.h264.H264Decoder");
        Object builder = decoderClass.getMethod("builder").invoke(null);
        builder = builder.getClass().getMethod("threads", int.class).invoke(builder, threads);
        if (slices) {
            Class<? extends Enum> type = (Class<? extends Enum>) loader.loadClass("org.purecodec.h264.H264Decoder$ThreadType");
            builder = builder.getClass().getMethod("threadType", type).invoke(builder, Enum.valueOf(type, "SLICE"));
        }
        Object d = builder.getClass().getMethod("buildForAvcC", List.class, List.class, int.class).invoke(builder,
                clip.avc.sps(), clip.avc.pps(), clip.avc.nalLengthSize());
        Method decode = decoderClass.getMethod("decodeSample", ByteBuffer.class, long.class, boolean.class);
        Method poll = decoderClass.getMethod("poll");
        Method flush = decoderClass.getMethod("flush");
        Method close = decoderClass.getMethod("close");
        Method release = loader.loadClass("org.purecodec.h264.DecodedFrame").getMethod("release");
        if (decoderClass == H264Decoder.class) {
            throw new IllegalStateException("the other build was not loaded apart: " + location);
        }
        return new Contender() {
            @Override
            public long round() throws Exception {
                long n = 0;
                for (int e = 0; e < clip.samples.size(); e++) {
                    decode.invoke(d, ByteBuffer.wrap(clip.samples.get(e)), (long) e, true);
                    n += drainOther();
                }
                flush.invoke(d);
                return n + drainOther();
            }

            private long drainOther() throws ReflectiveOperationException {
                long n = 0;
                for (Object f; (f = poll.invoke(d)) != null; ) {
                    n++;
                    release.invoke(f);
                }
                return n;
            }

            @Override
            public void close() {
                try {
                    close.invoke(d);
                    loader.close();
                } catch (ReflectiveOperationException | IOException e) {
                    throw new IllegalStateException("closing the decoder of " + location + ": " + e, e);
                }
            }
        };
    }

    /** The contenders named by a fixed word (besides {@code jar:PATH} and {@code jar2:PATH}). */
    static final List<String> CONTENDERS = List.of("own", "own2", "own3", "owns2", "ownnew", "ownrgb", "ownrgbp", "ownrgb224",
            "jcodec", "ffmpeg", "ffmpeg-c", "ffmpeg2", "ffmpeg-c2", "ffmpeg-s2", "ffmpeg-c-s2", "ffmpeg-rgb", "ffmpeg-c-rgb",
            "ffmpeg-rgb224");

    /** Settings from the command line. */
    static final class Settings {
        Path file;
        int rounds = 20;
        int warmup = 4;
        final List<String> contenders = new ArrayList<>();
    }

    static Settings parse(List<String> args) {
        Settings s = new Settings();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--file":
                    s.file = Paths.get(value(args, ++i, a));
                    break;
                case "--rounds":
                    s.rounds = positive(value(args, ++i, a), a, 1);
                    break;
                case "--warmup":
                    s.warmup = positive(value(args, ++i, a), a, 0);
                    break;
                default:
                    if (!(CONTENDERS.contains(a) || a.startsWith("jar:") || a.startsWith("jar2:") || a.startsWith("jars2:"))) {
                        throw new IllegalArgumentException("unknown contender or option: " + a);
                    }
                    s.contenders.add(a);
            }
        }
        if (s.contenders.isEmpty()) {
            s.contenders.add("own");
            s.contenders.add("jcodec");
        }
        return s;
    }

    static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    static int positive(String v, String option, int min) {
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": not a number: " + v);
        }
        if (n < min) {
            throw new IllegalArgumentException(option + " must be at least " + min);
        }
        return n;
    }

    static Contender open(String spec, SampleClip clip) throws Exception {
        switch (spec) {
            case "own":
                return own(clip, 1);
            case "own2":
                return own(clip, 2);
            case "own3":
                return own(clip, 3);
            case "owns2":
                return own(clip, 2, H264Decoder.ThreadType.SLICE);
            case "ownnew":
                return ownNew(clip);
            case "ownrgb":
                return ownRgb(clip, false);
            case "ownrgbp":
                return ownRgb(clip, true);
            case "ownrgb224":
                return ownRgb(clip, false, 224);
            case "ffmpeg-rgb":
                return ffmpeg(clip, true, 1, true);
            case "ffmpeg-rgb224":
                return ffmpeg(clip, true, 1, true, 224);
            case "ffmpeg-c-rgb":
                return ffmpeg(clip, false, 1, true);
            case "jcodec":
                return jcodec(clip);
            case "ffmpeg":
                return ffmpeg(clip, true, 1);
            case "ffmpeg-c":
                return ffmpeg(clip, false, 1);
            case "ffmpeg2":
                return ffmpeg(clip, true, 2);
            case "ffmpeg-c2":
                return ffmpeg(clip, false, 2);
            case "ffmpeg-s2":
                return ffmpeg(clip, true, 2, false, 0, "slice");
            case "ffmpeg-c-s2":
                return ffmpeg(clip, false, 2, false, 0, "slice");
            default:
                if (spec.startsWith("jars2:")) {
                    return otherBuild(clip, Paths.get(spec.substring(6)), 2, true);
                }
                boolean two = spec.startsWith("jar2:");
                return otherBuild(clip, Paths.get(spec.substring(two ? 5 : 4)), two ? 2 : 1);
        }
    }

    /**
     * Runs the comparison and prints the report; returns frames/s per contender and round
     * ({@code [contender][round]}, measured rounds only).
     */
    static double[][] run(Settings s, PrintStream out) throws Exception {
        SampleClip clip = SampleClip.read(s.file != null ? s.file : SampleClip.locateSample());
        int n = s.contenders.size();
        Contender[] cs = new Contender[n];
        double[][] fps = new double[n][s.rounds];
        try {
            for (int i = 0; i < n; i++) {
                cs[i] = open(s.contenders.get(i), clip);
            }
            for (int r = 0; r < s.warmup + s.rounds; r++) {
                for (int k = 0; k < n; k++) {
                    int i = (r + k) % n; // each round starts with the next contender
                    long t0 = System.nanoTime();
                    long frames = cs[i].round();
                    double f = frames / cs[i].seconds((System.nanoTime() - t0) / 1e9);
                    if (r >= s.warmup) {
                        fps[i][r - s.warmup] = f;
                    }
                }
            }
        } finally {
            for (Contender c : cs) {
                if (c != null) {
                    c.close();
                }
            }
        }
        out.printf("%s, %d frames, %d rounds after %d warm-up rounds, interleaved in one JVM (%s %s)%n",
                clip.file.getFileName(), clip.samples.size(), s.rounds, s.warmup, System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        for (int i = 0; i < n; i++) {
            double mean = 0;
            for (double f : fps[i]) {
                mean += f / s.rounds;
            }
            if (i == 0) {
                out.printf("  %-40s %8.1f frames/s%n", s.contenders.get(i), mean);
                continue;
            }
            double[] logs = new double[s.rounds];
            double m = 0;
            for (int r = 0; r < s.rounds; r++) {
                logs[r] = Math.log(fps[i][r] / fps[0][r]);
                m += logs[r] / s.rounds;
            }
            double var = 0;
            for (double l : logs) {
                var += (l - m) * (l - m);
            }
            double se = s.rounds > 1 ? Math.sqrt(var / (s.rounds - 1) / s.rounds) : Double.NaN;
            double ratio = Math.exp(m);
            out.printf("  %-40s %8.1f frames/s   x%.3f of %s (+-%.3f, 2 s.e.)%n", s.contenders.get(i), mean, ratio,
                    s.contenders.get(0), 2 * se * ratio);
        }
        return fps;
    }

    /** Command line: {@code [--file F] [--rounds N] [--warmup N] contender...}. */
    public static void main(String[] args) throws Exception {
        Settings s;
        try {
            s = parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: Interleaved [--file F] [--rounds N] [--warmup N] "
                    + "{" + String.join(" | ", CONTENDERS) + " | jar:PATH | jar2:PATH | jars2:PATH}...");
            System.exit(2);
            return;
        }
        try {
            run(s, System.out);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("decoding failed: " + e.getCause(), e.getCause());
        }
    }
}
