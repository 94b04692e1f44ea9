package dev.gradus.schedule;

import dev.gradus.internal.ArgumentChecks;

/**
 * Cosine annealing (Loshchilov &amp; Hutter, "SGDR", 2017, without restarts; PyTorch's
 * {@code CosineAnnealingLR}): from {@code a0} down to {@code minimum} along half a cosine over
 * {@code length} units, then {@code minimum} for ever.
 *
 * <pre>
 *   a(n) = minimum + (a0 - minimum) * (1 + cos(pi * (n - 1) / length)) / 2    n = 1 .. length
 *   a(n) = minimum                                                            n &gt; length
 * </pre>
 *
 * It is evaluated as {@code max(minimum, a0 - (a0 - minimum) * (1 - cos(pi * (n - 1) / length)) / 2)}
 * with {@link StrictMath#cos}, so that {@code a(1) = a0} exactly, every value lies in
 * {@code [minimum, a0]} and the values never increase. Restarts are a {@link #followedBy} chain.
 *
 * <p>Immutable and thread-safe.
 *
 * @param a0      the initial rate, {@code >= 0} and finite as a float (at most {@link Float#MAX_VALUE})
 * @param minimum the final rate, {@code >= 0}, finite as a float and {@code <= a0}
 * @param length  the units from {@code a0} to {@code minimum}, {@code >= 1}
 */
public record CosineAnnealing(double a0, double minimum, long length) implements Schedule {

    /**
     * Validates the parameters.
     *
     * @throws IllegalArgumentException naming the parameter and its value if one is out of range
     */
    public CosineAnnealing {
        a0 = ArgumentChecks.requireNonNegative("a0", a0);
        minimum = ArgumentChecks.requireNonNegative("minimum", minimum);
        if (minimum > a0) {
            throw new IllegalArgumentException("minimum must be <= a0 (" + a0 + "), got " + minimum);
        }
        ArgumentChecks.requireCount("length", length);
    }

    @Override
    public double learningRate(long step) {
        ArgumentChecks.requireStep(step);
        long elapsed = step - 1;
        if (elapsed >= length) {
            return minimum;
        }
        double cosine = StrictMath.cos(Math.PI * elapsed / length);
        return Math.max(minimum, a0 - (a0 - minimum) * (1.0 - cosine) / 2.0);
    }
}
