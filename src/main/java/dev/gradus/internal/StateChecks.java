package dev.gradus.internal;

import dev.gradus.Adafactor;
import dev.gradus.UpdateRule;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/** The buffer checks every rule shares: parameter, gradient and one state buffer at a time. */
public final class StateChecks {

    private StateChecks() {
    }

    /**
     * Checks the parameter and gradient buffers and the range.
     *
     * @param param the parameter buffer
     * @param gradient the gradient buffer
     * @param from first element, inclusive
     * @param to last element, exclusive
     * @return the number of elements of the parameter
     */
    public static long requireParamAndGradient(MemorySegment param, MemorySegment gradient, long from, long to) {
        long n = SegmentChecks.requireWritableFloats("param", param);
        SegmentChecks.requireSameLength("gradient", SegmentChecks.requireFloats("gradient", gradient), n);
        SegmentChecks.requireDisjoint("param", param, "gradient", gradient);
        SegmentChecks.requireRange(from, to, n);
        return n;
    }

    /**
     * Checks the buffers and the range of a call that emits the update: the parameter is read
     * only; the update is writable, as long as the parameter, and either is the gradient itself
     * ({@link MemorySegment#equals}: the same memory and size) or shares no byte with it; it
     * shares no byte with the parameter.
     *
     * @param param the parameter buffer
     * @param gradient the gradient buffer
     * @param update the buffer that receives the update
     * @param from first element, inclusive
     * @param to last element, exclusive
     * @return the number of elements of the parameter
     */
    public static long requireUpdateForm(MemorySegment param, MemorySegment gradient, MemorySegment update,
                                         long from, long to) {
        long n = SegmentChecks.requireFloats("param", param);
        SegmentChecks.requireSameLength("gradient", SegmentChecks.requireFloats("gradient", gradient), n);
        SegmentChecks.requireSameLength("update", SegmentChecks.requireWritableFloats("update", update), n);
        SegmentChecks.requireDisjoint("update", update, "param", param);
        if (!update.equals(gradient)) {
            SegmentChecks.requireDisjoint("update", update, "gradient", gradient);
        }
        SegmentChecks.requireRange(from, to, n);
        return n;
    }

    /**
     * Requires that no state buffer shares a byte with {@code update}, the buffer a call that emits
     * the update writes besides the state.
     *
     * @param rule the rule
     * @param update the buffer that receives the update
     * @param state0 the first state buffer, or null
     * @param state1 the second, or null
     * @param state2 the third, or null
     */
    public static void requireStatesApartFrom(UpdateRule rule, MemorySegment update, MemorySegment state0,
                                              MemorySegment state1, MemorySegment state2) {
        // Written out per buffer, as in requireStates: an array would be allocated on every step.
        requireApart(rule, 0, state0, update);
        requireApart(rule, 1, state1, update);
        requireApart(rule, 2, state2, update);
    }

    private static void requireApart(UpdateRule rule, int index, MemorySegment state, MemorySegment update) {
        if (index < rule.stateBuffers()) {
            SegmentChecks.requireDisjoint("update", update, rule.stateName(index), state);
        }
    }

    /**
     * Checks Adafactor's buffers for a step of a matrix-shaped parameter: the parameter and the
     * gradient as {@link #requireParamAndGradient} on the whole, the averages sized by
     * {@code shape}, the update as long as the parameter, all writable and sharing no byte.
     *
     * @return the parameter's number of floats
     */
    public static long requireFactored(MemorySegment param, MemorySegment gradient, long[] shape,
                                            MemorySegment row, MemorySegment column, MemorySegment update) {
        long n = requireParamAndGradient(param, gradient, 0, SegmentChecks.requireWritableFloats("param", param));
        requireFactoredState(n, param, gradient, shape, row, column, update);
        return n;
    }

