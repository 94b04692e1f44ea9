package dev.gradus;

import dev.gradus.internal.ArgumentChecks;

/**
 * Adadelta (Zeiler 2012, "ADADELTA: An Adaptive Learning Rate Method"), in the convention of
 * PyTorch's {@code torch.optim.Adadelta}: each element's step is the ratio of the root mean
 * squares of its past updates and of its gradients, times the gradient.
 *
 * <pre>
 *   g  &lt;- -g                                     if maximize
 *   g  &lt;- g + lambda * w                          if lambda != 0 (coupled, as PyTorch's weight_decay)
 *   s  &lt;- rho * s + (1 - rho) * g * g
 *   d  =  (sqrt(x + eps) / sqrt(s + eps)) * g
 *   x  &lt;- rho * x + (1 - rho) * d * d              s = x = 0 before step 1
 *   w  &lt;- w - a * d
 * </pre>
 *
 * The paper has no learning rate ({@code a = 1}, PyTorch's default); PyTorch scales the step by
 * {@code lr}, as here.
 *
 * <p>State, in this order: the average of squared gradients {@code s} ("square_avg") and the
 * average of squared updates {@code x} ("acc_delta").
 *
 * @param rho         the decay of both averages, in {@code [0, 1)} also as a float; default 0.9
 * @param epsilon     {@code eps}, {@code > 0} and finite as a float; default 1e-6
 * @param weightDecay {@code lambda}, {@code >= 0} and finite as a float; default 0
 * @param maximize    ascend instead of descend the objective; default {@code false}
 */
public record Adadelta(double rho, double epsilon, double weightDecay, boolean maximize) implements UpdateRule {

    /** PyTorch's learning rate, the paper's absence of one: {@value}. */
    public static final double DEFAULT_LEARNING_RATE = 1.0;

    /** {@code torch.optim.Adadelta}'s defaults: rho 0.9, epsilon 1e-6, no decay. */
    public static final Adadelta DEFAULT = new Adadelta(0.9, 1e-6, 0.0, false);

    /**
     * Validates the hyperparameters.
     *
     * @throws IllegalArgumentException naming the parameter and its value if one is out of range
     */
    public Adadelta {
        rho = ArgumentChecks.requireDecayRate("rho", rho);
        epsilon = ArgumentChecks.requirePositive("epsilon", epsilon);
        weightDecay = ArgumentChecks.requireNonNegative("weightDecay", weightDecay);
    }

    /**
     * PyTorch's {@code torch.optim.Adadelta(params)} defaults: {@link #DEFAULT}.
     *
     * @return the rule
     */
    public static Adadelta pytorch() {
        return DEFAULT;
    }

    /**
     * Returns this rule with decay {@code r}.
     *
     * @param r the decay of both averages, in {@code [0, 1)} also as a float
     * @return this rule with the change
     */
    public Adadelta withRho(double r) {
        return new Adadelta(r, epsilon, weightDecay, maximize);
    }

    /**
     * Returns this rule with {@code eps}.
     *
     * @param eps the epsilon, {@code > 0}
     * @return this rule with the change
     */
    public Adadelta withEpsilon(double eps) {
        return new Adadelta(rho, eps, weightDecay, maximize);
    }

    @Override
    public Adadelta withWeightDecay(double lambda) {
        return new Adadelta(rho, epsilon, lambda, maximize);
    }

    /**
     * Returns this rule ascending instead of descending, or not.
     *
     * @param ascend whether to maximize
     * @return this rule with the change
     */
    public Adadelta withMaximize(boolean ascend) {
        return new Adadelta(rho, epsilon, weightDecay, ascend);
    }

    @Override
    public int stateBuffers() {
        return 2;
    }

    @Override
    public String stateName(int index) {
        return index == 0 ? "squareAverage" : "updateAverage";
    }

    @Override
    public double defaultLearningRate() {
        return DEFAULT_LEARNING_RATE;
    }
}
