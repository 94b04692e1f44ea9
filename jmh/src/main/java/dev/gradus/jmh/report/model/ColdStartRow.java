package dev.gradus.jmh.report.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The single-shot results (JMH {@code SingleShotTime}: each fork a fresh JVM, timed from its first
 * call) of one benchmark method with one set of parameters, one column per value of the parameter
 * {@value #PATH}: how long the first steps take before the JIT has compiled anything, through
 * each path, next to the {@value #REFERENCE} one.
 *
 * <p>The expected benchmark (see {@code jmh/README.md}): class {@code dev.gradus.jmh.ColdStartBenchmark},
 * {@code @Param}s {@code rule}, {@code n} and {@value #PATH} ({@code optimizer}, {@code kernels},
 * {@value #REFERENCE}), methods {@code step1}, {@code first100}, {@code first3000}. Any other
 * single-shot benchmark is grouped the same way; without a {@value #PATH} parameter it has one
 * column.
 *
 * @param benchmarkClass the benchmark class
 * @param method         the method, for example {@code first100}
 * @param params         the parameters other than {@value #PATH}, in the file's order
 * @param paths          the samples of each path in nanoseconds, one per fork and iteration
 */
public record ColdStartRow(String benchmarkClass, String method, Map<String, String> params,
                           Map<String, Samples> paths) {

    /** The parameter naming the path a step takes. */
    public static final String PATH = "path";
    /** The path the others are compared with. */
    public static final String REFERENCE = "textbook";

    private static final Pattern STEPS = Pattern.compile("(\\d+)$");

    /** The maps, copied in their order. */
    public ColdStartRow {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        paths = Collections.unmodifiableMap(new LinkedHashMap<>(paths));
    }

    /**
     * Groups the single-shot results by class, method and parameters other than {@value #PATH}.
     * Rows come by class, then parameters (numbers numerically), then method by the count at the
     * end of its name ({@code step1}, {@code first100}, {@code first3000}); paths with
     * {@value #REFERENCE} first, then in the file's order.
     *
     * @param results results of any mode; others than single-shot are skipped
     * @return the rows
     */
    public static List<ColdStartRow> group(List<JmhResult> results) {
        Map<List<Object>, Map<String, Samples>> byKey = new LinkedHashMap<>();
        Map<List<Object>, JmhResult> first = new LinkedHashMap<>();
        for (JmhResult result : results) {
            if (!JmhResult.SINGLE_SHOT.equals(result.mode())) {
                continue;
            }
            Map<String, String> params = new TreeMap<>(result.params());
            String path = params.remove(PATH);
            List<Object> key = List.of(result.benchmarkClass(), result.method(), params);
            first.putIfAbsent(key, result);
            byKey.computeIfAbsent(key, k -> new LinkedHashMap<>())
                    .put(path == null ? "" : path, result.nanosSamples());
        }
        List<ColdStartRow> rows = new ArrayList<>();
        byKey.forEach((key, paths) -> {
            JmhResult result = first.get(key);
            Map<String, String> params = new LinkedHashMap<>(result.params());
            params.remove(PATH);
            rows.add(new ColdStartRow(result.benchmarkClass(), result.method(), params, referenceFirst(paths)));
        });
        rows.sort(Comparator.comparing(ColdStartRow::benchmarkClass)
                .thenComparing(ColdStartRow::params, ColdStartRow::compareParams)
                .thenComparingLong(row -> steps(row.method())).thenComparing(ColdStartRow::method));
        return rows;
    }

    /**
     * How many times faster a path is than {@value #REFERENCE}, by their medians.
     *
     * @param path the path
     * @return {@code median(reference) / median(path)}, NaN without either
     */
    public double timesFasterThanReference(String path) {
        Samples reference = paths.get(REFERENCE);
        Samples samples = paths.get(path);
        return reference == null || samples == null ? Double.NaN : reference.median() / samples.median();
    }

    /**
     * The number at the end of a method's name, the steps it times.
     *
     * @param method the method, for example {@code first3000}
     * @return the number, {@link Long#MAX_VALUE} without one
     */
    public static long steps(String method) {
        Matcher m = STEPS.matcher(method);
        return m.find() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
    }

    private static Map<String, Samples> referenceFirst(Map<String, Samples> paths) {
        Map<String, Samples> ordered = new LinkedHashMap<>();
        if (paths.containsKey(REFERENCE)) {
            ordered.put(REFERENCE, paths.get(REFERENCE));
        }
        ordered.putAll(paths);
        return ordered;
    }

    private static int compareParams(Map<String, String> a, Map<String, String> b) {
        List<String> left = List.copyOf(a.values());
        List<String> right = List.copyOf(b.values());
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            int c = compareValues(left.get(i), right.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(left.size(), right.size());
    }

    private static int compareValues(String a, String b) {
        try {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }
}
