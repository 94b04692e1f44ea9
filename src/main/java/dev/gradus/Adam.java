package dev.gradus;

import dev.gradus.internal.ArgumentChecks;

/**
 * Adam (Kingma &amp; Ba, "Adam: A Method for Stochastic Optimization", 2014), with its common
 * variants: AMSGrad (Reddi, Kale &amp; Kumar 2018), decoupled weight decay (AdamW, Loshchilov &amp;
 * Hutter 2019), the "efficient" eps-hat form, and epsilon inside the square root.
 *
 * <pre>
 *   g   &lt;- -g                                     if maximize
 *   g   &lt;- g + lambda * w                          if lambda != 0 and coupled (L2 weight decay)
 *   w   &lt;- w * (1 - a * lambda)                    if lambda != 0 and decoupled (AdamW)
 *   m   &lt;- b1 * m + (1 - b1) * g
 *   v   &lt;- b2 * v + (1 - b2) * g * g
 *   u   =  max(u, v) kept in state (AMSGrad)  or  v
 *
 *   Algorithm 1 (default):  w &lt;- w - a * (m / (1 - b1^t)) / (sqrt(u / (1 - b2^t)) + eps)
 *   efficient form:         w &lt;- w - a_t * m / (sqrt(u) + eps_hat),  a_t = a * sqrt(1 - b2^t) / (1 - b1^t)
 *   epsilon inside:         sqrt(u / (1 - b2^t) + eps), or sqrt(u + eps_hat) in the efficient form
 * </pre>
 *
 * with {@code t = 1, 2, ...} the step number and {@code a} the learning rate of the step. The two
 * forms differ in how epsilon is scaled: the efficient form (Keras, DL4J, Tribuo, DJL) adds it to
 * the uncorrected root. The kernels evaluate each form with one square root and one division per
 * element: the per-step scalars ({@code a / (1 - b1^t)}, {@code 1 / sqrt(1 - b2^t)}, ...) are
 * computed once in {@code double} and narrowed to {@code float}, so Algorithm 1 runs as
 * {@code w - (a / (1 - b1^t)) * (m / (sqrt(u) * (1 / sqrt(1 - b2^t)) + eps))}, equal up to float
 * rounding (the rearrangement PyTorch uses).
 *
 * <p>State, in this order: the first moment {@code m}, the second moment {@code v}, and with
 * AMSGrad the running maximum {@code vmax} of {@code v}; all zero before step 1.
 *
 * @param beta1                decay rate {@code b1} of the first moment, in {@code [0, 1)}, also as a float; default 0.9
 * @param beta2                decay rate {@code b2} of the second moment, in {@code [0, 1)}, also as a float; default 0.999
 * @param epsilon              {@code eps} (or {@code eps_hat}), {@code > 0} and finite as a float (above {@code 2^-150});
 *                             default 1e-8
 * @param form                 Algorithm 1 (default) or the efficient eps-hat form
 * @param epsilonPlacement     outside (default) or inside the square root
 * @param amsgrad              divide by the running maximum of {@code v}; default false
 * @param weightDecay          weight decay {@code lambda}, {@code >= 0} and finite as a float; default 0
 * @param decoupledWeightDecay apply {@code lambda} as AdamW does, to the weights, instead of
 *                             adding {@code lambda * w} to the gradient; default false
 * @param maximize             ascend instead of descend the objective; default {@code false}
 */
