package dev.gradus;

import dev.gradus.internal.ArgumentChecks;

/**
 * Clipping of the gradients by their norm or by value, applied inside the update kernels: the
 * gradient is read once for the norm and once for the update, and never written.
 *
 * <p><b>By value</b> ({@link #byValue}: PyTorch's {@code clip_grad_value_}, Optax's
 * {@code clip}, Keras's {@code clipvalue}): every gradient element enters its rule as
 * {@code min(max(g, -maxValue), maxValue)}, NaN staying NaN. No norm is taken. Clipping by
 * value and by norm together is not offered: as in Keras, a clipping is one or the other.
 *
 * <p><b>By norm</b>:
 * <p>The norm is taken over a {@link Scope}: each parameter alone, each {@link ParameterGroup},
 * or all the parameters a step updates. The L2 norm is {@code sqrt} of the sum of squares that
 * {@link Norms} computes, in an order fixed by element positions ({@code docs/clipping.md}), so
 * it has the same bits for any thread count, vector width and kernel; the infinity norm is the
 * largest absolute value. Every gradient element {@code g} of the scope then enters its rule as
 * {@code g * c}, the float {@code c} given by the {@link Convention}:
 * <ul>
 *   <li>{@link Convention#PYTORCH} ({@code torch.nn.utils.clip_grad_norm_}):
 *       {@code c = min(maxNorm / (norm + 1e-6), 1)}, in float arithmetic as PyTorch computes it
 *       on float32 gradients, applied even when it is 1;</li>
 *   <li>{@link Convention#OPTAX} ({@code optax.clip_by_global_norm}): {@code c = 1} while
 *       {@code norm < maxNorm}, else {@code maxNorm / norm}. Optax divides each element by the
 *       norm and then multiplies by {@code maxNorm}; the single factor can differ from that in the
 *       last bit.</li>
 * </ul>
 * A non-finite norm means a gradient holds NaN or an infinity. With {@code errorIfNonFinite}
 * the step throws {@link NonFiniteGradientException} naming the first one, with nothing modified
 * (PyTorch's {@code error_if_nonfinite=True}); otherwise the optimizer's {@link NonFinitePolicy}
 * decides, and under {@link NonFinitePolicy#PROPAGATE} the factor is NaN or 0, as in PyTorch.
 *
 * With value clipping {@code errorIfNonFinite} has the same meaning: a non-finite gradient
 * element throws, whatever the policy.
 *
 * @param maxNorm          the largest norm let through; {@code > 0} and finite as a float, or
 *                         {@code +inf} when clipping by value
 * @param norm             which norm
 * @param scope            over which gradients the norm is taken
 * @param convention       how the factor follows from the norm
 * @param errorIfNonFinite whether a non-finite gradient throws whatever the optimizer's policy
 * @param maxValue         the largest absolute value a gradient element keeps; {@code > 0} and
 *                         finite as a float, or {@code +inf} when clipping by norm
 */
