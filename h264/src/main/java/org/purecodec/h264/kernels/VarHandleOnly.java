package org.purecodec.h264.kernels;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks code that only runs once {@link Mem} has found byte-array view {@code VarHandle}s in the runtime
 * (every Java 9+ JVM, Android from API 33): the build's Android API check (animal-sniffer, API 26) does not
 * look at what it marks, which may use {@code VarHandle}.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD})
@interface VarHandleOnly {
}