public record Adam(double beta1, double beta2, double epsilon, Form form, EpsilonPlacement epsilonPlacement,
                   boolean amsgrad, double weightDecay, boolean decoupledWeightDecay, boolean maximize)
        implements UpdateRule {

    /** The two forms of Adam's update, which scale epsilon differently. */
    public enum Form {
        /** The paper's Algorithm 1: epsilon added to the root of the bias-corrected {@code v}. PyTorch, Optax. */
        ALGORITHM_1,
        /** The paper's "efficient" form: bias corrections folded into the step size, epsilon-hat added to the root of {@code v}. */
        EFFICIENT
    }

    /** The learning rate of the paper's experiments and most frameworks: {@value}. */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;

    /** The paper's defaults: b1 = 0.9, b2 = 0.999, eps = 1e-8, Algorithm 1, no weight decay, minimizing. */
    public static final Adam DEFAULT = new Adam(0.9, 0.999, 1e-8, Form.ALGORITHM_1, EpsilonPlacement.OUTSIDE_SQRT,
            false, 0.0, false, false);

    /**
     * Validates the hyperparameters.
     *
     * @throws IllegalArgumentException naming the parameter and its value if one is out of range
     */
    public Adam {
        beta1 = ArgumentChecks.requireDecayRate("beta1", beta1);
        beta2 = ArgumentChecks.requireDecayRate("beta2", beta2);
        epsilon = ArgumentChecks.requirePositive("epsilon", epsilon);
        ArgumentChecks.requireNonNull("form", form);
        ArgumentChecks.requireNonNull("epsilonPlacement", epsilonPlacement);
        weightDecay = ArgumentChecks.requireNonNegative("weightDecay", weightDecay);
    }

    /**
     * AdamW with PyTorch's defaults: the paper's Adam with decoupled weight decay {@code lambda = 1e-2}.
     * The same rule as {@link #pytorchAdamW()}.
     *
     * @return Adam with decoupled weight decay 0.01 and the paper's other defaults
     */
    public static Adam adamW() {
        return DEFAULT.withWeightDecay(1e-2).withDecoupledWeightDecay(true);
    }

    /**
     * {@code torch.optim.Adam(params)} with its defaults {@code betas=(0.9, 0.999)},
     * {@code eps=1e-8} (added to the root of the bias-corrected {@code v}: Algorithm 1, outside),
     * {@code weight_decay=0}, {@code amsgrad=False}, {@code maximize=False}: {@link #DEFAULT}.
     * PyTorch's {@code lr} (1e-3, as {@link #DEFAULT_LEARNING_RATE}) is the learning rate given to
     * each step.
     *
     * @return the paper's Adam: b1 = 0.9, b2 = 0.999, eps = 1e-8, Algorithm 1, no weight decay,
     *     minimizing
     */
    public static Adam pytorch() {
        return DEFAULT;
    }

    /**
     * {@code torch.optim.AdamW(params)} with its defaults {@code betas=(0.9, 0.999)},
     * {@code eps=1e-8}, {@code weight_decay=1e-2}, {@code amsgrad=False}, {@code maximize=False}:
     * {@link #adamW()}. The decay is decoupled and scaled by the step's learning rate as PyTorch
     * does it, {@code w <- w * (1 - a * lambda)} before the Adam step, with {@code a} the learning
     * rate of that step (PyTorch's {@code lr}, 1e-3 by default, as {@link #DEFAULT_LEARNING_RATE}).
     *
     * @return Adam with decoupled weight decay 0.01 and the paper's other defaults
     */
    public static Adam pytorchAdamW() {
        return adamW();
    }

    /**
     * Returns this rule with first-moment decay rate {@code b1}.
     *
     * @param b1 the first-moment decay rate, in {@code [0, 1)} also as a float
     * @return this rule with the change, the other components as they are
     */
    public Adam withBeta1(double b1) {
        return new Adam(b1, beta2, epsilon, form, epsilonPlacement, amsgrad, weightDecay, decoupledWeightDecay, maximize);
    }

    /**
     * Returns this rule with second-moment decay rate {@code b2}.
     *
     * @param b2 the second-moment decay rate, in {@code [0, 1)} also as a float
     * @return this rule with the change, the other components as they are
     */
    public Adam withBeta2(double b2) {
        return new Adam(beta1, b2, epsilon, form, epsilonPlacement, amsgrad, weightDecay, decoupledWeightDecay, maximize);
    }

    /**
     * Returns this rule with {@code eps}.
     *
     * @param eps {@code eps}, {@code > 0} and finite as a float
     * @return this rule with the change, the other components as they are
     */
    public Adam withEpsilon(double eps) {
        return new Adam(beta1, beta2, eps, form, epsilonPlacement, amsgrad, weightDecay, decoupledWeightDecay, maximize);
    }

    /**
     * Returns this rule in the given form.
     *
     * @param f the form
     * @return this rule with the change, the other components as they are
     */
    public Adam withForm(Form f) {
        return new Adam(beta1, beta2, epsilon, f, epsilonPlacement, amsgrad, weightDecay, decoupledWeightDecay, maximize);
    }

    /**
     * Returns this rule with epsilon inside or outside the square root.
     *
     * @param placement inside or outside the square root
     * @return this rule with the change, the other components as they are
     */
    public Adam withEpsilonPlacement(EpsilonPlacement placement) {
        return new Adam(beta1, beta2, epsilon, form, placement, amsgrad, weightDecay, decoupledWeightDecay, maximize);
    }

    /**
     * Returns this rule with or without AMSGrad.
     *
     * @param on {@code true} for AMSGrad
     * @return this rule with the change, the other components as they are
     */
    public Adam withAmsgrad(boolean on) {
        return new Adam(beta1, beta2, epsilon, form, epsilonPlacement, on, weightDecay, decoupledWeightDecay, maximize);
    }

    /** Returns this rule with weight decay {@code lambda} (coupled or decoupled as before). */
    public Adam withWeightDecay(double lambda) {
        return new Adam(beta1, beta2, epsilon, form, epsilonPlacement, amsgrad, lambda, decoupledWeightDecay, maximize);
    }

    /**
     * Returns this rule applying its weight decay decoupled (AdamW) or coupled.
     *
     * @param decoupled {@code true} for AdamW's decoupled decay
     * @return this rule with the change, the other components as they are
     */
    public Adam withDecoupledWeightDecay(boolean decoupled) {
        return new Adam(beta1, beta2, epsilon, form, epsilonPlacement, amsgrad, weightDecay, decoupled, maximize);
    }

    /**
     * Returns this rule ascending ({@code true}) or descending the objective.
     *
     * @param ascend {@code true} to ascend the objective
     * @return this rule with the change, the other components as they are
     */
    public Adam withMaximize(boolean ascend) {
        return new Adam(beta1, beta2, epsilon, form, epsilonPlacement, amsgrad, weightDecay, decoupledWeightDecay, ascend);
    }

    @Override
    public int stateBuffers() {
        return amsgrad ? 3 : 2;
    }

    @Override
    public String stateName(int index) {
        return switch (index) {
            case 0 -> "m";
            case 1 -> "v";
            default -> "vmax";
        };
    }

    @Override
    public double defaultLearningRate() {
        return DEFAULT_LEARNING_RATE;
    }
}
