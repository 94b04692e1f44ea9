package dev.gradus.jmh.report;

import dev.gradus.jmh.report.model.JmhResult;
import java.time.Duration;

/**
 * How long the report measures each benchmark: forks; the adaptive warm-up of each fork
 * ({@code dev.gradus.jmh.harness.AdaptiveWarmup}: until the calls run compiled and steady, between
 * a shortest and a longest time); JMH's warmup and measurement iterations; how many times a
 * benchmark whose result fails its checks is measured in all; and the forks of each cold-start
 * benchmark. Each further attempt warms up 4 times as long at least and may take twice as long at
 * most. The per-benchmark overhead and the expected warm-up are estimates, used only to predict the
 * run time.
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
 */
public record Plan(String name, int forks, int warmupIterations, Duration warmupTime,
                   int measurementIterations, Duration measurementTime, Duration adaptiveMin, Duration adaptiveMax,
                   int attempts, int coldForks) {

    /** The wall time {@link #quick} keeps a whole run under on a quiet machine, where it can. */
    public static final Duration QUICK_BUDGET = Duration.ofMinutes(10);
    /** The shortest measurement iteration {@link #quick} shortens to. */
    public static final Duration QUICK_SHORTEST_ITERATION = Duration.ofMillis(200);

    private static final Duration QUICK_LONGEST_ITERATION = Duration.ofSeconds(1);
    private static final int QUICK_MEASUREMENT = 5;
    /** JVM start, buffer setup and JMH's own work per fork. */
    private static final Duration OVERHEAD = Duration.ofSeconds(1);
    /** How much longer than its shortest time an adaptive warm-up takes on a quiet machine. */
    private static final Duration EXPECTED_BEYOND_MIN = Duration.ofMillis(500);
    /** One fork of a cold-start benchmark: a JVM start and a few seconds of first steps. */
    private static final Duration COLD_FORK = Duration.ofSeconds(2);

    /**
     * The wiring check: an adaptive warm-up of 100 ms at most (too short to become steady, so every
     * result is marked invalid), about 1.5 s per benchmark; the numbers mean nothing.
     *
     * @return the smoke plan
     */
    public static Plan smoke() {
        return new Plan("smoke", 1, 1, Duration.ofMillis(100), 2, Duration.ofMillis(100), Duration.ZERO,
                Duration.ofMillis(100), 1, 1);
    }

    /**
     * For numbers to publish: 3 forks, each warmed up adaptively for 2 s to 60 s, then JMH's
     * warmup 2 x 2 s and measurement 10 x 2 s; up to 3 attempts; 20 forks per cold-start benchmark.
     *
     * @return the full plan
     */
    public static Plan full() {
        return new Plan("full", 3, 2, Duration.ofSeconds(2), 10, Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(60), 3, 20);
    }

    /**
     * The default: 1 fork, warmed up adaptively for 1 s to 30 s, then JMH's warmup 1 x 300 ms
     * (for JMH's own loop) and measurement 5 x I, I = 1 s, shortened in steps of 50 ms down to
     * {@link #QUICK_SHORTEST_ITERATION} so that a run on a quiet machine stays within
     * {@link #QUICK_BUDGET}; a benchmark that fails its checks is measured once more; 5 forks per
     * cold-start benchmark.
     *
     * @param benchmarkCount the number of benchmarks of the run
     * @return the quick plan for that many benchmarks
     */
    public static Plan quick(int benchmarkCount) {
        Duration warmupTime = Duration.ofMillis(300);
        Duration adaptiveMin = Duration.ofSeconds(1);
        Duration fixed = OVERHEAD.plus(adaptiveMin).plus(EXPECTED_BEYOND_MIN).plus(warmupTime);
        long perIteration = QUICK_BUDGET.dividedBy(Math.max(1, benchmarkCount)).minus(fixed)
                .dividedBy(QUICK_MEASUREMENT).toMillis() / 50 * 50;
        Duration iteration = Duration.ofMillis(Math.clamp(perIteration,
                QUICK_SHORTEST_ITERATION.toMillis(), QUICK_LONGEST_ITERATION.toMillis()));
        return new Plan("quick", 1, 1, warmupTime, QUICK_MEASUREMENT, iteration, adaptiveMin,
                Duration.ofSeconds(30), 2, 5);
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
     * The expected wall time of one benchmark at one size and thread count, all forks, on a quiet
     * machine, measured once.
     *
     * @return the estimate
     */
    public Duration perBenchmark() {
        Duration warmup = adaptive() ? adaptiveMin.plus(EXPECTED_BEYOND_MIN) : Duration.ZERO;
        return warmupTime.multipliedBy(warmupIterations)
                .plus(measurementTime.multipliedBy(measurementIterations))
                .plus(OVERHEAD).plus(warmup)
                .multipliedBy(forks);
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
     * @return for example {@code "1 fork, adaptive warm-up 1 s to 30 s, warmup 1 x 300 ms,
     *         measurement 5 x 350 ms, up to 2 attempts"}
     */
    public String describe() {
        String adaptive = adaptive() ? "adaptive warm-up " + seconds(adaptiveMin) + " to " + seconds(adaptiveMax)
                + " then " : "no adaptive warm-up, ";
        String settings = JmhResult.describeSettings(forks, warmupIterations, warmupTime.toMillis() + " ms",
                measurementIterations, measurementTime.toMillis() + " ms");
        int comma = settings.indexOf(", ");
        return settings.substring(0, comma + 2) + adaptive + settings.substring(comma + 2)
                + ", up to " + attempts + (attempts == 1 ? " attempt" : " attempts");
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
