package dev.gradus.kernels;

import dev.gradus.Kernels;
import dev.gradus.internal.KernelSet;
import dev.gradus.testing.property.BitExact;
import dev.gradus.testing.property.Buffers;
import dev.gradus.testing.property.GuardedSegment;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * The parameter and state buffers of one {@link StepCase}, laid out as the case says (heap or
 * native, at its offset, between guards), stepped through the facade or through given kernels.
 */
final class Trial {

    /** Guard floats after each slice. */
    static final int TRAILING_GUARD = 5;

    private final StepCase c;
    private final GuardedSegment param;
    private final List<GuardedSegment> state;
    // The slices, made once: a step through them allocates nothing.
    private final MemorySegment paramSlice;
    private final List<MemorySegment> stateSlices;

    private Trial(StepCase c, GuardedSegment param, List<GuardedSegment> state) {
        this.c = c;
        this.param = param;
        this.state = state;
        paramSlice = param.slice();
        stateSlices = state.stream().map(GuardedSegment::slice).toList();
    }

    /** Fresh buffers holding the case's initial parameter and state. */
    static Trial of(StepCase c, Arena arena) {
        return new Trial(c, guarded(c, arena, c.param()),
                c.state().stream().map(values -> guarded(c, arena, values)).toList());
    }

    /** The case's gradient of step {@code s} (0-based), in a guarded buffer of the case's kind. */
    static GuardedSegment gradient(StepCase c, Arena arena, int s) {
        return guarded(c, arena, c.gradients().get(s));
    }

    private static GuardedSegment guarded(StepCase c, Arena arena, float[] values) {
        return Buffers.of(c.kind(), arena, values, c.offset(), TRAILING_GUARD);
    }

    /** {@return the number of elements of the case} */
    int length() {
        return c.n();
    }

    /** Step {@code firstStep + s} through the public facade on {@code [from, to)}. */
    void publicStep(int s, MemorySegment gradient, long from, long to) {
        RuleFamily.publicStep(c.hyperparameters(), c.learningRate(), c.firstStep() + s, paramSlice, gradient,
                stateSlices, from, to);
    }

    /**
     * One range of step {@code firstStep + s} on the selected kernels, to be followed by
     * {@link #finishStep} once every range stepped: {@link #publicStep} for the elementwise rules,
     * and for a schedule-free one the range without its averaging, which only whole-parameter
     * calls of the facade write.
     */
    void rangeStep(int s, MemorySegment gradient, long from, long to) {
        if (ScheduleFreeCases.is(c.hyperparameters())) {
            ScheduleFreeCases.rangeStep(c.hyperparameters(), c.learningRate(), c.firstStep() + s, paramSlice, gradient,
                    stateSlices, from, to);
        } else {
            publicStep(s, gradient, from, to);
        }
    }

    /** Ends step {@code firstStep + s} after {@link #rangeStep}s: writes a schedule-free rule's averaging. */
    void finishStep(int s) {
        ScheduleFreeCases.finishStep(c.hyperparameters(), c.learningRate(), c.firstStep() + s, stateSlices);
    }

    /** Step {@code firstStep + s} through {@code kernels} on every element. */
    void kernelStep(KernelSet kernels, int s, MemorySegment gradient) {
        RuleFamily.kernelStep(kernels, c.hyperparameters(), c.learningRate(), c.firstStep() + s, paramSlice,
                gradient, stateSlices);
    }

    /**
     * Step {@code firstStep + s} through the public facade on every element, the gradient clamped
     * to {@code clipValue} and scaled by {@code clipScale}.
     */
    void scaledPublicStep(int s, MemorySegment gradient, float clipValue, float clipScale) {
        Kernels.step(c.hyperparameters(), c.learningRate(), c.firstStep() + s, paramSlice, gradient, stateSlices, 0,
                c.n(), clipValue, clipScale);
    }

    /**
     * Step {@code firstStep + s} through {@code kernels} on every element, the gradient clamped to
     * {@code clipValue} and scaled by {@code clipScale}.
     */
    void scaledKernelStep(KernelSet kernels, int s, MemorySegment gradient, float clipValue, float clipScale) {
        RuleFamily.scaledKernelStep(kernels, c.hyperparameters(), c.learningRate(), c.firstStep() + s, paramSlice,
                gradient, stateSlices, clipValue, clipScale);
    }

    /** Step {@code firstStep + s} through the public update form, the update written into {@code update}. */
    void publicUpdate(int s, MemorySegment gradient, MemorySegment update) {
        Kernels.update(c.hyperparameters(), c.learningRate(), c.firstStep() + s, paramSlice, gradient, update,
                stateSlices);
    }

    /** Step {@code firstStep + s} through the update form of {@code kernels} on every element. */
    void kernelUpdate(KernelSet kernels, int s, MemorySegment gradient, MemorySegment update) {
        RuleFamily.kernelUpdate(kernels, c.hyperparameters(), c.learningRate(), c.firstStep() + s, paramSlice,
                gradient, update, stateSlices);
    }

    /** Sets the parameter values. */
    void setParam(float[] values) {
        MemorySegment.copy(values, 0, paramSlice, ValueLayout.JAVA_FLOAT, 0, values.length);
    }

    /** The current parameter values. */
    float[] param() {
        return param.toFloatArray();
    }

    /** Asserts that the parameter and every state buffer hold the same bits as {@code other}'s. */
    void assertSameBits(Trial other, String when) {
        BitExact.assertSameBits("param " + when, other.param.toFloatArray(), param.slice());
        assertSameState(other, when);
    }

    /** Asserts that every state buffer holds the same bits as {@code other}'s. */
    void assertSameState(Trial other, String when) {
        for (int s = 0; s < state.size(); s++) {
            BitExact.assertSameBits("state " + s + " " + when, other.state.get(s).toFloatArray(),
                    state.get(s).slice());
        }
    }

    /** Asserts that nothing was written outside the parameter and state slices. */
    void assertGuardsUntouched() {
        param.assertGuardsUntouched();
        state.forEach(GuardedSegment::assertGuardsUntouched);
    }
}
