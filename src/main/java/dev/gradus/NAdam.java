package dev.gradus;

import dev.gradus.internal.ArgumentChecks;

/**
 * NAdam, Adam with Nesterov momentum (Dozat 2016, "Incorporating Nesterov Momentum into Adam"), in
 * the convention of PyTorch's {@code torch.optim.NAdam}: the first moment's weight follows a
 * warming schedule {@code mu_t}, and the step combines the current gradient and the first moment,
 * each with its own bias correction.
 *
 * <pre>
 *   g    &lt;- -g                                          if maximize
 *   g    &lt;- g + lambda * w                               if lambda != 0 and coupled (PyTorch's weight_decay)
 *   w    &lt;- w * (1 - a * lambda)                         if lambda != 0 and decoupled (decoupled_weight_decay)
 *   mu_t =  b1 * (1 - 0.5 * 0.96^(t * psi))              the momentum schedule, psi = momentumDecay
 *   P_t  =  mu_1 * mu_2 * ... * mu_t
 *   m    &lt;- b1 * m + (1 - b1) * g;   v &lt;- b2 * v + (1 - b2) * g * g       m = v = 0 before step 1
 *   d    =  sqrt(v / (1 - b2^t)) + eps
 *   w    &lt;- w - a (1 - mu_t) / (1 - P_t) * g / d - a mu_{t+1} / (1 - P_t mu_{t+1}) * m / d
 * </pre>
 *
 * PyTorch keeps {@code P_t} as per-parameter state; it depends on {@code t} alone, so Gradus keeps
 * no such state and computes it from {@code t} once per step ({@link #logMuProduct(long)}). The
 * two step sizes are computed in double, with {@code 1 - P} as {@code -expm1(ln P)}, and narrowed
 * to float once per step; the kernels then evaluate
 * {@code (c_g * g + c_m * m) / (sqrt(v) * (1 / sqrt(1 - b2^t)) + eps)}, which equals PyTorch's two
 * updates up to float rounding. (The default single-tensor path of torch 1.13 divides the moment's
 * term by {@code 1 - P_t mu_t mu_{t+1}}, a slip that its multi-tensor path and PyTorch 2.0 correct;
 * Gradus follows the corrected formula.)
 *
 * <p>State, in this order: the first moment {@code m} and the second moment {@code v}.
 *
 * @param beta1                decay rate {@code b1} of the first moment, in {@code [0, 1)} also as a float; default 0.9
 * @param beta2                decay rate {@code b2} of the second moment, in {@code [0, 1)} also as a float; default 0.999
 * @param epsilon              {@code eps}, added to the root of the bias-corrected {@code v}, {@code > 0} and finite
 *                             as a float; default 1e-8
 * @param momentumDecay        {@code psi} of the momentum schedule, {@code >= 0} and finite as a float; default 4e-3
 * @param weightDecay          weight decay {@code lambda}, {@code >= 0} and finite as a float; default 0
 * @param decoupledWeightDecay apply {@code lambda} to the weights as AdamW does instead of adding
 *                             {@code lambda * w} to the gradient; default false
 * @param maximize             ascend instead of descend the objective; default {@code false}
 */
