package dev.gradus.schedule;

import dev.gradus.internal.ArgumentChecks;

/**
 * Inverse-time decay, {@code a = a0 / (1 + decay_rate * epoch_num)} in the
 * {@linkplain dev.gradus Optimization algorithms week}.
 *
 * <pre>
 *   a(n) = a0 / (1 + decay * n)        n = 1, 2, ...
 * </pre>
 *
 * Usually counted in epochs ({@code new InverseTimeDecay(0.2, 1.0).perEpoch(stepsPerEpoch)}: 0.1,
 * 0.0667, 0.05, 0.04 in epochs 1 to 4, that week's example), or per step as it stands. Note that
 * {@code n} starts at 1, so the first rate is already {@code a0 / (1 + decay)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param a0    the initial rate, {@code >= 0} and finite as a float (at most {@link Float#MAX_VALUE})
 * @param decay the decay rate, finite and {@code >= 0}
 */
public record InverseTimeDecay(double a0, double decay) implements Schedule {

    /**
     * Validates the parameters.
     *
     * @throws IllegalArgumentException naming the parameter and its value if one is out of range
     */
    public InverseTimeDecay {
        a0 = ArgumentChecks.requireNonNegative("a0", a0);
        decay = ArgumentChecks.requireNonNegativeDouble("decay", decay);
    }

    @Override
    public double learningRate(long step) {
        ArgumentChecks.requireStep(step);
        return a0 / (1.0 + decay * step);
    }
}
