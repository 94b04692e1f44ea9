package dev.gradus.internal.precision;

import dev.gradus.Adafactor;
import dev.gradus.UpdateRule;
import dev.gradus.internal.KernelSet;
import dev.gradus.internal.LayerWise;
import dev.gradus.precision.StoragePlan;
import java.lang.foreign.MemorySegment;

/**
 * The in-place step of any rule on stored buffers over a range, as {@code Kernels.step} with a
 * plan runs it: LARS and LAMB through {@link TiledLayerWise} (the range is the layer), Adafactor
 * through {@link TiledAdafactor} (the range is a vector), every other rule through
 * {@link TiledStep}. Callers have validated every argument.
 */
public final class StoredSteps {

    private StoredSteps() {
    }

    /**
     * Step {@code step} of {@code rule} on {@code [from, to)} with the gradient clamped to
     * {@code clipValue} and scaled by {@code clipScale}: by the loops that do so if
     * {@code clipped}, else ({@code +inf} and 1) by those that do neither, with the same bits
     * (LARS, LAMB and Adafactor always clamp and scale).
     *
     * @param weightCopy the Kahan compensation or the model copy, as the plan's weights say; null for rounded weights
     * @param length     the parameter's elements
     */
    public static void step(KernelSet kernels, UpdateRule rule, double learningRate, long step, StoragePlan plan,
                            MemorySegment param, MemorySegment weightCopy, MemorySegment gradient,
                            MemorySegment state0, MemorySegment state1, MemorySegment state2, long length, long from,
                            long to, boolean clipped, float clipValue, float clipScale) {
        if (LayerWise.is(rule)) {
            TiledLayerWise.step(kernels, rule, learningRate, step, plan, param, weightCopy, gradient, state0, state1,
                    state2, length, from, to, clipValue, clipScale);
        } else if (rule instanceof Adafactor adafactor) {
            TiledAdafactor.step(kernels, adafactor, learningRate, step, plan, param, weightCopy, gradient, 1, to - from,
                    state0, state1, state2, length, from, to, clipScale, true);
        } else {
            TiledStep.step(kernels, rule, learningRate, step, plan, param, weightCopy, gradient, null, state0, state1,
                    state2, from, to, clipped, clipValue, clipScale);
        }
    }
}
