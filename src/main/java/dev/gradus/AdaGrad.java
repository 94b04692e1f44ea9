package dev.gradus;

import dev.gradus.internal.ArgumentChecks;

/**
 * AdaGrad (Duchi, Hazan &amp; Singer, "Adaptive Subgradient Methods", 2011): each coordinate's step
 * is divided by the root of the sum of its squared gradients.
 *
 * <pre>
 *   g  &lt;- -g                          if maximize
 *   g  &lt;- g + lambda * w               if lambda != 0   (coupled L2 weight decay)
 *   r  &lt;- r + g * g                    r = r0 before step 1
 *   w  &lt;- w - a * g / (sqrt(r) + eps)  (epsilon outside the root, the default)
 *   w  &lt;- w - a * g / sqrt(r + eps)    (epsilon inside)
 * </pre>
 *
 * <p>State: the accumulator {@code r}, which must hold {@link #initialAccumulator()} in every
 * element before step 1 ({@link #initialStateValue(int)}).
 *
 * @param epsilon            {@code eps}, {@code > 0} and finite as a float (above {@code 2^-150}); default 1e-10
 * @param initialAccumulator {@code r0}, {@code >= 0} and finite as a float; default 0 (PyTorch, Tribuo; Keras
 *                           and Optax use 0.1)
 * @param epsilonPlacement   outside ({@code sqrt(r) + eps}, default) or inside the square root
 * @param weightDecay        coupled L2 weight decay {@code lambda}, {@code >= 0} and finite as a float; default 0
 * @param maximize           ascend instead of descend the objective; default {@code false}
 */
public record AdaGrad(double epsilon, double initialAccumulator, EpsilonPlacement epsilonPlacement,
                      double weightDecay, boolean maximize) implements UpdateRule {

    /** The learning rate of PyTorch's and Tribuo's AdaGrad: {@value}. */
    public static final double DEFAULT_LEARNING_RATE = 1e-2;

    /** eps = 1e-10, r0 = 0, epsilon outside the root, no weight decay, minimizing. */
    public static final AdaGrad DEFAULT = new AdaGrad(1e-10, 0.0, EpsilonPlacement.OUTSIDE_SQRT, 0.0, false);

    /**
     * {@code torch.optim.Adagrad(params)} with its defaults {@code lr_decay=0},
     * {@code weight_decay=0}, {@code initial_accumulator_value=0}, {@code eps=1e-10} (outside the
     * root), {@code maximize=False}: {@link #DEFAULT}. PyTorch's {@code lr} (0.01, as
     * {@link #DEFAULT_LEARNING_RATE}) is the learning rate given to each step. Its
     * {@code lr_decay}, step {@code t} using {@code lr / (1 + (t - 1) * lr_decay)}, is not part of
     * the rule: it is the schedule
     * {@code new ConstantSchedule(lr).followedBy(1, new InverseTimeDecay(lr, lr_decay))} of
     * {@link dev.gradus.schedule.InverseTimeDecay} (whose own count starts at 1, so it runs one step
     * behind PyTorch's {@code t} when used alone).
     *
     * @return AdaGrad with eps = 1e-10 outside the root, r0 = 0, no weight decay, minimizing
     */
    public static AdaGrad pytorch() {
        return DEFAULT;
    }

    /**
     * Validates the hyperparameters.
     *
     * @throws IllegalArgumentException naming the parameter and its value if one is out of range
     */
    public AdaGrad {
        epsilon = ArgumentChecks.requirePositive("epsilon", epsilon);
        initialAccumulator = ArgumentChecks.requireNonNegative("initialAccumulator", initialAccumulator);
        ArgumentChecks.requireNonNull("epsilonPlacement", epsilonPlacement);
        weightDecay = ArgumentChecks.requireNonNegative("weightDecay", weightDecay);
    }

    /**
     * Returns this rule with {@code eps}.
     *
     * @param eps {@code eps}, {@code > 0} and finite as a float
     * @return this rule with the change, the other components as they are
     */
    public AdaGrad withEpsilon(double eps) {
        return new AdaGrad(eps, initialAccumulator, epsilonPlacement, weightDecay, maximize);
    }

    /**
     * Returns this rule with accumulator start {@code r0}.
     *
     * @param r0 the accumulator start, {@code >= 0} and finite as a float
     * @return this rule with the change, the other components as they are
     */
    public AdaGrad withInitialAccumulator(double r0) {
        return new AdaGrad(epsilon, r0, epsilonPlacement, weightDecay, maximize);
    }

    /**
     * Returns this rule with epsilon inside or outside the square root.
     *
     * @param placement inside or outside the square root
     * @return this rule with the change, the other components as they are
     */
    public AdaGrad withEpsilonPlacement(EpsilonPlacement placement) {
        return new AdaGrad(epsilon, initialAccumulator, placement, weightDecay, maximize);
    }

    /** Returns this rule with coupled L2 weight decay {@code lambda}. */
    public AdaGrad withWeightDecay(double lambda) {
        return new AdaGrad(epsilon, initialAccumulator, epsilonPlacement, lambda, maximize);
    }

    /**
     * Returns this rule ascending ({@code true}) or descending the objective.
     *
     * @param ascend {@code true} to ascend the objective
     * @return this rule with the change, the other components as they are
     */
    public AdaGrad withMaximize(boolean ascend) {
        return new AdaGrad(epsilon, initialAccumulator, epsilonPlacement, weightDecay, ascend);
    }

    @Override
    public int stateBuffers() {
        return 1;
    }

    @Override
    public String stateName(int index) {
        return "accumulator";
    }

    @Override
    public float initialStateValue(int index) {
        return (float) initialAccumulator;
    }

    @Override
    public double defaultLearningRate() {
        return DEFAULT_LEARNING_RATE;
    }
}
