package org.purecodec.h264.kernels;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks code that only runs where the JVM has {@code jdk.incubator.vector} (see {@link Simd}), and so never on
 * Android: the build's Android API check (animal-sniffer) does not look at what it marks, which may use
 * Java APIs Android lacks.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD})
@interface VectorApiOnly {
}
