package dev.gradus;

import dev.gradus.internal.ArgumentChecks;

/**
 * Gradient descent with momentum, in the heavy-ball form (PyTorch, cs231n), the EWMA form of the
 * {@linkplain dev.gradus Optimization algorithms week} (optionally bias-corrected), PyTorch's
 * dampened form, and Nesterov's look-ahead.
 *
 * <pre>
 *   g  &lt;- -g                                   if maximize
 *   g  &lt;- g + lambda * w                        if lambda != 0   (coupled L2 weight decay)
 *   v  &lt;- mu * v + (1 - d) * g                  d = dampening; v = 0 before step 1
 *        (v &lt;- g on step 1 if firstStepCopiesGradient, as PyTorch does)
 *   u  =  g + mu * v                            if nesterov (look-ahead, PyTorch form)
 *         v / (1 - mu^t)                        if biasCorrection
 *         v                                     otherwise
 *   w  &lt;- w - a * u
 * </pre>
 *
 * <ul>
 *   <li>{@link #heavyBall(double) heavy ball}: {@code d = 0}, so {@code v <- r*v + g};</li>
 *   <li>{@link #ewma(double) EWMA}: {@code d = mu}, so {@code v <- b*v + (1-b)*g}, an exponentially
 *       weighted average of the gradients; with {@link #withBiasCorrection} the step uses
 *       {@code v / (1 - b^t)};</li>
 *   <li>{@link #nesterov(double) Nesterov}: heavy ball with the look-ahead update;</li>
 *   <li>{@link #pytorch(double, double, boolean) PyTorch's SGD}: any dampening, and
 *       {@code v = g} on step 1 (so its dampened form differs from EWMA on step 1 only);
 *       {@link #pytorch(double)} with PyTorch's defaults for the rest.</li>
 * </ul>
 *
 * <p>State: the velocity {@code v}.
 *
 * @param momentum                {@code mu}, in {@code [0, 1)}, also as a float; default 0.9
 * @param dampening               {@code d}, in {@code [0, 1]}; 0 for heavy ball, {@code mu} for EWMA
 * @param nesterov                use the look-ahead update; requires {@code d = 0} and no bias correction
 * @param biasCorrection          divide {@code v} by {@code 1 - mu^t}; requires the EWMA form ({@code d = mu})
 * @param firstStepCopiesGradient set {@code v = g} on step 1 (PyTorch) instead of
 *                                {@code v = (1 - d) * g}
 * @param weightDecay             coupled L2 weight decay {@code lambda}, {@code >= 0} and finite as a float; default 0
 * @param maximize                ascend instead of descend the objective; default {@code false}
 */
