package dev.gradus.jmh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One benchmark of a JMH JSON result file: which method, with which parameters, its primary score
 * and error (as JMH gives them: the mean over all measurement iterations of all forks, and the
 * half-width of its 99.9% confidence interval), and the scores of the secondary metrics (from
 * profilers, for example {@code gc.alloc.rate.norm}).
 *
 * @param className  simple name of the benchmark class, for example {@code AdamBenchmark}
 * @param method     the benchmark method, for example {@code gradus}
 * @param params     the {@code @Param} values by name
 * @param score      the primary score in {@code scoreUnit}
 * @param scoreError the error of the score, NaN when JMH had too few iterations for one
 * @param scoreUnit  for example {@code ns/op}
 * @param secondary  secondary metric scores by metric name
 */
public record JmhResult(String className, String method, Map<String, String> params,
                        double score, double scoreError, String scoreUnit,
                        Map<String, Double> secondary) {

    /** JMH's GC profiler metric: bytes allocated per benchmark invocation. */
    public static final String ALLOCATION_METRIC = "gc.alloc.rate.norm";

    /** Reads every benchmark of a JMH JSON result file. */
    public static List<JmhResult> listFromJson(CharSequence json) {
        List<JmhResult> results = new ArrayList<>();
        for (Object entry : list(JmhJson.parse(json), "the result file")) {
            results.add(of(map(entry, "a benchmark")));
        }
        return results;
    }

    private static JmhResult of(Map<String, Object> entry) {
        String benchmark = (String) entry.get("benchmark");
        int method = benchmark.lastIndexOf('.');
        int className = benchmark.lastIndexOf('.', method - 1);
        Map<String, String> params = new LinkedHashMap<>();
        if (entry.get("params") != null) {
            map(entry.get("params"), "params").forEach((k, v) -> params.put(k, String.valueOf(v)));
        }
        Map<String, Object> primary = map(entry.get("primaryMetric"), "primaryMetric");
        Map<String, Double> secondary = new LinkedHashMap<>();
        if (entry.get("secondaryMetrics") != null) {
            map(entry.get("secondaryMetrics"), "secondaryMetrics").forEach((name, metric) ->
                    secondary.put(name, JmhJson.number(map(metric, name).get("score"))));
        }
        return new JmhResult(benchmark.substring(className + 1, method), benchmark.substring(method + 1),
                Map.copyOf(params), JmhJson.number(primary.get("score")),
                JmhJson.number(primary.get("scoreError")), (String) primary.get("scoreUnit"),
                Map.copyOf(secondary));
    }

    /** The score in nanoseconds per operation, converted from {@link #scoreUnit()}. */
    public double nanosPerOp() {
        return score * nanosPer(scoreUnit);
    }

    /** The score error in nanoseconds per operation. */
    public double nanosPerOpError() {
        return scoreError * nanosPer(scoreUnit);
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

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException(what + " is not a JSON object: " + value);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value, String what) {
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw new IllegalArgumentException(what + " is not a JSON array");
    }
}
