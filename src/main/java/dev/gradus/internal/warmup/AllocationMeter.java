package dev.gradus.internal.warmup;

import java.lang.management.ManagementFactory;

/**
 * The heap bytes the current thread has allocated, from
 * {@link com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes()}. A Vector API loop that
 * C2 has compiled with its intrinsics allocates nothing; the same loop interpreted, or compiled
 * by C1, allocates an object per vector. So a call that allocates nothing runs compiled code.
 */
final class AllocationMeter {

    private final com.sun.management.ThreadMXBean threads;

    private AllocationMeter(com.sun.management.ThreadMXBean threads) {
        this.threads = threads;
    }

    /**
     * The meter, or {@code null} where the JVM cannot count the bytes a thread allocates (the
     * {@code jdk.management} module absent, or the counter unsupported); then only the timing
     * check tells compiled code apart.
     */
    static AllocationMeter create() {
        try {
            if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                    && threads.isThreadAllocatedMemorySupported()) {
                if (!threads.isThreadAllocatedMemoryEnabled()) {
                    threads.setThreadAllocatedMemoryEnabled(true);
                }
                return new AllocationMeter(threads);
            }
            return null;
        } catch (LinkageError | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

    /** The bytes this thread has allocated since it started. */
    long bytes() {
        return threads.getCurrentThreadAllocatedBytes();
    }
}
