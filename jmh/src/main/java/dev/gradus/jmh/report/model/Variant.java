package dev.gradus.jmh.report.model;

/**
 * The four ways every rule benchmark runs one step, named by the {@code @Benchmark} method each
 * rule class declares for it. The report pairs them by these names.
 */
public enum Variant {
    /** The public API ({@code Kernels}) on native segments: what is being measured. */
    GRADUS("gradus"),
    /** The scalar kernel looping over the same segments: the speedup baseline of the vector kernels. */
    SCALAR_SEGMENTS("scalarSegments"),
    /** The textbook formula over {@code float[]}, as a Java user would write it. */
    TEXTBOOK_ARRAY("textbookArray"),
    /** The same memory traffic with trivial math: the bandwidth roofline. */
    ROOFLINE("roofline");

    private final String method;

    Variant(String method) {
        this.method = method;
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
