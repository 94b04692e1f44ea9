package dev.gradus;

import dev.gradus.internal.ArgumentChecks;

/**
 * Lion, evolved sign momentum (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms"),
 * in the convention of Optax's {@code lion}: the step is the sign of an interpolation of the
 * momentum and the gradient, plus decoupled weight decay; the momentum then moves with its own
 * rate.
 *
 * <pre>
 *   g  &lt;- -g                                       if maximize
 *   c  =  beta1 * m + (1 - beta1) * g
 *   m  &lt;- beta2 * m + (1 - beta2) * g               m = 0 before step 1
 *   u  =  signum(c) + lambda * w                     (signum(c) alone if lambda = 0)
 *   w  &lt;- w - a * u
 * </pre>
 *
 * {@code signum} is {@link Math#signum(float)}: {@code +-1} for non-zero values, and the value
 * itself for {@code +-0} and NaN (the kernels compute it by arithmetic, without masks, which
 * every vector width supports: {@code min(max(c * 2^127 * 2^127, -1), 1)}). Every element moves by {@code a} (plus the decay) whatever the
 * gradient's magnitude, so Lion's learning rate is usually 3 to 10 times smaller than AdamW's and
 * its weight decay as many times larger. With {@code beta1 = beta2 = beta} it is Signum (Bernstein
 * et al. 2018, signSGD with momentum): {@link #signum(double)}. The gradient may be clipped by
 * value or scaled by a norm's clip factor before it enters ({@link GradientClipping}).
 *
 * <p>State: the momentum {@code m}.
 *
 * @param beta1       the interpolation of the step, in {@code [0, 1)} also as a float; default 0.9
 * @param beta2       the momentum's decay, in {@code [0, 1)} also as a float; default 0.99
 * @param weightDecay decoupled weight decay {@code lambda}, {@code >= 0} and finite as a float; default 0
 * @param maximize    ascend instead of descend the objective; default {@code false}
 */
public record Lion(double beta1, double beta2, double weightDecay, boolean maximize) implements UpdateRule {

    /** The learning rate of the paper's and Optax's examples, ten times below AdamW's: {@value}. */
    public static final double DEFAULT_LEARNING_RATE = 1e-4;

    /** Lion with the paper's defaults: betas 0.9 and 0.99, no weight decay. */
    public static final Lion DEFAULT = new Lion(0.9, 0.99, 0.0, false);

    /**
     * Validates the hyperparameters.
     *
     * @throws IllegalArgumentException naming the parameter and its value if one is out of range
     */
    public Lion {
        beta1 = ArgumentChecks.requireDecayRate("beta1", beta1);
        beta2 = ArgumentChecks.requireDecayRate("beta2", beta2);
        weightDecay = ArgumentChecks.requireNonNegative("weightDecay", weightDecay);
    }

    /**
     * Optax's {@code optax.lion(learning_rate)} defaults: betas 0.9 and 0.99, weight decay 1e-3.
     *
     * @return the rule
     */
    public static Lion optax() {
        return new Lion(0.9, 0.99, 1e-3, false);
    }

    /**
     * Signum (Bernstein et al. 2018): {@code m <- beta * m + (1 - beta) * g; w <- w - a * signum(m)},
     * which is Lion with both betas {@code beta}.
     *
     * @param beta the momentum's decay, in {@code [0, 1)} also as a float; 0 gives signSGD
     * @return the rule
     * @throws IllegalArgumentException naming {@code beta1} if {@code beta} is out of range
     */
    public static Lion signum(double beta) {
        return new Lion(beta, beta, 0.0, false);
    }

    /**
     * Returns this rule with betas {@code b1} and {@code b2}.
     *
     * @param b1 the interpolation of the step, in {@code [0, 1)} also as a float
     * @param b2 the momentum's decay, in {@code [0, 1)} also as a float
     * @return this rule with the change
     */
    public Lion withBetas(double b1, double b2) {
        return new Lion(b1, b2, weightDecay, maximize);
    }

    /**
     * {@inheritDoc} Lion's decay is always decoupled: {@code lambda * w} joins the sign, not the
     * gradient.
     */
    @Override
    public Lion withWeightDecay(double lambda) {
        return new Lion(beta1, beta2, lambda, maximize);
    }

    /**
     * Returns this rule ascending instead of descending, or not.
     *
     * @param ascend whether to maximize
     * @return this rule with the change
     */
    public Lion withMaximize(boolean ascend) {
        return new Lion(beta1, beta2, weightDecay, ascend);
    }

    @Override
    public int stateBuffers() {
        return 1;
    }

    @Override
    public String stateName(int index) {
        return "m";
    }

    @Override
    public double defaultLearningRate() {
        return DEFAULT_LEARNING_RATE;
    }
}
