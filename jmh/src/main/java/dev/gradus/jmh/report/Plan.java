package dev.gradus.jmh.report;

import dev.gradus.jmh.report.model.JmhResult;
import java.time.Duration;

/**
 * How long the report measures each benchmark: forks; the adaptive warm-up of each fork
 * ({@code dev.gradus.jmh.harness.AdaptiveWarmup}: until the calls run compiled and steady, between
 * a shortest and a longest time); JMH's warmup and measurement iterations; how many times a
 * benchmark whose result fails its checks is measured in all; the forks of each cold-start
 * benchmark; and, for the quick plan, the wall time the rule benchmarks may take in all. Each
 * further attempt warms up 4 times as long at least and may take twice as long at most.
 *
 * <p>The cost of an attempt is its fixed part, {@link #attemptCost}: the forks' start and set-up
 * (an estimate), their shortest warm-up and JMH's iterations; a warm-up that runs past its shortest
 * time adds to it. With a {@link #budget}, what the fixed parts of one attempt per benchmark leave
 * of it is a reserve for longer warm-ups and re-measurements, which {@link TimeBudget} hands out
 * during the run and never exceeds: the run's worst case is the budget by construction.
 *
 * @param name                  {@code smoke}, {@code quick} or {@code full}
 * @param forks                 JVMs forked per benchmark
 * @param warmupIterations      JMH warmup iterations per fork, after the adaptive warm-up
 * @param warmupTime            the length of one JMH warmup iteration
 * @param measurementIterations measurement iterations per fork
 * @param measurementTime       the length of one measurement iteration
 * @param adaptiveMin           the shortest adaptive warm-up of the first attempt; zero with
 *                              {@code adaptiveMax} zero turns it off
 * @param adaptiveMax           the longest adaptive warm-up of the first attempt
 * @param attempts              measurements of a benchmark at most, until its result passes
 * @param coldForks             forks of each single-shot (cold-start) benchmark
 * @param budget                the wall time of all rule benchmarks together, {@code null} for no bound
 */
