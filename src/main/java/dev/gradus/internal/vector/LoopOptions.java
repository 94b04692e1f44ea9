package dev.gradus.internal.vector;

import java.lang.foreign.MemorySegment;

/**
 * What each specialized copy of the loop is made for ({@link Specializations}), as bits of an
 * {@code int}: the rule, the options that change what the loop computes, and where its buffers
 * live. A rule uses the bits of its options; the others stay 0.
 *
 * <p>The kind of memory is part of it. C2 intrinsifies a vector load or store only where it knows
 * what kind of segment it accesses, and inside the Vector API that knowledge comes from the type
 * profile of JDK code every caller shares: a loop compiled for native segments and then called
 * with heap ones was recompiled without the intrinsics for the heap calls, which then ran on boxed
 * vectors for good. So each copy is made for one kind and casts its buffers to that kind's class
 * ({@link #segmentClass}), a constant, which binds the JDK's calls whatever the shared profile
 * says.
 */
final class LoopOptions {

    /** Ascend: the gradient's sign is flipped. */
    static final int SCALED = 1;
    /** Coupled weight decay: {@code g + lambda * w}, for {@code lambda != 0}. */
    static final int COUPLED_DECAY = 1 << 1;
    /** {@code sqrt(q + eps)} instead of {@code sqrt(q) + eps}. */
    static final int EPSILON_INSIDE = 1 << 2;
    /** Momentum's look-ahead update. */
    static final int NESTEROV = 1 << 3;
    /** RMSProp divides by the centered second moment. */
    static final int CENTERED = 1 << 4;
    /** RMSProp keeps a momentum buffer. */
    static final int MOMENTUM = 1 << 5;
    /** Adam divides by the running maximum of {@code v}. */
    static final int AMSGRAD = 1 << 6;
    /** Adam and NAdam multiply the weights by a decay factor other than 1; Lion adds {@code lambda * w} to its sign. */
    static final int DECOUPLED_DECAY = 1 << 7;
    /** Every buffer of the call is a heap segment over a {@code float[]}. */
    static final int FLOAT_ARRAY_SEGMENTS = 1 << 8;
    /** The buffers are of different kinds, or heap segments over other arrays than {@code float[]}. */
    static final int OTHER_SEGMENTS = 1 << 9;
    /** The update is written into a buffer of its own and the parameter is left as it is. */
    static final int EMITS_UPDATE = 1 << 10;
    /**
     * Adam on bfloat16 state ({@link StoredAdamLoop}) only: the weights are bfloat16,
     * Kahan-compensated by a bfloat16 buffer. It shares {@link #NESTEROV}'s bit, which no Adam
     * loop uses.
     */
    static final int KAHAN_WEIGHTS = NESTEROV;
    /** Adam on bfloat16 state only: the gradient is bfloat16. It shares {@link #CENTERED}'s bit. */
    static final int BF16_GRADIENT = CENTERED;
    /** Where the rule's number sits: {@link #rule}. */
    private static final int RULE_SHIFT = 11;
    /** Gradient descent. */
    static final int RULE_SGD = 0;
    /** Momentum. */
    static final int RULE_MOMENTUM = 1;
    /** AdaGrad. */
    static final int RULE_ADAGRAD = 2;
    /** RMSProp. */
    static final int RULE_RMS_PROP = 3;
    /** Adam. */
    static final int RULE_ADAM = 4;
    /** Lion. */
    static final int RULE_LION = 5;
    /** Adamax. */
    static final int RULE_ADAMAX = 6;
    /** Adadelta. */
    static final int RULE_ADADELTA = 7;
    /** Rprop. */
    static final int RULE_RPROP = 8;
    /** NAdam. */
    static final int RULE_NADAM = 9;
    /** AdaBelief. */
    static final int RULE_ADABELIEF = 10;
    /** Yogi. */
    static final int RULE_YOGI = 11;
    /** The number of distinct option sets: the rule's number takes four bits. */
    static final int COUNT = 1 << (RULE_SHIFT + 4);

    private LoopOptions() {
    }

    /** The bits of {@code rule}, one of {@link #RULE_SGD} to {@link #RULE_YOGI}. */
    static int forRule(int rule) {
        return rule << RULE_SHIFT;
    }

    /** The rule of {@code options}: {@link #RULE_SGD} to {@link #RULE_YOGI}. */
    static int rule(int options) {
        return options >>> RULE_SHIFT;
    }

    /** {@code option} if {@code on}, else 0. */
    static int when(boolean on, int option) {
        return on ? option : 0;
    }

    /** The options of the effective gradient every rule forms: {@link #SCALED} and {@link #COUPLED_DECAY}. */
    static int gradient(float weightDecay, boolean scaled) {
        return when(scaled, SCALED) | when(weightDecay != 0f, COUPLED_DECAY);
    }

