package dev.gradus.jmh.report.json;

import dev.gradus.jmh.report.model.JmhResult;
import dev.gradus.jmh.report.model.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads JMH's JSON result files (written by {@code -rf json} or the report) into
 * {@link JmhResult}s.
 */
public final class JmhResultReader {

    private JmhResultReader() {
    }

    /**
     * Reads every benchmark of a JMH JSON result file.
     *
     * @param json the text of the file
     * @return one result per entry, in the file's order
     * @throws IllegalArgumentException when the text is not a JMH result file
     */
    public static List<JmhResult> read(CharSequence json) {
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
        Map<String, Metric> secondary = new LinkedHashMap<>();
        if (entry.get("secondaryMetrics") != null) {
            JsonReader.object(entry.get("secondaryMetrics"), "secondaryMetrics").forEach((name, metric) ->
                    secondary.put(name, metric(JsonReader.object(metric, name))));
        }
        List<String> jvmArgs = new ArrayList<>();
        if (entry.get("jvmArgs") != null) {
            JsonReader.array(entry.get("jvmArgs"), "jvmArgs").forEach(arg -> jvmArgs.add(String.valueOf(arg)));
        }
        return new JmhResult(benchmark.substring(0, method), benchmark.substring(method + 1), params,
                entry.get("threads") == null ? 1 : (int) JsonReader.number(entry.get("threads")),
                entry.get("mode") == null ? JmhResult.AVERAGE_TIME : (String) entry.get("mode"),
                metric(JsonReader.object(entry.get("primaryMetric"), "primaryMetric")), secondary, jvmArgs,
                settings(entry));
    }

    /** A metric with its raw data: per fork, the value of each iteration. */
    private static Metric metric(Map<String, Object> metric) {
        List<List<Double>> forks = new ArrayList<>();
        if (metric.get("rawData") != null) {
            for (Object fork : JsonReader.array(metric.get("rawData"), "rawData")) {
                forks.add(JsonReader.array(fork, "a fork's raw data").stream().map(JsonReader::number).toList());
            }
        }
        return new Metric(JsonReader.number(metric.get("score")), JsonReader.number(metric.get("scoreError")),
                (String) metric.get("scoreUnit"), forks);
    }

    private static String settings(Map<String, Object> entry) {
        return JmhResult.describeSettings(count(entry, "forks"), count(entry, "warmupIterations"),
                String.valueOf(entry.get("warmupTime")), count(entry, "measurementIterations"),
                String.valueOf(entry.get("measurementTime")));
    }

    private static int count(Map<String, Object> entry, String key) {
        return entry.get(key) == null ? 0 : (int) JsonReader.number(entry.get(key));
    }
}
