package dev.gradus.testkit;

import dev.gradus.CustomStep;
import dev.gradus.testing.property.BitExact;
import dev.gradus.testing.property.Buffers;
import dev.gradus.testing.property.GuardedSegment;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The parameter and state buffers of one {@link CustomCase}, laid out as the case says (heap or
 * native, at its offset, between guards), stepped by the rule's scalar or vector step.
 */
final class CustomTrial {

    /** Guard floats after each buffer. */
    static final int TRAILING_GUARD = 5;

    private final CustomCase c;
    private final GuardedSegment param;
    private final List<GuardedSegment> state;
    // The slices, made once: a step through them allocates nothing.
    private final MemorySegment paramSlice;
    private final MemorySegment[] stateSlices;

    private CustomTrial(CustomCase c, Arena arena) {
        this.c = c;
        param = guarded(c, arena, c.param());
        state = c.state().stream().map(values -> guarded(c, arena, values)).toList();
        paramSlice = param.slice();
        stateSlices = state.stream().map(GuardedSegment::slice).toArray(MemorySegment[]::new);
    }

    /** Fresh buffers holding the case's initial parameter and state. */
    static CustomTrial of(CustomCase c, Arena arena) {
        return new CustomTrial(c, arena);
    }

    /** The case's gradient of step {@code s} (0-based), in a guarded buffer of the case's kind. */
    static GuardedSegment gradient(CustomCase c, Arena arena, int s) {
        return guarded(c, arena, c.gradients().get(s));
    }

    private static GuardedSegment guarded(CustomCase c, Arena arena, float[] values) {
        return Buffers.of(c.kind(), arena, values, c.offset(), TRAILING_GUARD);
    }

    /** The step object of step {@code s} (0-based) of the case over these buffers and {@code gradient}. */
    CustomStep step(int s, MemorySegment gradient) {
        boolean clipped = c.clipValue() != Float.POSITIVE_INFINITY || c.gradientScale() != 1f;
        return CustomStep.of(c.firstStep() + s, c.learningRate(), clipped, c.clipValue(), c.gradientScale(),
                paramSlice, gradient, stateSlices);
    }

    /**
     * Asserts that the parameter and every state buffer hold the bits of {@code expected}'s.
     *
     * @param what names the steps compared, for the failure message
     */
    void assertSameBits(CustomTrial expected, String what) {
        BitExact.assertSameBits(what + ": parameter", expected.param.toFloatArray(), paramSlice);
        for (int s = 0; s < state.size(); s++) {
            BitExact.assertSameBits(what + ": state " + s + " (" + c.rule().stateName(s) + ")",
                    expected.state.get(s).toFloatArray(), stateSlices[s]);
        }
    }

    /**
     * Asserts that no element outside the case's range differs from its initial value.
     *
     * @param what names the steps, for the failure message
     */
    void assertOutsideRangeUnchanged(String what) {
        assertOutsideRangeUnchanged(what + ": parameter", c.param(), param.toFloatArray());
        for (int s = 0; s < state.size(); s++) {
            assertOutsideRangeUnchanged(what + ": state " + s + " (" + c.rule().stateName(s) + ")", c.state().get(s),
                    state.get(s).toFloatArray());
        }
    }

    private void assertOutsideRangeUnchanged(String what, float[] initial, float[] now) {
        IntStream.range(0, initial.length)
                .filter(i -> (i < c.from() || i >= c.to())
                        && Float.floatToRawIntBits(initial[i]) != Float.floatToRawIntBits(now[i]))
                .findFirst()
                .ifPresent(i -> {
                    throw new AssertionError(String.format(
                            "%s: element %d, outside the range [%d, %d), was written: it held %s (0x%08x), now %s"
                                    + " (0x%08x)", what, i, c.from(), c.to(), initial[i],
                            Float.floatToRawIntBits(initial[i]), now[i], Float.floatToRawIntBits(now[i])));
                });
    }

    /** Asserts that nothing was written around the parameter and state buffers. */
    void assertGuardsUntouched() {
        param.assertGuardsUntouched();
        state.forEach(GuardedSegment::assertGuardsUntouched);
    }
}
