package dev.gradus;

import java.lang.foreign.MemorySegment;

/**
 * One registered parameter of an {@link Optimizer}: the caller's values and gradient, the rule and
 * learning-rate factor of its group, and the state the optimizer allocated for it.
 */
record OptimizerParameter(String name, MemorySegment values, MemorySegment gradient, UpdateRule rule,
                          double learningRateFactor, MemorySegment state0, MemorySegment state1,
                          MemorySegment state2) {

    /** The number of elements. */
    long length() {
        return values.byteSize() / Float.BYTES;
    }

    /** State buffer {@code index}, or null past the rule's count. */
    MemorySegment state(int index) {
        return switch (index) {
            case 0 -> state0;
            case 1 -> state1;
            case 2 -> state2;
            default -> null;
        };
    }
}
