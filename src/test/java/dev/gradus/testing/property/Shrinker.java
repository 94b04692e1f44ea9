package dev.gradus.testing.property;

import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Proposes simpler variants of a failing value, simplest first.
 *
 * <p>The {@link Property} runner adopts the first candidate that still fails and asks again, so
 * every candidate must be strictly simpler than its origin by some measure that cannot decrease
 * forever (shorter, closer to zero, fewer special values); otherwise shrinking only stops at its
 * attempt budget. Candidates are consumed lazily, so a long stream costs only what is tried.
 *
 * @param <T> the type of the values shrunk
 */
@FunctionalInterface
public interface Shrinker<T> {

    /**
     * {@return simpler variants of {@code value}, the most promising first; empty when it is minimal}
     *
     * @param value the failing value
     */
    Stream<T> candidates(T value);

    /**
     * {@return the shrinker that proposes nothing: failures are reported as generated}
     *
     * @param <T> the type of the values
     */
    static <T> Shrinker<T> none() {
        return value -> Stream.empty();
    }

    /**
     * {@return a shrinker of the candidates of this shrinker, then those of {@code next}}
     *
     * @param next the shrinker whose candidates follow
     */
    default Shrinker<T> or(Shrinker<T> next) {
        return value -> Stream.concat(candidates(value), next.candidates(value));
    }

    /**
     * Shrinks one part of a composite value, for example one component of a record.
     *
     * <pre>{@code
     * Shrinker<Case> s = Shrinker.part(Case::n, Shrink::towardZero, Case::withN)
     *         .or(Shrinker.part(Case::offset, Shrink::towardZero, Case::withOffset));
     * }</pre>
     *
     * @param <T>      the type of the whole
     * @param <P>      the type of the part
     * @param part reads the part from the whole
     * @param shrinker shrinks the part
     * @param with returns a copy of the whole with the part replaced
     * @return the shrinker of the whole
     */
    static <T, P> Shrinker<T> part(
            Function<? super T, ? extends P> part,
            Shrinker<P> shrinker,
            BiFunction<? super T, ? super P, ? extends T> with) {
        return value -> shrinker.candidates(part.apply(value)).<T>map(p -> with.apply(value, p));
    }
}
