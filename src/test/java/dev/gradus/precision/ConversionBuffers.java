package dev.gradus.precision;

import dev.gradus.internal.precision.Conversions;
import dev.gradus.testing.property.Buffers;
import dev.gradus.testing.property.GuardedSegment;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.stream.IntStream;

/**
 * The guarded input and output buffers of a {@link ConversionCase}, sliced once, so that a call
 * of {@link #convert} allocates nothing of its own: what it allocates is the conversion's.
 */
final class ConversionBuffers {

    private static final int GUARD = 3;

    private final ConversionCase c;
    private final GuardedSegment floats;
    private final GuardedBuffer storage;
    private final MemorySegment floatSlice;
    private final MemorySegment storageSlice;

    /** Fresh buffers in {@code arena} (or on the heap) holding the case's input. */
    ConversionBuffers(ConversionCase c, Arena arena) {
        this.c = c;
        Conversion conversion = c.conversion();
        if (conversion == Conversion.RANDOM_BITS) {
            floats = null;
            storage = GuardedBuffer.of(c.kind(), arena, GuardedBuffer.Element.INT, c.offset(), c.n(), GUARD);
        } else if (conversion.narrows()) {
            floats = Buffers.of(c.kind(), arena, c.values(), c.offset(), GUARD);
            storage = GuardedBuffer.of(c.kind(), arena, GuardedBuffer.Element.SHORT, c.offset(), c.n(), GUARD);
        } else {
            floats = Buffers.of(c.kind(), arena, new float[c.n()], c.offset(), GUARD);
            storage = GuardedBuffer.of(c.kind(), arena, c.patterns(), c.offset(), GUARD);
        }
        floatSlice = floats == null ? null : floats.slice();
        storageSlice = storage.slice();
    }

    /** Runs the case's conversion of {@code [from, to)} with {@code conversions}. */
    void convert(Conversions conversions, long from, long to) {
        Conversion conversion = c.conversion();
        if (conversion == Conversion.RANDOM_BITS) {
            conversions.randomBits(storageSlice, from, to, c.key(), c.origin());
        } else if (conversion.narrows()) {
            conversions.narrow(conversion.type, conversion.rounding, floatSlice, storageSlice, from, to, c.key(),
                    c.origin());
        } else {
            conversions.widen(conversion.type, storageSlice, floatSlice, from, to);
        }
    }

    /**
     * The output's bits (16-bit patterns, float bits or random bits), after checking that nothing
     * outside it was written.
     */
    int[] output() {
        Conversion conversion = c.conversion();
        if (conversion == Conversion.RANDOM_BITS) {
            storage.assertGuardsUntouched();
            return storage.ints();
        } else if (conversion.narrows()) {
            storage.assertGuardsUntouched();
            short[] shorts = storage.shorts();
            return IntStream.range(0, shorts.length).map(i -> shorts[i] & 0xffff).toArray();
        }
        floats.assertGuardsUntouched();
        float[] values = floats.toFloatArray();
        return IntStream.range(0, values.length).map(i -> Float.floatToRawIntBits(values[i])).toArray();
    }
}
