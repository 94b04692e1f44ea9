/**
 * Gradus: optimizer update rules as SIMD kernels over {@link java.lang.foreign.MemorySegment}s.
 *
 * <p>The Vector API is optional: without {@code --add-modules jdk.incubator.vector} every rule
 * runs on its scalar kernel and one warning says why.
 */
module dev.gradus {
    requires static jdk.incubator.vector;
    // The warm-up counts the bytes its thread allocates (com.sun.management.ThreadMXBean) when present.
    requires static java.management;
    requires static jdk.management;

    exports dev.gradus;
    exports dev.gradus.schedule;
    exports dev.gradus.checkpoint;
    exports dev.gradus.precision;
}
