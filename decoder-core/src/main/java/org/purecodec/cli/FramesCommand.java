package org.purecodec.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.purecodec.video.DecoderOptions;
import org.purecodec.video.DimensionOrder;
import org.purecodec.video.FrameBatch;
import org.purecodec.video.Transform;
import org.purecodec.video.VideoDecoder;
import org.purecodec.video.VideoMetadata;
import org.purecodec.video.image.PngEncoder;

/** {@code frames}: writes chosen frames as PNG files (RGB, rotation applied). */
final class FramesCommand {
    private FramesCommand() {
    }

    /** A filter by its name in any case ({@code bicubic}, {@code LANCZOS}, ...). */
    private static Transform.Interpolation interpolation(String name) {
        for (Transform.Interpolation f : Transform.Interpolation.values()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw new Main.UsageException("--interpolation: '" + name + "' is not one of "
                + java.util.Arrays.toString(Transform.Interpolation.values()).toLowerCase(java.util.Locale.ROOT));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
        String file = null;
        String indices = null;
        String every = null;
        String dir = null;
        List<Transform> transforms = new ArrayList<>();
        Transform.Interpolation filter = Transform.Interpolation.BILINEAR;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--interpolation":
                    filter = interpolation(Main.value(args, ++i, a));
                    break;
                case "--resize": {
                    int[] wh = size(Main.value(args, ++i, a), a);
                    transforms.add(Transform.resize(wh[1], wh[0]));
                    break;
                }
                case "--shorter-side":
                    transforms.add(Transform.resizeShorterSide(Main.positive(Main.value(args, ++i, a), a)));
                    break;
                case "--center-crop": {
                    int[] wh = size(Main.value(args, ++i, a), a);
                    transforms.add(Transform.centerCrop(wh[1], wh[0]));
                    break;
                }
                case "--indices":
                    indices = Main.value(args, ++i, a);
                    break;
                case "--every":
                    every = Main.value(args, ++i, a);
                    break;
                case "--out":
                    dir = Main.value(args, ++i, a);
                    break;
                default:
                    if (a.startsWith("-") || file != null) {
                        throw new Main.UsageException("frames: unexpected argument '" + a + "'");
                    }
                    file = a;
            }
        }
        if (file == null || dir == null || (indices == null) == (every == null)) {
            throw new Main.UsageException("usage: frames FILE (--indices 0,10,20 | --every 2s) --out DIR"
                    + " [--shorter-side N] [--resize WxH] [--center-crop WxH] [--interpolation NAME]");
        }
        for (int k = 0; k < transforms.size(); k++) { // --interpolation applies to every resize, wherever given
            Transform t = transforms.get(k);
            if (t instanceof Transform.Resize r) {
                transforms.set(k, Transform.resize(r.height(), r.width(), filter));
            } else if (t instanceof Transform.ResizeShorterSide r) {
                transforms.set(k, Transform.resizeShorterSide(r.size(), filter));
            }
        }
        Main.Input in = Main.Input.of(file);
        Path outDir = Paths.get(dir);
        Files.createDirectories(outDir);
        DecoderOptions opts = DecoderOptions.builder().dimensionOrder(DimensionOrder.NHWC).transforms(transforms).build();
        try (VideoDecoder d = VideoDecoder.open(in.path(), opts)) {
            VideoMetadata m = d.metadata();
            int[] wanted = indices != null ? parseIndices(indices) : null;
            double[] times = every != null ? everyTimes(m, parseSeconds(every)) : null;
            int count = wanted != null ? wanted.length : times.length;
            Progress progress = new Progress(err, count);
            int lastWidth = m.width();
            int lastHeight = m.height();
            for (int k = 0; k < count; k++) {
                FrameBatch b = wanted != null ? d.getFramesAt(wanted[k]) : d.getFramesPlayedAt(times[k]);
                int index = b.indices()[0] < 0 ? b.indices()[0] + d.size() : b.indices()[0];
                Path png = outDir.resolve(String.format(Locale.ROOT, "frame_%06d.png", index));
                try (OutputStream os = Files.newOutputStream(png)) {
                    PngEncoder.writeRgb(b.data(), 0, b.width(), b.height(), os); // a frame's own size
                }
                lastWidth = b.width();
                lastHeight = b.height();
                progress.step(k + 1);
            }
            progress.done();
            out.printf(Locale.ROOT, "wrote %d PNG file(s) of %dx%d to %s%n", count, lastWidth, lastHeight, outDir);
        }
        return Main.OK;
    }

    /** WIDTHxHEIGHT as {width, height}. */
    private static int[] size(String s, String option) {
        String[] p = s.split("x");
        if (p.length != 2) {
            throw new Main.UsageException(option + " needs WIDTHxHEIGHT such as 224x224, got '" + s + "'");
        }
        return new int[] {Main.positive(p[0], option), Main.positive(p[1], option)};
    }

    private static double[] everyTimes(VideoMetadata m, double step) {
        List<Double> times = new ArrayList<>();
        for (int k = 0; ; k++) {
            double t = m.beginStreamSeconds() + k * step;
            if (t >= m.endStreamSeconds()) {
                break;
            }
            times.add(t);
        }
        double[] ts = new double[times.size()];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = times.get(i);
        }
        return ts;
    }

    static int[] parseIndices(String s) {
        String[] parts = s.split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new Main.UsageException("--indices: '" + parts[i] + "' is not an integer");
            }
        }
        return out;
    }

    static double parseSeconds(String s) {
        String v = s.endsWith("s") ? s.substring(0, s.length() - 1) : s;
        try {
            double d = Double.parseDouble(v);
            if (d > 0 && !Double.isInfinite(d)) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new Main.UsageException("--every needs a positive duration such as 2s or 0.5, got '" + s + "'");
    }

}
