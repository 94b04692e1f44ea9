package dev.gradus.precision;

import dev.gradus.internal.precision.Conversions;
import dev.gradus.internal.precision.RoundingBits;
import dev.gradus.testing.property.Buffers;
import dev.gradus.testing.property.Floats;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.Lengths;
import dev.gradus.testing.property.Shrink;
import dev.gradus.testing.property.Shrinker;
import java.lang.foreign.Arena;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * One conversion over {@code n} elements placed {@code offset} elements into guarded buffers of
 * one kind of memory, run as two calls split at {@code split}: the input values (floats to
 * narrow, patterns to widen), and the key and global index of element 0 of the random bits.
 *
 * @param conversion the conversion
 * @param offset     the elements before the data, misaligning it
 * @param kind       heap or native
 * @param values     the floats narrowed ({@code n} of them; empty otherwise)
 * @param patterns   the 16-bit patterns widened ({@code n} of them; empty otherwise)
 * @param key        {@link RoundingBits#key} of the random bits
 * @param origin     the global index of element 0
 * @param split      where the range is split into two calls, {@code 0 <= split <= n}
 */
record ConversionCase(Conversion conversion, int n, int offset, Buffers.Kind kind, float[] values, short[] patterns,
                      long key, long origin, int split) {

    /** Cases of {@code conversion} for vectors of {@code lanes} floats. */
    static Gen<ConversionCase> generator(Conversion conversion, int lanes) {
        return generator(conversion, lanes, Lengths.forLanes(lanes));
    }

    /** Cases of {@code conversion} of the given lengths for vectors of {@code lanes} floats. */
    static Gen<ConversionCase> generator(Conversion conversion, int lanes, Gen<Integer> lengths) {
        Gen<Float> floats = StorageValues.floats();
        Gen<Short> patterns = StorageValues.patterns();
        return random -> {
            int n = lengths.next(random);
            float[] values = new float[conversion.narrows() ? n : 0];
            for (int i = 0; i < values.length; i++) {
                values[i] = floats.next(random);
            }
            short[] shorts = new short[conversion.widens() ? n : 0];
            for (int i = 0; i < shorts.length; i++) {
                shorts[i] = patterns.next(random);
            }
            long key = RoundingBits.key(random.nextLong(), random.nextLong(1L << 40), random.nextInt());
            return new ConversionCase(conversion, n, random.nextInt(4),
                    random.nextBoolean() ? Buffers.Kind.HEAP : Buffers.Kind.NATIVE, values, shorts, key,
                    origin(random.nextInt(6), random.nextLong(4L * lanes + 1), random.nextLong(1L << 62)),
                    random.nextInt(n + 1));
        };
    }

    /**
     * The global index of element 0: zero, small, or just below {@code 2^31}, {@code 2^32} or
     * {@code 2^33}, so that a vector's indices cross it and carry into the high half, or anywhere
     * up to {@code 2^62}.
     */
    private static long origin(int choice, long below, long anywhere) {
        return switch (choice) {
            case 0 -> 0;
            case 1 -> below;
            case 2 -> (1L << 31) - below;
            case 3 -> (1L << 32) - below;
            case 4 -> (1L << 33) - below;
            default -> anywhere;
        };
    }

    /** This case at {@code offset} in {@code kind} memory, in one call. */
    ConversionCase at(int offset, Buffers.Kind kind) {
        return new ConversionCase(conversion, n, offset, kind, values, patterns, key, origin, n);
    }

    /** Shorter prefixes, split no later than their end. */
    static Shrinker<ConversionCase> shrinker() {
        return c -> Shrink.towardZero(c.n()).map(c::withLength);
    }

    private ConversionCase withLength(int length) {
        return new ConversionCase(conversion, length, offset, kind,
                values.length == 0 ? values : Arrays.copyOf(values, length),
                patterns.length == 0 ? patterns : Arrays.copyOf(patterns, length), key, origin,
                Math.min(split, length));
    }

    /** Whether the global indices cross a multiple of {@code 2^32}, where the low half carries into the high one. */
    boolean crossesCarry() {
        return n > 0 && (origin >>> 32) != ((origin + n - 1) >>> 32);
    }

    /** Whether the values include a NaN, infinity, zero, subnormal or extreme, or an edge of the formats. */
    boolean hasSpecialValue() {
        return IntStream.range(0, values.length).anyMatch(i -> Floats.isSpecial(values[i])
                || StorageValues.EDGE_FLOATS.contains(values[i]))
                || IntStream.range(0, patterns.length).anyMatch(i -> StorageValues.EDGE_PATTERNS.contains(patterns[i]));
    }

    /**
     * Runs the conversion with {@code conversions} on fresh buffers in {@code arena}, as two calls
     * split at {@link #split} (or one, {@code whole}), checks that nothing outside the output was
     * written, and returns the output's bits: 16-bit patterns, float bits or random bits.
     */
    int[] run(Conversions conversions, Arena arena, boolean whole) {
        ConversionBuffers buffers = new ConversionBuffers(this, arena);
        if (whole) {
            buffers.convert(conversions, 0, n);
        } else {
            buffers.convert(conversions, 0, split);
            buffers.convert(conversions, split, n);
        }
        return buffers.output();
    }

    @Override
    public String toString() {
        return conversion + " of " + n + " elements at offset " + offset + " in " + kind + " memory, split at "
                + split + ", origin " + origin + ", key 0x" + Long.toHexString(key)
                + (conversion.widens() ? ", patterns " + Arrays.toString(patterns)
                : conversion.narrows() ? ", values " + Floats.describe(values) : "");
    }
}
