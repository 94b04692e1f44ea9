package dev.gradus;

import dev.gradus.internal.ArgumentChecks;

/**
 * LARS, layer-wise adaptive rate scaling (You, Gitman and Ginsburg 2017, "Large Batch Training of
 * Convolutional Networks"), in the form of NVIDIA's LARC: momentum SGD whose gradient is scaled,
 * per parameter, by a trust ratio of the norms of the weights and the gradient.
 *
 * <pre>
 *   g  &lt;- -g                                                 if maximize
 *   r  =  eta * ||w|| / (||g|| + lambda * ||w|| + epsilon)     if ||w|| &gt; 0 and ||g|| &gt; 0, else 1
 *   g  &lt;- g * r + (r * lambda) * w
 *   v  &lt;- mu * v + g                                         v = 0 before step 1
 *   w  &lt;- w - a * (nesterov ? g + mu * v : v)
 * </pre>
 *
 * <p>The norms are those of the whole parameter ({@link Optimizer}) or of the range a
 * {@link Kernels#step(UpdateRule, double, long, java.lang.foreign.MemorySegment,
 * java.lang.foreign.MemorySegment, java.util.List, long, long) Kernels.step} call is given, which
 * is then the layer: square roots of sums of squares in double in the order of {@link Norms}, so
 * the ratio has the same bits for any thread count and vector width. {@code r} and
 * {@code r * lambda} are computed in double and narrowed to float, and the rest is the
 * {@link Momentum} kernel's arithmetic with the gradient scaled by {@code r} and the coupled weight
 * decay {@code r * lambda}. With {@link GradientClipping} the clipped gradient's norm enters
 * {@code r}, and the gradient is scaled by the clip factor times {@code r}.
 *
 * <p>Optax's {@code lars} measures {@code ||g + lambda * w||} instead of
 * {@code ||g|| + lambda * ||w||}, and keeps the learning rate inside the velocity; with a constant
 * learning rate and {@code lambda = 0} the two agree to rounding.
 *
 * <p>State: the velocity {@code v}.
 *
 * @param momentum         {@code mu}, in {@code [0, 1)}, also as a float; default 0.9
 * @param trustCoefficient {@code eta}, {@code > 0} and finite as a float; default 0.001
 * @param weightDecay      {@code lambda}, {@code >= 0} and finite as a float; default 0
 * @param epsilon          added to the ratio's denominator, {@code >= 0} and finite; default 0
 * @param nesterov         use the look-ahead update; default {@code false}
 * @param maximize         ascend instead of descend the objective; default {@code false}
 */
public record Lars(double momentum, double trustCoefficient, double weightDecay, double epsilon, boolean nesterov,
                   boolean maximize) implements UpdateRule {

    /** A base learning rate of LARS recipes at moderate batch sizes: {@value}. */
    public static final double DEFAULT_LEARNING_RATE = 0.1;

    /** LARS with momentum 0.9, trust coefficient 0.001, no weight decay and epsilon 0. */
    public static final Lars DEFAULT = new Lars(0.9, 1e-3, 0.0, 0.0, false, false);

    /**
     * Validates the hyperparameters.
     *
     * @throws IllegalArgumentException naming the parameter and its value if one is out of range
     */
    public Lars {
        momentum = ArgumentChecks.requireDecayRate("momentum", momentum);
        trustCoefficient = ArgumentChecks.requirePositive("trustCoefficient", trustCoefficient);
        weightDecay = ArgumentChecks.requireNonNegative("weightDecay", weightDecay);
        epsilon = ArgumentChecks.requireNonNegativeDouble("epsilon", epsilon);
    }

    /**
     * Returns this rule with momentum {@code mu}.
     *
     * @param mu the momentum, in {@code [0, 1)} also as a float
     * @return this rule with the change
     */
    public Lars withMomentum(double mu) {
        return new Lars(mu, trustCoefficient, weightDecay, epsilon, nesterov, maximize);
    }

    /**
     * Returns this rule with trust coefficient {@code eta}.
     *
     * @param eta the trust coefficient, {@code > 0}
     * @return this rule with the change
     */
    public Lars withTrustCoefficient(double eta) {
        return new Lars(momentum, eta, weightDecay, epsilon, nesterov, maximize);
    }

    @Override
    public Lars withWeightDecay(double lambda) {
        return new Lars(momentum, trustCoefficient, lambda, epsilon, nesterov, maximize);
    }

    /**
     * Returns this rule with {@code epsilon} in the ratio's denominator.
     *
     * @param eps the epsilon, {@code >= 0}
     * @return this rule with the change
     */
    public Lars withEpsilon(double eps) {
        return new Lars(momentum, trustCoefficient, weightDecay, eps, nesterov, maximize);
    }

    /**
     * Returns this rule with Nesterov's look-ahead update on or off.
     *
     * @param lookAhead whether to use it
     * @return this rule with the change
     */
    public Lars withNesterov(boolean lookAhead) {
        return new Lars(momentum, trustCoefficient, weightDecay, epsilon, lookAhead, maximize);
    }

    /**
     * Returns this rule ascending instead of descending, or not.
     *
     * @param ascend whether to maximize
     * @return this rule with the change
     */
    public Lars withMaximize(boolean ascend) {
        return new Lars(momentum, trustCoefficient, weightDecay, epsilon, nesterov, ascend);
    }

    @Override
    public int stateBuffers() {
        return 1;
    }

    @Override
    public String stateName(int index) {
        return "velocity";
    }

    @Override
    public double defaultLearningRate() {
        return DEFAULT_LEARNING_RATE;
    }
}
