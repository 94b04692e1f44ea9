package dev.gradus.internal;

import dev.gradus.Adam;
import dev.gradus.Sgd;
import java.lang.foreign.MemorySegment;

/**
 * One step of each rule on validated arguments: computes the per-step scalars once, in
 * {@code double}, narrows them to {@code float} and hands them to the given kernels. Shared by the
 * public facade and by everything else that steps a rule, so that every path derives the same
 * floats from the same hyperparameters.
 */
public final class RuleSteps {

    private RuleSteps() {
    }

    /** {@link Sgd} on {@code [from, to)}. */
    public static void sgd(KernelSet kernels, Sgd rule, double learningRate, MemorySegment param,
                           MemorySegment gradient, long from, long to) {
        kernels.sgd(param, gradient, from, to, (float) learningRate, (float) rule.weightDecay(), rule.maximize());
    }

    /**
     * {@link Adam} step {@code t} on {@code [from, to)}: the step size {@code a / (1 - b1^t)} and
     * the factor {@code 1 / sqrt(1 - b2^t)} are computed in {@code double} and narrowed once.
     */
    public static void adam(KernelSet kernels, Adam rule, double learningRate, long step, MemorySegment param,
                            MemorySegment gradient, MemorySegment m, MemorySegment v, long from, long to) {
        double correction1 = BiasCorrection.of(rule.beta1(), step);
        double correction2 = BiasCorrection.of(rule.beta2(), step);
        kernels.adam(param, gradient, m, v, from, to,
                (float) rule.beta1(), (float) (1.0 - rule.beta1()),
                (float) rule.beta2(), (float) (1.0 - rule.beta2()),
                (float) (learningRate / correction1), (float) (1.0 / Math.sqrt(correction2)),
                (float) rule.epsilon(), (float) rule.weightDecay(), rule.maximize());
    }
}
