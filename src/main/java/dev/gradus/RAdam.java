package dev.gradus;

import dev.gradus.internal.ArgumentChecks;

/**
 * RAdam, rectified Adam (Liu et al. 2020, "On the Variance of the Adaptive Learning Rate and
 * Beyond"), in the convention of PyTorch's {@code torch.optim.RAdam}: while the variance of the
 * adaptive step is not yet tractable the step is momentum's, afterwards Adam's scaled by a
 * rectification term.
 *
 * <pre>
 *   g    &lt;- -g                                            if maximize
 *   g    &lt;- g + lambda * w                                 if lambda != 0 and coupled (PyTorch's weight_decay)
 *   w    &lt;- w * (1 - a * lambda)                          if lambda != 0 and decoupled (decoupled_weight_decay)
 *   m    &lt;- b1 * m + (1 - b1) * g;   v &lt;- b2 * v + (1 - b2) * g * g
 *   c1   =  1 - b1^t;   c2 = 1 - b2^t
 *   rho  =  2 / (1 - b2) - 1;   rho_t = rho - 2 t b2^t / c2
 *   rho_t &gt; 5:  r = sqrt((rho_t - 4)(rho_t - 2) rho / ((rho - 4)(rho - 2) rho_t))
 *               w &lt;- w - (a r sqrt(c2) / c1) * m / (sqrt(v) + eps)
 *   otherwise:  w &lt;- w - (a / c1) * m
 * </pre>
 *
 * Both cases run on {@link Adam}'s kernel: the first as its efficient form, the second with the
 * root's scale 0 and epsilon 1, so that its denominator is exactly 1 (an element whose {@code v}
 * overflowed to infinity then steps to NaN, where PyTorch steps by {@code m / c1}). Decoupled
 * decay is Adam's too: the kernel steps from {@code w * (1 - a * lambda)}, as PyTorch 2.x's
 * {@code RAdam(decoupled_weight_decay=True)} multiplies the parameter first. The per-step scalars
 * are computed in double and narrowed to float once per step.
 *
 * <p>State, in this order: the first moment {@code m} and the second moment {@code v}.
 *
 * @param beta1                decay rate {@code b1} of the first moment, in {@code [0, 1)} also as a float; default 0.9
 * @param beta2                decay rate {@code b2} of the second moment, in {@code [0, 1)} also as a float; default 0.999
 * @param epsilon              {@code eps}, {@code > 0} and finite as a float; default 1e-8
 * @param weightDecay          {@code lambda}, {@code >= 0} and finite as a float; default 0
 * @param decoupledWeightDecay apply {@code lambda} to the weights as AdamW does instead of adding
 *                             {@code lambda * w} to the gradient; default false
 * @param maximize             ascend instead of descend the objective; default {@code false}
 */