public record Momentum(double momentum, double dampening, boolean nesterov, boolean biasCorrection,
                       boolean firstStepCopiesGradient, double weightDecay, boolean maximize) implements UpdateRule {

    /** The learning rate of most momentum recipes: {@value}. */
    public static final double DEFAULT_LEARNING_RATE = 1e-2;

    /**
     * Validates the hyperparameters.
     *
     * @throws IllegalArgumentException naming the parameter and its value if one is out of range
     *                                  or the options contradict each other
     */
    public Momentum {
        momentum = ArgumentChecks.requireDecayRate("momentum", momentum);
        if (!(dampening >= 0.0 && dampening <= 1.0)) {
            throw new IllegalArgumentException("dampening must be in [0, 1], got " + dampening);
        }
        dampening = dampening + 0.0;
        weightDecay = ArgumentChecks.requireNonNegative("weightDecay", weightDecay);
        if (nesterov && dampening != 0.0) {
            throw new IllegalArgumentException("nesterov requires dampening 0, got " + dampening);
        }
        if (biasCorrection && (dampening != momentum || nesterov)) {
            throw new IllegalArgumentException("biasCorrection requires the EWMA form (dampening == momentum, "
                    + "no nesterov), got momentum " + momentum + ", dampening " + dampening + ", nesterov " + nesterov);
        }
    }

    /**
     * Heavy ball: {@code v <- r*v + g}, {@code w <- w - a*v}.
     *
     * @param r the momentum, in {@code [0, 1)} also as a float
     * @return the rule
     */
    public static Momentum heavyBall(double r) {
        return new Momentum(r, 0.0, false, false, false, 0.0, false);
    }

    /**
     * The EWMA form of the {@linkplain dev.gradus Optimization algorithms week}:
     * {@code v <- b*v + (1-b)*g}, {@code w <- w - a*v}, no bias correction.
     *
     * @param b the decay rate, in {@code [0, 1)} also as a float
     * @return the rule
     */
    public static Momentum ewma(double b) {
        return new Momentum(b, b, false, false, false, 0.0, false);
    }

    /**
     * Nesterov (PyTorch form): {@code v <- r*v + g}, {@code w <- w - a*(g + r*v)}.
     *
     * @param r the momentum, in {@code [0, 1)} also as a float
     * @return the rule
     */
    public static Momentum nesterov(double r) {
        return new Momentum(r, 0.0, true, false, false, 0.0, false);
    }

    /**
     * {@code torch.optim.SGD(params, momentum=mu, dampening=d, nesterov=nesterov)}, including
     * {@code v = g} on step 1; PyTorch's {@code weight_decay} and {@code maximize} are
     * {@link #withWeightDecay} and {@link #withMaximize}, its {@code lr} is the learning rate given
     * to each step (1e-3 by default in recent 2.x releases, required in 1.13).
     *
     * <p>Two of PyTorch's edge cases are followed exactly:
     * <ul>
     *   <li>with {@code mu = 0} PyTorch keeps no momentum buffer and ignores the dampening: the
     *       step is plain SGD. The rule returned then has dampening 0 whatever {@code d} is (after
     *       {@code d} is checked to lie in {@code [0, 1]}), so that {@code v <- 0 * v + g = g} and
     *       every step is {@code w <- w - a * g}, the bits of {@link Sgd}'s step as long as the
     *       gradients are finite. The velocity buffer is still kept (it holds the last {@code g}).
     *       (A {@code d > 0} kept would scale the gradient by {@code 1 - d} from step 2 on.)</li>
     *   <li>PyTorch rejects {@code nesterov=True} unless {@code momentum > 0} and
     *       {@code dampening = 0} ("Nesterov momentum requires a momentum and zero dampening"): so
     *       does this factory, although the canonical constructor and {@link #nesterov(double)}
     *       accept a Nesterov rule with momentum 0 (which steps as plain SGD).</li>
     * </ul>
     *
     * @param mu the momentum, in {@code [0, 1)} also as a float
     * @param d the dampening, in {@code [0, 1]}; ignored (set to 0) if {@code mu = 0}
     * @param nesterov the look-ahead update (requires {@code mu > 0} and {@code d = 0})
     * @return the rule
     * @throws IllegalArgumentException naming the parameter and its value if {@code mu} or {@code d}
     *                                  is out of range, or if {@code nesterov} is given with
     *                                  {@code d != 0} or {@code mu = 0}
     */
    public static Momentum pytorch(double mu, double d, boolean nesterov) {
        Momentum rule = new Momentum(mu, d, nesterov, false, true, 0.0, false);
        if (rule.momentum() != 0.0) {
            return rule;
        }
        if (nesterov) {
            throw new IllegalArgumentException("nesterov requires momentum > 0, got " + rule.momentum());
        }
        return new Momentum(0.0, 0.0, false, false, true, 0.0, false);
    }

    /**
     * {@code torch.optim.SGD(params, momentum=mu)}: PyTorch's defaults {@code dampening=0},
     * {@code nesterov=False}, {@code weight_decay=0}, that is {@link #pytorch(double, double, boolean)
     * pytorch(mu, 0, false)}, {@code v <- mu * v + g} with {@code v = g} on step 1. It steps as
     * {@link #heavyBall(double) heavyBall(mu)} (whose {@code v} starts at 0, so that its step 1 also
     * gives {@code v = g}) but is a different record, with {@link #firstStepCopiesGradient()} set.
     * With {@code mu = 0} the step is plain SGD, as in PyTorch.
     *
     * @param mu the momentum, in {@code [0, 1)} also as a float
     * @return the rule
     * @throws IllegalArgumentException naming {@code momentum} and its value if {@code mu} is out of range
     */
    public static Momentum pytorch(double mu) {
        return pytorch(mu, 0.0, false);
    }

    /**
     * Returns this rule with the step using {@code v / (1 - mu^t)}.
     *
     * @param corrected {@code true} to divide by {@code 1 - mu^t} (EWMA form only)
     * @return this rule with the change, the other components as they are
     */
    public Momentum withBiasCorrection(boolean corrected) {
        return new Momentum(momentum, dampening, nesterov, corrected, firstStepCopiesGradient, weightDecay, maximize);
    }

    /** Returns this rule with coupled L2 weight decay {@code lambda}. */
    public Momentum withWeightDecay(double lambda) {
        return new Momentum(momentum, dampening, nesterov, biasCorrection, firstStepCopiesGradient, lambda, maximize);
    }

    /**
     * Returns this rule ascending ({@code true}) or descending the objective.
     *
     * @param ascend {@code true} to ascend the objective
     * @return this rule with the change, the other components as they are
     */
    public Momentum withMaximize(boolean ascend) {
        return new Momentum(momentum, dampening, nesterov, biasCorrection, firstStepCopiesGradient, weightDecay, ascend);
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
