package dev.gradus.testing;

import java.lang.management.ManagementFactory;

/**
 * The bytes the current thread has allocated on the heap so far, from
 * {@link com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes()}. The difference around
 * a kernel call is its allocation: 0 for a Vector API loop that C2 compiled and intrinsified, the
 * size of boxed vectors otherwise.
 */
public final class ThreadAllocation {

    private static final com.sun.management.ThreadMXBean THREADS = threads();

    private ThreadAllocation() {
    }

    private static com.sun.management.ThreadMXBean threads() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        if (!threads.isThreadAllocatedMemorySupported()) {
            throw new IllegalStateException("this JVM does not measure the memory threads allocate");
        }
        threads.setThreadAllocatedMemoryEnabled(true);
        return threads;
    }

    /** {@return the bytes this thread has allocated since it started} */
    public static long bytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }
}
