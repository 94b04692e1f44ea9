package dev.gradus.kernels;

import dev.gradus.Kernels;
import dev.gradus.UpdateRule;
import dev.gradus.internal.KernelSet;
import dev.gradus.internal.RuleSteps;
import dev.gradus.reference.TextbookOptimizers;
import dev.gradus.testing.property.Gen;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One update rule for the kernel properties: generators of its hyperparameters and how to step it
 * through the public facade, through given kernels, and through the double-precision textbook
 * formula.
 *
 * @param name               the rule's name in test reports
 * @param rules              valid hyperparameters: defaults, extremes, every option on and off
 * @param typicalRules       hyperparameters as training recipes use them, for the comparison with
 *                           the textbook formula (extreme decay rates make trajectories chaotic)
 * @param withoutWeightDecay the rule with every option that moves a parameter under a zero
 *                           gradient turned off
 */
record RuleFamily(String name, Gen<UpdateRule> rules, Gen<UpdateRule> typicalRules,
                  UnaryOperator<UpdateRule> withoutWeightDecay) {

    /** One step through the public {@code Kernels} facade (the selected kernels) on {@code [from, to)}. */
    static void publicStep(UpdateRule rule, double learningRate, long step, MemorySegment param,
                           MemorySegment gradient, List<MemorySegment> state, long from, long to) {
        Kernels.step(rule, learningRate, step, param, gradient, state, from, to);
    }

    /** One step through {@code kernels} on every element, with the per-step scalars of the facade. */
    static void kernelStep(KernelSet kernels, UpdateRule rule, double learningRate, long step, MemorySegment param,
                           MemorySegment gradient, List<MemorySegment> state) {
        RuleSteps.step(kernels, rule, learningRate, step, param, gradient, stateAt(state, 0), stateAt(state, 1),
                stateAt(state, 2), 0, param.byteSize() / Float.BYTES);
        ScheduleFreeCases.finishStep(rule, learningRate, step, state);
    }

    /** {@link #kernelStep} with the gradient clamped to {@code clipValue} and scaled by {@code clipScale} inside the kernels. */
    static void scaledKernelStep(KernelSet kernels, UpdateRule rule, double learningRate, long step,
                                 MemorySegment param, MemorySegment gradient, List<MemorySegment> state,
                                 float clipValue, float clipScale) {
        RuleSteps.step(kernels, rule, learningRate, step, param, null, gradient, stateAt(state, 0), stateAt(state, 1),
                stateAt(state, 2), 0, param.byteSize() / Float.BYTES, clipValue, clipScale);
        ScheduleFreeCases.finishStep(rule, learningRate, step, state);
    }

    /** One step through the update form of {@code kernels} on every element, the update written into {@code update}. */
    static void kernelUpdate(KernelSet kernels, UpdateRule rule, double learningRate, long step, MemorySegment param,
                             MemorySegment gradient, MemorySegment update, List<MemorySegment> state) {
        RuleSteps.step(kernels, rule, learningRate, step, param, update, gradient, stateAt(state, 0),
                stateAt(state, 1), stateAt(state, 2), 0, param.byteSize() / Float.BYTES);
    }

    /** One step of the textbook formula in double precision on every element. */
    static void referenceStep(UpdateRule rule, double learningRate, long step, double[] param, double[] gradient,
                              double[][] state) {
        TextbookOptimizers.step(rule, learningRate, step, param, gradient, state);
    }

    private static MemorySegment stateAt(List<MemorySegment> state, int index) {
        return index < state.size() ? state.get(index) : null;
    }

    @Override
    public String toString() {
        return name;
    }
}
