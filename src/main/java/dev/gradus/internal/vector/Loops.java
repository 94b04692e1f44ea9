package dev.gradus.internal.vector;

import java.lang.foreign.MemorySegment;

/**
 * The loop of every rule over {@code [from, to)}, as its specialized copies implement it
 * ({@link RuleLoop}): the buffers of the rule's {@code KernelSet} method, its per-step scalars as
 * {@code k0} to {@code k6} in that method's order, and the decay arguments; the options are
 * constants of each copy ({@link Specializations}).
 */
final class Loops {

    private Loops() {
    }

    /** One rule's loop; see {@link RuleLoop} for the arguments of each rule. */
    interface Rule {
        void run(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment state0,
                 MemorySegment state1, MemorySegment state2, long from, long to,
                 float k0, float k1, float k2, float k3, float k4, float k5, float k6,
                 float decayFactor, float weightDecay);
    }
}
