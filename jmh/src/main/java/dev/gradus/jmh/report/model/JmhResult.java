package dev.gradus.jmh.report.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One benchmark of a JMH JSON result file: which method, with which parameters, threads and mode,
 * its primary metric (the score as JMH gives it: the mean over all measurement iterations of all
 * forks and the half-width of its 99.9% confidence interval, with the raw values per iteration),
 * the secondary metrics of the profilers (for example {@value #ALLOCATION_METRIC}), and how it was
 * run.
 *
 * <p>With {@code t > 1} threads in {@code AverageTime} mode the score is the time of one
 * operation of one thread (JMH divides the threads' summed time by their summed operations).
 *
 * @param benchmarkClass fully qualified name of the benchmark class
 * @param method         the benchmark method, for example {@code gradus}
 * @param params         the {@code @Param} values by name
 * @param threads        the number of threads that ran the benchmark at once
 * @param mode           JMH's mode: {@value #AVERAGE_TIME}, {@value #SINGLE_SHOT} ({@code thrpt},
 *                       {@code sample} are not reported)
 * @param primary        the primary metric
 * @param secondary      secondary metrics by name
 * @param jvmArgs        the options of the forked JVMs
 * @param settings       forks and iterations, as {@link #describeSettings} words them
 */
public record JmhResult(String benchmarkClass, String method, Map<String, String> params, int threads, String mode,
                        Metric primary, Map<String, Metric> secondary, List<String> jvmArgs, String settings) {

    /** JMH's GC profiler metric: bytes allocated per benchmark invocation. */
    public static final String ALLOCATION_METRIC = "gc.alloc.rate.norm";
    /** JMH's GC profiler metric of the allocation rate, reported for every iteration. */
    public static final String ALLOCATION_RATE_METRIC = "gc.alloc.rate";
    /** JMH's name of {@code Mode.AverageTime}. */
    public static final String AVERAGE_TIME = "avgt";
    /** JMH's name of {@code Mode.SingleShotTime}. */
    public static final String SINGLE_SHOT = "ss";

    /** The maps and lists, copied; the parameters in their order. */
    public JmhResult {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
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
     * The primary score.
     *
     * @return the score in {@link #scoreUnit()}
     */
    public double score() {
        return primary.score();
    }

    /**
     * The error of the primary score.
     *
     * @return the half-width of its 99.9% confidence interval, NaN when JMH had too few iterations
     */
    public double scoreError() {
        return primary.error();
    }

    /**
     * The unit of the primary score.
     *
     * @return for example {@code ns/op}
     */
    public String scoreUnit() {
        return primary.unit();
    }

    /**
     * The benchmark's name as JMH lists it.
     *
     * @return the class name, a dot and the method
     */
    public String benchmark() {
        return benchmarkClass + "." + method;
    }

    /**
     * The score in nanoseconds per operation, with its error, converted from {@link #scoreUnit()}.
     *
     * @return the score and its error in nanoseconds
     * @throws IllegalArgumentException when the unit is not a time per operation
     */
    public Estimate nanosPerOp() {
        double nanos = nanosPer(scoreUnit());
        return new Estimate(score() * nanos, scoreError() * nanos);
    }

    /**
     * The raw values of the primary metric in nanoseconds per operation, fork after fork.
     *
     * @return the samples in nanoseconds
     * @throws IllegalArgumentException when the unit is not a time per operation
     */
    public Samples nanosSamples() {
        double nanos = nanosPer(scoreUnit());
        return new Samples(primary.samples().values().stream().map(v -> v * nanos).toList());
    }

    /**
     * Bytes allocated per operation, from JMH's GC profiler.
     *
     * @return the mean of {@value #ALLOCATION_METRIC} over the iterations that allocated, 0 when
     *         the profiler ran and none did, NaN without the profiler
     */
    public double allocatedBytesPerOp() {
        Metric norm = secondary.get(ALLOCATION_METRIC);
        if (norm != null) {
            return norm.score();
        }
        return secondary.containsKey(ALLOCATION_RATE_METRIC) ? 0 : Double.NaN;
    }

    /**
     * The score of a secondary metric.
     *
     * @param name the metric's name
     * @return its score, NaN when absent
     */
    public double secondaryScore(String name) {
        Metric metric = secondary.get(name);
        return metric == null ? Double.NaN : metric.score();
    }

    private static double nanosPer(String unit) {
        return switch (unit) {
            case "ns/op" -> 1;
            case "us/op" -> 1e3;
            case "ms/op" -> 1e6;
            case "s/op" -> 1e9;
            default -> throw new IllegalArgumentException("not a time per operation: " + unit
                    + " (the report needs AverageTime or SingleShotTime)");
        };
    }
}
