package org.purecodec.h264.kernels;

/**
 * One implementation of each kernel family, the table a decoder thread reconstructs with. {@link #fast()}
 * instances hold scratch: create one per thread.
 */
public final class Kernels {
    public final Transform transform;
    public final IntraPred intra;
    public final InterPred inter;
    public final LoopFilter loopFilter;

    public Kernels(Transform transform, IntraPred intra, InterPred inter, LoopFilter loopFilter) {
        this.transform = transform;
        this.intra = intra;
        this.inter = inter;
        this.loopFilter = loopFilter;
    }

    /** The fast kernels (new scratch), with the SIMD inter prediction and deblocking kernels when {@link Simd#enabled()}. */
    public static Kernels fast() {
        return new Kernels(new FastTransform(), new FastIntraPred(), Simd.inter(), Simd.loopFilter());
    }

    /** The plain reference kernels transcribed from the specification. */
    public static Kernels reference() {
        return new Kernels(new ReferenceTransform(), new ReferenceIntraPred(), new ReferenceInterPred(),
                new ReferenceLoopFilter());
    }
}
