package org.purecodec.h264.kernels;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;

/**
 * Every {@link InterPredTest} case with {@link VectorInterPred}; runs where the JVM has
 * {@code jdk.incubator.vector} (the build's second test run, {@code simd}, starts it so), skipped elsewhere.
 */
class VectorInterPredTest extends InterPredTest {
    @BeforeAll
    static void vectorApiPresent() {
        assumeTrue(Simd.modulePresent(), "the JVM was not started with --add-modules jdk.incubator.vector");
    }

    @Override
    InterPred implementation() {
        return new VectorInterPred();
    }
}
