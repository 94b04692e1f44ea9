package dev.gradus;

import dev.gradus.internal.CustomStepArguments;
import java.lang.foreign.MemorySegment;

/**
 * The buffers and scalars a {@link CustomRule}'s kernels step: element {@code i} of a buffer is
 * the float at byte offset {@code 4 * i}, in native byte order, with no alignment required.
 * Gradus has checked every buffer (lengths, overlaps, arenas, writability) and every scalar before
 * the call, and reuses the instance for later calls: a kernel must not keep it.
 */
public interface CustomStep {

    /**
     * The parameter {@code w}, to be updated in place.
     *
     * @return the parameter's buffer
     */
    MemorySegment parameter();

    /**
     * The gradient {@code g}; not to be written.
     *
     * @return the gradient's buffer, as long as the parameter
     */
    MemorySegment gradient();

    /**
     * A state buffer of the rule, as long as the parameter.
     *
     * @param index the buffer, {@code 0 <= index < rule.stateBuffers()}
     * @return the buffer
     * @throws IndexOutOfBoundsException for another index
     */
    MemorySegment state(int index);

    /**
     * The step number {@code t}: 1 on the first step of the parameter.
     *
     * @return {@code t >= 1}
     */
    long step();

    /**
     * The learning rate {@code a} of this step (the schedule's rate times the group's factor),
     * narrowed to float.
     *
     * @return {@code a}, finite and {@code >= 0}
     */
    float learningRate();

    /**
     * Whether the gradient is clipped in this step: then the kernels form each gradient element as
     * {@code min(max(g, -clipValue()), clipValue()) * gradientScale()}; otherwise they use {@code g}
     * as it is. Every step of an optimizer with a {@link GradientClipping} is clipped, whatever its
     * factor.
     *
     * @return whether to clamp and scale the gradient
     */
    boolean clipped();

    /**
     * The largest absolute value a gradient element keeps when {@link #clipped()}.
     *
     * @return {@code > 0}, or {@code +inf} when clipping by norm or not at all
     */
    float clipValue();

    /**
     * The factor of the gradient when {@link #clipped()}: a norm clipping's scale.
     *
     * @return finite and {@code >= 0}; 1 when clipping by value or not at all
     */
    float gradientScale();

    /**
     * A step of {@code rule} on these buffers, for tests and for calling a rule's kernels directly
     * (the test kit's properties do). Nothing is checked; {@link Kernels#step} checks.
     *
     * @param step          the step number {@code t}
     * @param learningRate  the learning rate {@code a}
     * @param clipped       whether the gradient is clamped and scaled
     * @param clipValue     the clamp, {@code +inf} for none
     * @param gradientScale the factor, 1 for none
     * @param parameter     the parameter
     * @param gradient      the gradient
     * @param state         the state buffers, in the rule's order
     * @return the step
     * @throws IllegalArgumentException for more than {@value CustomRule#MAX_STATE_BUFFERS} state buffers
     */
    static CustomStep of(long step, float learningRate, boolean clipped, float clipValue, float gradientScale,
                         MemorySegment parameter, MemorySegment gradient, MemorySegment... state) {
        if (state.length > CustomRule.MAX_STATE_BUFFERS) {
            throw new IllegalArgumentException("state: at most " + CustomRule.MAX_STATE_BUFFERS + " buffers, got "
                    + state.length);
        }
        CustomStepArguments arguments = new CustomStepArguments();
        arguments.set(step, learningRate, clipped, clipValue, gradientScale, parameter, gradient,
                state.length > 0 ? state[0] : null, state.length > 1 ? state[1] : null,
                state.length > 2 ? state[2] : null, state.length);
        return arguments;
    }

    /**
     * The gradient element {@code g} as the kernels use it: clamped and scaled when {@code clipped}.
     * Scalar kernels may call this; vector kernels apply the same {@code max}, {@code min} and
     * {@code mul} lane-wise.
     *
     * @param g             the gradient element
     * @param clipped       {@link #clipped()}
     * @param clipValue     {@link #clipValue()}
     * @param gradientScale {@link #gradientScale()}
     * @return {@code clipped ? min(max(g, -clipValue), clipValue) * gradientScale : g}
     */
    static float effectiveGradient(float g, boolean clipped, float clipValue, float gradientScale) {
        return clipped ? Math.min(Math.max(g, -clipValue), clipValue) * gradientScale : g;
    }
}
