package dev.gradus.internal.vector;

import java.lang.foreign.MemorySegment;

/**
 * The loops over {@code [from, to)} that specialized copies implement ({@link Specializations}),
 * their options constants of each copy: every rule's ({@link RuleLoop}), with the buffers of the
 * rule's {@code KernelSet} method, its per-step scalars as {@code k0} to {@code k7} in that
 * method's order, and the decay arguments; the schedule-free step's ({@link ScheduleFreeLoop});
 * and every conversion's ({@link ConversionLoop}).
 */
final class Loops {

    private Loops() {
    }

    /** One rule's loop; see {@link RuleLoop} for the arguments of each rule. */
    interface Rule {
        void run(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment state0,
                 MemorySegment state1, MemorySegment state2, long from, long to,
                 float k0, float k1, float k2, float k3, float k4, float k5, float k6, float k7,
                 float decayFactor, float clipValue, float factor, float weightDecay);
    }

    /**
     * Adam in place with bfloat16 {@code m}, {@code v} narrowed to nearest even, on float32
     * weights and gradient or, given a {@code compensation}, on bfloat16 Kahan-compensated weights
     * and a bfloat16 gradient, over the whole vectors of {@code [from, to)}; see
     * {@link StoredAdamLoop}.
     *
     * @return the end of the elements stepped: {@code from} plus the whole vectors
     */
    interface StoredAdam {
        long run(MemorySegment param, MemorySegment compensation, MemorySegment gradient, MemorySegment m,
                 MemorySegment v, long from, long to,
                 float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2, float stepSize,
                 float secondMomentScale, float epsilon, float decayFactor, float clipValue, float factor,
                 float weightDecay);
    }

    /** The schedule-free step's loop; see {@link ScheduleFreeLoop} for its arguments. */
    interface ScheduleFree {
        void run(MemorySegment param, MemorySegment gradient, MemorySegment z, MemorySegment zSource,
                 MemorySegment base, MemorySegment v, long from, long to, float beta2, float oneMinusBeta2,
                 float epsilon, float lerpWeight, float yStep, float zStep, float decay, float clipValue,
                 float factor);
    }

    /**
     * One conversion's loop; see {@link ConversionLoop}. {@code floats} is the float buffer (the
     * int buffer of the random bits), {@code storage} the 16-bit one; {@code key} is the key of
     * the random bits and {@code origin} the global index of element 0; float element {@code i}
     * pairs with storage element {@code shift + i}.
     */
    interface Conversion {
        void run(MemorySegment floats, MemorySegment storage, long shift, long from, long to, long key, long origin);
    }
}
