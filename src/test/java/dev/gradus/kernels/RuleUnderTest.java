package dev.gradus.kernels;

import dev.gradus.internal.KernelSet;
import dev.gradus.testing.property.Gen;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * What the kernel properties need to know of one update rule: how to draw its hyperparameters,
 * how to step it through the public facade and through given kernels, and its double-precision
 * textbook formula.
 *
 * @param <R> the rule's record type
 */
interface RuleUnderTest<R> {

    /** The rule's name in test reports. */
    String name();

    /** The number of state buffers, each as long as the parameter. */
    int stateBuffers();

    /** Valid hyperparameters, the documented defaults among them, every option on and off. */
    Gen<R> rules();

    /**
     * Hyperparameters as training recipes use them (the defaults and common variants, every
     * option on and off), for the comparison with the textbook formula: extreme decay rates such
     * as {@code beta2 = 0} make a trajectory chaotic (each update divides by the last gradient's
     * magnitude), so float and double runs part ways for reasons that are no error of either.
     */
    Gen<R> typicalRules();

    /** {@code rule} with every option that makes a zero gradient move the parameter turned off. */
    R withoutWeightDecay(R rule);

    /** One step through the public {@code Kernels} facade (the selected kernels) on {@code [from, to)}. */
    void publicStep(R rule, double learningRate, long step, MemorySegment param, MemorySegment gradient,
                    List<MemorySegment> state, long from, long to);

    /** One step through {@code kernels}, with the per-step scalars the facade would compute. */
    void kernelStep(KernelSet kernels, R rule, double learningRate, long step, MemorySegment param,
                    MemorySegment gradient, List<MemorySegment> state);

    /** One step of the textbook formula in double precision on every element. */
    void referenceStep(R rule, double learningRate, long step, double[] param, double[] gradient, double[][] state);
}
