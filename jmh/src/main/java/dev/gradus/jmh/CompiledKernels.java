package dev.gradus.jmh;

import dev.gradus.Kernels;
import java.time.Duration;

/**
 * Waits, in a benchmark's set-up, until the calls it made so far (one empty call of each kind it
 * measures) run their compiled vector kernels, so that the measurement starts on them: a fresh
 * JVM starts every call on the chunked kernels while the vector kernels warm up.
 */
final class CompiledKernels {

    /** Longer than any warm-up: the warm-up itself gives up after ten minutes. */
    private static final Duration TIMEOUT = Duration.ofMinutes(11);

    private CompiledKernels() {
    }

    /**
     * Waits for the warm-up of every call made so far.
     *
     * @throws IllegalStateException if it did not settle within the timeout
     */
    static void await() {
        try {
            if (!Kernels.awaitCompiled(TIMEOUT)) {
                throw new IllegalStateException("kernels still warming up after " + TIMEOUT + ": "
                        + Kernels.implementation());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