    /**
     * Checks the shape and Adafactor's float32 buffers for a parameter of {@code n} elements:
     * the averages as the shape sizes them, the update as long as the parameter, all writable and
     * sharing no byte with each other, the parameter or the gradient.
     */
    public static void requireFactoredState(long n, MemorySegment param, MemorySegment gradient, long[] shape,
                                            MemorySegment row, MemorySegment column, MemorySegment update) {
        ArgumentChecks.requireNonNull("shape", shape);
        Factoring.requireShape(shape, n);
        long rows = Factoring.rowsOf(shape);
        long columns = Factoring.columnsOf(shape, n);
        requireShaped("row", row, Factoring.rowFloats(rows, columns, n), shape);
        requireShaped("column", column, Factoring.columnFloats(rows, columns, n), shape);
        SegmentChecks.requireSameLength("update", SegmentChecks.requireWritableFloats("update", update), n);
        // Written out pair by pair: arrays of the buffers would be allocated on every step.
        requireApart("row", row, param, gradient);
        requireApart("column", column, param, gradient);
        requireApart("update", update, param, gradient);
        SegmentChecks.requireDisjoint("column", column, "row", row);
        SegmentChecks.requireDisjoint("update", update, "row", row);
        SegmentChecks.requireDisjoint("update", update, "column", column);
    }

    private static void requireApart(String name, MemorySegment state, MemorySegment param, MemorySegment gradient) {
        SegmentChecks.requireDisjoint(name, state, "param", param);
        SegmentChecks.requireDisjoint(name, state, "gradient", gradient);
    }

    private static void requireShaped(String name, MemorySegment state, long floats, long[] shape) {
        long held = SegmentChecks.requireWritableFloats(name, state);
        if (held != floats) {
            throw new IllegalArgumentException(name + " holds " + held + " floats but shape "
                    + Arrays.toString(shape) + " needs " + floats);
        }
    }

    /**
     * Checks the state buffers of {@code rule}: the first {@link UpdateRule#stateBuffers()} of
     * {@code state0, state1, state2} must be given, writable, as long as the parameter (a
     * schedule-free {@code averaging}: {@link ScheduleFreeAveraging#FLOATS} floats) and share
     * no byte with the parameter, the gradient or each other; the others must be null.
     *
     * @param rule the rule
     * @param n the parameter's number of floats
     * @param param the parameter buffer
     * @param gradient the gradient buffer
     * @param state0 the first state buffer, or null
     * @param state1 the second, or null
     * @param state2 the third, or null
     */
    public static void requireStates(UpdateRule rule, long n, MemorySegment param, MemorySegment gradient,
                                     MemorySegment state0, MemorySegment state1, MemorySegment state2) {
        // Written out per buffer: an array of the three would be allocated on every step.
        requireState(rule, 0, state0, n, param, gradient);
        requireState(rule, 1, state1, n, param, gradient);
        requireState(rule, 2, state2, n, param, gradient);
        if (rule.stateBuffers() > 1) {
            SegmentChecks.requireDisjoint(rule.stateName(0), state0, rule.stateName(1), state1);
        }
        if (rule.stateBuffers() > 2) {
            SegmentChecks.requireDisjoint(rule.stateName(0), state0, rule.stateName(2), state2);
            SegmentChecks.requireDisjoint(rule.stateName(1), state1, rule.stateName(2), state2);
        }
    }

    private static void requireState(UpdateRule rule, int index, MemorySegment state, long n, MemorySegment param,
                                     MemorySegment gradient) {
        int kept = rule.stateBuffers();
        if (index >= kept) {
            if (state != null) {
                throw new IllegalArgumentException(describe(rule) + " keeps " + kept
                        + " state buffers, but a buffer was given in position " + (index + 1));
            }
            return;
        }
        String name = rule.stateName(index);
        ArgumentChecks.requireNonNull(name, state);
        long held = SegmentChecks.requireWritableFloats(name, state);
        if (ScheduleFreeAveraging.isAveraging(rule, index)) {
            if (held != ScheduleFreeAveraging.FLOATS) {
                throw new IllegalArgumentException(name + " holds " + held + " floats but " + describe(rule)
                        + " keeps " + ScheduleFreeAveraging.FLOATS + " there (the bits of lrMax and weightSum)");
            }
        } else {
            SegmentChecks.requireSameLength(name, held, rangedLength(rule, index, n));
        }
        SegmentChecks.requireDisjoint(name, state, "param", param);
        SegmentChecks.requireDisjoint(name, state, "gradient", gradient);
    }

    /**
     * The elements of state buffer {@code index} for a step on a range of {@code n} elements: the
     * range's, but one (unused) float for Adafactor's row averages, the range being a vector.
     */
    public static long rangedLength(UpdateRule rule, int index, long n) {
        return rule instanceof Adafactor && index == 0 ? 1 : n;
    }

    private static String describe(UpdateRule rule) {
        return rule.getClass().getSimpleName();
    }
}