public record GradientClipping(double maxNorm, Norm norm, Scope scope, Convention convention,
                               boolean errorIfNonFinite, double maxValue) {

    /** The norm clipping measures. */
    public enum Norm {
        /** The Euclidean norm, {@code sqrt(sum g^2)}. */
        L2,
        /** The largest absolute value. */
        INFINITY
    }

    /** The gradients one norm is taken over. */
    public enum Scope {
        /** Each parameter's gradient alone. */
        PARAMETER,
        /** The gradients of each parameter group together. */
        GROUP,
        /** Every gradient the step updates (PyTorch's and Optax's global norm). */
        GLOBAL
    }

    /** How the clip factor follows from the norm. */
    public enum Convention {
        /** {@code min(maxNorm / (norm + 1e-6), 1)}, as {@code torch.nn.utils.clip_grad_norm_}. */
        PYTORCH,
        /** {@code norm < maxNorm ? 1 : maxNorm / norm}, as {@code optax.clip_by_global_norm}. */
        OPTAX
    }

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if {@code maxNorm} or {@code maxValue} is not {@code > 0}
     *                                  and either finite as a float or {@code +inf}, or if not
     *                                  exactly one of them is finite
     * @throws NullPointerException     if an enum is null
     */
    public GradientClipping {
        maxNorm = limit("maxNorm", maxNorm);
        maxValue = limit("maxValue", maxValue);
        if (Double.isInfinite(maxNorm) == Double.isInfinite(maxValue)) {
            throw new IllegalArgumentException("exactly one of maxNorm and maxValue must be finite: clipping is by "
                    + "norm or by value, got maxNorm " + maxNorm + ", maxValue " + maxValue);
        }
        ArgumentChecks.requireNonNull("norm", norm);
        ArgumentChecks.requireNonNull("scope", scope);
        ArgumentChecks.requireNonNull("convention", convention);
    }

    /**
     * Clipping by norm: {@code maxValue = +inf}.
     *
     * @param maxNorm          the largest norm let through; {@code > 0} and finite as a float
     * @param norm             which norm
     * @param scope            over which gradients the norm is taken
     * @param convention       how the factor follows from the norm
     * @param errorIfNonFinite whether a non-finite gradient throws whatever the optimizer's policy
     * @throws IllegalArgumentException if {@code maxNorm} is not {@code > 0} and finite as a float
     * @throws NullPointerException     if an enum is null
     */
    public GradientClipping(double maxNorm, Norm norm, Scope scope, Convention convention,
                            boolean errorIfNonFinite) {
        this(ArgumentChecks.requirePositive("maxNorm", maxNorm), norm, scope, convention, errorIfNonFinite,
                Double.POSITIVE_INFINITY);
    }

    /** {@code value} if it is {@code +inf}, or {@code > 0} and finite as a float. */
    private static double limit(String name, double value) {
        return value == Double.POSITIVE_INFINITY ? value : ArgumentChecks.requirePositive(name, value);
    }

    /**
     * PyTorch's {@code clip_grad_value_(parameters, maxValue)}: each gradient element clamped to
     * {@code [-maxValue, maxValue]}.
     *
     * @param maxValue the largest absolute value a gradient element keeps, {@code > 0} and finite as a float
     * @return the settings
     * @throws IllegalArgumentException naming {@code maxValue} if it is out of range
     */
    public static GradientClipping byValue(double maxValue) {
        return new GradientClipping(Double.POSITIVE_INFINITY, Norm.L2, Scope.GLOBAL, Convention.PYTORCH, false,
                ArgumentChecks.requirePositive("maxValue", maxValue));
    }

    /** {@return whether the gradients are scaled by a factor that follows from their norm} */
    public boolean byNorm() {
        return maxNorm != Double.POSITIVE_INFINITY;
    }

    /**
     * The bound of value clipping as the kernels receive it.
     *
     * @return {@code maxValue} as a float: {@code +inf} when clipping by norm
     */
    public float valueLimit() {
        return (float) maxValue;
    }

    /**
     * PyTorch's {@code clip_grad_norm_(parameters, maxNorm)}: the L2 norm over every gradient the
     * step updates, {@link Convention#PYTORCH}, no error on a non-finite norm.
     *
     * @param maxNorm the largest norm let through
     * @return the settings
     */
    public static GradientClipping globalNorm(double maxNorm) {
        return new GradientClipping(maxNorm, Norm.L2, Scope.GLOBAL, Convention.PYTORCH, false);
    }

    /**
     * Optax's {@code clip_by_global_norm(maxNorm)}.
     *
     * @param maxNorm the largest norm let through
     * @return the settings
     */
    public static GradientClipping optaxGlobalNorm(double maxNorm) {
        return new GradientClipping(maxNorm, Norm.L2, Scope.GLOBAL, Convention.OPTAX, false);
    }

    /**
     * These settings with another norm.
     *
     * @param which the norm
     * @return the settings
     */
    public GradientClipping withNorm(Norm which) {
        return new GradientClipping(maxNorm, which, scope, convention, errorIfNonFinite, maxValue);
    }

    /**
     * These settings with another scope.
     *
     * @param over the gradients one norm is taken over
     * @return the settings
     */
    public GradientClipping withScope(Scope over) {
        return new GradientClipping(maxNorm, norm, over, convention, errorIfNonFinite, maxValue);
    }

    /**
     * These settings with another convention.
     *
     * @param rule how the factor follows from the norm
     * @return the settings
     */
    public GradientClipping withConvention(Convention rule) {
        return new GradientClipping(maxNorm, norm, scope, rule, errorIfNonFinite, maxValue);
    }

    /**
     * These settings with PyTorch's {@code error_if_nonfinite}.
     *
     * @param error whether a non-finite norm throws
     * @return the settings
     */
    public GradientClipping withErrorIfNonFinite(boolean error) {
        return new GradientClipping(maxNorm, norm, scope, convention, error, maxValue);
    }

    /**
     * The factor the gradients of a scope with norm {@code measured} are multiplied by, as the
     * kernels receive it. NaN for a NaN norm, and 0 for an infinite one, so that finite gradients
     * vanish and infinite ones become NaN, as in PyTorch.
     *
     * @param measured the scope's norm, {@code >= 0} or NaN
     * @return the factor, at most 1
     */
    public float factor(double measured) {
        float n = (float) measured;
        float limit = (float) maxNorm;
        return switch (convention) {
            case PYTORCH -> Math.min(limit / (n + 1e-6f), 1f);
            case OPTAX -> n < limit ? 1f : limit / n;
        };
    }
}
