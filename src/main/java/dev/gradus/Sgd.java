package dev.gradus;

import dev.gradus.internal.ArgumentChecks;

/**
 * Plain gradient descent (also mini-batch or stochastic gradient descent, depending on how many
 * examples the gradient was computed from).
 *
 * <pre>
 *   g  &lt;- -g                 if maximize
 *   g  &lt;- g + lambda * w      if lambda != 0   (coupled L2 weight decay)
 *   w  &lt;- w - a * g
 * </pre>
 *
 * where {@code a} is the learning rate of the step (given to the kernel, not part of the rule) and
 * {@code lambda} is {@link #weightDecay()}. The rule keeps no state.
 *
 * @param weightDecay coupled L2 weight decay {@code lambda}, {@code >= 0} and finite as a float; default 0
 * @param maximize    ascend instead of descend the objective; default {@code false}
 */
public record Sgd(double weightDecay, boolean maximize) implements UpdateRule {

    /** The learning rate most recipes start from: {@value}. */
    public static final double DEFAULT_LEARNING_RATE = 1e-2;

    /** Plain gradient descent: no weight decay, minimizing. */
    public static final Sgd DEFAULT = new Sgd(0.0, false);

    /**
     * {@code torch.optim.SGD(params)} with its defaults {@code momentum=0}, {@code dampening=0},
     * {@code weight_decay=0}, {@code nesterov=False}, {@code maximize=False}: {@link #DEFAULT}.
     * PyTorch's {@code lr} is the learning rate given to each step; it defaults to 1e-3 in recent
     * 2.x releases (it is required in 1.13), while {@link #DEFAULT_LEARNING_RATE} stays 1e-2. For
     * {@code SGD} with momentum, see {@link Momentum#pytorch(double, double, boolean)}.
     *
     * @return plain gradient descent, no weight decay, minimizing
     */
    public static Sgd pytorch() {
        return DEFAULT;
    }

    /**
     * Validates the hyperparameters.
     *
     * @throws IllegalArgumentException naming the parameter and its value if one is out of range
     */
    public Sgd {
        weightDecay = ArgumentChecks.requireNonNegative("weightDecay", weightDecay);
    }

    /** Returns this rule with coupled L2 weight decay {@code lambda}. */
    public Sgd withWeightDecay(double lambda) {
        return new Sgd(lambda, maximize);
    }

    /**
     * Returns this rule ascending ({@code true}) or descending the objective.
     *
     * @param ascend {@code true} to ascend the objective
     * @return this rule with the change, the other components as they are
     */
    public Sgd withMaximize(boolean ascend) {
        return new Sgd(weightDecay, ascend);
    }

    @Override
    public int stateBuffers() {
        return 0;
    }

    @Override
    public String stateName(int index) {
        throw new IndexOutOfBoundsException("Sgd keeps no state, asked for buffer " + index);
    }

    @Override
    public double defaultLearningRate() {
        return DEFAULT_LEARNING_RATE;
    }
}
