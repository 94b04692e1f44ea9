package dev.gradus.internal;

import dev.gradus.UpdateRule;

import java.lang.foreign.MemorySegment;

/**
 * One registered parameter of a {@link dev.gradus.Optimizer}: the caller's values and gradient, the rule and
 * learning-rate factor of its group, and the state the optimizer allocated for it.
 */
public record RegisteredParameter(String name, MemorySegment values, MemorySegment gradient, UpdateRule rule,
                          double learningRateFactor, MemorySegment state0, MemorySegment state1,
                          MemorySegment state2) {

    /** The number of elements. */
    public long length() {
        return values.byteSize() / Float.BYTES;
    }

    /** State buffer {@code index}, or null past the rule's count. */
    public MemorySegment state(int index) {
        return switch (index) {
            case 0 -> state0;
            case 1 -> state1;
            case 2 -> state2;
            default -> null;
        };
    }
}
