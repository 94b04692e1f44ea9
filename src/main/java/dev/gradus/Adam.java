package dev.gradus;

import dev.gradus.internal.ArgumentChecks;

/**
 * Adam (Kingma &amp; Ba, "Adam: A Method for Stochastic Optimization", 2014, Algorithm 1), with
 * epsilon added outside the square root of the bias-corrected second moment.
 *
 * <pre>
 *   g   &lt;- -g                           if maximize
 *   g   &lt;- g + lambda * w                if lambda != 0   (coupled L2 weight decay)
 *   m   &lt;- b1 * m + (1 - b1) * g
 *   v   &lt;- b2 * v + (1 - b2) * g * g
 *   m^  =  m / (1 - b1^t)
 *   v^  =  v / (1 - b2^t)
 *   w   &lt;- w - a * m^ / (sqrt(v^) + eps)
 * </pre>
 *
 * with {@code t = 1, 2, ...} the step number and {@code a} the learning rate of the step. The
 * kernels evaluate the same formula with one square root and one division per element: the
 * per-step scalars {@code a / (1 - b1^t)} and {@code 1 / sqrt(1 - b2^t)} are computed once in
 * {@code double} and narrowed to {@code float}, and the update is
 * {@code w <- w - (a / (1 - b1^t)) * (m / (sqrt(v) * (1 / sqrt(1 - b2^t)) + eps))}, which is
 * Algorithm 1 up to float rounding (the same rearrangement PyTorch uses).
 *
 * <p>State: the first moment {@code m} and the second moment {@code v}, one float per parameter,
 * both zero before step 1.
 *
 * @param beta1       decay rate {@code b1} of the first moment, in {@code [0, 1)}; default 0.9
 * @param beta2       decay rate {@code b2} of the second moment, in {@code [0, 1)}; default 0.999
 * @param epsilon     {@code eps}, finite and {@code > 0}; default 1e-8
 * @param weightDecay coupled L2 weight decay {@code lambda}, finite and {@code >= 0}; default 0
 * @param maximize    ascend instead of descend the objective; default {@code false}
 */
public record Adam(double beta1, double beta2, double epsilon, double weightDecay, boolean maximize) {

    /** The learning rate of the paper's experiments and most frameworks: {@value}. */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;

    /** The paper's defaults: b1 = 0.9, b2 = 0.999, eps = 1e-8, no weight decay, minimizing. */
    public static final Adam DEFAULT = new Adam(0.9, 0.999, 1e-8, 0.0, false);

    /**
     * Validates the hyperparameters.
     *
     * @throws IllegalArgumentException naming the parameter and its value if one is out of range
     */
    public Adam {
        ArgumentChecks.requireDecayRate("beta1", beta1);
        ArgumentChecks.requireDecayRate("beta2", beta2);
        ArgumentChecks.requirePositive("epsilon", epsilon);
        ArgumentChecks.requireNonNegative("weightDecay", weightDecay);
    }

    /** Returns this rule with first-moment decay rate {@code b1}. */
    public Adam withBeta1(double b1) {
        return new Adam(b1, beta2, epsilon, weightDecay, maximize);
    }

    /** Returns this rule with second-moment decay rate {@code b2}. */
    public Adam withBeta2(double b2) {
        return new Adam(beta1, b2, epsilon, weightDecay, maximize);
    }

    /** Returns this rule with {@code eps}. */
    public Adam withEpsilon(double eps) {
        return new Adam(beta1, beta2, eps, weightDecay, maximize);
    }

    /** Returns this rule with coupled L2 weight decay {@code lambda}. */
    public Adam withWeightDecay(double lambda) {
        return new Adam(beta1, beta2, epsilon, lambda, maximize);
    }

    /** Returns this rule ascending ({@code true}) or descending the objective. */
    public Adam withMaximize(boolean ascend) {
        return new Adam(beta1, beta2, epsilon, weightDecay, ascend);
    }
}
