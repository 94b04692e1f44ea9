package dev.gradus.internal.precision;

import dev.gradus.UpdateRule;
import dev.gradus.internal.ArgumentChecks;
import dev.gradus.internal.LayerWise;
import dev.gradus.internal.ScheduleFreeAveraging;
import dev.gradus.internal.SegmentChecks;
import dev.gradus.internal.StateChecks;
import dev.gradus.internal.StateMemory;
import dev.gradus.precision.StoragePlan;
import dev.gradus.precision.StorageType;
import dev.gradus.precision.Weights;
import java.lang.foreign.MemorySegment;

/**
 * The checks of a step on buffers stored as a {@link StoragePlan} says, before anything is
 * written: every buffer's byte size is the parameter's number of elements times its type's bytes,
 * the written ones are writable and share no byte with any other, and the rule steps element by
 * element.
 */
public final class StorageChecks {

    private StorageChecks() {
    }

    /**
     * Checks the buffers and the range.
     *
     * @param weightCopy the Kahan compensation or the model copy, null for rounded weights
     * @return the parameter's number of elements
     */
    public static long requireStoredStep(UpdateRule rule, StoragePlan plan, MemorySegment param,
                                         MemorySegment weightCopy, MemorySegment gradient, MemorySegment state0,
                                         MemorySegment state1, MemorySegment state2, long from, long to) {
        long n = requireWeightsAndGradient(plan, param, weightCopy, gradient);
        requireStatesAndRange(rule, plan, n, param, weightCopyName(plan), weightCopy, gradient, state0, state1, state2,
                from, to);
        return n;
    }

    /**
     * Checks the weights' buffers and the gradient of a step: the parameter writable in its
     * type, the weight copy the plan takes (or none), the gradient as long, no two sharing a byte.
     *
     * @return the parameter's number of elements
     */
    private static long requireWeightsAndGradient(StoragePlan plan, MemorySegment param, MemorySegment weightCopy,
                                                  MemorySegment gradient) {
        ArgumentChecks.requireNonNull("storage", plan);
        long n = requireElements("param", param, plan.paramBuffer(), true);
        requireLength("gradient", gradient, plan.gradient(), n, false);
        SegmentChecks.requireDisjoint("param", param, "gradient", gradient);
        if (plan.hasWeightCopy()) {
            String name = weightCopyName(plan);
            ArgumentChecks.requireNonNull(name, weightCopy);
            requireLength(name, weightCopy, plan.parameter(), n, true);
            SegmentChecks.requireDisjoint(name, weightCopy, "param", param);
            SegmentChecks.requireDisjoint(name, weightCopy, "gradient", gradient);
        } else if (weightCopy != null) {
            throw new IllegalArgumentException("weightCopy must be null for " + plan.weights() + " weights");
        }
        return n;
    }

    /**
     * Checks the buffers of a shaped Adafactor step on stored weights and gradient: those as a
     * step checks them, the float32 averages and update as {@link StateChecks#requireFactoredState}
     * does, apart from the weights' buffers too.
     *
     * @return the parameter's number of elements
     */
    public static long requireStoredFactored(StoragePlan plan, MemorySegment param, MemorySegment weightCopy,
                                             MemorySegment gradient, long[] shape, MemorySegment row,
                                             MemorySegment column, MemorySegment update) {
        long n = requireWeightsAndGradient(plan, param, weightCopy, gradient);
        StateChecks.requireFactoredState(n, param, gradient, shape, row, column, update);
        if (weightCopy != null) {
            String name = weightCopyName(plan);
            SegmentChecks.requireDisjoint("row", row, name, weightCopy);
            SegmentChecks.requireDisjoint("column", column, name, weightCopy);
            SegmentChecks.requireDisjoint("update", update, name, weightCopy);
        }
        return n;
    }

    /**
     * Checks the buffers and the range of the update form: rounded weights, read and not written;
     * the update as long as the parameter in the gradient's type, writable, sharing no byte with
     * any other buffer unless it is the gradient itself.
     *
     * @return the parameter's number of elements
     */
    public static long requireStoredUpdate(UpdateRule rule, StoragePlan plan, MemorySegment param,
                                           MemorySegment gradient, MemorySegment update, MemorySegment state0,
                                           MemorySegment state1, MemorySegment state2, long from, long to) {
        ArgumentChecks.requireNonNull("storage", plan);
        if (plan.weights() != Weights.ROUNDED) {
            throw new IllegalArgumentException("the update form reads the weights and writes the update: it takes "
                    + Weights.ROUNDED + " weights, not " + plan.weights());
        }
        long n = requireElements("param", param, plan.parameter(), false);
        requireLength("gradient", gradient, plan.gradient(), n, false);
        requireLength("update", update, plan.gradient(), n, true);
        SegmentChecks.requireDisjoint("update", update, "param", param);
        if (!update.equals(gradient)) {
            SegmentChecks.requireDisjoint("update", update, "gradient", gradient);
        }
        requireStatesAndRange(rule, plan, n, param, "update", update, gradient, state0, state1, state2, from, to);
        return n;
    }