public record RAdam(double beta1, double beta2, double epsilon, double weightDecay, boolean decoupledWeightDecay,
                    boolean maximize) implements UpdateRule {

    /** PyTorch's learning rate: {@value}. */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;

    /** {@code torch.optim.RAdam}'s defaults: betas 0.9 and 0.999, epsilon 1e-8, no decay. */
    public static final RAdam DEFAULT = new RAdam(0.9, 0.999, 1e-8, 0.0, false, false);

    /**
     * Validates the hyperparameters.
     *
     * @throws IllegalArgumentException naming the parameter and its value if one is out of range
     */
    public RAdam {
        beta1 = ArgumentChecks.requireDecayRate("beta1", beta1);
        beta2 = ArgumentChecks.requireDecayRate("beta2", beta2);
        epsilon = ArgumentChecks.requirePositive("epsilon", epsilon);
        weightDecay = ArgumentChecks.requireNonNegative("weightDecay", weightDecay);
    }

    /**
     * RAdam with coupled weight decay, as {@code torch.optim.RAdam} 1.13 has it.
     *
     * @param beta1       decay rate of the first moment, in {@code [0, 1)} also as a float
     * @param beta2       decay rate of the second moment, in {@code [0, 1)} also as a float
     * @param epsilon     {@code > 0} and finite as a float
     * @param weightDecay coupled weight decay, {@code >= 0} and finite as a float
     * @param maximize    ascend instead of descend the objective
     * @throws IllegalArgumentException naming the parameter and its value if one is out of range
     */
    public RAdam(double beta1, double beta2, double epsilon, double weightDecay, boolean maximize) {
        this(beta1, beta2, epsilon, weightDecay, false, maximize);
    }

    /**
     * PyTorch's {@code torch.optim.RAdam(params)} defaults: {@link #DEFAULT}.
     *
     * @return the rule
     */
    public static RAdam pytorch() {
        return DEFAULT;
    }

    /**
     * Whether step {@code t} is rectified: {@code rho_t > 5}, as PyTorch decides it.
     *
     * @param t the step, {@code >= 1}
     * @return whether the step is Adam's, scaled by the rectification term
     */
    public boolean rectified(long t) {
        return rhoT(t) > 5;
    }

    /**
     * The rectification term {@code r} of step {@code t}, or 0 if the step is not rectified: it is
     * {@code > 0} exactly when {@link #rectified} is true (then {@code rho > rho_t > 5}).
     *
     * @param t the step, {@code >= 1}
     * @return {@code r}
     */
    public double rectification(long t) {
        double rho = 2 / (1 - beta2) - 1;
        double rhoT = rhoT(t);
        return rhoT > 5 ? Math.sqrt((rhoT - 4) * (rhoT - 2) * rho / ((rho - 4) * (rho - 2) * rhoT)) : 0;
    }

    private double rhoT(long t) {
        double power = Math.pow(beta2, t);
        return 2 / (1 - beta2) - 1 - 2 * t * power / (1 - power);
    }

    /**
     * Returns this rule with betas {@code b1} and {@code b2}.
     *
     * @param b1 the first moment's decay rate, in {@code [0, 1)} also as a float
     * @param b2 the second moment's decay rate, in {@code [0, 1)} also as a float
     * @return this rule with the change
     */
    public RAdam withBetas(double b1, double b2) {
        return new RAdam(b1, b2, epsilon, weightDecay, decoupledWeightDecay, maximize);
    }

    /**
     * Returns this rule with {@code eps}.
     *
     * @param eps the epsilon, {@code > 0}
     * @return this rule with the change
     */
    public RAdam withEpsilon(double eps) {
        return new RAdam(beta1, beta2, eps, weightDecay, decoupledWeightDecay, maximize);
    }

    /** Returns this rule with weight decay {@code lambda} (coupled or decoupled as before). */
    @Override
    public RAdam withWeightDecay(double lambda) {
        return new RAdam(beta1, beta2, epsilon, lambda, decoupledWeightDecay, maximize);
    }

    /**
     * Returns this rule applying its weight decay decoupled (AdamW-style) or coupled.
     *
     * @param decoupled {@code true} for decoupled decay, {@code w <- w * (1 - a * lambda)} before the step
     * @return this rule with the change
     */
    public RAdam withDecoupledWeightDecay(boolean decoupled) {
        return new RAdam(beta1, beta2, epsilon, weightDecay, decoupled, maximize);
    }

    /**
     * Returns this rule ascending instead of descending, or not.
     *
     * @param ascend whether to maximize
     * @return this rule with the change
     */
    public RAdam withMaximize(boolean ascend) {
        return new RAdam(beta1, beta2, epsilon, weightDecay, decoupledWeightDecay, ascend);
    }

    @Override
    public int stateBuffers() {
        return 2;
    }

    @Override
    public String stateName(int index) {
        return index == 0 ? "m" : "v";
    }

    @Override
    public double defaultLearningRate() {
        return DEFAULT_LEARNING_RATE;
    }
}
