package org.purecodec.video.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A small PNG encoder for 8-bit RGB frames (colour type 2), built on {@code java.util.zip} only, so it
 * works where {@code javax.imageio} does not (Android, restricted JVMs). Each row uses the "Up"
 * filter except the first, which uses "Sub"; fast and good enough for video frames.
 */
public final class PngEncoder {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngEncoder() {
    }

    /**
     * Encodes an interleaved RGB image ({@code width * height * 3} bytes from {@code offset}, rows of
     * {@code width * 3} bytes) as PNG.
     */
    public static byte[] encodeRgb(byte[] rgb, int offset, int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(width * height + 1024);
        try {
            writeRgb(rgb, offset, width, height, out);
        } catch (IOException e) {
            throw new IllegalStateException(e); // cannot happen with a byte array stream
        }
        return out.toByteArray();
    }

    /** Writes an interleaved RGB image as PNG to {@code out} (not closed). */
    public static void writeRgb(byte[] rgb, int offset, int width, int height, OutputStream out) throws IOException {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size " + width + "x" + height);
        }
        int rowBytes = Math.multiplyExact(width, 3);
        long need = (long) rowBytes * height;
        if (offset < 0 || offset + need > rgb.length) {
            throw new IllegalArgumentException("need " + need + " bytes from offset " + offset + ", array has " + rgb.length);
        }
        out.write(SIGNATURE);
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, width);
        putInt(ihdr, 4, height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // colour type: truecolour
        // compression, filter, interlace methods: 0
        chunk(out, "IHDR", ihdr, ihdr.length);

        Deflater deflater = new Deflater(6);
        ByteArrayOutputStream idat = new ByteArrayOutputStream(rowBytes * height / 2 + 64);
        byte[] line = new byte[rowBytes + 1];
        byte[] buf = new byte[1 << 16];
        try {
            for (int y = 0; y < height; y++) {
                int row = offset + y * rowBytes;
                if (y == 0) {
                    line[0] = 1; // Sub
                    for (int i = 0; i < rowBytes; i++) {
                        int left = i >= 3 ? rgb[row + i - 3] : 0;
                        line[i + 1] = (byte) (rgb[row + i] - left);
                    }
                } else {
                    line[0] = 2; // Up
                    int prev = row - rowBytes;
                    for (int i = 0; i < rowBytes; i++) {
                        line[i + 1] = (byte) (rgb[row + i] - rgb[prev + i]);
                    }
                }
                deflater.setInput(line, 0, line.length);
                while (!deflater.needsInput()) {
                    int n = deflater.deflate(buf);
                    idat.write(buf, 0, n);
                }
            }
            deflater.finish();
            while (!deflater.finished()) {
                int n = deflater.deflate(buf);
                idat.write(buf, 0, n);
            }
        } finally {
            deflater.end();
        }
        byte[] compressed = idat.toByteArray();
        chunk(out, "IDAT", compressed, compressed.length);
        chunk(out, "IEND", new byte[0], 0);
    }

    private static void chunk(OutputStream out, String type, byte[] data, int length) throws IOException {
        byte[] head = new byte[8];
        putInt(head, 0, length);
        for (int i = 0; i < 4; i++) {
            head[4 + i] = (byte) type.charAt(i);
        }
        out.write(head);
        out.write(data, 0, length);
        CRC32 crc = new CRC32();
        crc.update(head, 4, 4);
        crc.update(data, 0, length);
        byte[] tail = new byte[4];
        putInt(tail, 0, (int) crc.getValue());
        out.write(tail);
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
