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
 * not run gives NaN; a variant whose result fails its {@link Verdict} gives invalid estimates,
 * and so does every ratio it takes part in.
 *
 * <p>With {@code threads} threads, each updating its own {@code n} elements, one operation
 * (JMH's score) is one thread's step, so the row moves {@code threads * n} elements per
 * operation time: elements per second are {@code threads * n / score}, and ns per element are
 * wall time per element, {@code score / (threads * n)}.
 *
 * @param rule     the rule
 * @param n        elements per buffer
 * @param threads  threads running the benchmark at once
 * @param results  the JMH result of each variant that was run, the last attempt where it was
 *                 measured more than once
 * @param attempts how many times each variant was measured
 */
public record ResultRow(Rule rule, long n, int threads, Map<Variant, JmhResult> results,
                        Map<Variant, Integer> attempts) {

    private static final Comparator<ResultRow> ORDER = Comparator.comparing(ResultRow::rule)
            .thenComparingLong(ResultRow::n).thenComparingInt(ResultRow::threads);

    /** The row's maps, copied. */
    public ResultRow {
        results = Map.copyOf(results);
        attempts = Map.copyOf(attempts);
    }

    /**
     * A row measured once per variant.
     *
     * @param rule    the rule
     * @param n       elements per buffer
     * @param threads threads running the benchmark at once
     * @param results the JMH result of each variant that was run
     */
    public ResultRow(Rule rule, long n, int threads, Map<Variant, JmhResult> results) {
        this(rule, n, threads, results, onceEach(results));
    }

    private record Key(String benchmarkClass, long n, int threads) {
    }

    /**
     * Groups results by rule, {@code n} and threads, ordered by rule, then {@code n}, then threads.
     * A later result of the same variant, rule, {@code n} and threads (a re-measurement) replaces
     * the earlier one and counts as another attempt. Results of methods other than the
     * {@link Variant}s, or without {@code n}, are skipped. The rule of each class comes from
     * {@link Rule#ofBenchmarkClass}. A row without a roofline of its own takes that of a row with
     * the same bytes per element, {@code n} and threads (the quick plan measures one roofline per
     * traffic: the same kernel); its result keeps the class it was measured in.
     *
     * @param results the results, in the order they were measured
     * @return the rows
     */
    public static List<ResultRow> group(List<JmhResult> results) {
        Map<Key, Map<Variant, JmhResult>> byKey = new TreeMap<>(Comparator.comparing(Key::benchmarkClass)
                .thenComparingLong(Key::n).thenComparingInt(Key::threads));
        Map<Key, Map<Variant, Integer>> attempts = new HashMap<>();
        for (JmhResult result : results) {
            Variant variant = Variant.ofMethod(result.method());
            String n = result.params().get("n");
            if (variant != null && n != null && JmhResult.AVERAGE_TIME.equals(result.mode())) {
                Key key = new Key(result.benchmarkClass(), Long.parseLong(n), result.threads());
                byKey.computeIfAbsent(key, k -> new EnumMap<>(Variant.class)).put(variant, result);
                attempts.computeIfAbsent(key, k -> new EnumMap<>(Variant.class)).merge(variant, 1, Integer::sum);
            }
        }
        Map<String, Rule> rules = new HashMap<>();
        List<ResultRow> rows = new ArrayList<>();
        byKey.forEach((key, variants) -> rows.add(new ResultRow(
                rules.computeIfAbsent(key.benchmarkClass(), Rule::ofBenchmarkClass), key.n(), key.threads(), variants,
                attempts.get(key))));
        rows.sort(ORDER);
        return shareRooflines(rows);
    }

    /** Each row without a roofline, with that of the first row of the same traffic, size and threads that has one. */
    private static List<ResultRow> shareRooflines(List<ResultRow> rows) {
        List<ResultRow> shared = new ArrayList<>();
        for (ResultRow row : rows) {
            ResultRow source = row.results.containsKey(Variant.ROOFLINE) || Double.isNaN(row.rule.bytesPerElement())
                    ? null : rows.stream().filter(r -> r.results.containsKey(Variant.ROOFLINE) && r.n == row.n
                    && r.threads == row.threads && r.rule.bytesPerElement() == row.rule.bytesPerElement())
                    .findFirst().orElse(null);
            if (source == null) {
                shared.add(row);
            } else {
                Map<Variant, JmhResult> results = new EnumMap<>(Variant.class);
                results.putAll(row.results);
                results.put(Variant.ROOFLINE, source.results.get(Variant.ROOFLINE));
                Map<Variant, Integer> attempts = new EnumMap<>(Variant.class);
                attempts.putAll(row.attempts);
                attempts.put(Variant.ROOFLINE, source.attempts(Variant.ROOFLINE));
                shared.add(new ResultRow(row.rule, row.n, row.threads, results, attempts));
            }
        }
        return shared;
    }

    /**
     * The rule whose benchmark class measured this row's roofline, when it is another rule's of the
     * same traffic (the quick plan's shared rooflines).
     *
     * @return that benchmark class, or {@code null} for a roofline of its own or none
     */
    public String rooflineClass() {
        JmhResult roofline = results.get(Variant.ROOFLINE);
        return roofline == null || roofline.benchmarkClass().equals(rule.benchmarkClass()) ? null
                : roofline.benchmarkClass();
    }

    /**
     * The verdict on a variant's result: its own checks ({@link Verdict#of}), then, when they pass,
     * the comparison with the other variants of the row ({@link Plausibility}).
     *
     * @param variant the variant
     * @return its verdict, {@code null} when it was not run
     */
    public Verdict verdict(Variant variant) {
        JmhResult result = results.get(variant);
        if (result == null) {
            return null;
        }
        Verdict own = Verdict.of(result);
        return own.valid() ? Plausibility.check(variant, results) : own;
    }

    /**
     * How many times a variant was measured.
     *
     * @param variant the variant
     * @return the attempts, 0 when it was not run
     */
    public int attempts(Variant variant) {
        return attempts.getOrDefault(variant, 0);
    }

    /**
     * JMH's score in nanoseconds: one thread's step over {@code n} elements.
     *
     * @param variant the variant
     * @return the mean and its error; invalid when the verdict is
     */
    public Estimate nanosPerOp(Variant variant) {
        JmhResult result = results.get(variant);
        return result == null ? Estimate.MISSING : checked(variant, result.nanosPerOp());
    }

    /**
     * Wall time per element of all threads: {@code score / (threads * n)}.
     *
     * @param variant the variant
     * @return the mean and its error
     */
    public Estimate nanosPerElement(Variant variant) {
        return nanosPerOp(variant).times(1.0 / elementsPerOp());
    }

    /**
     * The median over the iterations of the wall time per element.
     *
     * @param variant the variant
     * @return the median, without an error
     */
    public Estimate medianNanosPerElement(Variant variant) {
        return perElement(variant, samples(variant).median());
    }

    /**
     * The fastest iteration's wall time per element.
     *
     * @param variant the variant
     * @return the minimum, without an error
     */
    public Estimate minNanosPerElement(Variant variant) {
        return perElement(variant, samples(variant).min());
    }

    /**
     * Elements updated per second by all threads together.
     *
     * @param variant the variant
     * @return the rate and its error
     */
    public Estimate elementsPerSecond(Variant variant) {
        return nanosPerOp(variant).dividing(1e9 * elementsPerOp());
    }

    /**
     * Gigabytes (1e9 bytes) per second read and written, from the rule's bytes per element.
     *
     * @param variant the variant
     * @return the rate and its error, NaN without bytes per element
     */
    public Estimate gigabytesPerSecond(Variant variant) {
        return elementsPerSecond(variant).times(rule.bytesPerElement() / 1e9);
    }

    /**
     * Bytes allocated per operation.
     *
     * @param variant the variant
     * @return the mean over the iterations, NaN without the GC profiler
     */
    public double allocatedBytesPerOp(Variant variant) {
        JmhResult result = results.get(variant);
        return result == null ? Double.NaN : result.allocatedBytesPerOp();
    }

    /**
     * Which code a variant's measurement ran.
     *
     * @param variant the variant
     * @return the JIT profiler's counts, {@link JitEvidence#NONE} when not run or not recorded
     */
    public JitEvidence jit(Variant variant) {
        JmhResult result = results.get(variant);
        return result == null ? JitEvidence.NONE : JitEvidence.of(result);
    }

    /**
     * A secondary metric of a variant's result, for example the host load or the warm-up time.
     *
     * @param variant the variant
     * @param metric  the metric's name
     * @return its score, NaN when absent
     */
    public double secondary(Variant variant, String metric) {
        JmhResult result = results.get(variant);
        return result == null ? Double.NaN : result.secondaryScore(metric);
    }

    /**
     * How many times faster Gradus is than a baseline: baseline time / Gradus time.
     *
     * @param baseline the baseline variant
     * @return the ratio and its error, invalid when either result is
     */
    public Estimate speedupOver(Variant baseline) {
        return nanosPerOp(baseline).dividedBy(nanosPerOp(Variant.GRADUS));
    }

    /**
     * Gradus's speed as a percentage of the roofline's: roofline time / Gradus time * 100.
     *
     * @return the percentage and its error, invalid when either result is
     */
    public Estimate percentOfRoofline() {
        return speedupOver(Variant.ROOFLINE).times(100);
    }

    /**
     * The status of the row: {@code ok}, or what failed and what was measured more than once. A
     * {@code scalarSegments} not run is not mentioned: the quick plan runs none, as the report's
     * key says.
     *
     * @return for example {@code ok}, {@code ok; gradus on attempt 2} or
     *         {@code gradus invalid: allocating 9.14 MB/op, not compiled}
     */
    public String status() {
        List<String> parts = new ArrayList<>();
        for (Variant v : Variant.values()) {
            Verdict verdict = verdict(v);
            if (verdict == null) {
                if (v != Variant.SCALAR_SEGMENTS) {
                    parts.add(v.method() + " not measured");
                }
            } else if (!verdict.valid()) {
                parts.add(v.method() + " invalid (" + attemptsText(attempts(v)) + "): " + verdict.reason());
            } else if (attempts(v) > 1) {
                parts.add(v.method() + " ok on attempt " + attempts(v));
            }
        }
        boolean failed = parts.stream().anyMatch(p -> !p.contains(" ok on attempt "));
        return failed ? String.join("; ", parts) : parts.isEmpty() ? "ok" : "ok; " + String.join("; ", parts);
    }

    private static String attemptsText(int attempts) {
        return attempts + (attempts == 1 ? " attempt" : " attempts");
    }

    private Samples samples(Variant variant) {
        JmhResult result = results.get(variant);
        return result == null ? Samples.NONE : result.nanosSamples();
    }

    private Estimate perElement(Variant variant, double nanos) {
        JmhResult result = results.get(variant);
        Estimate raw = new Estimate(nanos / elementsPerOp(), Double.NaN);
        return result == null ? Estimate.MISSING : checked(variant, raw);
    }

    private Estimate checked(Variant variant, Estimate estimate) {
        Verdict verdict = verdict(variant);
        return verdict.valid() ? estimate : estimate.invalidBecause(variant.method() + " " + verdict.reason());
    }

    private double elementsPerOp() {
        return (double) threads * n;
    }

    private static Map<Variant, Integer> onceEach(Map<Variant, JmhResult> results) {
        Map<Variant, Integer> once = new EnumMap<>(Variant.class);
        results.keySet().forEach(variant -> once.put(variant, 1));
        return once;
    }
}
