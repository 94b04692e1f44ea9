package dev.gradus.jmh;

import java.util.Arrays;

/**
 * The benchmarked rules: the name the report's {@code --rule} option takes, the benchmark class,
 * and the bytes one step reads and writes per element, from which the report computes GB/s.
 */
public enum Rule {
    SGD("sgd", SgdBenchmark.class, SgdBenchmark.BYTES_PER_ELEMENT),
    ADAM("adam", AdamBenchmark.class, AdamBenchmark.BYTES_PER_ELEMENT);

    private final String id;
    private final Class<? extends StreamState> benchmark;
    private final int bytesPerElement;

    Rule(String id, Class<? extends StreamState> benchmark, int bytesPerElement) {
        this.id = id;
        this.benchmark = benchmark;
        this.bytesPerElement = bytesPerElement;
    }

    /** The lower-case name, for example {@code adam}. */
    public String id() {
        return id;
    }

    /** The benchmark class, declaring one method per {@link Variant}. */
    public Class<? extends StreamState> benchmark() {
        return benchmark;
    }

    /** Bytes read plus bytes written per element by one step. */
    public int bytesPerElement() {
        return bytesPerElement;
    }

    /** The rule named {@code id}, case-insensitive. */
    public static Rule ofId(String id) {
        for (Rule rule : values()) {
            if (rule.id.equalsIgnoreCase(id.strip())) {
                return rule;
            }
        }
        throw new IllegalArgumentException("unknown rule '" + id + "', expected one of "
                + Arrays.stream(values()).map(Rule::id).toList());
    }

    /** The rule benchmarked by the class of simple name {@code simpleName}, or {@code null}. */
    public static Rule ofBenchmarkClass(String simpleName) {
        for (Rule rule : values()) {
            if (rule.benchmark.getSimpleName().equals(simpleName)) {
                return rule;
            }
        }
        return null;
    }
}
