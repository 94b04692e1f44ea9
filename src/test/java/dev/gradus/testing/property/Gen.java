package dev.gradus.testing.property;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A generator of test inputs: given a source of randomness, produces one value.
 *
 * <p>A generator must be deterministic in its random source: the same seed must give the same
 * value, or a failing case could not be replayed from its seed. Draw every random decision from
 * the {@code random} argument, never from {@code Math.random()} or a clock.
 *
 * <pre>{@code
 * Gen<Integer> lengths = Lengths.forLanes(8);
 * Gen<float[]> gradients = lengths.flatMap(n -> Floats.arrayOf(n, Floats.any()));
 * Gen<Double> rates = Gen.elementOf(1e-3, 0.1, 1.0);
 * }</pre>
 *
 * @param <T> the type of the generated values
 */
@FunctionalInterface
public interface Gen<T> {

    /**
     * Generates the next value.
     *
     * @param random the source of every random decision
     * @return the value
     */
    T next(SplittableRandom random);

    /**
     * {@return a generator of {@code mapper} applied to this generator's values}
     *
     * @param <R>    the type of the mapped values
     * @param mapper maps a value of this generator
     */
    default <R> Gen<R> map(Function<? super T, ? extends R> mapper) {
        return random -> mapper.apply(next(random));
    }

    /**
     * {@return a generator that draws a value of this generator, then a value of the generator it
     * selects}
     *
     * @param <R>    the type of the values of the selected generators
     * @param select the generator for a value of this generator
     */
    default <R> Gen<R> flatMap(Function<? super T, ? extends Gen<? extends R>> select) {
        return random -> select.apply(next(random)).next(random);
    }

    /**
     * {@return a generator of {@code value} only}
     *
     * @param <T>   the type of the value
     * @param value the value
     */
    static <T> Gen<T> constant(T value) {
        return random -> value;
    }

    /**
     * {@return a generator of ints uniform in {@code min .. max}, both inclusive}
     *
     * @param min the least value
     * @param max the greatest value
     * @throws IllegalArgumentException if {@code min > max}
     */
    static Gen<Integer> ints(int min, int max) {
        if (min > max) {
            throw new IllegalArgumentException("empty range " + min + " .. " + max);
        }
        return random -> (int) random.nextLong(min, (long) max + 1);
    }

    /**
     * {@return a generator of one of {@code values}, uniformly}
     *
     * @param <T>    the type of the values
     * @param values the values, at least one
     */
    static <T> Gen<T> elementOf(List<? extends T> values) {
        List<? extends T> copy = List.copyOf(values);
        return ints(0, copy.size() - 1).map(copy::get);
    }

    /**
     * {@return a generator of one of {@code values}, uniformly}
     *
     * @param <T>    the type of the values
     * @param values the values, at least one
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // List.of copies the array; it never escapes.
    static <T> Gen<T> elementOf(T... values) {
        return elementOf(List.of(values));
    }

    /**
     * {@return a generator of a value of one of {@code generators}, chosen uniformly for each draw}
     *
     * @param <T>        the type of the values
     * @param generators the generators, at least one
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // List.of copies the array; it never escapes.
    static <T> Gen<T> oneOf(Gen<? extends T>... generators) {
        return Gen.<Gen<? extends T>>elementOf(List.of(generators)).flatMap(Function.identity());
    }
}
