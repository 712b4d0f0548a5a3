package org.purecodec.mp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.purecodec.testdata.Clip;
import org.purecodec.testdata.FrameMd5;
import org.purecodec.testdata.Json;
import org.purecodec.testdata.PacketTable;
import org.purecodec.testdata.TestData;

/**
 * Every playable clip (and the valid-MP4 refused ones) against FFmpeg's reference tables.
 *
 * <p>How our timestamps relate to FFmpeg's: {@link Presentation#entryDts}/{@link Presentation#entryPts}
 * are defined to be exactly ffprobe's packet dts/pts (track time base), i.e. the edit list's
 * media_time is subtracted (for one edit starting at media_time M: pts = cts - M, dts = dts - M;
 * e.g. sample.mp4 has M = 1024 so its first packet has dts -1024, pts 0). The framemd5 files are in
 * the output time base 1/25 (1/1000 for vfr), so frame pts are compared after rescaling.
 */
class ClipReferenceTest {

    static Stream<Clip> clips() {
        List<Clip> out = new ArrayList<>(TestData.get().clips(Clip.Kind.PLAYABLE));
        out.addAll(TestData.get().clips(Clip.Kind.SIZE_CHANGING)); // the container does not care
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clips")
    void packetsMatchFfprobe(Clip clip) throws IOException {
        try (Mp4Demuxer mp4 = Mp4Demuxer.open(clip.file())) {
            Track v = mp4.videoTrack();
            assertEquals(firstVideoIndex(clip), v.index(), "selected video stream");
            PacketTable ref = clip.packets();
            Presentation p = v.presentation();
            SampleTable s = v.samples();
            assertEquals(ref.size(), p.entryCount(), "packet count");
            for (int e = 0; e < ref.size(); e++) {
                int sample = p.entrySample(e);
                String at = clip + " packet " + e + " (sample " + sample + ")";
                assertEquals(ref.size(e), s.size(sample), at + " size");
                assertEquals(ref.dts(e), p.entryDts(e), at + " dts");
                assertEquals(ref.pts(e), p.entryPts(e), at + " pts");
                assertEquals(ref.key(e), s.isSync(sample), at + " key");
                assertEquals(ref.discard(e), p.isDiscarded(e), at + " discard");
                if (!clip.name().equals("vfr") && !clip.name().equals("paff")) {
                    // FFmpeg 5.1 leaves mov packet durations to libavformat, which derives them from
                    // r_frame_rate (1/50 s for vfr.mp4), not from stts: compare constant-rate clips only.
                    // Its h264 parser gives a sample of two field pictures the duration of one field (paff.mp4).
                    assertEquals(ref.duration(e), s.duration(sample), at + " duration");
                }
            }
            assertEquals(ref.presentedCount(), p.frameCount(), "presented frames");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clips")
    void framesMatchFramemd5(Clip clip) throws IOException {
        try (Mp4Demuxer mp4 = Mp4Demuxer.open(clip.file())) {
            Track v = mp4.videoTrack();
            Presentation p = v.presentation();
            FrameMd5 md5 = clip.frameMd5();
            assertEquals(md5.size(), p.frameCount(), "frame count");
            long ts = v.timescale();
            // ffmpeg shifts its output so that the file starts at 0: subtract the format start_time
            long start = Math.round(Double.parseDouble(clip.probe().get("format").asObj().text("start_time")) * ts);
            for (int i = 0; i < md5.size(); i++) {
                FrameMd5.Entry e = md5.entries().get(i);
                // pts * tb_track / tb_out, rounded to nearest like av_rescale_q
                long num = (p.pts(i) - start) * md5.timeBaseDen();
                long den = ts * md5.timeBaseNum();
                long rescaled = Math.floorDiv(2 * num + den, 2 * den);
                assertEquals(e.pts(), rescaled, clip + " frame " + i + " pts");
                if (i > 0) {
                    assertTrue(p.pts(i) > p.pts(i - 1), clip + " frame " + i + " pts increase");
                }
            }
            assertEquals(md5.size(), v.metadata().numFrames());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clips")
    void metadataMatchesFfprobe(Clip clip) throws IOException {
        Json.Obj probe = clip.probe();
        List<Json> streams = probe.get("streams").asArr().items();
        try (Mp4Demuxer mp4 = Mp4Demuxer.open(clip.file())) {
            assertEquals(streams.size(), mp4.tracks().size(), "stream count");
            for (int i = 0; i < streams.size(); i++) {
                Json.Obj st = streams.get(i).asObj();
                TrackMetadata m = mp4.tracks().get(i).metadata();
                String at = clip + " stream " + i;
                assertEquals(st.text("codec_name"), m.codec(), at + " codec");
                assertEquals(st.text("codec_type"), m.mediaType(), at + " type");
                if (m.mediaType().equals("video")) {
                    assertEquals(Integer.parseInt(st.text("width")), m.width(), at + " width");
                    assertEquals(Integer.parseInt(st.text("height")), m.height(), at + " height");
                }
                assertEquals("1/" + m.timescale(), st.text("time_base"), at + " time base");
                assertEquals(Long.parseLong(st.text("duration_ts")), m.durationTs(), at + " duration_ts");
                if (st.get("nb_frames") != null) {
                    assertEquals(Integer.parseInt(st.text("nb_frames")), m.sampleCount(), at + " nb_frames");
                }
                String[] fps = st.text("avg_frame_rate").split("/");
                if (!fps[1].equals("0")) {
                    assertEquals(Double.parseDouble(fps[0]) / Double.parseDouble(fps[1]), m.averageFps(), 1e-9,
                            at + " avg_frame_rate");
                }
                assertEquals(Long.parseLong(st.text("bit_rate")), m.bitRate(), at + " bit_rate");
                int rotation = 0;
                if (st.get("side_data_list") != null) {
                    for (Json sd : st.get("side_data_list").asArr().items()) {
                        if (sd.asObj().get("rotation") != null) {
                            rotation = Integer.parseInt(sd.asObj().text("rotation"));
                        }
                    }
                }
                assertEquals(rotation, m.rotation(), at + " rotation");
                if (m.mediaType().equals("video")) {
                    assertEquals(Long.parseLong(st.text("start_pts")),
                            Math.round(m.beginStreamSeconds() * m.timescale()), at + " start_pts");
                }
            }
        }
    }

    private static int firstVideoIndex(Clip clip) {
        List<Json> streams = clip.probe().get("streams").asArr().items();
        for (int i = 0; i < streams.size(); i++) {
            if ("video".equals(streams.get(i).asObj().text("codec_type"))) {
                return i;
            }
        }
        throw new AssertionError("no video stream in probe");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clips")
    void summaryMentionsEveryTrack(Clip clip) throws IOException {
        try (Mp4Demuxer mp4 = Mp4Demuxer.open(clip.file())) {
            String s = mp4.summary();
            assertNotNull(s);
            for (Track t : mp4.tracks()) {
                assertTrue(s.contains("track " + t.index()), s);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clips")
    void jsonSummaryParsesAndUsesTorchCodecNames(Clip clip) throws IOException {
        try (Mp4Demuxer mp4 = Mp4Demuxer.open(clip.file())) {
            Json.Obj o = Json.parse(mp4.summaryJson()).asObj();
            for (String k : new String[] {"codec", "width", "height", "num_frames", "average_fps", "duration_seconds",
                "begin_stream_seconds", "end_stream_seconds", "bit_rate", "rotation", "stream_index"}) {
                assertNotNull(o.get(k), clip + ": " + k);
            }
            assertEquals(String.valueOf(clip.frameMd5().size()), o.text("num_frames"));
            assertEquals(mp4.tracks().size(), o.get("streams").asArr().items().size());
        }
    }
}
