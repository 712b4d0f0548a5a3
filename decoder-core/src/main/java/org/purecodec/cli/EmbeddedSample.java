package org.purecodec.cli;

import java.io.IOException;
import java.io.InputStream;

/**
 * The default video embedded in the CLI jar ({@code testdata/videos/sample.mp4}, 640x360, 345 frames)
 * and FFmpeg's per-frame checksums of it, packaged as class-path resources by the bench module.
 */
public final class EmbeddedSample {
    /** Resource name of the video. */
    public static final String VIDEO = "org/purecodec/sample/sample.mp4";
    /** Resource name of FFmpeg's framemd5 of the video. */
    public static final String FRAMEMD5 = "org/purecodec/sample/sample.framemd5";

    private EmbeddedSample() {
    }

    /** The bytes of the embedded video, or null when this class path has none (library jar only). */
    public static byte[] video() throws IOException {
        return read(VIDEO);
    }

    /** The framemd5 text of the embedded video, or null when absent. */
    public static String frameMd5() throws IOException {
        byte[] b = read(FRAMEMD5);
        return b == null ? null : new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] read(String name) throws IOException {
        ClassLoader cl = EmbeddedSample.class.getClassLoader();
        try (InputStream in = cl == null ? ClassLoader.getSystemResourceAsStream(name) : cl.getResourceAsStream(name)) {
            if (in == null) {
                return null;
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(1 << 20);
            byte[] chunk = new byte[1 << 16];
            for (int r; (r = in.read(chunk)) > 0; ) {
                out.write(chunk, 0, r);
            }
            return out.toByteArray();
        }
    }
}
