package org.purecodec.video.parallel;

/**
 * How {@link ParallelDecoder} spreads the decoding of a set of frames over the machine. Every strategy
 * returns byte-identical batches; they differ only in speed, memory and start-up cost.
 */
public enum ParallelStrategy {
    /** One {@link org.purecodec.video.VideoDecoder}, {@code getFramesAt(indices)} on the calling thread. */
    SEQUENTIAL,
    /**
     * One decoder opened with {@link org.purecodec.video.DecoderOptions#threads() threads = workers}: whatever
     * the decoder parallelises inside: frame threads by default (several pictures at once), or slice threads
     * when the decoder options ask for {@link org.purecodec.video.ThreadType#SLICE}.
     */
    INTERNAL_THREADS,
    /**
     * {@code workers} child JVMs (same Java binary and class path), each decoding its chunk of the
     * {@link DecodePlan} with its own decoder and writing frames into a shared memory-mapped temp file.
     * Pays JVM start-up and JIT warm-up per call; only for files on disk. Not available on Android.
     */
    PROCESSES,
    /**
     * {@code workers} virtual threads (daemon platform threads on a Java 17 JVM), each with its own decoder
     * over the same file, executing one chunk of the {@link DecodePlan}.
     */
    VIRTUAL_THREADS
}
