package dev.gradus;

import dev.gradus.internal.ArgumentChecks;

/**
 * Adamax (Kingma &amp; Ba 2014, Algorithm 2), Adam with the infinity norm, in the convention of
 * PyTorch's {@code torch.optim.Adamax}: the second moment becomes an exponentially weighted
 * infinity norm, which needs no bias correction.
 *
 * <pre>
 *   g  &lt;- -g                                 if maximize
 *   g  &lt;- g + lambda * w                      if lambda != 0 (coupled L2 decay, as PyTorch's weight_decay)
 *   m  &lt;- b1 * m + (1 - b1) * g
 *   u  &lt;- max(b2 * u, |g| + eps)              m = u = 0 before step 1
 *   w  &lt;- w - (a / (1 - b1^t)) * (m / u)
 * </pre>
 *
 * As in PyTorch, {@code eps} is added to {@code |g|} inside the maximum, so {@code u >= eps}
 * after the first step. The step size {@code a / (1 - b1^t)} is computed in double and narrowed
 * to float once per step.
 *
 * <p>State, in this order: the first moment {@code m} and the infinity norm {@code u}.
 *
 * @param beta1       decay rate {@code b1} of the first moment, in {@code [0, 1)} also as a float; default 0.9
 * @param beta2       decay rate {@code b2} of the infinity norm, in {@code [0, 1)} also as a float; default 0.999
 * @param epsilon     {@code eps}, {@code > 0} and finite as a float; default 1e-8
 * @param weightDecay {@code lambda}, {@code >= 0} and finite as a float; default 0
 * @param maximize    ascend instead of descend the objective; default {@code false}
 */
public record Adamax(double beta1, double beta2, double epsilon, double weightDecay, boolean maximize)
        implements UpdateRule {

    /** PyTorch's and the paper's learning rate: {@value}. */
    public static final double DEFAULT_LEARNING_RATE = 2e-3;

    /** {@code torch.optim.Adamax}'s defaults: betas 0.9 and 0.999, epsilon 1e-8, no decay. */
    public static final Adamax DEFAULT = new Adamax(0.9, 0.999, 1e-8, 0.0, false);

    /**
     * Validates the hyperparameters.
     *
     * @throws IllegalArgumentException naming the parameter and its value if one is out of range
     */
    public Adamax {
        beta1 = ArgumentChecks.requireDecayRate("beta1", beta1);
        beta2 = ArgumentChecks.requireDecayRate("beta2", beta2);
        epsilon = ArgumentChecks.requirePositive("epsilon", epsilon);
        weightDecay = ArgumentChecks.requireNonNegative("weightDecay", weightDecay);
    }

    /**
     * PyTorch's {@code torch.optim.Adamax(params)} defaults: {@link #DEFAULT}.
     *
     * @return the rule
     */
    public static Adamax pytorch() {
        return DEFAULT;
    }

    /**
     * Returns this rule with betas {@code b1} and {@code b2}.
     *
     * @param b1 the first moment's decay rate, in {@code [0, 1)} also as a float
     * @param b2 the infinity norm's decay rate, in {@code [0, 1)} also as a float
     * @return this rule with the change
     */
    public Adamax withBetas(double b1, double b2) {
        return new Adamax(b1, b2, epsilon, weightDecay, maximize);
    }

    /**
     * Returns this rule with {@code eps}.
     *
     * @param eps the epsilon, {@code > 0}
     * @return this rule with the change
     */
    public Adamax withEpsilon(double eps) {
        return new Adamax(beta1, beta2, eps, weightDecay, maximize);
    }

    @Override
    public Adamax withWeightDecay(double lambda) {
        return new Adamax(beta1, beta2, epsilon, lambda, maximize);
    }

    /**
     * Returns this rule ascending instead of descending, or not.
     *
     * @param ascend whether to maximize
     * @return this rule with the change
     */
    public Adamax withMaximize(boolean ascend) {
        return new Adamax(beta1, beta2, epsilon, weightDecay, ascend);
    }

    @Override
    public int stateBuffers() {
        return 2;
    }

    @Override
    public String stateName(int index) {
        return index == 0 ? "m" : "u";
    }

    @Override
    public double defaultLearningRate() {
        return DEFAULT_LEARNING_RATE;
    }
}
