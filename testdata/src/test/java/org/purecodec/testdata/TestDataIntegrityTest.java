package org.purecodec.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The committed videos and references agree with each other and with the manifest. */
class TestDataIntegrityTest {
    private final TestData data = TestData.get();

    @Test
    void everyManifestFileExistsAndClipsStaySmall() throws IOException {
        long clipTotal = 0;
        for (Clip c : data.clips()) {
            assertTrue(Files.isRegularFile(c.file()), c.file() + " missing");
            long size = Files.size(c.file());
            if (c.name().equals("hd1080")) {
                // the one 1080p clip (scaling and heap measurements): 40 frames at ~7.4 Mbit/s
                assertTrue(size < 2_000_000, c + " is " + size + " bytes, must stay under 2 MB");
                clipTotal += size;
            } else if (!c.name().equals("sample")) {
                assertTrue(size < 500_000, c + " is " + size + " bytes, must stay under 500 KB");
                clipTotal += size;
            }
        }
        assertTrue(clipTotal < 12_000_000, "clip matrix is " + clipTotal + " bytes");
        assertTrue(data.clips(Clip.Kind.PLAYABLE).size() >= 25);
    }

    /** The clips with reference outputs: playable ones and those that change their picture size. */
    private List<Clip> withReferences() {
        List<Clip> out = new java.util.ArrayList<>(data.clips(Clip.Kind.PLAYABLE));
        out.addAll(data.clips(Clip.Kind.SIZE_CHANGING));
        return out;
    }

    @Test
    void playableClipsHaveConsistentReferences() {
        assertEquals(3, data.clips(Clip.Kind.SIZE_CHANGING).size(), "size-changing clips");
        for (Clip c : withReferences()) {
            FrameMd5 yuv = c.frameMd5();
            FrameMd5 rgb = c.rgbFrameMd5();
            PacketTable packets = c.packets();
            assertTrue(yuv.size() > 0, c + ": no frames");
            assertEquals(yuv.size(), rgb.size(), c + ": yuv and rgb frame counts");
            assertEquals(packets.presentedCount(), yuv.size(), c + ": presented packets vs decoded frames");
            assertTrue(packets.key(0), c + ": first packet must be a key frame");
            Json.Obj probe = c.probe();
            assertNotNull(probe.get("streams"), c + ": probe has streams");
            assertNotNull(probe.get("format"), c + ": probe has format");
        }
    }

    @Test
    void committedRgbFramesMatchTheirChecksums() {
        int checked = 0;
        for (Clip c : withReferences()) {
            FrameMd5 rgb = c.rgbFrameMd5();
            for (int k = 0; k < rgb.size(); k++) {
                byte[] frame = c.rgbFrame(k);
                if (frame != null) {
                    assertEquals(rgb.entries().get(k).size(), frame.length, c + " frame " + k + " size");
                    assertEquals(rgb.md5(k), FrameHasher.md5(frame), c + " frame " + k + " md5");
                    checked++;
                }
            }
        }
        assertTrue(checked >= 26, "rgb frames checked: " + checked);
    }

    @Test
    void refusedClipsNameTheirErrorCategory() {
        List<Clip> refused = data.clips(Clip.Kind.REFUSED);
        assertTrue(refused.size() >= 6);
        for (Clip c : refused) {
            assertTrue(List.of("INVALID_DATA", "UNSUPPORTED", "NO_VIDEO_STREAM").contains(c.expectedError()), c + ": " + c.expectedError());
        }
        Clip truncated = data.clip("truncated_mdat");
        assertEquals("TRUNCATED", truncated.expectedError());
        assertTrue(truncated.frameMd5().size() > 0);
    }

    @Test
    void hasherMatchesKnownMd5() {
        // md5("") and md5("abc") from RFC 1321.
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", FrameHasher.md5(new byte[0]));
        assertEquals("900150983cd24fb0d6963f7d28e17f72", FrameHasher.md5("abc".getBytes()));
        byte[] plane = "xxabcxx".getBytes();
        assertEquals("900150983cd24fb0d6963f7d28e17f72", new FrameHasher().plane(plane, 2, 3, 3, 1).hex());
    }

    @Test
    void jsonParsesNestedValues() {
        Json.Obj o = Json.parse("{\"a\": [1, -2.5e3, \"x\\\"y\"], \"b\": {\"c\": true, \"d\": null}}").asObj();
        assertEquals(3, o.get("a").asArr().items().size());
        assertEquals("-2.5e3", o.get("a").asArr().items().get(1).asText());
        assertEquals("x\"y", o.get("a").asArr().items().get(2).asText());
        assertEquals("true", o.get("b").asObj().text("c"));
    }
}
