package dev.gradus.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The start gate of a parallel region: every worker checks in before any starts its share, so a
 * region either starts on all of its workers or on none. One word holds the generation (one per
 * region run, counted modulo 2^40) and the number of workers checked in, or an abort mark:
 *
 * <pre>
 *   word = generation &lt;&lt; 24 | count       count in [0, parties]: open while count &lt; parties,
 *                                          started when count == parties
 *   word = generation &lt;&lt; 24 | ABORT_MARK  aborted: nobody of this generation may start
 * </pre>
 *
 * A check-in or an abort names its generation, so a worker of an earlier run can neither check in
 * to a later one nor abort it. Only the region's caller opens a generation, and only once nobody
 * is inside the previous one. Allocates nothing after construction.
 */
final class StartGate {

    /** {@link #checkIn} answers: not admitted (aborted, started, or another generation). */
    static final int REFUSED = 0;
    /** {@link #checkIn} answers: admitted, others are still missing. */
    static final int ADMITTED = 1;
    /** {@link #checkIn} answers: admitted as the last one; the region has started. */
    static final int COMPLETED = 2;

    /** {@link #status} answers: checking in. */
    static final int OPEN = 0;
    /** {@link #status} answers: every worker checked in; the shares may run. */
    static final int STARTED = 1;
    /** {@link #status} answers: aborted, or the generation asked about is over. */
    static final int CLOSED = 2;

    private static final int COUNT_BITS = 24;
    private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;
    private static final long ABORT_MARK = COUNT_MASK;
    private static final long GENERATION_MASK = (1L << (Long.SIZE - COUNT_BITS)) - 1;

    /** The most workers a gate can count. */
    static final int MAX_PARTIES = (int) ABORT_MARK - 1;

    private final AtomicLong word = new AtomicLong(ABORT_MARK);
    private final int parties;

    /**
     * A closed gate at generation 0.
     *
     * @param parties the number of workers, the caller included
     * @throws IllegalArgumentException if it is not in {@code [1, MAX_PARTIES]}
     */
    StartGate(int parties) {
        if (parties < 1 || parties > MAX_PARTIES) {
            throw new IllegalArgumentException("threads must be in [1, " + MAX_PARTIES + "], got " + parties);
        }
        this.parties = parties;
    }

    /**
     * Opens the next generation with nobody checked in.
     *
     * @return the generation opened
     */
    long open() {
        long generation = ((word.get() >>> COUNT_BITS) + 1) & GENERATION_MASK;
        word.set(generation << COUNT_BITS);
        return generation;
    }

    /**
     * The current generation.
     *
     * @return the generation last opened
     */
    long generation() {
        return word.get() >>> COUNT_BITS;
    }

    /**
     * Checks one worker in.
     *
     * @param generation the run the worker belongs to
     * @return {@link #REFUSED}, {@link #ADMITTED} or {@link #COMPLETED}
     */
    int checkIn(long generation) {
        while (true) {
            long current = word.get();
            long count = current & COUNT_MASK;
            if (current >>> COUNT_BITS != generation || count >= parties) {
                return REFUSED;
            }
            if (word.compareAndSet(current, current + 1)) {
                return count + 1 == parties ? COMPLETED : ADMITTED;
            }
        }
    }

    /**
     * Aborts a run if it is still open.
     *
     * @param generation the run
     * @return whether this call aborted it
     */
    boolean abort(long generation) {
        while (true) {
            long current = word.get();
            if (current >>> COUNT_BITS != generation || (current & COUNT_MASK) >= parties) {
                return false;
            }
            if (word.compareAndSet(current, generation << COUNT_BITS | ABORT_MARK)) {
                return true;
            }
        }
    }

    /**
     * Where a run stands.
     *
     * @param generation the run
     * @return {@link #OPEN}, {@link #STARTED} or {@link #CLOSED}
     */
    int status(long generation) {
        long current = word.get();
        long count = current & COUNT_MASK;
        if (current >>> COUNT_BITS != generation || count > parties) {
            return CLOSED;
        }
        return count < parties ? OPEN : STARTED;
    }
}
