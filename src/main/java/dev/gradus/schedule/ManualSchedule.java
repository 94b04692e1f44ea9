package dev.gradus.schedule;

import dev.gradus.internal.ArgumentChecks;

/**
 * The manually set learning rate of the {@linkplain dev.gradus Optimization algorithms week}: the
 * rate the user last {@linkplain #set set}, whatever the step.
 *
 * <pre>
 *   a(n) = the rate of the last set(...) before the call
 * </pre>
 *
 * Unlike every other schedule this one is mutable and not a function of the step: a checkpoint
 * must save {@link #current()} to resume with the same rates.
 *
 * <p>Thread-safe: the rate is a {@code volatile} field, so a call of {@link #learningRate} that
 * follows a {@link #set} in another thread (for example a training loop reading what a control
 * thread set) sees the new rate or a later one, never a torn or stale value.
 */
public final class ManualSchedule implements Schedule {

    private volatile double rate;

    /**
     * A schedule at {@code initialRate}.
     *
     * @param initialRate {@code >= 0} and finite as a float (at most {@link Float#MAX_VALUE})
     * @throws IllegalArgumentException naming {@code rate} and its value if it is out of range
     */
    public ManualSchedule(double initialRate) {
        set(initialRate);
    }

    /**
     * Sets the rate of the following steps.
     *
     * @param newRate {@code >= 0} and finite as a float (at most {@link Float#MAX_VALUE})
     * @throws IllegalArgumentException naming {@code rate} and its value if it is out of range; the
     *     rate is then unchanged
     */
    public void set(double newRate) {
        rate = ArgumentChecks.requireNonNegative("rate", newRate);
    }

    /**
     * The rate last set.
     *
     * @return the rate of the following steps, finite and {@code >= 0}
     */
    public double current() {
        return rate;
    }

    @Override
    public double learningRate(long step) {
        ArgumentChecks.requireStep(step);
        return rate;
    }

    @Override
    public String toString() {
        return "ManualSchedule[rate=" + rate + "]";
    }
}
