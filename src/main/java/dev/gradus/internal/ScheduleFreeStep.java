package dev.gradus.internal;

import dev.gradus.ScheduleFreeAdamW;
import dev.gradus.ScheduleFreeSgd;
import dev.gradus.UpdateRule;
import java.lang.foreign.MemorySegment;

/**
 * A schedule-free step on a range, and the two views, on given kernels: computes the per-step
 * scalars once in double from the {@link ScheduleFreeAveraging} of the previous step, narrows
 * them to float, and chooses the buffers the kernel reads {@code z} and the interpolation's start
 * from, so that no lane is selected.
 */
public final class ScheduleFreeStep {

    private ScheduleFreeStep() {
    }

    /**
     * Step {@code step} of a schedule-free {@code rule} on {@code [from, to)}, in place. The
     * averaging buffer is read, not written ({@link ScheduleFreeAveraging#commit} follows the
     * parameter's last range).
     *
     * @param z         the rule's {@code z}
     * @param v         AdamW's second moment, or null for SGD
     * @param averaging the rule's {@code averaging}
     * @param factor    the gradient's factor: the clip scale, negated for maximize
     * @param scaled    whether the gradient is clamped and multiplied
     */
    static void step(KernelSet kernels, UpdateRule rule, double learningRate, long step, MemorySegment param,
                     MemorySegment gradient, MemorySegment z, MemorySegment v, MemorySegment averaging, long from,
                     long to, float clipValue, float factor, boolean scaled) {
        double gamma = ScheduleFreeAveraging.gamma(rule, learningRate, step);
        double lrMax = ScheduleFreeAveraging.lrMax(averaging, gamma);
        double weight = ScheduleFreeAveraging.weight(rule, step, lrMax);
        double weightSum = ScheduleFreeAveraging.weightSum(averaging, weight);
        double c = weightSum == 0.0 ? 0.0 : weight / weightSum;
        float lerpWeight = (float) c;
        // z starts as a copy of y: step 1 reads it from the parameter.
        MemorySegment zSource = step == 1 ? param : z;
        boolean small = Math.abs(lerpWeight) < 0.5f;
        float yStep = (float) (gamma * (ScheduleFreeAveraging.interpolation(rule) * (1.0 - c) - 1.0));
        float k = small ? lerpWeight : -(1f - lerpWeight);
        MemorySegment base = small ? param : zSource;
        if (rule instanceof ScheduleFreeAdamW adamW) {
            kernels.scheduleFree(param, gradient, z, zSource, base, v, from, to, (float) adamW.beta2(),
                    (float) (1.0 - adamW.beta2()), (float) adamW.epsilon(), k, yStep, (float) gamma,
                    (float) adamW.weightDecay(), clipValue, factor, scaled);
        } else {
            kernels.scheduleFree(param, gradient, z, zSource, base, null, from, to, 0f, 0f, 0f, k, yStep,
                    (float) gamma, (float) ((ScheduleFreeSgd) rule).weightDecay(), clipValue, factor, scaled);
        }
    }

    /**
     * {@code out = torch.lerp(start, end, weight)} on {@code [from, to)}, rounded as PyTorch does:
     * {@code start + w (end - start)} for {@code |w| < 0.5}, else {@code end - (end - start)(1 - w)},
     * with {@code w} the weight as a float.
     *
     * @param out   receives the interpolation; may be {@code start} or {@code end}
     * @param start not modified unless it is {@code out}
     * @param end   not modified unless it is {@code out}
     */
    public static void lerp(KernelSet kernels, MemorySegment out, MemorySegment start, MemorySegment end, long from,
                            long to, double weight) {
        float w = (float) weight;
        boolean small = Math.abs(w) < 0.5f;
        kernels.lerp(out, start, end, small ? start : end, from, to, small ? w : -(1f - w));
    }

    /**
     * The weight of the evaluation view, {@code x = lerp(y, z, 1 - 1/b1)}.
     *
     * @param rule a schedule-free rule
     * @return {@code 1 - 1/b1}
     */
    public static double evaluationWeight(UpdateRule rule) {
        return 1.0 - 1.0 / ScheduleFreeAveraging.interpolation(rule);
    }

    /**
     * The weight of the training view, {@code y = lerp(x, z, 1 - b1)}.
     *
     * @param rule a schedule-free rule
     * @return {@code 1 - b1}
     */
    public static double trainingWeight(UpdateRule rule) {
        return 1.0 - ScheduleFreeAveraging.interpolation(rule);
    }
}
