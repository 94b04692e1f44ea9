package dev.gradus;

import dev.gradus.internal.ArgumentChecks;

/**
 * Rprop, resilient backpropagation (Riedmiller &amp; Braun 1993), in the convention of PyTorch's
 * {@code torch.optim.Rprop}: each element has its own step size, grown while its gradient keeps
 * its sign and shrunk when the sign flips; the step uses the gradient's sign alone.
 *
 * <pre>
 *   g    &lt;- -g                                        if maximize
 *   g    &lt;- g + lambda * w                             if lambda != 0 (coupled; PyTorch has none)
 *   eta  =  etaPlus if g * prev &gt; 0, etaMinus if g * prev &lt; 0, else 1
 *   s    &lt;- min(max(s * eta, stepSizeMin), stepSizeMax)
 *   g    &lt;- 0                                          if eta == etaMinus (the sign flipped: no step)
 *   w    &lt;- w - signum(g) * s * (a / initialStepSize)
 *   prev &lt;- g                                          prev = 0, s = initialStepSize before step 1
 * </pre>
 *
 * PyTorch's {@code lr} is only the initial step size, here {@link #initialStepSize}, and its step
 * is {@code signum(g) * s}: with the learning rate {@code a} equal to the initial step size (as
 * {@link #pytorch(double)} and the default learning rate have it) the factor is exactly 1 and the
 * steps are PyTorch's bit for bit in the step sizes. Another rate, or a schedule, scales the steps
 * by {@code a / initialStepSize}; a rate of 0 leaves the parameters as they are, as for every rule.
 * The kernels choose {@code eta} and drop the gradient by arithmetic on the sign of
 * {@code g * prev} rather than with masks, which every vector width supports; an infinite gradient
 * element whose sign flipped therefore becomes NaN where PyTorch's becomes 0.
 *
 * <p>State, in this order: the previous gradient {@code prev} and the step sizes {@code s}.
 *
 * @param initialStepSize the step size of every element before step 1, {@code > 0} and finite as a float; default 0.01
 * @param etaMinus        the shrink factor, in {@code (0, 1)}; default 0.5
 * @param etaPlus         the growth factor, {@code > 1} and finite as a float; default 1.2
 * @param stepSizeMin     the smallest step size, {@code >= 0}; default 1e-6
 * @param stepSizeMax     the largest step size, {@code >= stepSizeMin} and finite as a float; default 50
 * @param weightDecay     coupled weight decay {@code lambda}, {@code >= 0} and finite as a float; default 0
 * @param maximize        ascend instead of descend the objective; default {@code false}
 */
public record Rprop(double initialStepSize, double etaMinus, double etaPlus, double stepSizeMin, double stepSizeMax,
                    double weightDecay, boolean maximize) implements UpdateRule {

    /** The learning rate an optimizer is usually built with for Rprop, unused by its steps: {@value}. */
    public static final double DEFAULT_LEARNING_RATE = 1e-2;

    /** {@code torch.optim.Rprop}'s defaults: initial step 0.01, etas (0.5, 1.2), step sizes (1e-6, 50). */
    public static final Rprop DEFAULT = new Rprop(1e-2, 0.5, 1.2, 1e-6, 50.0, 0.0, false);

    /**
     * Validates the hyperparameters.
     *
     * @throws IllegalArgumentException naming the parameter and its value if one is out of range
     */
    public Rprop {
        initialStepSize = ArgumentChecks.requirePositive("initialStepSize", initialStepSize);
        if (!(etaMinus > 0.0 && etaMinus < 1.0)) {
            throw new IllegalArgumentException("etaMinus must be in (0, 1), got " + etaMinus);
        }
        if (!(etaPlus > 1.0)) {
            throw new IllegalArgumentException("etaPlus must be > 1, got " + etaPlus);
        }
        etaPlus = ArgumentChecks.requirePositive("etaPlus", etaPlus);
        stepSizeMin = ArgumentChecks.requireNonNegative("stepSizeMin", stepSizeMin);
        stepSizeMax = ArgumentChecks.requirePositive("stepSizeMax", stepSizeMax);
        if (!(stepSizeMax >= stepSizeMin)) {
            throw new IllegalArgumentException("stepSizeMax must be >= stepSizeMin " + stepSizeMin + ", got "
                    + stepSizeMax);
        }
        weightDecay = ArgumentChecks.requireNonNegative("weightDecay", weightDecay);
    }

    /**
     * PyTorch's {@code torch.optim.Rprop(params, lr)}: {@link #DEFAULT} with {@code lr} as the
     * initial step size.
     *
     * @param lr PyTorch's {@code lr}
     * @return the rule
     */
    public static Rprop pytorch(double lr) {
        return DEFAULT.withInitialStepSize(lr);
    }

    /**
     * Returns this rule with another initial step size.
     *
     * @param step the step size before step 1, {@code > 0}
     * @return this rule with the change
     */
    public Rprop withInitialStepSize(double step) {
        return new Rprop(step, etaMinus, etaPlus, stepSizeMin, stepSizeMax, weightDecay, maximize);
    }

    /**
     * Returns this rule with the shrink and growth factors.
     *
     * @param minus the shrink factor, in {@code (0, 1)}
     * @param plus  the growth factor, {@code > 1}
     * @return this rule with the change
     */
    public Rprop withEtas(double minus, double plus) {
        return new Rprop(initialStepSize, minus, plus, stepSizeMin, stepSizeMax, weightDecay, maximize);
    }

    /**
     * Returns this rule with the bounds of the step sizes.
     *
     * @param min the smallest step size, {@code >= 0}
     * @param max the largest, {@code >= min}
     * @return this rule with the change
     */
    public Rprop withStepSizes(double min, double max) {
        return new Rprop(initialStepSize, etaMinus, etaPlus, min, max, weightDecay, maximize);
    }

    @Override
    public Rprop withWeightDecay(double lambda) {
        return new Rprop(initialStepSize, etaMinus, etaPlus, stepSizeMin, stepSizeMax, lambda, maximize);
    }

    /**
     * Returns this rule ascending instead of descending, or not.
     *
     * @param ascend whether to maximize
     * @return this rule with the change
     */
    public Rprop withMaximize(boolean ascend) {
        return new Rprop(initialStepSize, etaMinus, etaPlus, stepSizeMin, stepSizeMax, weightDecay, ascend);
    }

    @Override
    public int stateBuffers() {
        return 2;
    }

    @Override
    public String stateName(int index) {
        return index == 0 ? "previousGradient" : "stepSize";
    }

    /** {@inheritDoc} The step sizes start at {@link #initialStepSize}, narrowed to a float. */
    @Override
    public float initialStateValue(int index) {
        return index == 1 ? (float) initialStepSize : 0f;
    }

    @Override
    public double defaultLearningRate() {
        return DEFAULT_LEARNING_RATE;
    }
}
