package dev.gradus.internal.warmup;

/**
 * The methods of {@link dev.gradus.internal.KernelSet} that do the work, one per family. A family
 * is warmed with every {@link Signature} of its calls seen so far, so that one compiled method
 * serves them all.
 */
public enum KernelFamily {
    /** {@code sgd}: {@link dev.gradus.Sgd}. */
    SGD("sgd"),
    /** {@code momentum}: {@link dev.gradus.Momentum} in every form. */
    MOMENTUM("momentum"),
    /** {@code adagrad}: {@link dev.gradus.AdaGrad}. */
    ADAGRAD("adagrad"),
    /** {@code rmsProp}: {@link dev.gradus.RmsProp}, centered or not, with or without momentum. */
    RMS_PROP("rmsProp"),
    /** {@code adam}: {@link dev.gradus.Adam} in every form. */
    ADAM("adam"),
    /** {@code ewma}: the elementwise {@link dev.gradus.Ewma} update. */
    EWMA("ewma"),
    /** {@code firstNonFinite}: the scan for NaN and infinities. */
    NON_FINITE_SCAN("firstNonFinite");

    private final String method;

    KernelFamily(String method) {
        this.method = method;
    }

    /** The family's bit in a set of families. */
    public int bit() {
        return 1 << ordinal();
    }

    /** The name of the family's {@code KernelSet} method. */
    public String method() {
        return method;
    }

    /** The names of the families in {@code set}, comma-separated, in declaration order. */
    static String names(int set) {
        StringBuilder text = new StringBuilder();
        for (KernelFamily family : values()) {
            if ((set & family.bit()) != 0) {
                text.append(text.isEmpty() ? "" : ", ").append(family.method);
            }
        }
        return text.toString();
    }
}
