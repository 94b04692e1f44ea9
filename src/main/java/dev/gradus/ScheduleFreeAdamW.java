package dev.gradus;

import dev.gradus.internal.ArgumentChecks;
import dev.gradus.internal.ScheduleFreeAveraging;

/**
 * Schedule-free AdamW (Defazio et al. 2024, "The Road Less Scheduled") in the convention of the
 * PyTorch {@code schedulefree} package's {@code AdamWScheduleFree}: no decaying schedule, an
 * average of the iterates instead. Three sequences share the state: {@code z}, the plain steps;
 * {@code x}, their weighted average, the weights to evaluate; and {@code y}, the interpolation of
 * the two where gradients are taken. The parameter buffer always holds {@code y}, the training
 * view.
 *
 * <p>Step {@code t} with learning rate {@code a_t} (as the schedule hands it, warm-up included)
 * and gradient {@code g} ({@code -g} if maximize, clipped as {@link GradientClipping} says):
 * <pre>
 *   gamma_t = a_t * sqrt(1 - b2^t)
 *   lrMax_t = max(lrMax_{t-1}, gamma_t);    weight_t = t^r * lrMax_t^p;    weightSum_t = weightSum_{t-1} + weight_t
 *   c_t     = weight_t / weightSum_t        (0 if weightSum_t = 0)
 *   v  &lt;- b2 * v + (1 - b2) * (g * g);     d = g / (sqrt(v) + eps)
 *   d  &lt;- d + lambda * y                   if lambda != 0 (coupled decay, taken at y)
 *   y  &lt;- lerp(y, z, c_t) + gamma_t * (b1 * (1 - c_t) - 1) * d
 *   z  &lt;- z - gamma_t * d                  z = y, v = 0 before step 1
 * </pre>
 * {@code lerp} is PyTorch's {@code torch.lerp}, rounded as it is: {@code y + c (z - y)} for
 * {@code |c| < 0.5}, else {@code z - (z - y)(1 - c)}. The averaging scalars are computed in
 * double, once per step ({@code lrMax} and {@code weightSum} start at 0), and narrowed to float
 * once; {@code lerp}'s weight is {@code c_t} as a float. If {@code t^r * lrMax_t^p} overflows a
 * double, {@code c_t} is NaN and so are the parameters: keep {@code r} and {@code p} moderate.
 *
 * <p>The evaluation view is {@code x = lerp(y, z, 1 - 1/b1)}, and {@code y = lerp(x, z, 1 - b1)}
 * takes it back. Gradus never switches the parameters between the views:
 * {@link Optimizer#evaluationWeights(String, java.lang.foreign.MemorySegment)} and
 * {@link Kernels#scheduleFreeEvaluation} write {@code x} into a buffer of the caller's, so the
 * parameters, and a checkpoint of them, always hold the training view {@code y} and the state
 * {@code z} (docs/checkpoints.md). The package's warm-up ({@code warmup_steps = W}) is the schedule
 * {@code new LinearWarmup(a, 1.0 / W, W - 1)}, {@code a t / W} up to step {@code W}; other
 * schedules work too.
 *
 * <p>State, in this order: {@code z}; the second moment {@code v}; and {@code averaging}, 4 floats
 * (not one per element) holding the raw bits of two doubles, {@code lrMax} and {@code weightSum}
 * after the parameter's last step, which the optimizer (or {@link Kernels#step}) writes once the
 * whole parameter has stepped. Steps are in place only: there is no update form.
 *
 * @param beta1         {@code b1}, the interpolation of {@code y}, in {@code (0, 1)} also as a float, with
 *                      {@code 1 - 1/b1} finite as a float; default 0.9
 * @param beta2         {@code b2}, the decay of {@code v}, in {@code [0, 1)} also as a float; default 0.999
 * @param epsilon       {@code eps}, {@code > 0} and finite as a float; default 1e-8
 * @param weightDecay   {@code lambda}, coupled, {@code >= 0} and finite as a float; default 0
 * @param r             the power of {@code t} in the averaging weight, finite and {@code >= 0}; default 0
 * @param weightLrPower {@code p}, the power of {@code lrMax} in the averaging weight, finite and {@code >= 0};
 *                      default 2
 * @param maximize      ascend instead of descend the objective; default {@code false}
 */
