package dev.gradus.internal;

import dev.gradus.Lamb;
import dev.gradus.Lars;
import dev.gradus.UpdateRule;
import java.lang.foreign.MemorySegment;

/**
 * The layer-wise rules, {@link Lars} and {@link Lamb}, as passes of the elementwise kernels around
 * a trust ratio: {@link #prepare} (LAMB's update into its third state buffer), the norms of the
 * parameter and of the {@link #measured} buffer, {@link #ratio}, and {@link #finish} (the step).
 * Every pass is elementwise, so an optimizer splits each among its workers; only the norms need
 * the whole parameter, and they come from {@link ReductionOrder}'s sums, whose bits do not depend
 * on the split. Their kernels always multiply the gradient (by the ratio, or by the clip scale,
 * with maximize's sign), so each runs one compiled loop whether or not a step clips.
 */
public final class LayerWise {

    private LayerWise() {
    }

    /** Whether {@code rule} is layer-wise. */
    public static boolean is(UpdateRule rule) {
        return rule instanceof Lars || rule instanceof Lamb;
    }

    /** The position of LAMB's update {@code u} in its state. */
    public static final int UPDATE = 2;

    /**
     * Whether state buffer {@code index} of {@code rule} is LAMB's update {@code u}: rewritten
     * whole by every step before it is read, so with 16-bit storage it stays float32, and its
     * norm and the step read the update the first pass computed.
     */
    public static boolean isUpdate(UpdateRule rule, int index) {
        return rule instanceof Lamb && index == UPDATE;
    }

    /**
     * The first pass on {@code [from, to)}: for LAMB, advances {@code m} and {@code v} and writes
     * {@code u} (Adam's direction plus the weight decay) into {@code update}; nothing for LARS.
     */
    public static void prepare(KernelSet kernels, UpdateRule rule, long step, MemorySegment param,
                               MemorySegment gradient, MemorySegment m, MemorySegment v, MemorySegment update,
                               long from, long to, float clipValue, float clipScale) {
        if (rule instanceof Lamb lamb) {
            double correction1 = BiasCorrection.of(lamb.beta1(), step);
            double correction2 = BiasCorrection.of(lamb.beta2(), step);
            kernels.adam(param, update, gradient, m, v, null, from, to, (float) lamb.beta1(),
                    (float) (1.0 - lamb.beta1()), (float) lamb.beta2(), (float) (1.0 - lamb.beta2()),
                    (float) (1.0 / correction1), (float) (1.0 / Math.sqrt(correction2)), (float) lamb.epsilon(), false,
                    false, 1f, clipValue, lamb.maximize() ? -clipScale : clipScale, 0f, true);
            if (lamb.weightDecay() != 0.0) {
                // u = 1 * (u + lambda * w): the update form of SGD with the update as its own gradient.
                kernels.sgd(param, update, update, from, to, 1f, Float.POSITIVE_INFINITY, 1f, (float) lamb.weightDecay(),
                        false);
            }
        }
    }

    /** The buffer whose norm the ratio sets against the parameter's: LARS's gradient, LAMB's update. */
    public static MemorySegment measured(UpdateRule rule, MemorySegment gradient, MemorySegment update) {
        return rule instanceof Lamb ? update : gradient;
    }

    /**
     * The trust ratio from the sums of squares of the parameter and of the {@link #measured}
     * buffer (for LARS the unclipped gradient, whose norm is scaled by {@code clipScale} here); 1
     * where a norm is 0 or not a number.
     */
    public static double ratio(UpdateRule rule, double paramSquares, double measuredSquares, float clipScale) {
        double w = Math.sqrt(paramSquares);
        double x = Math.sqrt(measuredSquares);
        if (rule instanceof Lars lars) {
            x *= clipScale;
            return w > 0 && x > 0 ? lars.trustCoefficient() * w / (x + lars.weightDecay() * w + lars.epsilon()) : 1.0;
        }
        return w > 0 && x > 0 ? w / x : 1.0;
    }

    /**
     * The last pass on {@code [from, to)}: LARS's momentum step on the gradient scaled by
     * {@code ratio * clipScale} with the decay {@code ratio * lambda} (none for {@code lambda = 0},
     * even where the ratio overflows); LAMB's step
     * {@code w - (a * ratio) * u}.
     */
    public static void finish(KernelSet kernels, UpdateRule rule, double learningRate, MemorySegment param,
                              MemorySegment gradient, MemorySegment velocity, MemorySegment update, long from, long to,
                              float clipValue, float clipScale, double ratio) {
        if (rule instanceof Lars lars) {
            kernels.momentum(param, null, gradient, velocity, from, to, (float) lars.momentum(), 1f,
                    (float) learningRate, lars.nesterov(), clipValue,
                    (float) (lars.maximize() ? -ratio * clipScale : ratio * clipScale),
                    lars.weightDecay() == 0.0 ? 0f : (float) (ratio * lars.weightDecay()), true);
        } else {
            kernels.sgd(param, null, update, from, to, (float) (learningRate * ratio), Float.POSITIVE_INFINITY, 1f, 0f,
                    false);
        }
    }

    /**
     * A whole step of a layer-wise rule with {@code [from, to)} as the layer: the passes one after
     * another on the calling thread, the norms over the range.
     */
    public static void step(KernelSet kernels, UpdateRule rule, double learningRate, long step, MemorySegment param,
                            MemorySegment gradient, MemorySegment state0, MemorySegment state1,
                            MemorySegment state2, long from, long to, float clipValue, float clipScale) {
        prepare(kernels, rule, step, param, gradient, state0, state1, state2, from, to, clipValue, clipScale);
        double ratio = ratio(rule, kernels.sumOfSquares(param, from, to, 0.0),
                kernels.sumOfSquares(measured(rule, gradient, state2), from, to, 0.0), clipScale);
        finish(kernels, rule, learningRate, param, gradient, state0, state2, from, to, clipValue, clipScale, ratio);
    }
}
