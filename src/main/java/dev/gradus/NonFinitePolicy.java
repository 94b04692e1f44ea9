package dev.gradus;

/**
 * What an {@link Optimizer} step does when a gradient holds NaN or an infinity.
 */
public enum NonFinitePolicy {

    /**
     * Step anyway (the default, as PyTorch does): the non-finite values flow into the parameters
     * and state by IEEE arithmetic. Costs nothing.
     */
    PROPAGATE,

    /**
     * Skip the whole step: parameters, state and step counter stay bit-for-bit unchanged, and
     * {@link Optimizer#skippedSteps()} counts it. Mixed-precision training skips steps this way
     * when a loss scale overflows. Costs one read of every gradient per step.
     */
    SKIP,

    /**
     * Throw {@link NonFiniteGradientException} naming the parameter and the first bad index, with
     * nothing modified. Costs one read of every gradient per step.
     */
    THROW
}
