package dev.gradus.jmh;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The results of one rule at one element count, by variant, and the numbers the report derives
 * from them. A variant that was not run gives NaN.
 *
 * @param rule    the rule
 * @param n       elements per buffer
 * @param results the JMH result of each variant that was run
 */
public record ResultRow(Rule rule, long n, Map<Variant, JmhResult> results) {

    /** The row's results, copied into an unmodifiable map. */
    public ResultRow {
        results = Map.copyOf(results);
    }

    /**
     * Groups results by rule and {@code n}, ordered by rule then {@code n}. Results of classes
     * other than the {@link Rule} benchmarks, of other methods, or without {@code n} are skipped.
     */
    public static List<ResultRow> group(List<JmhResult> results) {
        Map<Rule, Map<Long, Map<Variant, JmhResult>>> byRule = new EnumMap<>(Rule.class);
        for (JmhResult result : results) {
            Rule rule = Rule.ofBenchmarkClass(result.className());
            Variant variant = Variant.ofMethod(result.method());
            String n = result.params().get("n");
            if (rule != null && variant != null && n != null) {
                byRule.computeIfAbsent(rule, r -> new TreeMap<>())
                        .computeIfAbsent(Long.parseLong(n), k -> new EnumMap<>(Variant.class))
                        .put(variant, result);
            }
        }
        List<ResultRow> rows = new ArrayList<>();
        byRule.forEach((rule, byN) -> byN.forEach((n, variants) -> rows.add(new ResultRow(rule, n, variants))));
        rows.sort(Comparator.comparing(ResultRow::rule).thenComparingLong(ResultRow::n));
        return rows;
    }

    /** Nanoseconds per operation (one step over {@code n} elements). */
    public double nanosPerStep(Variant variant) {
        JmhResult result = results.get(variant);
        return result == null ? Double.NaN : result.nanosPerOp();
    }

    /** The error of {@link #nanosPerStep}, as JMH gives it. */
    public double nanosPerStepError(Variant variant) {
        JmhResult result = results.get(variant);
        return result == null ? Double.NaN : result.nanosPerOpError();
    }

    /** Nanoseconds per element. */
    public double nanosPerElement(Variant variant) {
        return nanosPerStep(variant) / n;
    }

    /** Elements updated per second. */
    public double elementsPerSecond(Variant variant) {
        return 1e9 / nanosPerElement(variant);
    }

    /** Gigabytes (1e9 bytes) per second read and written, from the rule's bytes per element. */
    public double gigabytesPerSecond(Variant variant) {
        return rule.bytesPerElement() / nanosPerElement(variant);
    }

    /** Bytes allocated per step, NaN without the GC profiler. */
    public double allocatedBytesPerStep(Variant variant) {
        JmhResult result = results.get(variant);
        return result == null ? Double.NaN : result.allocatedBytesPerOp();
    }

    /** How many times faster Gradus is than {@code baseline}: baseline time / Gradus time. */
    public double speedupOver(Variant baseline) {
        return nanosPerStep(baseline) / nanosPerStep(Variant.GRADUS);
    }

    /** Gradus's speed as a percentage of the roofline's: roofline time / Gradus time * 100. */
    public double percentOfRoofline() {
        return 100 * speedupOver(Variant.ROOFLINE);
    }
}
