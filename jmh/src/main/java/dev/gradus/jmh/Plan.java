package dev.gradus.jmh;

import java.time.Duration;

/**
 * How long the report measures each benchmark: forks, and warmup and measurement iterations.
 * The per-fork overhead (JVM start, buffer setup) is an estimate, used only to predict the run
 * time.
 */
public enum Plan {
    /** The wiring check: seconds per benchmark, numbers not meaningful. Only 4096 elements by default. */
    SMOKE(1, 1, Duration.ofMillis(100), 2, Duration.ofMillis(100)),
    /** The default: about 10 s per benchmark. */
    QUICK(1, 3, Duration.ofSeconds(1), 5, Duration.ofSeconds(1)),
    /** For numbers to publish: 3 forks, about 1.5 min per benchmark. */
    FULL(3, 5, Duration.ofSeconds(2), 10, Duration.ofSeconds(2));

    private static final Duration FORK_OVERHEAD = Duration.ofSeconds(2);

    private final int forks;
    private final int warmupIterations;
    private final Duration warmupTime;
    private final int measurementIterations;
    private final Duration measurementTime;

    Plan(int forks, int warmupIterations, Duration warmupTime, int measurementIterations,
         Duration measurementTime) {
        this.forks = forks;
        this.warmupIterations = warmupIterations;
        this.warmupTime = warmupTime;
        this.measurementIterations = measurementIterations;
        this.measurementTime = measurementTime;
    }

    public int forks() {
        return forks;
    }

    public int warmupIterations() {
        return warmupIterations;
    }

    public Duration warmupTime() {
        return warmupTime;
    }

    public int measurementIterations() {
        return measurementIterations;
    }

    public Duration measurementTime() {
        return measurementTime;
    }

    /** The expected wall time of one benchmark at one size, all forks. */
    public Duration perBenchmark() {
        return warmupTime.multipliedBy(warmupIterations)
                .plus(measurementTime.multipliedBy(measurementIterations))
                .plus(FORK_OVERHEAD)
                .multipliedBy(forks);
    }

    /** For example {@code "1 fork, warmup 3 x 1000 ms, measurement 5 x 1000 ms"}. */
    public String describe() {
        return forks + (forks == 1 ? " fork" : " forks") + ", warmup " + warmupIterations + " x "
                + warmupTime.toMillis() + " ms, measurement " + measurementIterations + " x "
                + measurementTime.toMillis() + " ms";
    }
}
