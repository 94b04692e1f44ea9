package dev.gradus.internal.vector;

import dev.gradus.precision.Rounding;
import java.lang.foreign.MemorySegment;

/**
 * What each specialized copy of {@link ConversionLoop} is made for, as bits of an {@code int}:
 * the conversion, and where its buffers live (for the reason {@link LoopOptions} gives).
 */
final class ConversionOptions {

    /** The 16-bit type is float16; else bfloat16. */
    static final int FLOAT16 = 1;
    /** Floats are narrowed to the 16-bit type; else widened from it. */
    static final int NARROWS = 1 << 1;
    /** Narrowing rounds stochastically; else to nearest, ties to even. */
    static final int STOCHASTIC = 1 << 2;
    /** The loop writes the random bits of stochastic rounding and converts nothing. */
    static final int RANDOM_BITS = 1 << 3;
    /**
     * The float buffer is a heap segment over a {@code float[]} (the random bits' over an
     * {@code int[]}), the storage one over a {@code short[]}.
     */
    static final int ARRAY_SEGMENTS = 1 << 4;
    /** The buffers are of other kinds, or of different kinds. */
    static final int OTHER_SEGMENTS = 1 << 5;
    /** The number of distinct option sets. */
    static final int COUNT = 1 << 6;

    private static final Class<? extends MemorySegment> INT_ARRAY_CLASS =
            MemorySegment.ofArray(new int[0]).getClass();

    private ConversionOptions() {
    }

    /** The options of widening from float16 ({@code float16}) or bfloat16. */
    static int widen(boolean float16) {
        return LoopOptions.when(float16, FLOAT16);
    }

    /** The options of narrowing to float16 ({@code float16}) or bfloat16 with {@code rounding}. */
    static int narrow(boolean float16, Rounding rounding) {
        return NARROWS | LoopOptions.when(float16, FLOAT16) | LoopOptions.when(rounding == Rounding.STOCHASTIC,
                STOCHASTIC);
    }

    /**
     * The kind of memory of a conversion: 0 if both buffers are native, {@link #ARRAY_SEGMENTS} for
     * a {@code float[]} and a {@code short[]}, else {@link #OTHER_SEGMENTS}.
     */
    static int segments(MemorySegment floats, MemorySegment storage) {
        if (LoopOptions.NATIVE_CLASS.isInstance(floats) && LoopOptions.NATIVE_CLASS.isInstance(storage)) {
            return 0;
        }
        if (floats.getClass() == LoopOptions.FLOAT_ARRAY_CLASS && storage.getClass() == LoopOptions.SHORT_ARRAY_CLASS) {
            return ARRAY_SEGMENTS;
        }
        return OTHER_SEGMENTS;
    }

    /** The kind of memory of the random bits' buffer: native, over an {@code int[]}, or other. */
    static int segments(MemorySegment ints) {
        return LoopOptions.NATIVE_CLASS.isInstance(ints) ? 0
                : ints.getClass() == INT_ARRAY_CLASS ? ARRAY_SEGMENTS : OTHER_SEGMENTS;
    }

    /** The class of the float buffer (the random bits' buffer) of a call with {@code options}. */
    static Class<? extends MemorySegment> floatsClass(int options) {
        return LoopOptions.has(options, ARRAY_SEGMENTS)
                ? LoopOptions.has(options, RANDOM_BITS) ? INT_ARRAY_CLASS : LoopOptions.FLOAT_ARRAY_CLASS
                : LoopOptions.has(options, OTHER_SEGMENTS) ? MemorySegment.class : LoopOptions.NATIVE_CLASS;
    }

    /** The class of the storage buffer of a call with {@code options}. */
    static Class<? extends MemorySegment> storageClass(int options) {
        return LoopOptions.has(options, ARRAY_SEGMENTS) ? LoopOptions.SHORT_ARRAY_CLASS
                : LoopOptions.has(options, OTHER_SEGMENTS) ? MemorySegment.class : LoopOptions.NATIVE_CLASS;
    }
}
