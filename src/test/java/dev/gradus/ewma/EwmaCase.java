package dev.gradus.ewma;

import dev.gradus.testing.property.Buffers;
import dev.gradus.testing.property.Floats;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.GuardedSegment;
import dev.gradus.testing.property.Lengths;
import dev.gradus.testing.property.Shrink;
import dev.gradus.testing.property.Shrinker;
import java.lang.foreign.Arena;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * One input of the EWMA kernel properties: the decay, where the buffers live (heap or native, at
 * an element offset between guards), the initial averages and the values of consecutive updates.
 */
record EwmaCase(double decay, Buffers.Kind kind, int offset, float[] average, List<float[]> values) {

    /** Guard floats after each slice. */
    static final int TRAILING_GUARD = 5;

    /** The number of elements. */
    int n() {
        return average.length;
    }

    /** Whether any input holds NaN, an infinity, a zero, a subnormal or an extreme value. */
    boolean hasSpecialValue() {
        return Stream.concat(Stream.of(average), values.stream())
                .anyMatch(array -> IntStream.range(0, array.length).anyMatch(i -> Floats.isSpecial(array[i])));
    }

    /** {@code values} in a guarded buffer laid out as this case says. */
    GuardedSegment guarded(Arena arena, float[] values) {
        return Buffers.of(kind, arena, values, offset, TRAILING_GUARD);
    }


    /**
     * Cases with counts shaped for {@code lanes} lanes, 1 to 7 updates, typical and random decays,
     * offsets 0 to 3 and 7, heap and native buffers, values all well-scaled or mixed with specials;
     * one case in 20 is empty.
     */
    static Gen<EwmaCase> generator(int lanes) {
        Gen<Integer> lengths = Lengths.forLanes(lanes);
        Gen<Double> decays = Gen.oneOf(Gen.elementOf(0.0, 0.5, 0.9, 0.98, 0.999, 0.9999), random -> random.nextDouble());
        Gen<Integer> offsets = Gen.elementOf(0, 1, 2, 3, 7);
        return random -> {
            int n = random.nextInt(20) == 0 ? 0 : lengths.next(random); // empty often enough at 16 lanes
            Gen<float[]> arrays = Floats.arrayOf(n, random.nextBoolean() ? Floats.any() : Floats.wellScaled(-4, 4));
            float[] average = random.nextBoolean() ? new float[n] : arrays.next(random);
            List<float[]> values = Stream.generate(() -> arrays.next(random)).limit(random.nextInt(1, 8)).toList();
            return new EwmaCase(decays.next(random), random.nextBoolean() ? Buffers.Kind.HEAP : Buffers.Kind.NATIVE,
                    offsets.next(random), average, values);
        };
    }

    /** Shrinks toward fewer elements, offset 0, fewer updates and simpler values. */
    static Shrinker<EwmaCase> shrinker() {
        Shrinker<EwmaCase> length = c -> Shrink.towardZero(c.n()).map(c::truncatedTo);
        Shrinker<EwmaCase> offset = c -> Shrink.towardZero(c.offset()).map(
                o -> new EwmaCase(c.decay, c.kind, o, c.average, c.values));
        Shrinker<EwmaCase> updates = c -> Shrink.towardZero(c.values().size() - 1).map(
                k -> new EwmaCase(c.decay, c.kind, c.offset, c.average, c.values.subList(0, k + 1)));
        Shrinker<EwmaCase> average = c -> Shrink.simplerValues(c.average()).map(
                a -> new EwmaCase(c.decay, c.kind, c.offset, a, c.values));
        return length.or(offset).or(updates).or(average);
    }

    EwmaCase truncatedTo(int length) {
        return new EwmaCase(decay, kind, offset, Arrays.copyOf(average, length),
                values.stream().map(v -> Arrays.copyOf(v, length)).toList());
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("decay=").append(decay).append(", ").append(kind)
                .append(" offset=").append(offset).append(", n=").append(n())
                .append("\n  average=").append(Floats.describe(average));
        for (int s = 0; s < values.size(); s++) {
            text.append("\n  value").append(s).append('=').append(Floats.describe(values.get(s)));
        }
        return text.toString();
    }
}
