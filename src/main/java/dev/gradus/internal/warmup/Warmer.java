package dev.gradus.internal.warmup;

import dev.gradus.internal.KernelSet;

/** Warms the vector kernel of one family after another, on the warm-up thread. */
interface Warmer extends AutoCloseable {

    /** How a family's warm-up ended. */
    enum Outcome {
        /** Compiled and at least as fast as the cold kernels: the family switches. */
        COMPILED,
        /** Compiled, but slower than the cold kernels: the family stays on them. */
        NOT_FASTER,
        /** Not compiled within the time allowed: the family stays on the cold kernels. */
        GAVE_UP
    }

    /**
     * Warms {@code family} with calls of each of {@code signatures} until it is compiled or the
     * warmer gives up.
     *
     * @param family     the family
     * @param signatures the {@link Signature}s to warm it with, one bit each
     * @return how it ended
     * @throws InterruptedException if the thread is interrupted
     */
    Outcome warm(KernelFamily family, long signatures) throws InterruptedException;

    /** Frees what the warmer holds. */
    @Override
    void close();

    /** Makes the warmer once the vector kernels are loaded. */
    interface Factory {
        /**
         * Runs first on the warm-up thread, before the vector kernels load: links the paths of
         * the callers' first calls on {@code cold}.
         *
         * @param cold the kernels callers use meanwhile
         */
        default void linkColdPath(KernelSet cold) {
        }

        /**
         * A warmer of {@code vector}'s families.
         *
         * @param vector  the vector kernels
         * @param routing a routing of every family to {@code vector}
         * @param cold    the kernels callers use meanwhile
         * @return the warmer
         */
        Warmer open(KernelSet vector, KernelSet routing, KernelSet cold);
    }
}
