package dev.gradus.schedule;

import dev.gradus.internal.ArgumentChecks;

/**
 * The same learning rate at every step.
 *
 * <pre>
 *   a(n) = a0
 * </pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param a0 the learning rate, {@code >= 0} and finite as a float (at most {@link Float#MAX_VALUE})
 */
public record ConstantSchedule(double a0) implements Schedule {

    /**
     * Validates the rate.
     *
     * @throws IllegalArgumentException naming {@code a0} and its value if it is out of range
     */
    public ConstantSchedule {
        a0 = ArgumentChecks.requireNonNegative("a0", a0);
    }

    @Override
    public double learningRate(long step) {
        ArgumentChecks.requireStep(step);
        return a0;
    }
}
