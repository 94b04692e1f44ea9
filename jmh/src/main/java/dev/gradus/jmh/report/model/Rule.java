package dev.gradus.jmh.report.model;

import dev.gradus.jmh.StreamState;
import java.util.Comparator;
import java.util.Locale;

/**
 * A benchmarked update rule, known from its benchmark class alone: the class
 * {@code dev.gradus.jmh.RmsPropBenchmark} is the rule {@code rmsprop} (the simple name without
 * {@code Benchmark}, lower-cased), and {@link StreamState#bytesPerElement()} of an instance gives
 * the bytes one step reads and writes per element, from which the report computes GB/s. There is
 * no list of rules to keep up to date: the report finds the classes in JMH's benchmark list
 * before a run, and {@link ResultRow#group} names the rules of a result file.
 *
 * @param id              the name the {@code --rule} option takes, for example {@code adam}
 * @param benchmarkClass  the fully qualified name of the benchmark class
 * @param bytesPerElement bytes read plus written per element by one step, NaN when the class is
 *                        not a {@link StreamState} on the class path (then GB/s are not reported)
 */
public record Rule(String id, String benchmarkClass, double bytesPerElement) implements Comparable<Rule> {

    private static final String SUFFIX = "Benchmark";

    private static final Comparator<Rule> ORDER = Comparator.<Rule>comparingDouble(Rule::bytesPerElement)
            .thenComparing(Rule::id);

    /**
     * The rule of a benchmark class, its bytes per element from an instance of it.
     *
     * @param qualifiedName the fully qualified name of the benchmark class
     * @return the rule
     */
    public static Rule ofBenchmarkClass(String qualifiedName) {
        return new Rule(idOf(qualifiedName), qualifiedName, bytesPerElement(qualifiedName));
    }

    /**
     * The rule's name for a benchmark class: {@code dev.gradus.jmh.AdamWBenchmark} gives
     * {@code adamw}.
     *
     * @param qualifiedName the fully qualified name of the benchmark class
     * @return the simple name without the suffix {@code Benchmark}, lower-cased
     */
    public static String idOf(String qualifiedName) {
        String simple = qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
        if (simple.endsWith(SUFFIX) && simple.length() > SUFFIX.length()) {
            simple = simple.substring(0, simple.length() - SUFFIX.length());
        }
        return simple.toLowerCase(Locale.ROOT);
    }

    private static double bytesPerElement(String qualifiedName) {
        try {
            Object benchmark = Class.forName(qualifiedName).getConstructor().newInstance();
            return benchmark instanceof StreamState state ? state.bytesPerElement() : Double.NaN;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return Double.NaN;
        }
    }

    /**
     * The simple name of the benchmark class.
     *
     * @return for example {@code AdamBenchmark}
     */
    public String simpleClassName() {
        return benchmarkClass.substring(benchmarkClass.lastIndexOf('.') + 1);
    }

    /**
     * Whether {@link #bytesPerElement()} is known.
     *
     * @return {@code false} when it is NaN
     */
    public boolean hasBytesPerElement() {
        return !Double.isNaN(bytesPerElement);
    }

    /** Rules by their traffic per element (the simplest rule first), then by name. */
    @Override
    public int compareTo(Rule other) {
        return ORDER.compare(this, other);
    }
}