public record ScheduleFreeAdamW(double beta1, double beta2, double epsilon, double weightDecay, double r,
                                double weightLrPower, boolean maximize) implements UpdateRule {

    /** The {@code schedulefree} package's learning rate: {@value}. */
    public static final double DEFAULT_LEARNING_RATE = 0.0025;

    /** The {@code schedulefree} package's defaults: betas 0.9 and 0.999, epsilon 1e-8, no decay, r 0, power 2. */
    public static final ScheduleFreeAdamW DEFAULT = new ScheduleFreeAdamW(0.9, 0.999, 1e-8, 0.0, 0.0, 2.0, false);

    /**
     * Validates the hyperparameters.
     *
     * @throws IllegalArgumentException naming the parameter and its value if one is out of range
     */
    public ScheduleFreeAdamW {
        beta1 = ScheduleFreeAveraging.requireInterpolation("beta1", beta1);
        beta2 = ArgumentChecks.requireDecayRate("beta2", beta2);
        epsilon = ArgumentChecks.requirePositive("epsilon", epsilon);
        weightDecay = ArgumentChecks.requireNonNegative("weightDecay", weightDecay);
        r = ArgumentChecks.requireNonNegativeDouble("r", r);
        weightLrPower = ArgumentChecks.requireNonNegativeDouble("weightLrPower", weightLrPower);
    }

    /**
     * The PyTorch {@code schedulefree} package's {@code AdamWScheduleFree(params)} defaults:
     * {@link #DEFAULT}, with {@link #DEFAULT_LEARNING_RATE}.
     *
     * @return the rule
     */
    public static ScheduleFreeAdamW schedulefree() {
        return DEFAULT;
    }

    /**
     * Returns this rule with betas {@code b1} and {@code b2}.
     *
     * @param b1 the interpolation, in {@code (0, 1)} also as a float
     * @param b2 the second moment's decay rate, in {@code [0, 1)} also as a float
     * @return this rule with the change
     */
    public ScheduleFreeAdamW withBetas(double b1, double b2) {
        return new ScheduleFreeAdamW(b1, b2, epsilon, weightDecay, r, weightLrPower, maximize);
    }

    /**
     * Returns this rule with {@code eps}.
     *
     * @param eps the epsilon, {@code > 0}
     * @return this rule with the change
     */
    public ScheduleFreeAdamW withEpsilon(double eps) {
        return new ScheduleFreeAdamW(beta1, beta2, eps, weightDecay, r, weightLrPower, maximize);
    }

    /** {@inheritDoc} The decay is coupled and taken at {@code y}, after the normalization, as in the package. */
    @Override
    public ScheduleFreeAdamW withWeightDecay(double lambda) {
        return new ScheduleFreeAdamW(beta1, beta2, epsilon, lambda, r, weightLrPower, maximize);
    }

    /**
     * Returns this rule with the averaging weight {@code t^power * lrMax^lrPower}.
     *
     * @param power   {@code r}, finite and {@code >= 0}
     * @param lrPower {@code p}, finite and {@code >= 0}
     * @return this rule with the change
     */
    public ScheduleFreeAdamW withAveraging(double power, double lrPower) {
        return new ScheduleFreeAdamW(beta1, beta2, epsilon, weightDecay, power, lrPower, maximize);
    }

    /**
     * Returns this rule ascending instead of descending, or not.
     *
     * @param ascend whether to maximize
     * @return this rule with the change
     */
    public ScheduleFreeAdamW withMaximize(boolean ascend) {
        return new ScheduleFreeAdamW(beta1, beta2, epsilon, weightDecay, r, weightLrPower, ascend);
    }

    @Override
    public int stateBuffers() {
        return 3;
    }

    @Override
    public String stateName(int index) {
        return switch (index) {
            case 0 -> "z";
            case 1 -> "v";
            default -> "averaging";
        };
    }

    @Override
    public double defaultLearningRate() {
        return DEFAULT_LEARNING_RATE;
    }
}