public record NAdam(double beta1, double beta2, double epsilon, double momentumDecay, double weightDecay,
                    boolean decoupledWeightDecay, boolean maximize) implements UpdateRule {

    /** PyTorch's learning rate: {@value}. */
    public static final double DEFAULT_LEARNING_RATE = 2e-3;

    /** {@code torch.optim.NAdam}'s defaults: betas 0.9 and 0.999, epsilon 1e-8, psi 4e-3, no decay. */
    public static final NAdam DEFAULT = new NAdam(0.9, 0.999, 1e-8, 4e-3, 0.0, false, false);

    /** Where the series of {@link #logMuProduct} stops: a term this small relative to the sum. */
    private static final double SERIES_END = 0x1p-60;

    /**
     * Validates the hyperparameters.
     *
     * @throws IllegalArgumentException naming the parameter and its value if one is out of range
     */
    public NAdam {
        beta1 = ArgumentChecks.requireDecayRate("beta1", beta1);
        beta2 = ArgumentChecks.requireDecayRate("beta2", beta2);
        epsilon = ArgumentChecks.requirePositive("epsilon", epsilon);
        momentumDecay = ArgumentChecks.requireNonNegative("momentumDecay", momentumDecay);
        weightDecay = ArgumentChecks.requireNonNegative("weightDecay", weightDecay);
    }

    /**
     * PyTorch's {@code torch.optim.NAdam(params)} defaults: {@link #DEFAULT}.
     *
     * @return the rule
     */
    public static NAdam pytorch() {
        return DEFAULT;
    }

    /**
     * The momentum schedule {@code mu_t = b1 * (1 - 0.5 * 0.96^(t * psi))}, as PyTorch computes it
     * in double.
     *
     * @param t the step, {@code >= 1}
     * @return {@code mu_t}, in {@code [b1 / 2, b1]}
     */
    public double momentumCache(long t) {
        return beta1 * (1.0 - 0.5 * Math.pow(0.96, t * momentumDecay));
    }

    /**
     * The product {@code P_t = mu_1 * ... * mu_t} of the momentum schedule:
     * {@code exp(}{@link #logMuProduct}{@code (t))}.
     *
     * @param t the step, {@code >= 1}
     * @return {@code P_t}, in {@code [0, b1^t]}
     */
    public double muProduct(long t) {
        return Math.exp(logMuProduct(t));
    }

    /**
     * The logarithm of {@code P_t = mu_1 * ... * mu_t}, in a number of operations that does not
     * grow with {@code t} (at most 64 terms of a series). With {@code q = 0.96^psi},
     * {@code ln mu_i = ln b1 + ln(1 - q^i / 2)}, and expanding {@code ln(1 - x)} as
     * {@code -(x + x^2/2 + x^3/3 + ...)} and summing each power's geometric series over {@code i}:
     *
     * <pre>
     *   ln P_t = t ln b1 - sum_{k &gt;= 1} (2^-k / k) G_k,   G_k = sum_{i=1..t} q^(i k) = q^k (1 - q^(k t)) / (1 - q^k)
     * </pre>
     *
     * where {@code (1 - q^(kt)) / (1 - q^k)} is evaluated without cancellation as
     * {@code expm1(c t) / expm1(c)} (with {@code c = psi ln 0.96}) times the ratio of the sums
     * {@code 1 + Q + ... + Q^(k-1)} and {@code 1 + q + ... + q^(k-1)}, {@code Q = q^t}, all of
     * positive terms ({@code t} itself when {@code psi = 0}). Each term is at most half the one
     * before, so the series stops once a term falls below {@code 2^-60} of the sum: the result
     * is the product's logarithm to double rounding, for every {@code t}.
     *
     * @param t the step, {@code >= 1}
     * @return {@code ln P_t}; negative infinity when {@code b1 = 0}
     */
    public double logMuProduct(long t) {
        if (beta1 == 0.0) {
            return Double.NEGATIVE_INFINITY;
        }
        double c = momentumDecay * Math.log(0.96);
        double q = Math.exp(c);
        double bigQ = Math.exp(c * t);
        double ratio = c == 0.0 ? t : Math.expm1(c * t) / Math.expm1(c);
        double sum = 0.0;
        double powerQ = 1.0;
        double powerq = 1.0;
        double sumQ = 0.0;
        double sumq = 0.0;
        double half = 1.0;
        for (int k = 1; k <= 64; k++) {
            sumQ += powerQ;
            sumq += powerq;
            powerQ *= bigQ;
            powerq *= q;
            half *= 0.5;
            double term = half / k * powerq * ratio * (sumQ / sumq);
            sum += term;
            if (term <= SERIES_END * sum) {
                break;
            }
        }
        return t * Math.log(beta1) - sum;
    }

    /**
     * Returns this rule with betas {@code b1} and {@code b2}.
     *
     * @param b1 the first moment's decay rate, in {@code [0, 1)} also as a float
     * @param b2 the second moment's decay rate, in {@code [0, 1)} also as a float
     * @return this rule with the change
     */
    public NAdam withBetas(double b1, double b2) {
        return new NAdam(b1, b2, epsilon, momentumDecay, weightDecay, decoupledWeightDecay, maximize);
    }

    /**
     * Returns this rule with {@code eps}.
     *
     * @param eps the epsilon, {@code > 0}
     * @return this rule with the change
     */
    public NAdam withEpsilon(double eps) {
        return new NAdam(beta1, beta2, eps, momentumDecay, weightDecay, decoupledWeightDecay, maximize);
    }

    /**
     * Returns this rule with momentum decay {@code psi}.
     *
     * @param psi the momentum schedule's decay, {@code >= 0}
     * @return this rule with the change
     */
    public NAdam withMomentumDecay(double psi) {
        return new NAdam(beta1, beta2, epsilon, psi, weightDecay, decoupledWeightDecay, maximize);
    }

    /** Returns this rule with weight decay {@code lambda} (coupled or decoupled as before). */
    @Override
    public NAdam withWeightDecay(double lambda) {
        return new NAdam(beta1, beta2, epsilon, momentumDecay, lambda, decoupledWeightDecay, maximize);
    }

    /**
     * Returns this rule applying its weight decay decoupled (AdamW-style) or coupled.
     *
     * @param decoupled {@code true} for decoupled decay, {@code w <- w * (1 - a * lambda)} before the step
     * @return this rule with the change
     */
    public NAdam withDecoupledWeightDecay(boolean decoupled) {
        return new NAdam(beta1, beta2, epsilon, momentumDecay, weightDecay, decoupled, maximize);
    }

    /**
     * Returns this rule ascending instead of descending, or not.
     *
     * @param ascend whether to maximize
     * @return this rule with the change
     */
    public NAdam withMaximize(boolean ascend) {
        return new NAdam(beta1, beta2, epsilon, momentumDecay, weightDecay, decoupledWeightDecay, ascend);
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