    /** The name of the second weight buffer in messages: {@code compensation} or {@code model}. */
    public static String weightCopyName(StoragePlan plan) {
        return switch (plan.weights()) {
            case KAHAN -> "compensation";
            case FLOAT32_MASTER -> "model";
            case ROUNDED -> "weightCopy";
        };
    }

    /**
     * Requires a live segment accessible from this thread whose byte size is a whole number of
     * {@code type}'s elements, writable if {@code written}.
     *
     * @return its number of elements
     */
    public static long requireElements(String name, MemorySegment segment, StorageType type, boolean written) {
        if (type == StorageType.FLOAT32) {
            return written ? SegmentChecks.requireWritableFloats(name, segment)
                    : SegmentChecks.requireFloats(name, segment);
        }
        SegmentChecks.requireAccessible(name, segment);
        long bytes = segment.byteSize();
        if (bytes % type.bytes() != 0) {
            throw new IllegalArgumentException(name + " is stored as " + type + " (" + type.bytes()
                    + " bytes an element), but its byte size is " + bytes);
        }
        if (written && segment.isReadOnly()) {
            throw new IllegalArgumentException(name + " is read-only but the step writes it");
        }
        return bytes / type.bytes();
    }

    private static void requireLength(String name, MemorySegment segment, StorageType type, long n,
                                      boolean written) {
        long held = requireElements(name, segment, type, written);
        if (held != n) {
            throw new IllegalArgumentException(name + " holds " + held + " " + type + " elements but param holds " + n);
        }
    }

    /** The state buffers, each apart from the others and from the buffers named, and the range. */
    private static void requireStatesAndRange(UpdateRule rule, StoragePlan plan, long n, MemorySegment param,
                                              String writtenName, MemorySegment written, MemorySegment gradient,
                                              MemorySegment state0, MemorySegment state1, MemorySegment state2,
                                              long from, long to) {
        // Written out per buffer: an array of the three would be allocated on every step.
        requireState(rule, plan, 0, state0, n, param, writtenName, written, gradient);
        requireState(rule, plan, 1, state1, n, param, writtenName, written, gradient);
        requireState(rule, plan, 2, state2, n, param, writtenName, written, gradient);
        requireApart(rule, 0, state0, 1, state1);
        requireApart(rule, 0, state0, 2, state2);
        requireApart(rule, 1, state1, 2, state2);
        SegmentChecks.requireRange(from, to, n);
    }

    /** State buffer {@code index}, apart from the parameter, the gradient and {@code written} (null if none). */
    private static void requireState(UpdateRule rule, StoragePlan plan, int index, MemorySegment state, long n,
                                     MemorySegment param, String writtenName, MemorySegment written,
                                     MemorySegment gradient) {
        int kept = rule.stateBuffers();
        if (index >= kept) {
            if (state != null) {
                throw new IllegalArgumentException(rule.getClass().getSimpleName() + " keeps " + kept
                        + " state buffers, but a buffer was given in position " + (index + 1));
            }
            return;
        }
        String name = rule.stateName(index);
        ArgumentChecks.requireNonNull(name, state);
        if (ScheduleFreeAveraging.isAveraging(rule, index)) {
            requireLength(name, state, StorageType.FLOAT32, ScheduleFreeAveraging.FLOATS, true);
        } else {
            requireLength(name, state, StateMemory.stateType(rule, index, plan), StateChecks.rangedLength(rule, index, n),
                    true);
        }
        SegmentChecks.requireDisjoint(name, state, "param", param);
        SegmentChecks.requireDisjoint(name, state, "gradient", gradient);
        if (written != null) {
            SegmentChecks.requireDisjoint(name, state, writtenName, written);
        }
    }

    private static void requireApart(UpdateRule rule, int first, MemorySegment a, int second, MemorySegment b) {
        if (second < rule.stateBuffers()) {
            SegmentChecks.requireDisjoint(rule.stateName(first), a, rule.stateName(second), b);
        }
    }
}
