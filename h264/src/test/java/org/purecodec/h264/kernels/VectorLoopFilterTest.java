package org.purecodec.h264.kernels;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;

/**
 * Every {@link LoopFilterTest} case with {@link VectorLoopFilter}; runs where the JVM has
 * {@code jdk.incubator.vector} (the build's second test run, {@code simd}, starts it so), skipped elsewhere.
 */
class VectorLoopFilterTest extends LoopFilterTest {
    @BeforeAll
    static void vectorApiPresent() {
        assumeTrue(Simd.modulePresent(), "the JVM was not started with --add-modules jdk.incubator.vector");
    }

    @Override
    LoopFilter implementation() {
        return new VectorLoopFilter();
    }
}
