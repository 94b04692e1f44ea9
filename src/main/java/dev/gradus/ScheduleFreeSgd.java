package dev.gradus;

import dev.gradus.internal.ArgumentChecks;
import dev.gradus.internal.ScheduleFreeAveraging;

/**
 * Schedule-free SGD (Defazio et al. 2024, "The Road Less Scheduled") in the convention of the
 * PyTorch {@code schedulefree} package's {@code SGDScheduleFree}: {@link ScheduleFreeAdamW}
 * without the second moment. The parameter buffer always holds {@code y}, the training view.
 *
 * <p>Step {@code t} with learning rate {@code a_t} (as the schedule hands it, warm-up included)
 * and gradient {@code g} ({@code -g} if maximize, clipped as {@link GradientClipping} says):
 * <pre>
 *   lrMax_t = max(lrMax_{t-1}, a_t);    weight_t = t^r * lrMax_t^p;    weightSum_t = weightSum_{t-1} + weight_t
 *   c_t     = weight_t / weightSum_t    (0 if weightSum_t = 0)
 *   d  =  g + lambda * y                (g alone if lambda = 0: coupled decay, taken at y)
 *   y  &lt;- lerp(y, z, c_t) + a_t * (mu * (1 - c_t) - 1) * d
 *   z  &lt;- z - a_t * d                  z = y before step 1
 * </pre>
 * with {@code lerp} PyTorch's {@code torch.lerp} ({@code y + c (z - y)} for {@code |c| < 0.5},
 * else {@code z - (z - y)(1 - c)}) and the averaging scalars as {@link ScheduleFreeAdamW} has them.
 * The evaluation view is {@code x = lerp(y, z, 1 - 1/mu)}; the parameters and checkpoints hold
 * {@code y} and {@code z}, never {@code x} ({@link Optimizer#evaluationWeights}). The package's
 * {@code warmup_steps = W} is the schedule {@code new LinearWarmup(a, 1.0 / W, W - 1)}.
 *
 * <p>State, in this order: {@code z}, and {@code averaging}: 4 floats holding the raw bits of the
 * doubles {@code lrMax} and {@code weightSum} after the parameter's last step. In place only.
 *
 * @param momentum      {@code mu}, the interpolation of {@code y}, in {@code (0, 1)} also as a float, with
 *                      {@code 1 - 1/mu} finite as a float; default 0.9
 * @param weightDecay   {@code lambda}, coupled, {@code >= 0} and finite as a float; default 0
 * @param r             the power of {@code t} in the averaging weight, finite and {@code >= 0}; default 0
 * @param weightLrPower {@code p}, the power of {@code lrMax} in the averaging weight, finite and {@code >= 0};
 *                      default 2
 * @param maximize      ascend instead of descend the objective; default {@code false}
 */
public record ScheduleFreeSgd(double momentum, double weightDecay, double r, double weightLrPower, boolean maximize)
        implements UpdateRule {

    /** The {@code schedulefree} package's learning rate: {@value}. */
    public static final double DEFAULT_LEARNING_RATE = 1.0;

    /** The {@code schedulefree} package's defaults: momentum 0.9, no decay, r 0, power 2. */
    public static final ScheduleFreeSgd DEFAULT = new ScheduleFreeSgd(0.9, 0.0, 0.0, 2.0, false);

    /**
     * Validates the hyperparameters.
     *
     * @throws IllegalArgumentException naming the parameter and its value if one is out of range
     */
    public ScheduleFreeSgd {
        momentum = ScheduleFreeAveraging.requireInterpolation("momentum", momentum);
        weightDecay = ArgumentChecks.requireNonNegative("weightDecay", weightDecay);
        r = ArgumentChecks.requireNonNegativeDouble("r", r);
        weightLrPower = ArgumentChecks.requireNonNegativeDouble("weightLrPower", weightLrPower);
    }

    /**
     * The PyTorch {@code schedulefree} package's {@code SGDScheduleFree(params)} defaults:
     * {@link #DEFAULT}, with {@link #DEFAULT_LEARNING_RATE}.
     *
     * @return the rule
     */
    public static ScheduleFreeSgd schedulefree() {
        return DEFAULT;
    }

    /**
     * Returns this rule with momentum {@code mu}.
     *
     * @param mu the interpolation, in {@code (0, 1)} also as a float
     * @return this rule with the change
     */
    public ScheduleFreeSgd withMomentum(double mu) {
        return new ScheduleFreeSgd(mu, weightDecay, r, weightLrPower, maximize);
    }

    /** {@inheritDoc} The decay is coupled and taken at {@code y}, as in the package. */
    @Override
    public ScheduleFreeSgd withWeightDecay(double lambda) {
        return new ScheduleFreeSgd(momentum, lambda, r, weightLrPower, maximize);
    }

    /**
     * Returns this rule with the averaging weight {@code t^power * lrMax^lrPower}.
     *
     * @param power   {@code r}, finite and {@code >= 0}
     * @param lrPower {@code p}, finite and {@code >= 0}
     * @return this rule with the change
     */
    public ScheduleFreeSgd withAveraging(double power, double lrPower) {
        return new ScheduleFreeSgd(momentum, weightDecay, power, lrPower, maximize);
    }

    /**
     * Returns this rule ascending instead of descending, or not.
     *
     * @param ascend whether to maximize
     * @return this rule with the change
     */
    public ScheduleFreeSgd withMaximize(boolean ascend) {
        return new ScheduleFreeSgd(momentum, weightDecay, r, weightLrPower, ascend);
    }

    @Override
    public int stateBuffers() {
        return 2;
    }

    @Override
    public String stateName(int index) {
        return index == 0 ? "z" : "averaging";
    }

    @Override
    public double defaultLearningRate() {
        return DEFAULT_LEARNING_RATE;
    }
}
