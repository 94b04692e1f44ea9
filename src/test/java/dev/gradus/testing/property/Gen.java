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
 * @param <T> the type of the generated values
 */
@FunctionalInterface
public interface Gen<T> {

    /** Generates the next value, drawing all randomness from {@code random}. */
    T next(SplittableRandom random);

    /** A generator of {@code mapper} applied to this generator's values. */
    default <R> Gen<R> map(Function<? super T, ? extends R> mapper) {
        return random -> mapper.apply(next(random));
    }

    /** A generator that draws a value of this generator, then a value of the generator it selects. */
    default <R> Gen<R> flatMap(Function<? super T, ? extends Gen<? extends R>> select) {
        return random -> select.apply(next(random)).next(random);
    }

    /** Always {@code value}. */
    static <T> Gen<T> constant(T value) {
        return random -> value;
    }

    /** Uniform in {@code min .. max}, both inclusive. */
    static Gen<Integer> ints(int min, int max) {
        if (min > max) {
            throw new IllegalArgumentException("empty range " + min + " .. " + max);
        }
        return random -> (int) random.nextLong(min, (long) max + 1);
    }

    /** One of {@code values}, uniformly. */
    static <T> Gen<T> elementOf(List<? extends T> values) {
        List<? extends T> copy = List.copyOf(values);
        return ints(0, copy.size() - 1).map(copy::get);
    }

    /** One of {@code values}, uniformly. */
    @SafeVarargs
    @SuppressWarnings("varargs") // List.of copies the array; it never escapes.
    static <T> Gen<T> elementOf(T... values) {
        return elementOf(List.of(values));
    }

    /** A value of one of {@code generators}, chosen uniformly for each draw. */
    @SafeVarargs
    @SuppressWarnings("varargs") // List.of copies the array; it never escapes.
    static <T> Gen<T> oneOf(Gen<? extends T>... generators) {
        return Gen.<Gen<? extends T>>elementOf(List.of(generators)).flatMap(Function.identity());
    }
}
