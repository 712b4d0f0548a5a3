package org.purecodec.video.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.purecodec.video.Transform.Interpolation;
import org.purecodec.testdata.Clip;
import org.purecodec.testdata.TestData;

/**
 * {@link Resampler} against Pillow: {@code testdata/reference/resize.md5} holds the md5 of FFmpeg's first RGB
 * frame of three clips resized by Pillow's {@code Image.resize(size, filter)} with each of its six filters
 * (written by {@code testdata/make_resize_refs.py}), shrinking, enlarging, one axis only, odd sizes and extreme
 * ratios; ours must give the same bytes. Then properties on random images, every filter: a flat image stays
 * flat, a row stride with padding changes nothing; the filters without negative lobes (nearest, box, bilinear)
 * keep every output within its input's range; and a double-precision triangle filter comes within one level of
 * every bilinear output.
 */
class ResamplerTest {

    @Test
    void bitExactWithPillowsSixFilters() throws Exception {
        Path list = TestData.get().root().resolve("reference/resize.md5");
        List<String> lines = Files.readAllLines(list);
        int checked = 0;
        Map<Interpolation, Integer> perFilter = new EnumMap<>(Interpolation.class);
        for (String line : lines) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split(" +");
            Clip clip = TestData.get().clip(f[0]);
            int w = Integer.parseInt(f[1]);
            int h = Integer.parseInt(f[2]);
            int ow = Integer.parseInt(f[3]);
            int oh = Integer.parseInt(f[4]);
            byte[] in = clip.rgbFrame(0);
            assertNotNull(in, clip + ": no first RGB frame");
            assertEquals(w * h * 3, in.length, clip + " size");
            Interpolation filter = Interpolation.valueOf(f[5]);
            byte[] out = new byte[ow * oh * 3];
            new Resampler(w, h, ow, oh, filter).resize(in, 0, 3 * w, out, 0, 3 * ow);
            assertEquals(f[6], md5(out), line);
            checked++;
            perFilter.merge(filter, 1, Integer::sum);
        }
        for (Interpolation filter : Interpolation.values()) {
            assertTrue(perFilter.getOrDefault(filter, 0) >= 15, filter + " cases checked: " + perFilter.get(filter));
        }
    }

    @Test
    void paddedStridesAndOffsetsGiveTheSameImage() throws IOException {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int round = 0; round < 50; round++) {
            int w = 1 + rnd.nextInt(70);
            int h = 1 + rnd.nextInt(70);
            int ow = 1 + rnd.nextInt(90);
            int oh = 1 + rnd.nextInt(90);
            byte[] img = random(rnd, w * h * 3);
            byte[] plain = new byte[ow * oh * 3];
            Interpolation filter = Interpolation.values()[round % Interpolation.values().length];
            Resampler r = new Resampler(w, h, ow, oh, filter);
            r.resize(img, 0, 3 * w, plain, 0, 3 * ow);
            int pad = 1 + rnd.nextInt(20);
            int off = rnd.nextInt(30);
            byte[] padded = new byte[off + h * (3 * w + pad)];
            for (int y = 0; y < h; y++) {
                System.arraycopy(img, y * 3 * w, padded, off + y * (3 * w + pad), 3 * w);
            }
            int dOff = rnd.nextInt(30);
            int dPad = rnd.nextInt(10);
            byte[] out = new byte[dOff + oh * (3 * ow + dPad)];
            r.resize(padded, off, 3 * w + pad, out, dOff, 3 * ow + dPad);
            byte[] back = new byte[ow * oh * 3];
            for (int y = 0; y < oh; y++) {
                System.arraycopy(out, dOff + y * (3 * ow + dPad), back, y * 3 * ow, 3 * ow);
            }
            assertArrayEquals(plain, back, filter + " " + w + "x" + h + " -> " + ow + "x" + oh);
        }
    }

    @Test
    void flatStaysFlatAndOutputStaysInTheInputRange() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int round = 0; round < 100; round++) {
            int w = 1 + rnd.nextInt(60);
            int h = 1 + rnd.nextInt(60);
            int ow = 1 + rnd.nextInt(80);
            int oh = 1 + rnd.nextInt(80);
            Interpolation filter = Interpolation.values()[round % Interpolation.values().length];
            Resampler r = new Resampler(w, h, ow, oh, filter);
            byte[] flat = new byte[w * h * 3];
            int v = rnd.nextInt(256);
            java.util.Arrays.fill(flat, (byte) v);
            byte[] out = new byte[ow * oh * 3];
            r.resize(flat, 0, 3 * w, out, 0, 3 * ow);
            for (byte b : out) {
                assertEquals(v, b & 0xff, filter + " flat " + v + ", " + w + "x" + h + " -> " + ow + "x" + oh);
            }
            if (filter == Interpolation.HAMMING || filter == Interpolation.BICUBIC || filter == Interpolation.LANCZOS) {
                continue; // negative lobes: outputs may overshoot the input's range (clamped to 0..255)
            }
            int lo = rnd.nextInt(200);
            int hi = lo + rnd.nextInt(256 - lo);
            byte[] img = new byte[w * h * 3];
            for (int i = 0; i < img.length; i++) {
                img[i] = (byte) (lo + rnd.nextInt(hi - lo + 1));
            }
            r.resize(img, 0, 3 * w, out, 0, 3 * ow);
            for (byte b : out) {
                int x = b & 0xff;
                assertTrue(x >= lo && x <= hi, x + " outside [" + lo + ", " + hi + "]");
            }
        }
    }

    @Test
    void withinOneLevelOfTheFilterInDoublePrecision() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int round = 0; round < 40; round++) {
            int w = 1 + rnd.nextInt(50);
            int h = 1 + rnd.nextInt(50);
            int ow = 1 + rnd.nextInt(60);
            int oh = 1 + rnd.nextInt(60);
            byte[] img = random(rnd, w * h * 3);
            byte[] out = new byte[ow * oh * 3];
            new Resampler(w, h, ow, oh).resize(img, 0, 3 * w, out, 0, 3 * ow);
            double[][] kx = weights(w, ow);
            double[][] ky = weights(h, oh);
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    for (int c = 0; c < 3; c++) {
                        double s = 0;
                        for (int j = 0; j < h; j++) {
                            double row = 0;
                            for (int i = 0; i < w; i++) {
                                row += kx[x][i] * (img[(j * w + i) * 3 + c] & 0xff);
                            }
                            s += ky[y][j] * row;
                        }
                        int got = out[(y * ow + x) * 3 + c] & 0xff;
                        // two 8-bit roundings (after each pass) against none, and 22-bit weights: about one level apart at most
                        assertTrue(Math.abs(got - s) <= 1.001, w + "x" + h + " -> " + ow + "x" + oh + " at " + x
                                + "," + y + ": " + got + " vs " + s);
                    }
                }
            }
        }
    }

    /** The triangle filter's weights, written plainly: [output][input], normalised per output. */
    private static double[][] weights(int in, int out) {
        double scale = (double) in / out;
        double support = Math.max(scale, 1.0);
        double[][] k = new double[out][in];
        for (int o = 0; o < out; o++) {
            double centre = (o + 0.5) * scale;
            double sum = 0;
            for (int i = 0; i < in; i++) {
                double d = Math.abs(i + 0.5 - centre) / support;
                // the sample window: positions whose rounded distance lies within the support
                if (i < (int) Math.max(centre - support + 0.5, 0) || i >= Math.min((int) (centre + support + 0.5), in)) {
                    continue;
                }
                k[o][i] = d < 1 ? 1 - d : 0;
                sum += k[o][i];
            }
            for (int i = 0; i < in; i++) {
                k[o][i] = sum != 0 ? k[o][i] / sum : k[o][i];
            }
        }
        return k;
    }

    private static byte[] random(SplittableRandom rnd, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) rnd.nextInt(256);
        }
        return b;
    }

    private static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }
}
