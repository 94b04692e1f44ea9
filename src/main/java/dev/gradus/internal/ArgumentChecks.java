package dev.gradus.internal;

/**
 * Checks of scalar arguments: hyperparameters, learning rates and step numbers. Each failure is
 * an {@link IllegalArgumentException} whose message names the parameter and gives its value.
 */
public final class ArgumentChecks {

    private ArgumentChecks() {
    }

    /** Requires a non-null value, naming it in the {@link NullPointerException}. */
    public static <T> T requireNonNull(String name, T value) {
        if (value == null) {
            throw new NullPointerException(name + " must not be null");
        }
        return value;
    }

    /** Requires {@code value} finite and {@code >= 0}. */
    public static double requireNonNegative(String name, double value) {
        if (!(value >= 0.0) || value == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
        }
        return value;
    }

    /** Requires {@code value} finite and {@code > 0}. */
    public static double requirePositive(String name, double value) {
        if (!(value > 0.0) || value == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
        }
        return value;
    }

    /** Requires a decay rate (a beta, a momentum coefficient) in {@code [0, 1)}. */
    public static double requireDecayRate(String name, double value) {
        if (!(value >= 0.0 && value < 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
        return value;
    }

    /** Requires a step number {@code t >= 1} (steps are counted from 1, before use). */
    public static long requireStep(long step) {
        if (step < 1) {
            throw new IllegalArgumentException("step must be >= 1 (steps count from 1), got " + step);
        }
        return step;
    }

    /** Requires a decay factor (a base, a gamma) in {@code (0, 1]}. */
    public static double requireFactor(String name, double factor) {
        if (!(factor > 0.0 && factor <= 1.0)) {
            throw new IllegalArgumentException(name + " must be in (0, 1], got " + factor);
        }
        return factor;
    }

    /** Requires a count of steps, epochs or examples {@code >= 1}. */
    public static long requireCount(String name, long count) {
        if (count < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + count);
        }
        return count;
    }
}
