package dev.gradus;

import dev.gradus.internal.ArgumentChecks;

/**
 * Yogi (Zaheer et al. 2018, "Adaptive Methods for Nonconvex Optimization"), in the convention of
 * Optax's {@code yogi}: Adam whose second moment moves additively toward {@code g^2}, by
 * {@code (1 - b2) g^2} at most per step, so that a burst of large gradients cannot shrink the
 * step size abruptly.
 *
 * <pre>
 *   g  &lt;- -g                                          if maximize
 *   g  &lt;- g + lambda * w                               if lambda != 0 (coupled)
 *   m  &lt;- b1 * m + (1 - b1) * g
 *   v  &lt;- v - (1 - b2) * signum(v - g^2) * g^2           m = v = initialAccumulator before step 1
 *   w  &lt;- w - a * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
 * </pre>
 *
 * As in Optax's {@code scale_by_yogi}, both moments start at the initial accumulator value (1e-6)
 * and both are bias-corrected, by {@code 1 - b1^t} and {@code 1 - b2^t}, although they do not
 * start at zero; Optax's {@code eps_root} (0 in {@code optax.yogi}) is not offered. {@code signum}
 * is {@link Math#signum(float)}, computed by arithmetic without masks as the other sign-based
 * rules do; with a non-negative start {@code v} stays {@code >= 0}. The per-step scalars are
 * computed in double and narrowed to float once per step, so the kernels evaluate
 * {@code (a / (1 - b1^t)) * (m / (sqrt(v) * (1 / sqrt(1 - b2^t)) + eps))}, Adam's arrangement.
 * Optax's {@code yogi} has no weight decay; {@code weightDecay} here is coupled L2 decay, like the
 * other rules'.
 *
 * <p>State, in this order: the first moment {@code m} and the second moment {@code v}, both
 * holding {@link #initialAccumulator()} in every element before step 1 ({@link #initialStateValue}).
 *
 * @param beta1              decay rate {@code b1} of the first moment, in {@code [0, 1)} also as a float; default 0.9
 * @param beta2              rate {@code b2} of the second moment, in {@code [0, 1)} also as a float; default 0.999
 * @param epsilon            {@code eps}, added to the root, {@code > 0} and finite as a float; default 1e-3
 * @param initialAccumulator both moments before step 1, {@code >= 0} and finite as a float; default 1e-6
 * @param weightDecay        coupled weight decay {@code lambda}, {@code >= 0} and finite as a float; default 0
 * @param maximize           ascend instead of descend the objective; default {@code false}
 */
public record Yogi(double beta1, double beta2, double epsilon, double initialAccumulator, double weightDecay,
                   boolean maximize) implements UpdateRule {

    /** Optax's documented example rate and Adam's: {@value}. */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;

    /** Optax's {@code yogi} defaults: betas 0.9 and 0.999, epsilon 1e-3, moments starting at 1e-6, no decay. */
    public static final Yogi DEFAULT = new Yogi(0.9, 0.999, 1e-3, 1e-6, 0.0, false);

    /**
     * Validates the hyperparameters.
     *
     * @throws IllegalArgumentException naming the parameter and its value if one is out of range
     */
    public Yogi {
        beta1 = ArgumentChecks.requireDecayRate("beta1", beta1);
        beta2 = ArgumentChecks.requireDecayRate("beta2", beta2);
        epsilon = ArgumentChecks.requirePositive("epsilon", epsilon);
        initialAccumulator = ArgumentChecks.requireNonNegative("initialAccumulator", initialAccumulator);
        weightDecay = ArgumentChecks.requireNonNegative("weightDecay", weightDecay);
    }

    /**
     * Optax's {@code optax.yogi(learning_rate)} defaults: {@link #DEFAULT}.
     *
     * @return the rule
     */
    public static Yogi optax() {
        return DEFAULT;
    }

    /**
     * Returns this rule with betas {@code b1} and {@code b2}.
     *
     * @param b1 the first moment's decay rate, in {@code [0, 1)} also as a float
     * @param b2 the second moment's rate, in {@code [0, 1)} also as a float
     * @return this rule with the change
     */
    public Yogi withBetas(double b1, double b2) {
        return new Yogi(b1, b2, epsilon, initialAccumulator, weightDecay, maximize);
    }

    /**
     * Returns this rule with {@code eps}.
     *
     * @param eps the epsilon, {@code > 0}
     * @return this rule with the change
     */
    public Yogi withEpsilon(double eps) {
        return new Yogi(beta1, beta2, eps, initialAccumulator, weightDecay, maximize);
    }

    /**
     * Returns this rule with both moments starting at {@code value}.
     *
     * @param value the moments before step 1, {@code >= 0}
     * @return this rule with the change
     */
    public Yogi withInitialAccumulator(double value) {
        return new Yogi(beta1, beta2, epsilon, value, weightDecay, maximize);
    }

    @Override
    public Yogi withWeightDecay(double lambda) {
        return new Yogi(beta1, beta2, epsilon, initialAccumulator, lambda, maximize);
    }

    /**
     * Returns this rule ascending instead of descending, or not.
     *
     * @param ascend whether to maximize
     * @return this rule with the change
     */
    public Yogi withMaximize(boolean ascend) {
        return new Yogi(beta1, beta2, epsilon, initialAccumulator, weightDecay, ascend);
    }

    @Override
    public int stateBuffers() {
        return 2;
    }

    @Override
    public String stateName(int index) {
        return index == 0 ? "m" : "v";
    }

    /** {@inheritDoc} Both moments start at {@link #initialAccumulator}, narrowed to a float. */
    @Override
    public float initialStateValue(int index) {
        return (float) initialAccumulator;
    }

    @Override
    public double defaultLearningRate() {
        return DEFAULT_LEARNING_RATE;
    }
}
