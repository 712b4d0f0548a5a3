package org.purecodec.h264;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.purecodec.h264.nal.AccessUnitSplitter;
import org.purecodec.h264.nal.AnnexBReader;
import org.purecodec.h264.nal.NalUnit;
import org.purecodec.h264.nal.NalUnitType;
import org.purecodec.testdata.Clip;
import org.purecodec.testdata.FrameMd5;
import org.purecodec.testdata.PacketTable;
import org.purecodec.testdata.TestData;

/** The AVCC path (avcC parameter sets + length-prefixed samples with pts) and thread hygiene. */
class AvccAndThreadsTest {

    /** An Annex B clip regrouped as avcC parameter sets plus one AVCC sample per access unit. */
    record AvccStream(List<byte[]> sps, List<byte[]> pps, List<byte[]> samples) {
    }

    static AvccStream toAvcc(byte[] annexB, int lengthSize) {
        ParameterSets ps = new ParameterSets();
        AccessUnitSplitter splitter = new AccessUnitSplitter(ps);
        List<byte[]> sps = new ArrayList<>();
        List<byte[]> pps = new ArrayList<>();
        List<List<NalUnit>> aus = new ArrayList<>();
        for (NalUnit n : AnnexBReader.splitAll(annexB)) {
            for (AccessUnitSplitter.AccessUnit au : splitter.push(n)) {
                aus.add(au.nals());
            }
            if (n.type() == NalUnitType.SPS) {
                ps.putSps(n);
                sps.add(n.data());
            } else if (n.type() == NalUnitType.PPS) {
                ps.putPps(n);
                pps.add(n.data());
            }
        }
        for (AccessUnitSplitter.AccessUnit au : splitter.flush()) {
            aus.add(au.nals());
        }
        List<byte[]> samples = new ArrayList<>();
        for (List<NalUnit> au : aus) {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            for (NalUnit n : au) {
                if (n.type() == NalUnitType.SPS || n.type() == NalUnitType.PPS || n.type() == NalUnitType.AUD) {
                    continue;
                }
                for (int i = lengthSize - 1; i >= 0; i--) {
                    o.write((n.data().length >> (8 * i)) & 0xff);
                }
                o.writeBytes(n.data());
            }
            if (o.size() > 0) {
                samples.add(o.toByteArray());
            }
        }
        return new AvccStream(sps, pps, samples);
    }

    @Test
    void avccSamplesDecodeInPresentationOrderWithTheirPts() throws IOException {
        Clip clip = TestData.get().clip("bframes_pyramid");
        AvccStream s = toAvcc(Files.readAllBytes(clip.annexB()), 4);
        PacketTable packets = clip.packets();
        FrameMd5 ref = clip.frameMd5();
        assertEquals(packets.size(), s.samples().size(), "one access unit per packet");
        List<DecodedFrame> frames = new ArrayList<>();
        try (H264Decoder d = H264Decoder.fromAvcC(s.sps(), s.pps(), 4)) {
            for (int i = 0; i < s.samples().size(); i++) {
                d.decodeSample(ByteBuffer.wrap(s.samples().get(i)), packets.pts(i));
                for (DecodedFrame f; (f = d.poll()) != null; ) {
                    frames.add(f);
                }
            }
            d.flush();
            for (DecodedFrame f; (f = d.poll()) != null; ) {
                frames.add(f);
            }
        }
        assertEquals(ref.size(), frames.size());
        long[] sortedPts = new long[packets.size()];
        for (int i = 0; i < sortedPts.length; i++) {
            sortedPts[i] = packets.pts(i);
        }
        Arrays.sort(sortedPts);
        for (int i = 0; i < frames.size(); i++) {
            DecodedFrame f = frames.get(i);
            assertEquals(ref.md5(i), ConformanceTest.md5(f), "frame " + i);
            assertEquals(sortedPts[i], f.pts(), "pts of output frame " + i + " (presentation order)");
            if (i > 0) {
                assertTrue(f.poc() > frames.get(i - 1).poc() || f.idr(), "POC increases within a sequence");
            }
        }
        assertTrue(frames.get(0).idr() && frames.get(0).keyFrame());
        assertTrue(frames.stream().anyMatch(f -> f.type() == DecodedFrame.PictureType.B));
    }

    @Test
    void twoByteLengthsWork() throws IOException {
        Clip clip = TestData.get().clip("slices4");
        AvccStream s = toAvcc(Files.readAllBytes(clip.annexB()), 2);
        int n = 0;
        try (H264Decoder d = H264Decoder.fromAvcC(s.sps(), s.pps(), 2)) {
            for (byte[] sample : s.samples()) {
                d.decodeSample(ByteBuffer.wrap(sample), n);
                while (d.poll() != null) {
                    n++;
                }
            }
            d.flush();
            while (d.poll() != null) {
                n++;
            }
        }
        assertEquals(clip.frameMd5().size(), n);
    }

    @Test
    void noThreadOutlivesClose() throws IOException {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        byte[] multiSlice = Files.readAllBytes(TestData.get().clip("slices4").annexB());
        byte[] head = Arrays.copyOf(multiSlice, Math.min(multiSlice.length, 40_000));
        for (int i = 0; i < 30; i++) {
            try (H264Decoder d = new H264Decoder()) {
                d.decodeAnnexB(ByteBuffer.wrap(head));
                d.flush();
                while (d.poll() != null) {
                    // drain
                }
            } catch (H264Exception e) {
                // a cut stream may end inside a picture: irrelevant here
            }
        }
        List<String> leaked = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(t) && t.isAlive() && !t.getName().startsWith("conformance-")) {
                leaked.add(t.getName());
            }
        }
        assertEquals(List.of(), leaked, "threads started by the decoder and still alive after close()");
    }
}
