package org.purecodec.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.purecodec.bench.video.LoopedMp4;
import org.purecodec.video.DecoderOptions;
import org.purecodec.video.FrameBatch;
import org.purecodec.video.OutputFormat;
import org.purecodec.video.VideoDecoder;
import org.purecodec.video.convert.YuvToRgb;

/**
 * Colour conversion of one decoded 640x360 frame of the embedded sample (BT.601 limited range, as
 * FFmpeg's rgb24): {@link YuvToRgb} into interleaved RGB (NHWC) and into planes (NCHW). Score: frames
 * per second. Run: {@code java -cp bench/target/purecodec-cli.jar org.openjdk.jmh.Main ColourConversion}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Thread)
public class ColourConversionBenchmark {
    private byte[] y;
    private byte[] u;
    private byte[] v;
    private int width;
    private int height;
    private byte[] rgb;
    private YuvToRgb converter;

    /** Decodes frame 100 of the sample as I420. */
    @Setup
    public void setup() {
        try (VideoDecoder d = VideoDecoder.open(LoopedMp4.embeddedSample(),
                DecoderOptions.builder().outputFormat(OutputFormat.YUV420P).build())) {
            FrameBatch b = d.getFramesAt(100);
            width = b.width();
            height = b.height();
            int cw = (width + 1) / 2;
            int ch = (height + 1) / 2;
            y = java.util.Arrays.copyOfRange(b.data(), 0, width * height);
            u = java.util.Arrays.copyOfRange(b.data(), width * height, width * height + cw * ch);
            v = java.util.Arrays.copyOfRange(b.data(), width * height + cw * ch, width * height + 2 * cw * ch);
        }
        rgb = new byte[width * height * 3];
        converter = YuvToRgb.of(YuvToRgb.Matrix.fromCode(6), false);
    }

    /** YUV 4:2:0 to interleaved RGB ({@code [H, W, 3]}). */
    @Benchmark
    public byte[] interleavedNhwc() {
        int cw = (width + 1) / 2;
        converter.toInterleaved(y, 0, width, u, 0, cw, v, 0, cw, width, 0, height, rgb, 0, width * 3);
        return rgb;
    }

    /** YUV 4:2:0 to three planes ({@code [3, H, W]}). */
    @Benchmark
    public byte[] planarNchw() {
        int cw = (width + 1) / 2;
        converter.toPlanar(y, 0, width, u, 0, cw, v, 0, cw, width, 0, height, rgb, 0, width, width * height);
        return rgb;
    }
}
