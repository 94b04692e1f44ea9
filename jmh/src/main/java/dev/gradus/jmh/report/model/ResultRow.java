package dev.gradus.jmh.report.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The results of one rule at one element count and thread count, by variant, and the figures the
 * report derives from them, each an {@link Estimate} carrying JMH's error. A variant that was
 * not run gives NaN.
 *
 * <p>With {@code threads} threads, each updating its own {@code n} elements, one operation
 * (JMH's score) is one thread's step, so the row moves {@code threads * n} elements per
 * operation time: elements per second are {@code threads * n / score}, and ns per element are
 * wall time per element, {@code score / (threads * n)}.
 *
 * @param rule    the rule
 * @param n       elements per buffer
 * @param threads threads running the benchmark at once
 * @param results the JMH result of each variant that was run
 */
public record ResultRow(Rule rule, long n, int threads, Map<Variant, JmhResult> results) {

    private static final Comparator<ResultRow> ORDER = Comparator.comparing(ResultRow::rule)
            .thenComparingLong(ResultRow::n).thenComparingInt(ResultRow::threads);

    /** The row's results, copied into an unmodifiable map. */
    public ResultRow {
        results = Map.copyOf(results);
    }

    private record Key(String benchmarkClass, long n, int threads) {
    }

    /**
     * Groups results by rule, {@code n} and threads, ordered by rule, then {@code n}, then threads.
     * Results of methods other than the {@link Variant}s, or without {@code n}, are skipped. The
     * rule of each class comes from {@link Rule#ofBenchmarkClass}.
     */
    public static List<ResultRow> group(List<JmhResult> results) {
        Map<Key, Map<Variant, JmhResult>> byKey = new TreeMap<>(Comparator.comparing(Key::benchmarkClass)
                .thenComparingLong(Key::n).thenComparingInt(Key::threads));
        for (JmhResult result : results) {
            Variant variant = Variant.ofMethod(result.method());
            String n = result.params().get("n");
            if (variant != null && n != null) {
                byKey.computeIfAbsent(new Key(result.benchmarkClass(), Long.parseLong(n), result.threads()),
                        k -> new EnumMap<>(Variant.class)).put(variant, result);
            }
        }
        Map<String, Rule> rules = new HashMap<>();
        List<ResultRow> rows = new ArrayList<>();
        byKey.forEach((key, variants) -> rows.add(new ResultRow(
                rules.computeIfAbsent(key.benchmarkClass(), Rule::ofBenchmarkClass), key.n(), key.threads(), variants)));
        rows.sort(ORDER);
        return rows;
    }

    /** JMH's score in nanoseconds: one thread's step over {@code n} elements. */
    public Estimate nanosPerOp(Variant variant) {
        JmhResult result = results.get(variant);
        return result == null ? Estimate.MISSING : result.nanosPerOp();
    }

    /** Wall time per element of all threads: {@code score / (threads * n)}. */
    public Estimate nanosPerElement(Variant variant) {
        return nanosPerOp(variant).times(1.0 / elementsPerOp());
    }

    /** Elements updated per second by all threads together. */
    public Estimate elementsPerSecond(Variant variant) {
        return nanosPerOp(variant).dividing(1e9 * elementsPerOp());
    }

    /** Gigabytes (1e9 bytes) per second read and written, from the rule's bytes per element. */
    public Estimate gigabytesPerSecond(Variant variant) {
        return elementsPerSecond(variant).times(rule.bytesPerElement() / 1e9);
    }

    /** Bytes allocated per operation, NaN without the GC profiler. */
    public double allocatedBytesPerOp(Variant variant) {
        JmhResult result = results.get(variant);
        return result == null ? Double.NaN : result.allocatedBytesPerOp();
    }

    /** How many times faster Gradus is than {@code baseline}: baseline time / Gradus time. */
    public Estimate speedupOver(Variant baseline) {
        return nanosPerOp(baseline).dividedBy(nanosPerOp(Variant.GRADUS));
    }

    /** Gradus's speed as a percentage of the roofline's: roofline time / Gradus time * 100. */
    public Estimate percentOfRoofline() {
        return speedupOver(Variant.ROOFLINE).times(100);
    }

    private double elementsPerOp() {
        return (double) threads * n;
    }
}
