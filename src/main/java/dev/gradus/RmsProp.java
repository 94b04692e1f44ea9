package dev.gradus;

import dev.gradus.internal.ArgumentChecks;

/**
 * RMSProp (Tieleman &amp; Hinton, Lecture 6.5 of "Neural Networks for Machine Learning", 2012): each
 * coordinate's step is divided by the root of an exponentially weighted average of its squared
 * gradients; optionally centered (Graves 2013) and with momentum on the scaled step (PyTorch, Keras).
 *
 * <pre>
 *   g    &lt;- -g                           if maximize
 *   g    &lt;- g + lambda * w                if lambda != 0   (coupled L2 weight decay)
 *   s    &lt;- b * s + (1 - b) * g * g
 *   q    =  max(s - mbar * mbar, 0),  mbar &lt;- b * mbar + (1 - b) * g   if centered (mbar first)
 *           s                                                 otherwise
 *   d    =  sqrt(q) + eps                 (epsilon outside the root, the default)
 *           sqrt(q + eps)                 (epsilon inside)
 *   buf  &lt;- mu * buf + g / d;  w &lt;- w - a * buf              if mu &gt; 0
 *   w    &lt;- w - a * g / d                                     otherwise
 * </pre>
 *
 * <p>Centered, {@code s - mbar^2} is a variance, never negative except by rounding; it is
 * clamped at zero so that rounding cannot turn the square root into NaN.
 *
 * <p>State, in this order: the square average {@code s}, then the gradient average {@code mbar}
 * if centered, then the momentum buffer {@code buf} if {@code mu > 0}; all zero before step 1.
 *
 * @param decay            {@code b} (PyTorch's {@code alpha}, Keras' {@code rho}), in {@code [0, 1)}, also as
 *                         a float; default 0.9 (the {@linkplain dev.gradus Optimization algorithms week}
 *                         and Keras; PyTorch uses 0.99)
 * @param epsilon          {@code eps}, {@code > 0} and finite as a float (above {@code 2^-150}); default 1e-8
 * @param centered         divide by an estimate of the gradient's standard deviation; default false
 * @param momentum         {@code mu}, in {@code [0, 1)}, also as a float; default 0 (none)
 * @param epsilonPlacement outside ({@code sqrt(q) + eps}, default) or inside the square root
 * @param weightDecay      coupled L2 weight decay {@code lambda}, {@code >= 0} and finite as a float; default 0
 * @param maximize         ascend instead of descend the objective; default {@code false}
 */
