package dev.gradus.jmh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
 * @param settings       forks and iterations, as {@link Plan#describe()} words them
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

    /** Reads every benchmark of a JMH JSON result file. */
    public static List<JmhResult> listFromJson(CharSequence json) {
        List<JmhResult> results = new ArrayList<>();
        for (Object entry : JsonReader.array(JsonReader.parse(json), "the result file")) {
            results.add(of(JsonReader.object(entry, "a benchmark")));
        }
        return results;
    }

    private static JmhResult of(Map<String, Object> entry) {
        String benchmark = (String) Objects.requireNonNull(entry.get("benchmark"), "benchmark");
        int method = benchmark.lastIndexOf('.');
        Map<String, String> params = new LinkedHashMap<>();
        if (entry.get("params") != null) {
            JsonReader.object(entry.get("params"), "params").forEach((k, v) -> params.put(k, String.valueOf(v)));
        }
        Map<String, Object> primary = JsonReader.object(entry.get("primaryMetric"), "primaryMetric");
        Map<String, Double> secondary = new LinkedHashMap<>();
        if (entry.get("secondaryMetrics") != null) {
            JsonReader.object(entry.get("secondaryMetrics"), "secondaryMetrics").forEach((name, metric) ->
                    secondary.put(name, JsonReader.number(JsonReader.object(metric, name).get("score"))));
        }
        List<String> jvmArgs = new ArrayList<>();
        if (entry.get("jvmArgs") != null) {
            JsonReader.array(entry.get("jvmArgs"), "jvmArgs").forEach(arg -> jvmArgs.add(String.valueOf(arg)));
        }
        return new JmhResult(benchmark.substring(0, method), benchmark.substring(method + 1), params,
                entry.get("threads") == null ? 1 : (int) JsonReader.number(entry.get("threads")),
                JsonReader.number(primary.get("score")), JsonReader.number(primary.get("scoreError")),
                (String) primary.get("scoreUnit"), secondary, jvmArgs, settings(entry));
    }

    private static String settings(Map<String, Object> entry) {
        return Plan.describe(count(entry, "forks"), count(entry, "warmupIterations"),
                String.valueOf(entry.get("warmupTime")), count(entry, "measurementIterations"),
                String.valueOf(entry.get("measurementTime")));
    }

    private static int count(Map<String, Object> entry, String key) {
        return entry.get(key) == null ? 0 : (int) JsonReader.number(entry.get(key));
    }

    /** The score in nanoseconds per operation, with its error, converted from {@link #scoreUnit()}. */
    public Estimate nanosPerOp() {
        double nanos = nanosPer(scoreUnit);
        return new Estimate(score * nanos, scoreError * nanos);
    }

    /** Bytes allocated per operation, NaN without the GC profiler. */
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
