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

    /** How a test hands one sample to the decoder. */
    enum SampleBuffer {
        /** ByteBuffer.wrap of an array of its own. */
        WRAPPED,
        /** A slice of a larger array, starting at an odd offset (arrayOffset and position not 0). */
        INSIDE_LARGER_ARRAY,
        /** A read-only view (no accessible array). */
        READ_ONLY,
        /** A direct buffer. */
        DIRECT,
        /** One array and buffer for all samples, overwritten with the next sample as soon as a call returns. */
        REUSED_AND_OVERWRITTEN
    }

    /**
     * The NAL units of an AVCC sample are views into the caller's bytes while a call runs (no copy): every
     * kind of buffer decodes to the reference frames, and so does a caller that overwrites its one buffer
     * right after each call, with one thread and with frame threads (whose pictures outlive the call).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(SampleBuffer.class)
    void everyKindOfSampleBufferDecodesTheSame(SampleBuffer kind) throws IOException {
        Clip clip = TestData.get().clip("bframes_pyramid");
        AvccStream s = toAvcc(Files.readAllBytes(clip.annexB()), 4);
        FrameMd5 ref = clip.frameMd5();
        for (int threads : new int[] {1, 3}) {
            List<String> got = new ArrayList<>();
            byte[] shared = new byte[1 << 20];
            ByteBuffer sharedBuf = ByteBuffer.wrap(shared);
            try (H264Decoder d = H264Decoder.builder().threads(threads).buildForAvcC(s.sps(), s.pps(), 4)) {
                for (int i = 0; i < s.samples().size(); i++) {
                    byte[] sample = s.samples().get(i);
                    ByteBuffer b;
                    switch (kind) {
                        case INSIDE_LARGER_ARRAY: {
                            byte[] big = new byte[sample.length + 40];
                            Arrays.fill(big, (byte) 0x5a);
                            System.arraycopy(sample, 0, big, 17, sample.length);
                            b = ByteBuffer.wrap(big, 3, sample.length + 30).slice();
                            b.position(14).limit(14 + sample.length);
                            break;
                        }
                        case READ_ONLY:
                            b = ByteBuffer.wrap(sample).asReadOnlyBuffer();
                            break;
                        case DIRECT:
                            b = ByteBuffer.allocateDirect(sample.length).put(sample).flip();
                            break;
                        case REUSED_AND_OVERWRITTEN:
                            System.arraycopy(sample, 0, shared, 0, sample.length);
                            b = sharedBuf.clear().limit(sample.length);
                            break;
                        default:
                            b = ByteBuffer.wrap(sample);
                    }
                    d.decodeSample(b, i);
                    if (kind == SampleBuffer.REUSED_AND_OVERWRITTEN) {
                        Arrays.fill(shared, 0, sample.length, (byte) 0xff); // what a reader refilling it might leave
                    }
                    drainMd5s(d, got);
                }
                d.flush();
                drainMd5s(d, got);
            }
            assertFrames(ref, got, kind + ", " + threads + " thread(s)");
        }
    }

    /**
     * Annex B access units are read in place as well: one buffer refilled with each access unit and
     * overwritten right after each call still decodes to the reference frames, with one thread and with
     * frame threads; the buffer's position is left alone.
     */
    @Test
    void annexBAccessUnitsInOneOverwrittenBuffer() throws IOException {
        Clip clip = TestData.get().clip("bframes_pyramid");
        byte[] stream = Files.readAllBytes(clip.annexB());
        AnnexBIndex index = AnnexBIndex.scan(stream);
        FrameMd5 ref = clip.frameMd5();
        for (int threads : new int[] {1, 3}) {
            byte[] shared = new byte[stream.length + 16];
            List<String> got = new ArrayList<>();
            try (H264Decoder d = H264Decoder.builder().threads(threads).build()) {
                for (AnnexBIndex.Entry e : index.entries()) {
                    System.arraycopy(stream, (int) e.offset(), shared, 7, e.length());
                    ByteBuffer b = ByteBuffer.wrap(shared, 7, e.length());
                    d.decodeAccessUnit(b, e.decodeIndex(), true);
                    assertEquals(7, b.position());
                    Arrays.fill(shared, (byte) 0);
                    drainMd5s(d, got);
                }
                d.flush();
                drainMd5s(d, got);
            }
            assertFrames(ref, got, threads + " thread(s)");
        }
    }

    /** Polls every ready frame, adding its md5 to {@code out} and releasing it. */
    private static void drainMd5s(H264Decoder d, List<String> out) {
        for (DecodedFrame f; (f = d.poll()) != null; ) {
            out.add(ConformanceTest.md5(f));
            f.release();
        }
    }

    private static void assertFrames(FrameMd5 ref, List<String> got, String what) {
        assertEquals(ref.size(), got.size(), what + ": frame count");
        for (int i = 0; i < got.size(); i++) {
            assertEquals(ref.md5(i), got.get(i), what + ": frame " + i);
        }
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
