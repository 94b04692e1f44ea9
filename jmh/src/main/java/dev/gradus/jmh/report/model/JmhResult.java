package dev.gradus.jmh.report.model;

import java.util.List;
import java.util.Map;

/**
 * One benchmark of a JMH JSON result file: which method, with which parameters and threads, its
 * primary score and error (as JMH gives them: the mean over all measurement iterations of all
 * forks, and the half-width of its 99.9% confidence interval), the scores of the secondary
 * metrics (from profilers, for example {@code gc.alloc.rate.norm}), and how it was run.
 *
 * <p>With {@code t > 1} threads in {@code AverageTime} mode the score is the time of one
 * operation of one thread (JMH divides the threads' summed time by their summed operations).
 *
 * @param benchmarkClass fully qualified name of the benchmark class
 * @param method         the benchmark method, for example {@code gradus}
 * @param params         the {@code @Param} values by name
 * @param threads        the number of threads that ran the benchmark at once
 * @param score          the primary score in {@code scoreUnit}
 * @param scoreError     the error of the score, NaN when JMH had too few iterations for one
 * @param scoreUnit      for example {@code ns/op}
 * @param secondary      secondary metric scores by metric name
 * @param jvmArgs        the options of the forked JVMs
 * @param settings       forks and iterations, as {@link #describeSettings} words them
 */
public record JmhResult(String benchmarkClass, String method, Map<String, String> params, int threads,
                        double score, double scoreError, String scoreUnit, Map<String, Double> secondary,
                        List<String> jvmArgs, String settings) {

    /** JMH's GC profiler metric: bytes allocated per benchmark invocation. */
    public static final String ALLOCATION_METRIC = "gc.alloc.rate.norm";

    /** The maps and lists, copied. */
    public JmhResult {
        params = Map.copyOf(params);
        secondary = Map.copyOf(secondary);
        jvmArgs = List.copyOf(jvmArgs);
    }

    /**
     * The words of the settings of a run, for example
     * {@code "1 fork, warmup 2 x 1000 ms, measurement 5 x 300 ms"}.
     *
     * @param forks                 JVMs forked per benchmark
     * @param warmupIterations      warmup iterations per fork
     * @param warmupTime            the length of one warmup iteration, with its unit
     * @param measurementIterations measurement iterations per fork
     * @param measurementTime       the length of one measurement iteration, with its unit
     * @return the settings in words
     */
    public static String describeSettings(int forks, int warmupIterations, String warmupTime,
                                          int measurementIterations, String measurementTime) {
        return forks + (forks == 1 ? " fork" : " forks") + ", warmup " + warmupIterations + " x "
                + warmupTime + ", measurement " + measurementIterations + " x " + measurementTime;
    }

    /**
     * The score in nanoseconds per operation, with its error, converted from {@link #scoreUnit()}.
     *
     * @return the score and its error in nanoseconds
     * @throws IllegalArgumentException when the unit is not a time per operation
     */
    public Estimate nanosPerOp() {
        double nanos = nanosPer(scoreUnit);
        return new Estimate(score * nanos, scoreError * nanos);
    }

    /**
     * Bytes allocated per operation, from JMH's GC profiler.
     *
     * @return the mean of {@value #ALLOCATION_METRIC} over the iterations, NaN without the profiler
     */
    public double allocatedBytesPerOp() {
        return secondary.getOrDefault(ALLOCATION_METRIC, Double.NaN);
    }

    private static double nanosPer(String unit) {
        return switch (unit) {
            case "ns/op" -> 1;
            case "us/op" -> 1e3;
            case "ms/op" -> 1e6;
            case "s/op" -> 1e9;
            default -> throw new IllegalArgumentException("not a time per operation: " + unit
                    + " (the report needs Mode.AverageTime)");
        };
    }
}
