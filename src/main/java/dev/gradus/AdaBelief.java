package dev.gradus;

import dev.gradus.internal.ArgumentChecks;

/**
 * AdaBelief (Zhuang et al. 2020, "AdaBelief Optimizer: Adapting Stepsizes by the Belief in
 * Observed Gradients"), in the convention of Optax's {@code adabelief}: Adam whose second moment
 * is the exponentially weighted variance of the gradient around its first moment, the "belief"
 * in the gradient, so the step is large where the gradient follows its average.
 *
 * <pre>
 *   g  &lt;- -g                                       if maximize
 *   g  &lt;- g + lambda * w                            if lambda != 0 (coupled; see below)
 *   m  &lt;- b1 * m + (1 - b1) * g
 *   s  &lt;- b2 * s + (1 - b2) * (g - m)^2 + epsRoot     m = s = 0 before step 1
 *   w  &lt;- w - a * (m / (1 - b1^t)) / (sqrt(s / (1 - b2^t)) + eps)
 * </pre>
 *
 * As in Optax's {@code scale_by_belief}, the deviation is taken from the updated {@code m}, and
 * {@code epsRoot} is added to {@code s} on every step and kept in the state. The per-step scalars
 * ({@code a / (1 - b1^t)}, {@code 1 / sqrt(1 - b2^t)}) are computed in double and narrowed to
 * float once per step, so the kernels evaluate
 * {@code (a / (1 - b1^t)) * (m / (sqrt(s) * (1 / sqrt(1 - b2^t)) + eps))}, Adam's arrangement.
 * Optax's {@code weight_decay} is decoupled ({@code add_decayed_weights} after the direction);
 * this rule's {@code weightDecay} is coupled L2 decay, like the other rules'.
 *
 * <p>State, in this order: the first moment {@code m} and the second central moment {@code s}.
 *
 * @param beta1       decay rate {@code b1} of the first moment, in {@code [0, 1)} also as a float; default 0.9
 * @param beta2       decay rate {@code b2} of the second central moment, in {@code [0, 1)} also as a float; default 0.999
 * @param epsilon     {@code eps}, added to the root, {@code > 0} and finite as a float; default 1e-16
 * @param epsilonRoot {@code epsRoot}, added to {@code s} on every step, {@code >= 0} and finite as a float; default 1e-16
 * @param weightDecay coupled weight decay {@code lambda}, {@code >= 0} and finite as a float; default 0
 * @param maximize    ascend instead of descend the objective; default {@code false}
 */
public record AdaBelief(double beta1, double beta2, double epsilon, double epsilonRoot, double weightDecay,
                        boolean maximize) implements UpdateRule {

    /** The learning rate of Adam and of the paper's experiments: {@value}. */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;

    /** Optax's {@code adabelief} defaults: betas 0.9 and 0.999, epsilon 1e-16, epsilon root 1e-16, no decay. */
    public static final AdaBelief DEFAULT = new AdaBelief(0.9, 0.999, 1e-16, 1e-16, 0.0, false);

    /**
     * Validates the hyperparameters.
     *
     * @throws IllegalArgumentException naming the parameter and its value if one is out of range
     */
    public AdaBelief {
        beta1 = ArgumentChecks.requireDecayRate("beta1", beta1);
        beta2 = ArgumentChecks.requireDecayRate("beta2", beta2);
        epsilon = ArgumentChecks.requirePositive("epsilon", epsilon);
        epsilonRoot = ArgumentChecks.requireNonNegative("epsilonRoot", epsilonRoot);
        weightDecay = ArgumentChecks.requireNonNegative("weightDecay", weightDecay);
    }

    /**
     * Optax's {@code optax.adabelief(learning_rate)} defaults: {@link #DEFAULT}.
     *
     * @return the rule
     */
    public static AdaBelief optax() {
        return DEFAULT;
    }

    /**
     * Returns this rule with betas {@code b1} and {@code b2}.
     *
     * @param b1 the first moment's decay rate, in {@code [0, 1)} also as a float
     * @param b2 the second central moment's decay rate, in {@code [0, 1)} also as a float
     * @return this rule with the change
     */
    public AdaBelief withBetas(double b1, double b2) {
        return new AdaBelief(b1, b2, epsilon, epsilonRoot, weightDecay, maximize);
    }

    /**
     * Returns this rule with {@code eps} and {@code epsRoot}.
     *
     * @param eps  the epsilon added to the root, {@code > 0}
     * @param root the epsilon added to {@code s}, {@code >= 0}
     * @return this rule with the change
     */
    public AdaBelief withEpsilons(double eps, double root) {
        return new AdaBelief(beta1, beta2, eps, root, weightDecay, maximize);
    }

    @Override
    public AdaBelief withWeightDecay(double lambda) {
        return new AdaBelief(beta1, beta2, epsilon, epsilonRoot, lambda, maximize);
    }

    /**
     * Returns this rule ascending instead of descending, or not.
     *
     * @param ascend whether to maximize
     * @return this rule with the change
     */
    public AdaBelief withMaximize(boolean ascend) {
        return new AdaBelief(beta1, beta2, epsilon, epsilonRoot, weightDecay, ascend);
    }

    @Override
    public int stateBuffers() {
        return 2;
    }

    @Override
    public String stateName(int index) {
        return index == 0 ? "m" : "s";
    }

    @Override
    public double defaultLearningRate() {
        return DEFAULT_LEARNING_RATE;
    }
}
