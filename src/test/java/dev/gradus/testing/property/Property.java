package dev.gradus.testing.property;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;

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
 * <p>A property needs no test framework: it runs wherever it is called (a JUnit test, a
 * {@code main}), and reports a failure as an {@link AssertionError}, which every framework
 * reports as a failed test.
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

    /**
     * The check of one case: returns normally if the case passes, throws (typically an
     * {@link AssertionError}) if it fails.
     *
     * @param <T> the type of the cases
     */
    @FunctionalInterface
    public interface Check<T> {

        /**
         * Checks {@code value}.
         *
         * @param value the case
         * @throws Throwable if the case fails
         */
        void accept(T value) throws Throwable;
    }

    private final String name;
    private final Gen<T> generator;
    private final List<CoverageTally.Requirement<T>> coverage = new ArrayList<>();
    private int tries;
    private Long seed;
    private Shrinker<T> shrinker = Shrinker.none();

    private Property(String name, Gen<T> generator) {
        this.name = name;
        this.generator = generator;
        tries(defaultTries());
    }

    /**
     * {@return the tries of a property that does not set its own: {@value #TRIES_PROPERTY}, else
     * {@value #DEFAULT_TRIES}}
     */
    public static int defaultTries() {
        return Integer.getInteger(TRIES_PROPERTY, DEFAULT_TRIES);
    }

    /**
     * A property named {@code name} over the cases of {@code generator}.
     *
     * @param <T>       the type of the cases
     * @param name      the name failure messages give
     * @param generator the cases
     * @return the property, with {@link #defaultTries()} tries, no shrinking and no coverage
     */
    public static <T> Property<T> forAll(String name, Gen<T> generator) {
        return new Property<>(name, generator);
    }

    /**
     * Checks {@code tries} cases, overriding {@value #TRIES_PROPERTY}.
     *
     * @param tries the number of cases, {@code >= 1}
     * @return this property
     * @throws IllegalArgumentException if {@code tries < 1}
     */
    public Property<T> tries(int tries) {
        if (tries < 1) {
            throw new IllegalArgumentException("tries must be positive: " + tries);
        }
        this.tries = tries;
        return this;
    }

    /**
     * Uses {@code seed} as base seed instead of a fresh one, unless {@value #SEED_PROPERTY} is set.
     *
     * @param seed the base seed: the seed of try 0
     * @return this property
     */
    public Property<T> seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * Shrinks failing cases with {@code shrinker} (by default they are reported as generated).
     *
     * @param shrinker proposes simpler cases
     * @return this property
     */
    public Property<T> shrinkWith(Shrinker<T> shrinker) {
        this.shrinker = shrinker;
        return this;
    }

    /**
     * Requires at least {@code minimum} of the generated cases to satisfy {@code predicate}; while
     * fewer did after all tries, more tries run, up to {@value #COVERAGE_EXTENSION} times as many,
     * and then the check fails. Cases are counted before they are checked.
     *
     * @param label     names the requirement in the failure message and the {@link Report}
     * @param predicate whether a case counts
     * @param minimum   how many cases must count
     * @return this property
     * @throws IllegalArgumentException if a requirement of this property has the same label
     */
    public Property<T> cover(String label, Predicate<? super T> predicate, int minimum) {
        return require(new CoverageTally.Requirement<>(label, predicate, minimum, 0));
    }

    /**
     * Requires at least {@code count} of every {@code per} generated cases to satisfy
     * {@code predicate}: a share of the {@link #tries(int) tries}, whatever their number, rounded up
     * and at least 1. Otherwise as {@link #cover(String, Predicate, int)}.
     *
     * <pre>{@code
     * property.cover("tail after whole vectors", c -> Lengths.isTail(c.n(), lanes), 20, 200)   // 10 %
     * }</pre>
     *
     * @param label     names the requirement in the failure message and the {@link Report}
     * @param predicate whether a case counts
     * @param count     how many cases must count ...
     * @param per       ... of every {@code per} cases, {@code >= 1}
     * @return this property
     * @throws IllegalArgumentException if a requirement of this property has the same label, or
     *     {@code per < 1}
     */
    public Property<T> cover(String label, Predicate<? super T> predicate, int count, int per) {
        if (per < 1) {
            throw new IllegalArgumentException("per must be positive: " + per);
        }
        return require(new CoverageTally.Requirement<>(label, predicate, count, per));
    }

    private Property<T> require(CoverageTally.Requirement<T> requirement) {
        if (coverage.stream().anyMatch(other -> other.label().equals(requirement.label()))) {
            throw new IllegalArgumentException("duplicate coverage label: " + requirement.label());
        }
        coverage.add(requirement);
        return this;
    }

    /**
     * Runs {@code body} on the case of every try.
     *
     * @param body the check of one case; it must not modify the case
     * @return what was run and covered, if every case passed and every coverage requirement is met
     * @throws AssertionError on the first failing case (after shrinking it; the shrunk case's
     *     failure is the cause, the original one suppressed) or when coverage falls short
     */
    public Report check(Check<? super T> body) {
        long base = Seeds.base(seed);
        CoverageTally<T> tally = new CoverageTally<>(coverage, tries);
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
            Check<? super T> body) {
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