    /**
     * The kind of memory of a call's buffers, and whether it emits the update: 0 if all are
     * native, {@link #FLOAT_ARRAY_SEGMENTS} if all are heap segments over {@code float[]}, else
     * {@link #OTHER_SEGMENTS}; with {@link #EMITS_UPDATE} if {@code update} is given. Null buffers
     * (state a rule does not keep, no update) do not count.
     */
    static int segments(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment state0,
                        MemorySegment state1, MemorySegment state2) {
        int emits = when(update != null, EMITS_UPDATE);
        if (isNative(param) && isNative(gradient) && isNativeOrNull(update) && isNativeOrNull(state0)
                && isNativeOrNull(state1) && isNativeOrNull(state2)) {
            return emits;
        }
        if (isFloatArray(param) && isFloatArray(gradient) && isFloatArrayOrNull(update)
                && isFloatArrayOrNull(state0) && isFloatArrayOrNull(state1) && isFloatArrayOrNull(state2)) {
            return emits | FLOAT_ARRAY_SEGMENTS;
        }
        return emits | OTHER_SEGMENTS;
    }

    /**
     * The class every buffer of a call with {@code options} is an instance of: the JDK's native
     * segment class, its segment class over {@code float[]}, or {@link MemorySegment} for other
     * calls.
     */
    static Class<? extends MemorySegment> segmentClass(int options) {
        return has(options, FLOAT_ARRAY_SEGMENTS) ? FLOAT_ARRAY_CLASS
                : has(options, OTHER_SEGMENTS) ? MemorySegment.class : NATIVE_CLASS;
    }

    /** The JDK's class of native segments. */
    static final Class<? extends MemorySegment> NATIVE_CLASS = MemorySegment.NULL.getClass();
    /** The JDK's class of heap segments over a {@code float[]}. */
    static final Class<? extends MemorySegment> FLOAT_ARRAY_CLASS =
            MemorySegment.ofArray(new float[0]).getClass();

    /** The JDK's class of heap segments over a {@code short[]}. */
    static final Class<? extends MemorySegment> SHORT_ARRAY_CLASS =
            MemorySegment.ofArray(new short[0]).getClass();

    /**
     * The kind of memory of a step of {@link StoredAdamLoop} on {@code param}, {@code gradient}
     * (16-bit if {@code bf16Gradient}, else float32), 16-bit {@code m}, {@code v} and, with
     * Kahan-compensated weights, a 16-bit {@code compensation} (the weights then 16-bit too; else
     * null, the weights float32): 0 if
     * all are native, {@link #FLOAT_ARRAY_SEGMENTS} if each is a heap segment over the array of
     * its type ({@code float[]} or {@code short[]}), else {@link #OTHER_SEGMENTS}.
     */
    static int storedSegments(MemorySegment param, MemorySegment compensation, MemorySegment gradient,
                              boolean bf16Gradient, MemorySegment m, MemorySegment v) {
        if (isNative(param) && isNativeOrNull(compensation) && isNative(gradient) && isNative(m) && isNative(v)) {
            return 0;
        }
        Class<? extends MemorySegment> weights = compensation == null ? FLOAT_ARRAY_CLASS : SHORT_ARRAY_CLASS;
        Class<? extends MemorySegment> gradients = bf16Gradient ? SHORT_ARRAY_CLASS : FLOAT_ARRAY_CLASS;
        if (param.getClass() == weights && gradient.getClass() == gradients
                && (compensation == null || compensation.getClass() == SHORT_ARRAY_CLASS)
                && m.getClass() == SHORT_ARRAY_CLASS && v.getClass() == SHORT_ARRAY_CLASS) {
            return FLOAT_ARRAY_SEGMENTS;
        }
        return OTHER_SEGMENTS;
    }

    /** The class of the 16-bit buffers of a {@link #storedSegments} call with {@code options}. */
    static Class<? extends MemorySegment> storageClass(int options) {
        return has(options, FLOAT_ARRAY_SEGMENTS) ? SHORT_ARRAY_CLASS
                : has(options, OTHER_SEGMENTS) ? MemorySegment.class : NATIVE_CLASS;
    }

    private static boolean isNative(MemorySegment segment) {
        return NATIVE_CLASS.isInstance(segment);
    }

    private static boolean isNativeOrNull(MemorySegment segment) {
        return segment == null || isNative(segment);
    }

    private static boolean isFloatArray(MemorySegment segment) {
        return segment.getClass() == FLOAT_ARRAY_CLASS;
    }

    private static boolean isFloatArrayOrNull(MemorySegment segment) {
        return segment == null || isFloatArray(segment);
    }

    /** Whether {@code options} include {@code option}. */
    static boolean has(int options, int option) {
        return (options & option) != 0;
    }
}
