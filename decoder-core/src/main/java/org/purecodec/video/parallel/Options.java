package org.purecodec.video.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.purecodec.video.DecoderOptions;
import org.purecodec.video.DimensionOrder;
import org.purecodec.video.FrameMapping;
import org.purecodec.video.OutputFormat;
import org.purecodec.video.SeekMode;

/** Copies and serialises {@link DecoderOptions} (field by field, as the options have no builder copy). */
final class Options {
    private Options() {
    }

    static DecoderOptions.Builder copy(DecoderOptions o) {
        return DecoderOptions.builder()
                .streamIndex(o.streamIndex())
                .dimensionOrder(o.dimensionOrder())
                .outputFormat(o.outputFormat())
                .threads(o.threads())
                .seekMode(o.seekMode())
                .customFrameMappings(o.customFrameMappings())
                .maxInputStreamBytes(o.maxInputStreamBytes());
    }

    static DecoderOptions withThreads(DecoderOptions o, int threads) {
        return o.threads() == threads ? o : copy(o).threads(threads).build();
    }

    static void write(DecoderOptions o, Properties p) {
        p.setProperty("options.streamIndex", Integer.toString(o.streamIndex()));
        p.setProperty("options.dimensionOrder", o.dimensionOrder().name());
        p.setProperty("options.outputFormat", o.outputFormat().name());
        p.setProperty("options.threads", Integer.toString(o.threads()));
        p.setProperty("options.seekMode", o.seekMode().name());
        p.setProperty("options.maxInputStreamBytes", Long.toString(o.maxInputStreamBytes()));
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

    static DecoderOptions read(Properties p) {
        DecoderOptions.Builder b = DecoderOptions.builder()
                .streamIndex(Integer.parseInt(p.getProperty("options.streamIndex")))
                .dimensionOrder(DimensionOrder.valueOf(p.getProperty("options.dimensionOrder")))
                .outputFormat(OutputFormat.valueOf(p.getProperty("options.outputFormat")))
                .threads(Integer.parseInt(p.getProperty("options.threads")))
                .seekMode(SeekMode.valueOf(p.getProperty("options.seekMode")))
                .maxInputStreamBytes(Long.parseLong(p.getProperty("options.maxInputStreamBytes")));
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
