package org.purecodec.h264.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;

class PlanesTest {

    @Test
    void padBordersReplicatesEdges() {
        Random r = new Random(7);
        for (int n = 0; n < 50; n++) {
            int w = 1 + r.nextInt(40);
            int h = 1 + r.nextInt(30);
            int px = r.nextInt(33);
            int py = r.nextInt(33);
            int stride = w + 2 * px + r.nextInt(5);
            int extra = r.nextInt(3);
            byte[] buf = new byte[(h + 2 * py) * stride + extra + stride];
            int off = extra + py * stride + px;
            byte[] pic = new byte[w * h];
            r.nextBytes(pic);
            for (int y = 0; y < h; y++) {
                System.arraycopy(pic, y * w, buf, off + y * stride, w);
            }
            Planes.padBorders(buf, off, stride, w, h, px, py);
            for (int y = -py; y < h + py; y++) {
                for (int x = -px; x < w + px; x++) {
                    int sx = Math.min(Math.max(x, 0), w - 1);
                    int sy = Math.min(Math.max(y, 0), h - 1);
                    assertEquals(pic[sy * w + sx], buf[off + y * stride + x], "sample " + x + "," + y);
                }
            }
        }
    }

    @Test
    void padBordersChecksBounds() {
        byte[] buf = new byte[100];
        assertThrows(IllegalArgumentException.class, () -> Planes.padBorders(buf, 0, 10, 4, 4, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> Planes.padBorders(buf, 22, 10, 4, 4, 2, 2 + 8));
    }

    @Test
    void mvPacking() {
        for (int x = -2048; x <= 2047; x += 37) {
            for (int y = -512; y <= 511; y += 13) {
                int mv = Mv.pack(x, y);
                assertEquals(x, Mv.x(mv));
                assertEquals(y, Mv.y(mv));
            }
        }
    }
}
