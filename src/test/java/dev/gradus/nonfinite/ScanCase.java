package dev.gradus.nonfinite;

import dev.gradus.testing.property.Buffers;
import dev.gradus.testing.property.Floats;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.GuardedSegment;
import dev.gradus.testing.property.Lengths;
import dev.gradus.testing.property.Shrink;
import dev.gradus.testing.property.Shrinker;
import java.lang.foreign.Arena;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * One input of the non-finite scan properties: where the buffer lives (heap or native, at an
 * element offset between guards) and its values, finite everywhere or with NaNs and infinities
 * planted where a vector kernel could miss them: the first element, the first vector, the tail
 * after the whole vectors, the last element, two in one vector, several anywhere.
 */
record ScanCase(Buffers.Kind kind, int offset, float[] values) {

    /** Guard floats after the slice (the guards are NaNs, so a scan past the slice would stop there). */
    static final int TRAILING_GUARD = 5;

    /** NaNs of several payloads and signs (signalling ones included) and both infinities. */
    static final Gen<Float> NON_FINITE = Gen.elementOf(Float.NaN, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.intBitsToFloat(0x7f800001), Float.intBitsToFloat(0xff800001),
            Float.intBitsToFloat(0xffc00000), Float.intBitsToFloat(0xffffffff), Float.intBitsToFloat(0x7fffffff));

    /** The number of elements. */
    int n() {
        return values.length;
    }

    /** The index of the first NaN or infinity in {@code [from, to)}, or -1: the specification, in the test tree. */
    long expected(long from, long to) {
        for (long i = from; i < to; i++) {
            if (!Float.isFinite(values[(int) i])) {
                return i;
            }
        }
        return -1;
    }

    /** {@link #expected(long, long)} over every element. */
    long expected() {
        return expected(0, n());
    }

    /** The indices of the elements that are NaN or infinite, in order. */
    int[] nonFiniteIndices() {
        return IntStream.range(0, n()).filter(i -> !Float.isFinite(values[i])).toArray();
    }

    /** Whether the element after the first non-finite one, in the same vector of {@code lanes}, is also non-finite. */
    boolean twoInTheFirstNonFiniteVector(int lanes) {
        long first = expected();
        long vectorEnd = Math.min(n(), first - first % lanes + lanes);
        return first >= 0 && expected(first + 1, vectorEnd) >= 0;
    }

    /** The values in a guarded buffer laid out as this case says. */
    GuardedSegment guarded(Arena arena) {
        return Buffers.of(kind, arena, values, offset, TRAILING_GUARD);
    }


    /**
     * Cases with counts shaped for {@code lanes} lanes, offsets 0 to 3 and 7, heap and native
     * buffers, finite values (zeros, subnormals and {@code +-MAX_VALUE} among them) with one in
     * eight cases left finite and the others given non-finite values as {@link #plant} says.
     */
    static Gen<ScanCase> generator(int lanes) {
        Gen<Integer> lengths = Lengths.forLanes(lanes);
        Gen<Integer> offsets = Gen.elementOf(0, 1, 2, 3, 7);
        return random -> {
            int n = lengths.next(random);
            float[] values = Floats.arrayOf(n, random.nextBoolean() ? Floats.finite() : Floats.wellScaled(-4, 4))
                    .next(random);
            if (n > 0) {
                plant(random, values, lanes);
            }
            return new ScanCase(random.nextBoolean() ? Buffers.Kind.HEAP : Buffers.Kind.NATIVE,
                    offsets.next(random), values);
        };
    }

    /**
     * Overwrites finite {@code values} with non-finite ones at the places a vector kernel could
     * get wrong, or leaves them all finite.
     */
    private static void plant(SplittableRandom random, float[] values, int lanes) {
        int n = values.length;
        int whole = n - n % lanes;
        switch (random.nextInt(8)) {
            case 0 -> { } // all finite
            case 1 -> values[0] = NON_FINITE.next(random);
            case 2 -> values[Math.min(lanes, n) > 1 ? random.nextInt(1, Math.min(lanes, n)) : 0] = NON_FINITE.next(random);
            case 3, 4 -> values[whole < n ? random.nextInt(whole, n) : n - 1] = NON_FINITE.next(random);
            case 5 -> {
                int start = random.nextInt(n) / lanes * lanes;
                int end = Math.min(n, start + lanes);
                int first = end - start < 2 ? start : random.nextInt(start, end - 1);
                values[first] = NON_FINITE.next(random);
                if (first + 1 < end) {
                    values[random.nextInt(first + 1, end)] = NON_FINITE.next(random);
                }
            }
            case 6 -> values[n - 1] = NON_FINITE.next(random);
            default -> random.ints(random.nextInt(2, 6), 0, n).forEach(i -> values[i] = NON_FINITE.next(random));
        }
    }

    /** Shrinks toward fewer elements (indices kept), offset 0 and simpler values. */
    static Shrinker<ScanCase> shrinker() {
        Shrinker<ScanCase> length = c -> Shrink.shorter(c.values).map(v -> new ScanCase(c.kind, c.offset, v));
        Shrinker<ScanCase> offset = c -> Shrink.towardZero(c.offset).map(o -> new ScanCase(c.kind, o, c.values));
        Shrinker<ScanCase> values = c -> Shrink.simplerValues(c.values).map(v -> new ScanCase(c.kind, c.offset, v));
        return length.or(offset).or(values);
    }

    @Override
    public String toString() {
        int[] nonFinite = nonFiniteIndices();
        return kind + " offset=" + offset + ", n=" + n() + ", " + nonFinite.length + " non-finite at "
                + Arrays.toString(Arrays.copyOf(nonFinite, Math.min(nonFinite.length, 10)))
                + "\n  values=" + Floats.describe(values);
    }
}
