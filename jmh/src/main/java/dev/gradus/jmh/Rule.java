package dev.gradus.jmh;

import java.util.Comparator;
import java.util.Locale;

/**
 * A benchmarked update rule, known from its benchmark class alone: the class
 * {@code dev.gradus.jmh.RmsPropBenchmark} is the rule {@code rmsprop} (the simple name without
 * {@code Benchmark}, lower-cased), and its {@code public static} {@value #BYTES_FIELD} field
 * gives the bytes one step reads and writes per element, from which the report computes GB/s.
 * There is no list of rules to keep up to date: {@link BenchmarkCatalog} finds the classes before
 * a run, and {@link ResultRow#group} names the rules of a result file.
 *
 * @param id              the name the {@code --rule} option takes, for example {@code adam}
 * @param benchmarkClass  the fully qualified name of the benchmark class
 * @param bytesPerElement bytes read plus written per element by one step, NaN when the class
 *                        declares no {@value #BYTES_FIELD} (then GB/s are not reported)
 */
public record Rule(String id, String benchmarkClass, double bytesPerElement) implements Comparable<Rule> {

    /** The static field of a benchmark class holding the rule's bytes per element. */
    public static final String BYTES_FIELD = "BYTES_PER_ELEMENT";

    private static final String SUFFIX = "Benchmark";

    private static final Comparator<Rule> ORDER = Comparator.<Rule>comparingDouble(Rule::bytesPerElement)
            .thenComparing(Rule::id);

    /** The rule of the class {@code qualifiedName}, its bytes per element read by reflection. */
    public static Rule ofBenchmarkClass(String qualifiedName) {
        return new Rule(idOf(qualifiedName), qualifiedName, bytesPerElement(qualifiedName));
    }

    /** {@code dev.gradus.jmh.AdamWBenchmark} gives {@code adamw}. */
    static String idOf(String qualifiedName) {
        String simple = qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
        if (simple.endsWith(SUFFIX) && simple.length() > SUFFIX.length()) {
            simple = simple.substring(0, simple.length() - SUFFIX.length());
        }
        return simple.toLowerCase(Locale.ROOT);
    }

    private static double bytesPerElement(String qualifiedName) {
        try {
            return Class.forName(qualifiedName).getField(BYTES_FIELD).getInt(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return Double.NaN;
        }
    }

    /** The simple name of the benchmark class, for example {@code AdamBenchmark}. */
    public String simpleClassName() {
        return benchmarkClass.substring(benchmarkClass.lastIndexOf('.') + 1);
    }

    /** Whether {@link #bytesPerElement()} is known. */
    public boolean hasBytesPerElement() {
        return !Double.isNaN(bytesPerElement);
    }

    /** Rules by their traffic per element (the simplest rule first), then by name. */
    @Override
    public int compareTo(Rule other) {
        return ORDER.compare(this, other);
    }
}
