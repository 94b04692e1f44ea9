package dev.gradus.schedule;

import dev.gradus.internal.ArgumentChecks;

/**
 * Exponential decay, {@code a = 0.95^epoch_num * a0} in the
 * {@linkplain dev.gradus Optimization algorithms week}.
 *
 * <pre>
 *   a(n) = base^n * a0                 n = 1, 2, ...
 * </pre>
 *
 * Usually counted in epochs ({@link #perEpoch(long)}). Since {@code n} starts at 1, the first rate
 * is {@code base * a0}; PyTorch's {@code ExponentialLR(gamma)} starts at {@code a0}, which is
 * {@code new ConstantSchedule(a0).followedBy(1, new ExponentialDecay(a0, gamma))}. The power is
 * {@link StrictMath#pow}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param a0   the initial rate, {@code >= 0} and finite as a float (at most {@link Float#MAX_VALUE})
 * @param base the factor per unit, in {@code (0, 1]}; that week uses 0.95
 */
public record ExponentialDecay(double a0, double base) implements Schedule {

    /**
     * Validates the parameters.
     *
     * @throws IllegalArgumentException naming the parameter and its value if one is out of range
     */
    public ExponentialDecay {
        a0 = ArgumentChecks.requireNonNegative("a0", a0);
        ArgumentChecks.requireFactor("base", base);
    }

    @Override
    public double learningRate(long step) {
        ArgumentChecks.requireStep(step);
        return StrictMath.pow(base, step) * a0;
    }
}
