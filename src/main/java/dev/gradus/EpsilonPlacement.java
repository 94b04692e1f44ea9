package dev.gradus;

/**
 * Where epsilon sits in the denominator of AdaGrad, RMSProp and Adam, a convention real systems
 * disagree on.
 */
public enum EpsilonPlacement {

    /**
     * {@code sqrt(s) + eps}: PyTorch, DL4J, Tribuo, the RMSProp note of the
     * {@linkplain dev.gradus Optimization algorithms week}. The default.
     */
    OUTSIDE_SQRT,

    /** {@code sqrt(s + eps)}: Keras, Optax's AdaGrad, the mini-batch note of the same week. */
    INSIDE_SQRT
}
