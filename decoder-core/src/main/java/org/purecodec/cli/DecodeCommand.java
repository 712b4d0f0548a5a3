package org.purecodec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.purecodec.h264.DecodedFrame;
import org.purecodec.h264.H264Decoder;
import org.purecodec.mp4.AvcConfig;
import org.purecodec.mp4.Mp4Demuxer;
import org.purecodec.mp4.Mp4FormatException;
import org.purecodec.mp4.Presentation;
import org.purecodec.mp4.Track;

/** {@code purecodec decode}: decodes every frame, optionally checks each against FFmpeg's framemd5. */
final class DecodeCommand {
    private final PrintStream out;
    private final int maxFrames;
    private final boolean printMd5;
    private final List<String> expected;
    private final MessageDigest md5;
    private int frames;
    private int mismatches;
    private int firstMismatch = -1;
    private long lumaSamples;

    private DecodeCommand(PrintStream out, int maxFrames, boolean printMd5, List<String> expected) {
        this.out = out;
        this.maxFrames = maxFrames;
        this.printMd5 = printMd5;
        this.expected = expected;
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
        String file = null;
        String verify = null;
        int maxFrames = Integer.MAX_VALUE;
        boolean printMd5 = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--frames":
                    maxFrames = positive(value(args, ++i, a), a);
                    break;
                case "--verify":
                    verify = value(args, ++i, a);
                    break;
                case "--md5":
                    printMd5 = true;
                    break;
                default:
                    if (a.startsWith("-") || file != null) {
                        throw new Main.UsageException("decode: unexpected argument '" + a + "'");
                    }
                    file = a;
            }
        }
        Main.Input in = Main.Input.of(file);
        List<String> expected = null;
        String reference = null;
        if (verify != null) {
            expected = parseFrameMd5(new String(Files.readAllBytes(Paths.get(verify)), StandardCharsets.UTF_8));
            reference = verify;
        } else if (in.isEmbedded()) {
            String text = EmbeddedSample.frameMd5();
            if (text != null) {
                expected = parseFrameMd5(text);
                reference = "FFmpeg's framemd5 of the sample";
            }
        }
        DecodeCommand cmd = new DecodeCommand(out, maxFrames, printMd5, expected);
        long t0 = System.nanoTime();
        String what;
        if (in.isMp4()) {
            what = cmd.decodeMp4(in);
        } else {
            what = cmd.decodeAnnexB(in.bytes());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "%s: %s%n", in.name(), what);
        out.printf(Locale.ROOT, "decoded %d frames in %.2f s: %.1f frames/s, %.1f Mpixel/s (one thread, including"
                + " JIT warm-up)%n", cmd.frames, seconds, cmd.frames / seconds, cmd.lumaSamples / seconds / 1e6);
        if (expected == null) {
            return Main.OK;
        }
        int compared = Math.min(cmd.frames, expected.size());
        boolean countOk = cmd.frames == expected.size() || (maxFrames != Integer.MAX_VALUE && cmd.frames == maxFrames);
        if (cmd.mismatches == 0 && countOk) {
            out.printf(Locale.ROOT, "verified: all %d frames bit-exact against %s%n", compared, reference);
            return Main.OK;
        }
        out.printf(Locale.ROOT, "MISMATCH against %s: %d of %d compared frames differ (first: frame %d); "
                + "%d frames decoded, %d expected%n", reference, cmd.mismatches, compared, cmd.firstMismatch,
                cmd.frames, expected.size());
        return Main.MISMATCH;
    }

    private String decodeMp4(Main.Input in) throws IOException {
        try (Mp4Demuxer demuxer = in.openMp4()) {
            Track track = demuxer.videoTrack();
            AvcConfig avc = track.sampleEntry() == null ? null : track.sampleEntry().avcConfig();
            if (avc == null) {
                throw new Mp4FormatException(Mp4FormatException.Kind.UNSUPPORTED, track.path(), -1,
                        "video track codec " + track.metadata().codec() + " is not H.264; only H.264 is decoded");
            }
            Presentation p = track.presentation();
            ByteBuffer buf = ByteBuffer.allocate(Math.max(1, track.samples().maxSampleSize()));
            try (H264Decoder decoder = H264Decoder.fromAvcC(avc.sps(), avc.pps(), avc.nalLengthSize())) {
                for (int e = 0; e < p.entryCount() && frames < maxFrames; e++) {
                    // Buffer casts: ByteBuffer's covariant overrides do not exist on Android 8.
                    ((Buffer) buf).clear();
                    demuxer.readSample(track, p.entrySample(e), buf);
                    ((Buffer) buf).flip();
                    // The entry index travels through the decoder as the "pts": it tells which
                    // presented frame (if any) each output picture is.
                    decoder.decodeSample(buf, e);
                    drain(decoder, p);
                }
                decoder.flush();
                drain(decoder, p);
            }
            return String.format(Locale.ROOT, "%dx%d H.264, %d frames", track.metadata().width(),
                    track.metadata().height(), p.frameCount());
        }
    }

    private void drain(H264Decoder decoder, Presentation p) {
        DecodedFrame f;
        while ((f = decoder.poll()) != null) {
            int entry = (int) f.pts();
            if (p.isDiscarded(entry) || frames >= maxFrames) {
                continue;
            }
            frame(f, p.entryPts(entry));
        }
    }

    private String decodeAnnexB(byte[] data) {
        try (H264Decoder decoder = new H264Decoder()) {
            // Feed in 64 KiB chunks, as a streaming reader would.
            for (int pos = 0; pos < data.length && frames < maxFrames; pos += 65536) {
                decoder.decodeAnnexB(ByteBuffer.wrap(data, pos, Math.min(65536, data.length - pos)));
                DecodedFrame f;
                while ((f = decoder.poll()) != null && frames < maxFrames) {
                    frame(f, frames);
                }
            }
            decoder.flush();
            DecodedFrame f;
            while ((f = decoder.poll()) != null && frames < maxFrames) {
                frame(f, frames);
            }
        }
        return "raw H.264 Annex B stream";
    }

    private void frame(DecodedFrame f, long pts) {
        int index = frames++;
        lumaSamples += (long) f.width() * f.height();
        if (expected == null && !printMd5) {
            return;
        }
        plane(f.y(), f.yOffset(), f.yStride(), f.width(), f.height());
        plane(f.u(), f.uOffset(), f.uStride(), f.chromaWidth(), f.chromaHeight());
        plane(f.v(), f.vOffset(), f.vStride(), f.chromaWidth(), f.chromaHeight());
        String hex = hex(md5.digest());
        if (printMd5) {
            out.printf(Locale.ROOT, "%d, %d, %s%n", index, pts, hex);
        }
        if (expected != null && (index >= expected.size() || !expected.get(index).equals(hex))) {
            mismatches++;
            if (firstMismatch < 0) {
                firstMismatch = index;
            }
        }
    }

    private void plane(byte[] data, int offset, int stride, int width, int height) {
        for (int y = 0; y < height; y++) {
            md5.update(data, offset + y * stride, width);
        }
    }

    private static String hex(byte[] d) {
        StringBuilder sb = new StringBuilder(32);
        for (byte b : d) {
            sb.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
        }
        return sb.toString();
    }

    /** The md5 column of an FFmpeg framemd5 file, in order. */
    static List<String> parseFrameMd5(String text) {
        List<String> md5s = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.trim();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] f = l.split(",");
            if (f.length != 6) {
                throw new Main.UsageException("not a framemd5 line: " + l);
            }
            md5s.add(f[5].trim());
        }
        return md5s;
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new Main.UsageException(option + " needs a value");
        }
        return args.get(i);
    }

    private static int positive(String s, String option) {
        try {
            int v = Integer.parseInt(s);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new Main.UsageException(option + " needs a positive integer, got '" + s + "'");
    }
}
