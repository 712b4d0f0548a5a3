package org.purecodec.h264.kernels;

/**
 * Whether the SIMD kernels ({@link VectorInterPred} and {@link VectorLoopFilter}, on the incubating Vector
 * API) are used: when the running JVM has the module {@code jdk.incubator.vector} (started with
 * {@code --add-modules jdk.incubator.vector}) and they give the scalar kernels' results in a quick check
 * at start-up ({@link #agrees}), unless {@code -Dpurecodec.simd=false}. Elsewhere (a JVM started without
 * the module, Android, which has no Java modules) the scalar kernels are used and the Vector API classes
 * are never loaded.
 */
public final class Simd {
    private static final boolean ENABLED = detect();

    private Simd() {
    }

    private static boolean detect() {
        return !"false".equals(property()) && modulePresent() && agrees();
    }

    private static String property() {
        try {
            return System.getProperty("purecodec.simd");
        } catch (SecurityException e) {
            return null;
        }
    }

    /** Whether the running JVM has the module {@code jdk.incubator.vector} in its boot layer. */
    static boolean modulePresent() {
        try {
            return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        } catch (SecurityException | LinkageError e) { // no permission, or no module system (Android)
            return false;
        }
    }

    /**
     * Runs every path of the SIMD kernels once against the scalar ones: a JVM whose incubating
     * API differs from the one compiled against (a missing method, an unsupported operation) or computes
     * differently gets the scalar kernels instead of an error in the middle of a video.
     */
    static boolean agrees() {
        try {
            byte[] src = new byte[48 * 48];
            long x = 0x9e3779b97f4a7c15L;
            for (int i = 0; i < src.length; i++) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
                src[i] = (byte) x;
            }
            InterPred v = new VectorInterPred();
            InterPred f = new FastInterPred();
            int off = 8 * 48 + 8;
            int[][] fracs = {{0, 0}, {1, 0}, {2, 0}, {3, 0}, {0, 1}, {0, 2}, {0, 3}, {1, 1}, {3, 3}, {2, 2}, {2, 1}, {1, 2}};
            for (int[] fr : fracs) {
                for (int w = 8; w <= 16; w += 8) {
                    for (int avg = 0; avg < 2; avg++) {
                        byte[] a = new byte[16 * 16];
                        byte[] b = new byte[16 * 16];
                        System.arraycopy(src, 0, a, 0, a.length);
                        System.arraycopy(src, 0, b, 0, b.length);
                        v.lumaMc(a, 0, 16, src, off, 48, w, 16, fr[0], fr[1], avg == 1);
                        f.lumaMc(b, 0, 16, src, off, 48, w, 16, fr[0], fr[1], avg == 1);
                        if (!java.util.Arrays.equals(a, b)) {
                            return false;
                        }
                    }
                }
            }
            byte[] cb1 = new byte[64];
            byte[] cr1 = new byte[64];
            byte[] cb2 = new byte[64];
            byte[] cr2 = new byte[64];
            v.chromaMc(cb1, cr1, 0, 8, src, src, off, 48, 8, 8, 3, 5, false);
            f.chromaMc(cb2, cr2, 0, 8, src, src, off, 48, 8, 8, 3, 5, false);
            v.chromaMc(cb1, cr1, 0, 8, src, src, off + 1, 48, 8, 8, 7, 1, true);
            f.chromaMc(cb2, cr2, 0, 8, src, src, off + 1, 48, 8, 8, 7, 1, true);
            v.chromaMc(cb1, cr1, 0, 8, src, src, off + 2, 48, 8, 8, 0, 0, true);
            f.chromaMc(cb2, cr2, 0, 8, src, src, off + 2, 48, 8, 8, 0, 0, true);
            v.chromaMc(cb1, cr1, 0, 8, src, src, off + 3, 48, 8, 8, 0, 0, false);
            f.chromaMc(cb2, cr2, 0, 8, src, src, off + 3, 48, 8, 8, 0, 0, false);
            return java.util.Arrays.equals(cb1, cb2) && java.util.Arrays.equals(cr1, cr2) && loopFilterAgrees(src);
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /**
     * Every path of {@link VectorLoopFilter} (luma bS 1..3 with a bS 0 segment, luma bS 4, chroma both ways;
     * horizontal and vertical edges) once against {@link FastLoopFilter} on a smoothed copy of {@code noise}
     * (so that lines pass the alpha / beta tests).
     */
    private static boolean loopFilterAgrees(byte[] noise) {
        byte[] plane = new byte[32 * 32];
        for (int i = 0; i < plane.length; i++) {
            plane[i] = (byte) (((i & 31) < 16 ? 100 : 108) + (noise[i] & 3));
        }
        for (int i = 0; i < 32 * 16; i++) {
            plane[i] += 2; // a horizontal edge at row 16 too
        }
        LoopFilter v = new VectorLoopFilter();
        LoopFilter f = new FastLoopFilter();
        int[][] strengths = {{4, 4, 4, 4}, {1, 0, 2, 3}};
        for (int[] bS : strengths) {
            for (int vertical = 0; vertical < 2; vertical++) {
                int off = vertical == 1 ? 8 * 32 + 16 : 16 * 32 + 8;
                int across = vertical == 1 ? 1 : 32;
                int along = vertical == 1 ? 32 : 1;
                byte[] a = plane.clone();
                byte[] b = plane.clone();
                v.lumaEdge(a, off, across, along, bS, 0, 40, 40);
                f.lumaEdge(b, off, across, along, bS, 0, 40, 40);
                v.chromaEdge(a, off + 8, across, along, bS, 0, 40, 40);
                f.chromaEdge(b, off + 8, across, along, bS, 0, 40, 40);
                if (!java.util.Arrays.equals(a, b)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether the SIMD kernels are in use. */
    public static boolean enabled() {
        return ENABLED;
    }

    /** The deblocking kernels: SIMD when {@link #enabled}, else {@link FastLoopFilter}. */
    static LoopFilter loopFilter() {
        return ENABLED ? new VectorLoopFilter() : new FastLoopFilter();
    }

    /** The inter prediction kernels: SIMD when {@link #enabled}, else {@link FastInterPred}. */
    static InterPred inter() {
        return ENABLED ? new VectorInterPred() : new FastInterPred();
    }
}