public record RmsProp(double decay, double epsilon, boolean centered, double momentum,
                      EpsilonPlacement epsilonPlacement, double weightDecay, boolean maximize) implements UpdateRule {

    /** The learning rate of Keras' RMSProp: {@value} (PyTorch defaults to 1e-2). */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;

    /**
     * b = 0.9, eps = 1e-8, not centered, no momentum, epsilon outside, no weight decay, minimizing;
     * PyTorch's defaults differ in the decay, see {@link #pytorch()}.
     */
    public static final RmsProp DEFAULT = new RmsProp(0.9, 1e-8, false, 0.0, EpsilonPlacement.OUTSIDE_SQRT, 0.0, false);

    /**
     * {@code torch.optim.RMSprop(params)} with its defaults {@code alpha=0.99}, {@code eps=1e-8}
     * (outside the root), {@code weight_decay=0}, {@code momentum=0}, {@code centered=False},
     * {@code maximize=False}: {@link #DEFAULT} with decay 0.99. {@link #DEFAULT} keeps the decay
     * 0.9 of the {@linkplain dev.gradus Optimization algorithms week}, Keras and Optax, so that
     * PyTorch's square average spans about 100 steps ({@code 1 / (1 - b)}) instead of 10. PyTorch's {@code lr} is the learning rate given
     * to each step; it defaults to 0.01, ten times {@link #DEFAULT_LEARNING_RATE} (Keras' 1e-3).
     *
     * @return RMSProp with b = 0.99, eps = 1e-8 outside the root, not centered, no momentum, no
     *     weight decay, minimizing
     */
    public static RmsProp pytorch() {
        return DEFAULT.withDecay(0.99);
    }

    /**
     * Validates the hyperparameters.
     *
     * @throws IllegalArgumentException naming the parameter and its value if one is out of range
     */
    public RmsProp {
        decay = ArgumentChecks.requireDecayRate("decay", decay);
        epsilon = ArgumentChecks.requirePositive("epsilon", epsilon);
        momentum = ArgumentChecks.requireDecayRate("momentum", momentum);
        ArgumentChecks.requireNonNull("epsilonPlacement", epsilonPlacement);
        weightDecay = ArgumentChecks.requireNonNegative("weightDecay", weightDecay);
    }

    /**
     * Returns this rule with decay rate {@code b}.
     *
     * @param b the decay rate, in {@code [0, 1)} also as a float
     * @return this rule with the change, the other components as they are
     */
    public RmsProp withDecay(double b) {
        return new RmsProp(b, epsilon, centered, momentum, epsilonPlacement, weightDecay, maximize);
    }

    /**
     * Returns this rule with {@code eps}.
     *
     * @param eps {@code eps}, {@code > 0} and finite as a float
     * @return this rule with the change, the other components as they are
     */
    public RmsProp withEpsilon(double eps) {
        return new RmsProp(decay, eps, centered, momentum, epsilonPlacement, weightDecay, maximize);
    }

    /**
     * Returns this rule centered or not.
     *
     * @param center {@code true} to divide by the estimated standard deviation
     * @return this rule with the change, the other components as they are
     */
    public RmsProp withCentered(boolean center) {
        return new RmsProp(decay, epsilon, center, momentum, epsilonPlacement, weightDecay, maximize);
    }

    /**
     * Returns this rule with momentum {@code mu} on the scaled step (0 for none).
     *
     * @param mu the momentum, in {@code [0, 1)} also as a float; 0 for none
     * @return this rule with the change, the other components as they are
     */
    public RmsProp withMomentum(double mu) {
        return new RmsProp(decay, epsilon, centered, mu, epsilonPlacement, weightDecay, maximize);
    }

    /**
     * Returns this rule with epsilon inside or outside the square root.
     *
     * @param placement inside or outside the square root
     * @return this rule with the change, the other components as they are
     */
    public RmsProp withEpsilonPlacement(EpsilonPlacement placement) {
        return new RmsProp(decay, epsilon, centered, momentum, placement, weightDecay, maximize);
    }

    /** Returns this rule with coupled L2 weight decay {@code lambda}. */
    public RmsProp withWeightDecay(double lambda) {
        return new RmsProp(decay, epsilon, centered, momentum, epsilonPlacement, lambda, maximize);
    }

    /**
     * Returns this rule ascending ({@code true}) or descending the objective.
     *
     * @param ascend {@code true} to ascend the objective
     * @return this rule with the change, the other components as they are
     */
    public RmsProp withMaximize(boolean ascend) {
        return new RmsProp(decay, epsilon, centered, momentum, epsilonPlacement, weightDecay, ascend);
    }

    /**
     * Whether the rule keeps a momentum buffer.
     *
     * @return whether {@code momentum > 0}
     */
    public boolean hasMomentum() {
        return momentum > 0.0;
    }

    @Override
    public int stateBuffers() {
        return 1 + (centered ? 1 : 0) + (hasMomentum() ? 1 : 0);
    }

    @Override
    public String stateName(int index) {
        return switch (index) {
            case 0 -> "squareAverage";
            case 1 -> centered ? "gradientAverage" : "momentumBuffer";
            default -> "momentumBuffer";
        };
    }

    @Override
    public double defaultLearningRate() {
        return DEFAULT_LEARNING_RATE;
    }
}
