package dev.gradus.jmh.report.model;

/**
 * The four ways every rule benchmark runs one step, named by the {@code @Benchmark} method each
 * rule class declares for it. The report pairs them by these names.
 */
public enum Variant {
    /** The public API ({@code Kernels}) on native segments: what is being measured. */
    GRADUS("gradus", true),
    /** The scalar kernel looping over the same segments: the speedup baseline of the vector kernels. */
    SCALAR_SEGMENTS("scalarSegments", true),
    /** The textbook formula over {@code float[]}, as a Java user would write it. */
    TEXTBOOK_ARRAY("textbookArray", true),
    /** The same memory traffic with trivial math: the bandwidth roofline. */
    ROOFLINE("roofline", false);

    private final String method;
    private final boolean computesRule;

    Variant(String method, boolean computesRule) {
        this.method = method;
        this.computesRule = computesRule;
    }

    /**
     * Whether the variant computes the rule's formula (all but the roofline, whose arithmetic is
     * one subtraction per buffer).
     *
     * @return {@code true} for the variants that compute the same thing in different code
     */
    public boolean computesRule() {
        return computesRule;
    }

    /**
     * The name of the benchmark method.
     *
     * @return for example {@code gradus}
     */
    public String method() {
        return method;
    }

    /**
     * The variant of a benchmark method.
     *
     * @param method the method's name
     * @return the variant whose method it is, or {@code null}
     */
    public static Variant ofMethod(String method) {
        for (Variant variant : values()) {
            if (variant.method.equals(method)) {
                return variant;
            }
        }
        return null;
    }
}
