package dev.gradus.jmh.report;

import dev.gradus.jmh.report.model.JmhResult;
import java.time.Duration;

/**
 * How long the report measures each benchmark: forks, and warmup and measurement iterations.
 * The per-benchmark overhead (JVM start, buffer setup, the last operation of each iteration) is
 * an estimate, used only to predict the run time.
 *
 * @param name                  {@code smoke}, {@code quick} or {@code full}
 * @param forks                 JVMs forked per benchmark
 * @param warmupIterations      warmup iterations per fork
 * @param warmupTime            the length of one warmup iteration
 * @param measurementIterations measurement iterations per fork
 * @param measurementTime       the length of one measurement iteration
 */
public record Plan(String name, int forks, int warmupIterations, Duration warmupTime,
                   int measurementIterations, Duration measurementTime) {

    /** The wall time {@link #quick} keeps a whole run under, where it can. */
    public static final Duration QUICK_BUDGET = Duration.ofMinutes(10);
    /** The shortest iteration {@link #quick} shortens to. */
    public static final Duration QUICK_SHORTEST_ITERATION = Duration.ofMillis(250);

    private static final Duration QUICK_LONGEST_ITERATION = Duration.ofSeconds(1);
    /**
     * Warmup is wall time for C2 to compile the vector kernels, not a number of iterations: with
     * 3 x 500 ms on two cores, some kernels were still running boxed, unintrinsified vector code in
     * the first measurement iterations (seen as kilobytes allocated per step and a wide error).
     */
    private static final Duration QUICK_WARMUP_TIME = Duration.ofSeconds(1);
    private static final int QUICK_WARMUP = 2;
    private static final int QUICK_MEASUREMENT = 5;
    private static final Duration OVERHEAD = Duration.ofSeconds(1);

    /** The wiring check: under a second per benchmark; the numbers mean nothing. */
    public static Plan smoke() {
        return new Plan("smoke", 1, 1, Duration.ofMillis(100), 2, Duration.ofMillis(100));
    }

    /** For numbers to publish: 3 forks, about 1.5 min per benchmark. */
    public static Plan full() {
        return new Plan("full", 3, 5, Duration.ofSeconds(2), 10, Duration.ofSeconds(2));
    }

    /**
     * The default: 1 fork, warmup 2 iterations of 1 s, measurement 5 iterations of 1 s, about 8 s
     * per benchmark; for more than about 75 benchmarks the measurement iterations are shortened,
     * in steps of 50 ms down to {@link #QUICK_SHORTEST_ITERATION}, so that the whole run stays
     * within {@link #QUICK_BUDGET}.
     */
    public static Plan quick(int benchmarkCount) {
        long perIteration = QUICK_BUDGET.dividedBy(Math.max(1, benchmarkCount)).minus(OVERHEAD)
                .minus(QUICK_WARMUP_TIME.multipliedBy(QUICK_WARMUP))
                .dividedBy(QUICK_MEASUREMENT).toMillis() / 50 * 50;
        Duration iteration = Duration.ofMillis(Math.clamp(perIteration,
                QUICK_SHORTEST_ITERATION.toMillis(), QUICK_LONGEST_ITERATION.toMillis()));
        return new Plan("quick", 1, QUICK_WARMUP, QUICK_WARMUP_TIME, QUICK_MEASUREMENT, iteration);
    }

    /** The expected wall time of one benchmark at one size and thread count, all forks. */
    public Duration perBenchmark() {
        return warmupTime.multipliedBy(warmupIterations)
                .plus(measurementTime.multipliedBy(measurementIterations))
                .plus(OVERHEAD)
                .multipliedBy(forks);
    }

    /** For example {@code "1 fork, warmup 3 x 1000 ms, measurement 5 x 1000 ms"}. */
    public String describe() {
        return JmhResult.describeSettings(forks, warmupIterations, warmupTime.toMillis() + " ms",
                measurementIterations, measurementTime.toMillis() + " ms");
    }
}
