package org.purecodec.h264.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

/**
 * The SIMD kernels are used exactly when the JVM has {@code jdk.incubator.vector}: in the build's {@code simd}
 * test run (started with the module) the start-up check must pass, so a vector kernel that disagrees with
 * the scalar ones fails here instead of silently switching the decoder back to the scalar kernels.
 */
class SimdTest {
    @Test
    void enabledExactlyWhenTheModuleIsPresent() {
        boolean wanted = Simd.modulePresent() && !"false".equals(System.getProperty("purecodec.simd"));
        assertEquals(wanted, Simd.enabled(), "module present: " + Simd.modulePresent());
        Kernels k = Kernels.fast();
        if (wanted) {
            assertEquals(true, Simd.agrees());
            assertInstanceOf(VectorInterPred.class, k.inter);
            assertInstanceOf(VectorLoopFilter.class, k.loopFilter);
        } else {
            assertInstanceOf(FastInterPred.class, k.inter);
            assertInstanceOf(FastLoopFilter.class, k.loopFilter);
        }
    }
}
