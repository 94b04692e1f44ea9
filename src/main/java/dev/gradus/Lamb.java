package dev.gradus;

import dev.gradus.internal.ArgumentChecks;

/**
 * LAMB, layer-wise adaptive moments (You et al. 2019, "Large Batch Optimization for Deep Learning:
 * Training BERT in 76 minutes"), in the convention of Optax's {@code lamb}: Adam's bias-corrected
 * direction plus weight decay, scaled per parameter by the trust ratio of the norms of the weights
 * and of that update.
 *
 * <pre>
 *   g  &lt;- -g                                          if maximize
 *   m  &lt;- beta1 * m + (1 - beta1) * g;   v &lt;- beta2 * v + (1 - beta2) * (g * g)
 *   u  =  (1 / c1) * (m / (sqrt(v) * (1 / sqrt(c2)) + epsilon)) + lambda * w,
 *         c1 = 1 - beta1^t, c2 = 1 - beta2^t           (Adam's Algorithm 1, as {@link Adam} computes it)
 *   r  =  ||w|| / ||u||                                if ||w|| &gt; 0 and ||u|| &gt; 0, else 1
 *   w  &lt;- w - (a * r) * u
 * </pre>
 *
 * <p>The norms are those of the whole parameter ({@link Optimizer}) or of the range a
 * {@link Kernels#step(UpdateRule, double, long, java.lang.foreign.MemorySegment,
 * java.lang.foreign.MemorySegment, java.util.List, long, long) Kernels.step} call is given: square
 * roots of sums of squares in double in the order of {@link Norms}, so {@code r} has the same bits
 * for any thread count and vector width; {@code a * r} is computed in double and narrowed to
 * float. A step is three passes: Adam's update form writes {@code u} into the third state buffer
 * and the weight decay is added to it, the norms are measured, and the parameter steps by
 * {@code u}.
 *
 * <p>State: the first moment {@code m}, the second moment {@code v}, and {@code update}, where each
 * step leaves its {@code u} (its value before a step is not used).
 *
 * @param beta1       first-moment decay, in {@code [0, 1)} also as a float; default 0.9
 * @param beta2       second-moment decay, in {@code [0, 1)} also as a float; default 0.999
 * @param epsilon     added to the root of the second moment, {@code > 0} also as a float; default 1e-6
 * @param weightDecay {@code lambda}, {@code >= 0} and finite as a float; default 0
 * @param maximize    ascend instead of descend the objective; default {@code false}
 */
public record Lamb(double beta1, double beta2, double epsilon, double weightDecay, boolean maximize)
        implements UpdateRule {

    /** The learning rate of Optax's and the paper's examples: {@value}. */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;

    /** LAMB with Optax's defaults: betas 0.9 and 0.999, epsilon 1e-6, no weight decay. */
    public static final Lamb DEFAULT = new Lamb(0.9, 0.999, 1e-6, 0.0, false);

    /**
     * Validates the hyperparameters.
     *
     * @throws IllegalArgumentException naming the parameter and its value if one is out of range
     */
    public Lamb {
        beta1 = ArgumentChecks.requireDecayRate("beta1", beta1);
        beta2 = ArgumentChecks.requireDecayRate("beta2", beta2);
        epsilon = ArgumentChecks.requirePositive("epsilon", epsilon);
        weightDecay = ArgumentChecks.requireNonNegative("weightDecay", weightDecay);
    }

    /**
     * Returns this rule with decay rates {@code b1} and {@code b2}.
     *
     * @param b1 the first-moment decay rate, in {@code [0, 1)} also as a float
     * @param b2 the second-moment decay rate, in {@code [0, 1)} also as a float
     * @return this rule with the change
     */
    public Lamb withBetas(double b1, double b2) {
        return new Lamb(b1, b2, epsilon, weightDecay, maximize);
    }

    /**
     * Returns this rule with {@code epsilon}.
     *
     * @param eps the epsilon, {@code > 0}
     * @return this rule with the change
     */
    public Lamb withEpsilon(double eps) {
        return new Lamb(beta1, beta2, eps, weightDecay, maximize);
    }

    @Override
    public Lamb withWeightDecay(double lambda) {
        return new Lamb(beta1, beta2, epsilon, lambda, maximize);
    }

    /**
     * Returns this rule ascending instead of descending, or not.
     *
     * @param ascend whether to maximize
     * @return this rule with the change
     */
    public Lamb withMaximize(boolean ascend) {
        return new Lamb(beta1, beta2, epsilon, weightDecay, ascend);
    }

    @Override
    public int stateBuffers() {
        return 3;
    }

    @Override
    public String stateName(int index) {
        return switch (index) {
            case 0 -> "m";
            case 1 -> "v";
            default -> "update";
        };
    }

    @Override
    public double defaultLearningRate() {
        return DEFAULT_LEARNING_RATE;
    }
}
