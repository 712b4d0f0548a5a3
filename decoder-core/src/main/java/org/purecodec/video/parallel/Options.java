package org.purecodec.video.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.purecodec.video.DecoderOptions;
import org.purecodec.video.DimensionOrder;
import org.purecodec.video.ErrorPolicy;
import org.purecodec.video.FrameMapping;
import org.purecodec.video.OutputFormat;
import org.purecodec.video.SeekMode;
import org.purecodec.video.ThreadType;
import org.purecodec.video.Transform;

/** Copies and serialises {@link DecoderOptions} (for worker processes, field by field). */
final class Options {
    private Options() {
    }

    static DecoderOptions.Builder copy(DecoderOptions o) {
        return o.toBuilder();
    }

    static DecoderOptions withThreads(DecoderOptions o, int threads) {
        return o.threads() == threads ? o : copy(o).threads(threads).build();
    }

    static void write(DecoderOptions o, Properties p) {
        p.setProperty("options.streamIndex", Integer.toString(o.streamIndex()));
        p.setProperty("options.dimensionOrder", o.dimensionOrder().name());
        p.setProperty("options.outputFormat", o.outputFormat().name());
        p.setProperty("options.threads", Integer.toString(o.threads()));
        p.setProperty("options.threadType", o.threadType().name());
        p.setProperty("options.seekMode", o.seekMode().name());
        p.setProperty("options.maxInputStreamBytes", Long.toString(o.maxInputStreamBytes()));
        p.setProperty("options.applyRotation", Boolean.toString(o.applyRotation()));
        p.setProperty("options.errorPolicy", o.errorPolicy().name());
        p.setProperty("options.maxPicture", o.maxWidth() + ":" + o.maxHeight() + ":" + o.maxPixels());
        p.setProperty("options.maxDpbBytes", Long.toString(o.maxDpbBytes()));
        p.setProperty("options.maxSamples", o.maxSamples() + ":" + o.maxSampleSize());
        if (!o.transforms().isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (Transform t : o.transforms()) {
                sb.append(sb.length() == 0 ? "" : ";").append(transformSpec(t));
            }
            p.setProperty("options.transforms", sb.toString());
        }
        List<FrameMapping> m = o.customFrameMappings();
        if (m != null) {
            StringBuilder sb = new StringBuilder();
            for (FrameMapping f : m) {
                sb.append(sb.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%d:%d:%d", f.pts(),
                        f.duration(), f.keyFrame() ? 1 : 0));
            }
            p.setProperty("options.customFrameMappings", sb.toString());
        }
    }

    /** A transform as words: its kind and numbers ({@link #parseTransform} reads it back). */
    static String transformSpec(Transform t) {
        if (t instanceof Transform.Resize r) {
            return "resize " + r.height() + " " + r.width() + " " + r.interpolation();
        } else if (t instanceof Transform.ResizeShorterSide r) {
            return "resizeShorterSide " + r.size() + " " + r.interpolation();
        } else if (t instanceof Transform.CenterCrop c) {
            return "centerCrop " + c.height() + " " + c.width();
        } else if (t instanceof Transform.RandomCrop c) {
            return "randomCrop " + c.height() + " " + c.width() + " " + c.seed();
        }
        Transform.Crop c = (Transform.Crop) t;
        return "crop " + c.top() + " " + c.left() + " " + c.height() + " " + c.width();
    }

    static Transform parseTransform(String spec) {
        String[] w = spec.trim().split(" ");
        if (w[0].equals("randomCrop")) {
            return Transform.randomCrop(Integer.parseInt(w[1]), Integer.parseInt(w[2]), Long.parseLong(w[3]));
        }
        int[] n = new int[w.length - 1];
        Transform.Interpolation f = Transform.Interpolation.BILINEAR;
        for (int i = 1; i < w.length; i++) {
            if (i == w.length - 1 && w[0].startsWith("resize") && !Character.isDigit(w[i].charAt(0))) {
                f = Transform.Interpolation.valueOf(w[i]);
            } else {
                n[i - 1] = Integer.parseInt(w[i]);
            }
        }
        switch (w[0]) {
            case "resize":
                return Transform.resize(n[0], n[1], f);
            case "resizeShorterSide":
                return Transform.resizeShorterSide(n[0], f);
            case "centerCrop":
                return Transform.centerCrop(n[0], n[1]);
            case "crop":
                return Transform.crop(n[0], n[1], n[2], n[3]);
            default:
                throw new IllegalArgumentException("unknown transform: " + spec);
        }
    }

    static DecoderOptions read(Properties p) {
        DecoderOptions.Builder b = DecoderOptions.builder()
                .streamIndex(Integer.parseInt(p.getProperty("options.streamIndex")))
                .dimensionOrder(DimensionOrder.valueOf(p.getProperty("options.dimensionOrder")))
                .outputFormat(OutputFormat.valueOf(p.getProperty("options.outputFormat")))
                .threads(Integer.parseInt(p.getProperty("options.threads")))
                .threadType(ThreadType.valueOf(p.getProperty("options.threadType", "FRAME")))
                .seekMode(SeekMode.valueOf(p.getProperty("options.seekMode")))
                .maxInputStreamBytes(Long.parseLong(p.getProperty("options.maxInputStreamBytes")));
        if (p.getProperty("options.applyRotation") != null) {
            String[] pic = p.getProperty("options.maxPicture").split(":");
            String[] smp = p.getProperty("options.maxSamples").split(":");
            b.applyRotation(Boolean.parseBoolean(p.getProperty("options.applyRotation")))
                    .errorPolicy(ErrorPolicy.valueOf(p.getProperty("options.errorPolicy")))
                    .maxPictureSize(Integer.parseInt(pic[0]), Integer.parseInt(pic[1]), Long.parseLong(pic[2]))
                    .maxDpbBytes(Long.parseLong(p.getProperty("options.maxDpbBytes")))
                    .maxSamples(Integer.parseInt(smp[0]), Integer.parseInt(smp[1]));
        }
        String tr = p.getProperty("options.transforms");
        if (tr != null) {
            List<Transform> list = new ArrayList<>();
            for (String e : tr.split(";")) {
                list.add(parseTransform(e));
            }
            b.transforms(list);
        }
        String m = p.getProperty("options.customFrameMappings");
        if (m != null) {
            List<FrameMapping> list = new ArrayList<>();
            for (String e : m.trim().isEmpty() ? new String[0] : m.trim().split(" ")) {
                String[] f = e.split(":");
                list.add(new FrameMapping(Long.parseLong(f[0]), Long.parseLong(f[1]), f[2].equals("1")));
            }
            b.customFrameMappings(list);
        }
        return b.build();
    }
}
