package dev.gradus.internal.precision;

import dev.gradus.precision.Rounding;
import dev.gradus.precision.StorageType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The conversions an element at a time: the specification of the vector loops, which hand it
 * their tails.
 */
public final class ScalarConversions implements Conversions {

    /** The single instance. */
    public static final ScalarConversions INSTANCE = new ScalarConversions();

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;

    private ScalarConversions() {
    }

    @Override
    public void widen(StorageType type, MemorySegment storage, long shift, MemorySegment floats, long from,
                      long to) {
        boolean float16 = Conversions.isFloat16(type);
        for (long i = from; i < to; i++) {
            short h = storage.get(SHORT, (shift + i) * Short.BYTES);
            floats.set(FLOAT, i * Float.BYTES, float16 ? Fp16.widen(h) : Bf16.widen(h));
        }
    }

    @Override
    public void narrow(StorageType type, Rounding rounding, MemorySegment floats, MemorySegment storage, long shift,
                       long from, long to, long key, long origin) {
        boolean float16 = Conversions.isFloat16(type);
        boolean stochastic = rounding == Rounding.STOCHASTIC;
        for (long i = from; i < to; i++) {
            float f = floats.get(FLOAT, i * Float.BYTES);
            short h;
            if (stochastic) {
                int random = RoundingBits.bits(key, origin + i);
                h = float16 ? Fp16.stochastic(f, random) : Bf16.stochastic(f, random);
            } else {
                h = float16 ? Fp16.nearest(f) : Bf16.nearest(f);
            }
            storage.set(SHORT, (shift + i) * Short.BYTES, h);
        }
    }

    @Override
    public void randomBits(MemorySegment ints, long from, long to, long key, long origin) {
        for (long i = from; i < to; i++) {
            ints.set(INT, i * Integer.BYTES, RoundingBits.bits(key, origin + i));
        }
    }
}
