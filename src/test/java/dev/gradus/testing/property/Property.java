package dev.gradus.testing.property;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * A property: a check that must pass for every case a generator produces.
 *
 * <pre>{@code
 * Property.forAll("adam vector == scalar", caseGen)
 *         .shrinkWith(caseShrinker)
 *         .cover("tail", c -> Lengths.isTail(c.n(), 16), 1)
 *         .check(c -> BitExact.assertSameBits("params", c.scalarResult(), c.vectorResult()));
 * }</pre>
 *
 * <p>{@link #check} runs the tries; try {@code i} generates its case from its own seed. On the
 * first failing try it shrinks the case and throws an {@link AssertionError} naming that seed:
 * running again with {@code -D}{@value #SEED_PROPERTY}{@code =<seed>} regenerates the same case
 * as try 0. Without that system property or {@link #seed(long)}, every run draws a fresh base
 * seed, so repeated runs explore new cases. Nothing is printed; a pass is silent.
 *
 * <p>The check must not modify the case it is given (copy arrays into segments, for example with
 * {@link Buffers}): shrinking derives candidates from failing cases after they were checked.
 *
 * @param <T> the type of the generated cases
 */
public final class Property<T> {

    /** System property with a seed to replay; it takes precedence over {@link #seed(long)}. */
    public static final String SEED_PROPERTY = "gradus.property.seed";
    /** System property with the number of tries of properties that do not set {@link #tries}. */
    public static final String TRIES_PROPERTY = "gradus.property.tries";
    /**
     * How many times its tries a property may run while a coverage requirement is not met, so that
     * a fresh seed that happens to generate a rare kind of case a little less often does not fail
     * the build; a generator that cannot reach the minimum still fails.
     */
    static final int COVERAGE_EXTENSION = 4;

    /** Tries when neither {@link #tries(int)} nor {@value #TRIES_PROPERTY} says otherwise. */
    public static final int DEFAULT_TRIES = 200;
    /** Upper bound on the candidates tried while shrinking one failure. */
    public static final int MAX_SHRINK_ATTEMPTS = 1000;

    /**
     * The outcome of a passing check.
     *
     * @param name the property's name
     * @param seed the base seed; replaying it reruns exactly these tries
     * @param tries the number of cases checked
     * @param coverage per {@code cover} label, in declaration order, how many cases satisfied it
     */
    public record Report(String name, long seed, int tries, Map<String, Integer> coverage) {}

    private final String name;
    private final Gen<T> generator;
    private final List<CoverageTally.Requirement<T>> coverage = new ArrayList<>();
    private int tries;
    private Long seed;
    private Shrinker<T> shrinker = Shrinker.none();

    private Property(String name, Gen<T> generator) {
        this.name = name;
        this.generator = generator;
        tries(Integer.getInteger(TRIES_PROPERTY, DEFAULT_TRIES));
    }

    /** A property named {@code name} over the cases of {@code generator}. */
    public static <T> Property<T> forAll(String name, Gen<T> generator) {
        return new Property<>(name, generator);
    }

    /** Checks {@code tries} cases, overriding {@value #TRIES_PROPERTY}. */
    public Property<T> tries(int tries) {
        if (tries < 1) {
            throw new IllegalArgumentException("tries must be positive: " + tries);
        }
        this.tries = tries;
        return this;
    }

    /** Uses {@code seed} as base seed instead of a fresh one, unless {@value #SEED_PROPERTY} is set. */
    public Property<T> seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Shrinks failing cases with {@code shrinker} (by default they are reported as generated). */
    public Property<T> shrinkWith(Shrinker<T> shrinker) {
        this.shrinker = shrinker;
        return this;
    }

    /**
     * Requires at least {@code minimum} of the generated cases to satisfy {@code predicate}; while
     * fewer did after all tries, more tries run, up to {@value #COVERAGE_EXTENSION} times as many,
     * and then the check fails. Cases are counted before they are checked.
     */
    public Property<T> cover(String label, Predicate<? super T> predicate, int minimum) {
        if (coverage.stream().anyMatch(requirement -> requirement.label().equals(label))) {
            throw new IllegalArgumentException("duplicate coverage label: " + label);
        }
        coverage.add(new CoverageTally.Requirement<>(label, predicate, minimum));
        return this;
    }

    /**
     * Runs {@code body} on the case of every try.
     *
     * @return what was run and covered, if every case passed and every coverage requirement is met
     * @throws AssertionError on the first failing case (after shrinking it; the shrunk case's
     *     failure is the cause, the original one suppressed) or when coverage falls short
     */
    public Report check(ThrowingConsumer<? super T> body) {
        long base = Seeds.base(seed);
        CoverageTally<T> tally = new CoverageTally<>(coverage);
        int run = 0;
        while (run < tries || (!tally.satisfied() && run < COVERAGE_EXTENSION * tries)) {
            long trySeed = Seeds.forTry(base, run);
            T value = generate(trySeed);
            tally.record(value);
            Throwable failure = GreedyShrink.failureOf(body, value);
            if (failure != null) {
                throw falsified(run, trySeed, failure, body);
            }
            run++;
        }
        if (!tally.satisfied()) {
            throw new AssertionError("Property '" + name + "' passed " + run
                    + " tries but generated too few cases of some kind; replay with -D"
                    + SEED_PROPERTY + "=" + base + "\nCoverage:" + tally.describe());
        }
        return new Report(name, base, run, tally.counts());
    }

    private T generate(long trySeed) {
        return generator.next(new SplittableRandom(trySeed));
    }

    private AssertionError falsified(int tryIndex, long trySeed, Throwable failure,
            ThrowingConsumer<? super T> body) {
        // Regenerated because the checked instance may have been modified by the check.
        String original = String.valueOf(generate(trySeed));
        GreedyShrink.Result<T> shrunk = GreedyShrink.shrink(
                generate(trySeed), failure, shrinker, body, MAX_SHRINK_ATTEMPTS);
        AssertionError error = new AssertionError("Property '" + name + "' failed on try "
                + tryIndex + " of " + tries + "; replay with -D" + SEED_PROPERTY + "=" + trySeed
                + " (the case is then generated as try 0)"
                + "\nOriginal case: " + original
                + "\nShrunk case (" + shrunk.steps() + " steps, " + shrunk.attempts()
                + " attempts): " + shrunk.value()
                + "\nOriginal failure: " + failure
                + "\nShrunk failure: " + shrunk.failure(), shrunk.failure());
        if (shrunk.failure() != failure) {
            error.addSuppressed(failure);
        }
        return error;
    }
}
