package dev.gradus.internal.warmup;

import java.lang.foreign.MemorySegment;

/**
 * What distinguishes one call of a kernel from another for the JIT: the options that select its
 * branches and the kind of memory it reads (native or heap). Each is a bit of a signature, a
 * number below 64, so a set of signatures fits in a {@code long}.
 *
 * <p>The warm-up replays exactly the signatures callers used: compiled code profiled with a branch
 * or a kind of memory it never serves is slower, sometimes much (a Vector API loop profiled with
 * both heap and native segments ran 10 times slower on native ones than one profiled with native
 * segments alone), and a call whose signature was not warmed would send the compiled code back to
 * the interpreter. So such a call runs on the cold kernels until its signature is warmed too.
 */
final class Signature {

    /** Set for a heap segment. */
    static final int HEAP = 1;
    /** Set when the gradient is multiplied by a factor (maximize's sign, clipping). */
    static final int SCALED = 1 << 1;
    /** Set with coupled weight decay. */
    static final int COUPLED_DECAY = 1 << 2;
    /** Set when epsilon is inside the square root. */
    static final int EPSILON_INSIDE = 1 << 3;
    /**
     * Momentum: Nesterov's update. RMSProp: centered. Adam: AMSGrad. Adam on bfloat16 state:
     * a bfloat16 gradient. Schedule-free: AdamW.
     */
    static final int VARIANT = 1 << 4;
    /** RMSProp: with momentum. Adam, NAdam and Lion: with decoupled weight decay. */
    static final int SECOND_VARIANT = 1 << 5;

    private Signature() {
    }

    /** The bit of {@code signature} in a set of signatures. */
    static long bit(int signature) {
        return 1L << signature;
    }

    private static int kind(MemorySegment segment) {
        return segment.isNative() ? 0 : HEAP;
    }

    private static int flag(boolean on, int bit) {
        return on ? bit : 0;
    }

    static int sgd(MemorySegment param, float weightDecay, boolean scaled) {
        return kind(param) | flag(scaled, SCALED) | flag(weightDecay != 0f, COUPLED_DECAY);
    }

    static int momentum(MemorySegment param, boolean nesterov, float weightDecay, boolean scaled) {
        return sgd(param, weightDecay, scaled) | flag(nesterov, VARIANT);
    }

    static int adagrad(MemorySegment param, boolean epsilonInside, float weightDecay, boolean scaled) {
        return sgd(param, weightDecay, scaled) | flag(epsilonInside, EPSILON_INSIDE);
    }

    static int rmsProp(MemorySegment param, boolean epsilonInside, boolean centered, boolean withMomentum,
                       float weightDecay, boolean scaled) {
        return adagrad(param, epsilonInside, weightDecay, scaled) | flag(centered, VARIANT)
                | flag(withMomentum, SECOND_VARIANT);
    }

    static int adam(MemorySegment param, boolean epsilonInside, boolean amsgrad, float decayFactor,
                    float weightDecay, boolean scaled) {
        return adagrad(param, epsilonInside, weightDecay, scaled) | flag(amsgrad, VARIANT)
                | flag(decayFactor != 1f, SECOND_VARIANT);
    }

    /** Adam's one pass on bfloat16 state, which has no AMSGrad: {@link #VARIANT} for a bfloat16 gradient. */
    static int adamBf16State(MemorySegment param, boolean bf16Gradient, boolean epsilonInside, float decayFactor,
                             float weightDecay, boolean scaled) {
        return adam(param, epsilonInside, bf16Gradient, decayFactor, weightDecay, scaled);
    }

    static int lion(MemorySegment param, float decoupledDecay, float weightDecay, boolean scaled) {
        return decayed(param, decoupledDecay != 0f, weightDecay, scaled);
    }

    static int nadam(MemorySegment param, float decayFactor, float weightDecay, boolean scaled) {
        return decayed(param, decayFactor != 1f, weightDecay, scaled);
    }

    private static int decayed(MemorySegment param, boolean decoupled, float weightDecay, boolean scaled) {
        return sgd(param, weightDecay, scaled) | flag(decoupled, SECOND_VARIANT);
    }

    static int scheduleFree(MemorySegment param, boolean normalized, float decay, boolean scaled) {
        return sgd(param, decay, scaled) | flag(normalized, VARIANT);
    }

    static int direction(MemorySegment update, boolean scaled) {
        return kind(update) | flag(scaled, SCALED);
    }

    static int memory(MemorySegment segment) {
        return kind(segment);
    }
}
