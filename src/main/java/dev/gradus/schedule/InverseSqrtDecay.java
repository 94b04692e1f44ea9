package dev.gradus.schedule;

import dev.gradus.internal.ArgumentChecks;

/**
 * Inverse square-root decay as in the {@linkplain dev.gradus Optimization algorithms week}:
 * {@code a = k / sqrt(epoch_num) * a0} (per epoch) and {@code a = k / sqrt(t) * a0} (per
 * mini-batch).
 *
 * <pre>
 *   a(n) = k / sqrt(n) * a0            n = 1, 2, ...
 * </pre>
 *
 * As it stands {@code n} is the mini-batch number {@code t}; {@link #perEpoch(long)} makes it the
 * epoch number.
 *
 * <p>Immutable and thread-safe.
 *
 * @param a0 the initial rate, {@code >= 0} and finite as a float (at most {@link Float#MAX_VALUE})
 * @param k  the constant {@code k}, finite and {@code >= 0} ({@code a(1) = k * a0})
 */
public record InverseSqrtDecay(double a0, double k) implements Schedule {

    /**
     * Validates the parameters.
     *
     * @throws IllegalArgumentException naming the parameter and its value if one is out of range
     */
    public InverseSqrtDecay {
        a0 = ArgumentChecks.requireNonNegative("a0", a0);
        k = ArgumentChecks.requireNonNegativeDouble("k", k);
    }

    @Override
    public double learningRate(long step) {
        ArgumentChecks.requireStep(step);
        return k / Math.sqrt(step) * a0;
    }
}
