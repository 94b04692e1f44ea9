package dev.gradus.internal.warmup;

/**
 * The methods of {@link dev.gradus.internal.KernelSet} that do the work, one per family, and for
 * each update rule a second family for its calls that emit the update, whose vector loops are
 * copies of their own (see {@code dev.gradus.internal.vector.LoopOptions}). A family
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
    /** {@code sgd} emitting the update. */
    SGD_UPDATE("sgd update"),
    /** {@code momentum} emitting the update. */
    MOMENTUM_UPDATE("momentum update"),
    /** {@code adagrad} emitting the update. */
    ADAGRAD_UPDATE("adagrad update"),
    /** {@code rmsProp} emitting the update. */
    RMS_PROP_UPDATE("rmsProp update"),
    /** {@code adam} emitting the update. */
    ADAM_UPDATE("adam update"),
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

    /** The name of the family's {@code KernelSet} method, followed by "update" for the update form. */
    public String method() {
        return method;
    }

    /** Whether the family's calls emit the update rather than step in place. */
    boolean emitsUpdate() {
        return inPlace() != this;
    }

    /** The in-place family of an update form; the family itself otherwise. */
    KernelFamily inPlace() {
        return switch (this) {
            case SGD_UPDATE -> SGD;
            case MOMENTUM_UPDATE -> MOMENTUM;
            case ADAGRAD_UPDATE -> ADAGRAD;
            case RMS_PROP_UPDATE -> RMS_PROP;
            case ADAM_UPDATE -> ADAM;
            default -> this;
        };
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
