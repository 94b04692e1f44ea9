package dev.gradus.schedule;

import dev.gradus.internal.ArgumentChecks;

/**
 * Linear warm-up (PyTorch's {@code LinearLR} with end factor 1): the rate grows linearly from
 * {@code startFactor * a0} to {@code a0} over {@code length} units, then stays at {@code a0}.
 *
 * <pre>
 *   a(n) = a0 * (startFactor + (1 - startFactor) * (n - 1) / length)    n = 1 .. length
 *   a(n) = a0                                                             n &gt; length
 * </pre>
 *
 * Usually followed by a decay: {@code new LinearWarmup(a0, 0.01, w).followedBy(w, decay)}; or,
 * with {@code a0 = 1}, a factor of another schedule: {@code decay.times(new LinearWarmup(1, 0.01, w))}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param a0          the rate after the warm-up, {@code >= 0} and finite as a float (at most {@link Float#MAX_VALUE})
 * @param startFactor the fraction of {@code a0} at {@code n = 1}, in {@code [0, 1]}
 * @param length      the units of the warm-up, {@code >= 1}
 */
public record LinearWarmup(double a0, double startFactor, long length) implements Schedule {

    /**
     * Validates the parameters.
     *
     * @throws IllegalArgumentException naming the parameter and its value if one is out of range
     */
    public LinearWarmup {
        a0 = ArgumentChecks.requireNonNegative("a0", a0);
        if (!(startFactor >= 0.0 && startFactor <= 1.0)) {
            throw new IllegalArgumentException("startFactor must be in [0, 1], got " + startFactor);
        }
        ArgumentChecks.requireCount("length", length);
    }

    @Override
    public double learningRate(long step) {
        ArgumentChecks.requireStep(step);
        long elapsed = step - 1;
        if (elapsed >= length) {
            return a0;
        }
        return a0 * (startFactor + (1.0 - startFactor) * elapsed / length);
    }
}
