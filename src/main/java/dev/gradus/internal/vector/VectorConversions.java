package dev.gradus.internal.vector;

import dev.gradus.internal.precision.Conversions;
import dev.gradus.precision.Rounding;
import dev.gradus.precision.StorageType;
import java.lang.foreign.MemorySegment;

/**
 * The conversions a vector at a time, at the species of {@link Vectors} (the preferred one, or
 * the width {@code gradus.vector.bits} forces): each call runs the copy of {@link ConversionLoop}
 * made for its conversion and kind of memory, with the scalar conversions on the tail.
 */
public final class VectorConversions implements Conversions {

    /** The single instance. */
    public static final VectorConversions INSTANCE = new VectorConversions();

    private static final Specializations<Loops.Conversion> LOOPS =
            new Specializations<>(Loops.Conversion.class, ConversionLoop.class, ConversionOptions.COUNT);

    private VectorConversions() {
    }

    /** {@code vector-} and the bits of the species, as the vector kernels are named. */
    public String name() {
        return "vector-" + Vectors.SPECIES.vectorBitSize();
    }

    @Override
    public void widen(StorageType type, MemorySegment storage, long shift, MemorySegment floats, long from,
                      long to) {
        int options = ConversionOptions.widen(Conversions.isFloat16(type)) | ConversionOptions.segments(floats, storage);
        LOOPS.of(options).run(floats, storage, shift, from, to, 0L, 0L);
    }

    @Override
    public void narrow(StorageType type, Rounding rounding, MemorySegment floats, MemorySegment storage, long shift,
                       long from, long to, long key, long origin) {
        int options = ConversionOptions.narrow(Conversions.isFloat16(type), rounding)
                | ConversionOptions.segments(floats, storage);
        LOOPS.of(options).run(floats, storage, shift, from, to, key, origin);
    }

    @Override
    public void randomBits(MemorySegment ints, long from, long to, long key, long origin) {
        LOOPS.of(ConversionOptions.RANDOM_BITS | ConversionOptions.segments(ints))
                .run(ints, null, 0, from, to, key, origin);
    }
}
