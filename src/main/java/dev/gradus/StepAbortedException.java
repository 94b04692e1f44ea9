package dev.gradus;

/**
 * A parallel step was given up before any of its workers touched a buffer, because they could not
 * all start: the executor rejected or dropped a worker's task, did not start it within the
 * optimizer's {@linkplain Optimizer.Builder#startTimeout start timeout} (no free thread), or
 * {@link Optimizer#step()} was called from a thread of the optimizer's own executor. Parameters,
 * state and counters are exactly as before the call, and the optimizer stays usable: the next step
 * may succeed once the executor recovers. The message names the worker and the cause; a throwable
 * that the executor threw is the {@linkplain #getCause() cause}.
 */
public final class StepAbortedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message naming the worker that could not start and why.
     *
     * @param message what went wrong
     * @param cause   what the executor threw, or null
     */
    public StepAbortedException(String message, Throwable cause) {
        super(message, cause);
    }
}
