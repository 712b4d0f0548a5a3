package org.purecodec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.purecodec.mp4.Mp4Demuxer;
import org.purecodec.mp4.Presentation;
import org.purecodec.mp4.Track;
import org.purecodec.video.VideoDecoder;
import org.purecodec.video.VideoMetadata;

/** {@code info} and {@code packets}: what the demuxer sees. */
final class InfoCommands {
    private InfoCommands() {
    }

    static int info(List<String> args, PrintStream out) throws IOException {
        boolean json = false;
        String file = null;
        for (String a : args) {
            if (a.equals("--json")) {
                json = true;
            } else if (a.startsWith("-") || file != null) {
                throw new Main.UsageException("info: unexpected argument '" + a + "'");
            } else {
                file = a;
            }
        }
        Main.Input in = Main.Input.of(file);
        if (!in.isMp4()) {
            // no container: what the stream's index scan and first SPS say (frames evenly spaced, see VideoDecoder)
            VideoMetadata m;
            try (VideoDecoder d = VideoDecoder.open(in.bytes())) {
                m = d.metadata();
            }
            if (json) {
                out.printf(Locale.ROOT, "{\"format\": \"h264\", \"container\": \"annexb\", \"size\": %d, \"width\": %d,"
                        + " \"height\": %d, \"num_frames\": %d, \"num_key_frames\": %d, \"average_fps\": %s,"
                        + " \"duration_seconds\": %s, \"profile\": %d, \"level\": %d}%n", in.bytes().length, m.width(),
                        m.height(), m.numFrames(), m.keyFrameCount(), m.averageFps(), m.durationSeconds(), m.profile(),
                        m.level());
            } else {
                out.printf(Locale.ROOT, "%s: raw H.264 Annex B stream, %d bytes%n", in.name(), in.bytes().length);
                out.printf(Locale.ROOT, "  %dx%d, profile %d level %d, %d frames (%d key frame%s), %.3f fps, %.3f s%n",
                        m.width(), m.height(), m.profile(), m.level(), m.numFrames(), m.keyFrameCount(),
                        m.keyFrameCount() == 1 ? "" : "s", m.averageFps(), m.durationSeconds());
                out.println("  (no container: frames evenly spaced at the SPS's VUI frame rate, or 25 fps without it)");
            }
            return Main.OK;
        }
        try (Mp4Demuxer demuxer = in.openMp4()) {
            if (json) {
                out.println(demuxer.summaryJson());
            } else {
                out.println(in.name());
                out.print(demuxer.summary());
            }
        }
        return Main.OK;
    }

    static int packets(List<String> args, PrintStream out) throws IOException {
        if (args.size() != 1 || args.get(0).startsWith("-")) {
            throw new Main.UsageException("packets takes exactly one FILE");
        }
        Main.Input in = Main.Input.of(args.get(0));
        if (!in.isMp4()) {
            throw new Main.UsageException("packets needs an MP4/MOV file; " + in.name() + " is a raw Annex B stream");
        }
        try (Mp4Demuxer demuxer = in.openMp4()) {
            Track t = demuxer.videoTrack();
            Presentation p = t.presentation();
            out.printf(Locale.ROOT, "# stream %d, time base 1/%d, %d presented frames of %d samples%n", t.index(),
                    t.timescale(), p.frameCount(), t.samples().count());
            out.println("frame,pts,dts,duration,size,key,sample");
            for (int f = 0; f < p.frameCount(); f++) {
                int e = p.entry(f);
                int s = p.sample(f);
                out.printf(Locale.ROOT, "%d,%d,%d,%d,%d,%d,%d%n", f, p.pts(f), p.entryDts(e), p.duration(f),
                        t.samples().size(s), p.isKeyFrame(f) ? 1 : 0, s);
            }
        }
        return Main.OK;
    }
}
