package dev.gradus.schedule;

import dev.gradus.internal.ArgumentChecks;

/**
 * The discrete staircase of the {@linkplain dev.gradus Optimization algorithms week}, PyTorch's
 * {@code StepLR}: the rate is multiplied by {@code factor} after every {@code every} units (for
 * example halved every 10 epochs).
 *
 * <pre>
 *   a(n) = factor^floor((n - 1) / every) * a0        n = 1, 2, ...
 * </pre>
 *
 * so units {@code 1 .. every} run at {@code a0}, the next {@code every} at {@code factor * a0},
 * and so on. The power is {@link StrictMath#pow}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param a0     the initial rate, {@code >= 0} and finite as a float (at most {@link Float#MAX_VALUE})
 * @param factor the factor of each drop, in {@code (0, 1]}; 0.5 halves
 * @param every  the units between drops, {@code >= 1}
 */
public record StepDecay(double a0, double factor, long every) implements Schedule {

    /**
     * Validates the parameters.
     *
     * @throws IllegalArgumentException naming the parameter and its value if one is out of range
     */
    public StepDecay {
        a0 = ArgumentChecks.requireNonNegative("a0", a0);
        ArgumentChecks.requireFactor("factor", factor);
        ArgumentChecks.requireCount("every", every);
    }

    @Override
    public double learningRate(long step) {
        ArgumentChecks.requireStep(step);
        return StrictMath.pow(factor, (step - 1) / every) * a0;
    }
}