public record Plan(String name, int forks, int warmupIterations, Duration warmupTime,
                   int measurementIterations, Duration measurementTime, Duration adaptiveMin, Duration adaptiveMax,
                   int attempts, int coldForks, Duration budget) {

    /** The wall time {@link #quick} keeps its rule benchmarks within, re-measurements included. */
    public static final Duration QUICK_BUDGET = Duration.ofMinutes(10);
    /** The shortest measurement iteration {@link #quick} shortens to. */
    public static final Duration QUICK_SHORTEST_ITERATION = Duration.ofMillis(200);
    /** The share of {@link #QUICK_BUDGET} {@link #quick} keeps for longer warm-ups and re-measurements, if it can. */
    public static final double QUICK_RESERVE_SHARE = 0.2;

    private static final Duration QUICK_LONGEST_ITERATION = Duration.ofSeconds(1);
    private static final int QUICK_MEASUREMENT = 5;
    /**
     * A fork's start, set-up and end: the JVM, JMH, the buffers, the wait for Gradus's compiled
     * kernels, and the JIT profiler's flight recording (about 2 s in small runs on the 2-core
     * development machine).
     */
    private static final Duration OVERHEAD = Duration.ofSeconds(2);
    /** How much longer than its shortest time an adaptive warm-up takes on a quiet machine. */
    private static final Duration EXPECTED_BEYOND_MIN = Duration.ofMillis(500);
    /** One fork of a cold-start benchmark: a JVM start and a few seconds of first steps. */
    private static final Duration COLD_FORK = Duration.ofSeconds(2);

    /**
     * The wiring check: an adaptive warm-up of 100 ms at most (too short to become steady, so every
     * result is marked invalid), about 2.5 s per benchmark; the numbers mean nothing.
     *
     * @return the smoke plan
     */
    public static Plan smoke() {
        return new Plan("smoke", 1, 1, Duration.ofMillis(100), 2, Duration.ofMillis(100), Duration.ZERO,
                Duration.ofMillis(100), 1, 1, null);
    }

    /**
     * For numbers to publish: 3 forks, each warmed up adaptively for 2 s to 60 s, then JMH's
     * warmup 2 x 2 s and measurement 10 x 2 s; up to 3 attempts; 20 forks per cold-start benchmark;
     * no bound on the run's time.
     *
     * @return the full plan
     */
    public static Plan full() {
        return new Plan("full", 3, 2, Duration.ofSeconds(2), 10, Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(60), 3, 20, null);
    }

    /**
     * The default, bounded by {@link #QUICK_BUDGET}: 1 fork, warmed up adaptively for 500 ms to
     * 30 s, then JMH's warmup 1 x 200 ms (for JMH's own loop) and measurement 5 x I, I = 1 s,
     * shortened in steps of 50 ms down to {@link #QUICK_SHORTEST_ITERATION} so that the fixed parts
     * of one attempt per benchmark leave {@link #QUICK_RESERVE_SHARE} of the budget, where they
     * can; a benchmark that fails its checks is measured once more while the reserve lasts; 5 forks
     * per cold-start benchmark.
     *
     * @param benchmarkCount the number of benchmarks of the run
     * @return the quick plan for that many benchmarks
     */
    public static Plan quick(int benchmarkCount) {
        Duration warmupTime = Duration.ofMillis(200);
        Duration adaptiveMin = Duration.ofMillis(500);
        Duration fixed = OVERHEAD.plus(adaptiveMin).plus(warmupTime);
        Duration share = Duration.ofMillis((long) (QUICK_BUDGET.toMillis() * (1 - QUICK_RESERVE_SHARE)));
        long perIteration = share.dividedBy(Math.max(1, benchmarkCount)).minus(fixed)
                .dividedBy(QUICK_MEASUREMENT).toMillis() / 50 * 50;
        Duration iteration = Duration.ofMillis(Math.clamp(perIteration,
                QUICK_SHORTEST_ITERATION.toMillis(), QUICK_LONGEST_ITERATION.toMillis()));
        return new Plan("quick", 1, 1, warmupTime, QUICK_MEASUREMENT, iteration, adaptiveMin,
                Duration.ofSeconds(30), 2, 5, QUICK_BUDGET);
    }

    /**
     * Whether the forks warm up adaptively.
     *
     * @return {@code false} when the longest adaptive warm-up is zero
     */
    public boolean adaptive() {
        return !adaptiveMax.isZero();
    }

    /**
     * Whether the run's time is bounded.
     *
     * @return {@code true} when there is a {@link #budget}
     */
    public boolean bounded() {
        return budget != null;
    }

    /**
     * The shortest adaptive warm-up of an attempt: 4 times longer with each attempt, at most
     * {@link #adaptiveMax(int)}.
     *
     * @param attempt the attempt, from 1
     * @return the shortest warm-up
     */
    public Duration adaptiveMin(int attempt) {
        Duration min = adaptiveMin.multipliedBy(1L << (2 * (attempt - 1)));
        Duration max = adaptiveMax(attempt);
        return min.compareTo(max) > 0 ? max : min;
    }

    /**
     * The longest adaptive warm-up of an attempt: twice longer with each attempt.
     *
     * @param attempt the attempt, from 1
     * @return the longest warm-up
     */
    public Duration adaptiveMax(int attempt) {
        return adaptiveMax.multipliedBy(1L << (attempt - 1));
    }

    /**
     * The fixed part of one attempt at a benchmark, all forks: their start and set-up, their
     * shortest warm-up, and JMH's warmup and measurement iterations.
     *
     * @param attempt the attempt, from 1
     * @return the time an attempt takes whose warm-up ends at its shortest time
     */
    public Duration attemptCost(int attempt) {
        return warmupTime.multipliedBy(warmupIterations)
                .plus(measurementTime.multipliedBy(measurementIterations))
                .plus(OVERHEAD).plus(adaptiveMin(attempt))
                .multipliedBy(forks);
    }

    /**
     * The expected wall time of one benchmark at one size and thread count, all forks, on a quiet
     * machine, measured once.
     *
     * @return the estimate
     */
    public Duration perBenchmark() {
        return attemptCost(1).plus(adaptive() ? EXPECTED_BEYOND_MIN.multipliedBy(forks) : Duration.ZERO);
    }

    /**
     * What the budget leaves for longer warm-ups and re-measurements once every benchmark has had
     * the fixed part of one attempt.
     *
     * @param benchmarkCount the benchmarks of the run
     * @return the reserve, zero when the fixed parts alone fill the budget or there is no budget
     */
    public Duration reserve(int benchmarkCount) {
        if (!bounded()) {
            return Duration.ZERO;
        }
        Duration left = budget.minus(attemptCost(1).multipliedBy(benchmarkCount));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /**
     * The longest the rule benchmarks of a run can take when every warm-up runs to its longest
     * time and every result fails until the last attempt, as far as the estimate of a fork's start
     * holds: with a budget, the budget (or the fixed parts alone, when they exceed it); without,
     * every attempt at its longest.
     *
     * @param benchmarkCount the benchmarks of the run
     * @return the worst case
     */
    public Duration worstCase(int benchmarkCount) {
        Duration fixed = attemptCost(1).multipliedBy(benchmarkCount);
        Duration unbounded = Duration.ZERO;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            unbounded = unbounded.plus(attemptCost(attempt)
                    .plus(adaptiveMax(attempt).minus(adaptiveMin(attempt)).multipliedBy(forks)));
        }
        unbounded = unbounded.multipliedBy(benchmarkCount);
        if (!bounded()) {
            return unbounded;
        }
        Duration bound = fixed.compareTo(budget) > 0 ? fixed : budget;
        return unbounded.compareTo(bound) < 0 ? unbounded : bound;
    }

    /**
     * The expected wall time of one cold-start benchmark with one set of parameters, all forks.
     *
     * @return the estimate
     */
    public Duration perColdStart() {
        return COLD_FORK.multipliedBy(coldForks);
    }

    /**
     * The plan in words.
     *
     * @return for example {@code "1 fork, adaptive warm-up 500 ms to 30 s then warmup 1 x 200 ms,
     *         measurement 5 x 200 ms, up to 2 attempts within 10 min"}
     */
    public String describe() {
        String adaptive = adaptive() ? "adaptive warm-up " + words(adaptiveMin) + " to " + words(adaptiveMax)
                + " then " : "no adaptive warm-up, ";
        String settings = JmhResult.describeSettings(forks, warmupIterations, warmupTime.toMillis() + " ms",
                measurementIterations, measurementTime.toMillis() + " ms");
        int comma = settings.indexOf(", ");
        return settings.substring(0, comma + 2) + adaptive + settings.substring(comma + 2)
                + ", up to " + attempts + (attempts == 1 ? " attempt" : " attempts")
                + (bounded() ? " within " + budget.toMinutes() + " min" : "");
    }

    /**
     * A duration in the plan's words.
     *
     * @param duration the duration
     * @return whole seconds as {@code "30 s"}, anything else in milliseconds, {@code "500 ms"}
     */
    static String words(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
