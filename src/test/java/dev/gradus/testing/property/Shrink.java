package dev.gradus.testing.property;

import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Ready-made shrink candidates for the inputs of kernel properties: counts, offsets and float
 * arrays. Each method returns candidates strictly simpler than its argument, simplest first, and
 * nothing for a minimal argument; they are written to be used as {@link Shrinker}s
 * ({@code Shrink::towardZero}).
 */
public final class Shrink {

    private Shrink() {}

    /**
     * Values between zero and {@code value}: {@code 0} first, then halfway, then ever closer
     * ({@code value - value/2^k}), ending at {@code value} moved by one toward zero. Greedy
     * shrinking thus finds the boundary of a threshold failure in a logarithmic number of steps.
     *
     * @param value the value to shrink
     * @return the candidates, simplest first; none for 0
     */
    public static Stream<Long> towardZero(long value) {
        return Stream.iterate(value, distance -> distance != 0, distance -> distance / 2)
                .map(distance -> value - distance);
    }

    /**
     * {@link #towardZero(long)} for {@code int}s.
     *
     * @param value the value to shrink
     * @return the candidates, simplest first; none for 0
     */
    public static Stream<Integer> towardZero(int value) {
        return towardZero((long) value).map(Long::intValue);
    }

    /**
     * Prefixes of {@code values}, shortest first (lengths as in {@link #towardZero(int)}). Elements
     * keep their index, so a failure tied to a position within a vector stays reproducible.
     *
     * @param values the array to shrink
     * @return the candidates, shortest first; none for an empty array
     */
    public static Stream<float[]> shorter(float[] values) {
        return towardZero(values.length).map(length -> Arrays.copyOf(values, length));
    }

    /**
     * Copies of {@code values} with simpler elements: first every {@link Floats.Category#NORMAL
     * normal} element set to {@code 0f} at once, then one element at a time replaced by {@code 0f}
     * or {@code 1f} (ordinary elements before special ones, so the special values that likely
     * matter are the last to go). {@code -0f} becomes {@code 0f}; {@code 0f} stays.
     *
     * @param values the array to shrink
     * @return the candidates, simplest first
     */
    public static Stream<float[]> simplerValues(float[] values) {
        IntStream ordinaryFirst = IntStream.concat(
                IntStream.range(0, values.length).filter(i -> !Floats.isSpecial(values[i])),
                IntStream.range(0, values.length).filter(i -> Floats.isSpecial(values[i])));
        Stream<float[]> allOrdinaryToZero = IntStream.range(0, values.length)
                .anyMatch(i -> !Floats.isSpecial(values[i]))
                ? Stream.of(allOrdinaryToZero(values))
                : Stream.empty();
        return Stream.concat(allOrdinaryToZero, ordinaryFirst.boxed().flatMap(i -> Stream.of(0f, 1f)
                .filter(replacement -> isSimpler(replacement, values[i]))
                .map(replacement -> with(values, i, replacement))));
    }

    private static boolean isSimpler(float replacement, float value) {
        return replacement == 0f
                ? Float.floatToRawIntBits(value) != 0
                : value != 0f && value != 1f;
    }

    private static float[] allOrdinaryToZero(float[] values) {
        float[] copy = values.clone();
        for (int i = 0; i < copy.length; i++) {
            if (!Floats.isSpecial(copy[i])) {
                copy[i] = 0f;
            }
        }
        return copy;
    }

    private static float[] with(float[] values, int index, float replacement) {
        float[] copy = values.clone();
        copy[index] = replacement;
        return copy;
    }
}
