package dev.gradus.internal.warmup;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

/**
 * The JIT compilers' activity, from {@link CompilationMXBean#getTotalCompilationTime()}: the
 * warm-up lets the compilations of the callers' first calls (the chunked kernels, the copies, the
 * entry points) pass before it gives C2 the vector kernels to compile, which occupy a compiler
 * thread for up to a second on a small machine.
 */
final class JitActivity {

    /** How often the compilation time is read. */
    private static final long POLL_MILLIS = 10;

    private JitActivity() {
    }

    /**
     * Returns once the compilers' total time has not grown for {@code quietMillis}, or after
     * {@code maxMillis} at most; at once where the JVM does not measure it.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    static void awaitQuiet(long quietMillis, long maxMillis) throws InterruptedException {
        CompilationMXBean jit;
        try {
            jit = ManagementFactory.getCompilationMXBean();
        } catch (LinkageError e) {
            return;
        }
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        long last = jit.getTotalCompilationTime();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
            long total = jit.getTotalCompilationTime();
            if (total != last) {
                last = total;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= TimeUnit.MILLISECONDS.toNanos(quietMillis)) {
                return;
            }
        }
    }
}
