package dev.gradus;

/**
 * A gradient held NaN or an infinity under {@link NonFinitePolicy#THROW}; the step modified nothing.
 */
public final class NonFiniteGradientException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    /** The name of the parameter whose gradient is not finite. */
    private final String parameter;
    /** The index of the first non-finite element of that gradient. */
    private final long index;

    NonFiniteGradientException(String parameter, long index, float value, long step) {
        super("the gradient of " + parameter + " holds " + value + " at index " + index + " in step " + step
                + "; nothing was modified");
        this.parameter = parameter;
        this.index = index;
    }

    /**
     * The parameter whose gradient is not finite.
     *
     * @return the name under which the parameter was added to the optimizer
     */
    public String parameter() {
        return parameter;
    }

    /**
     * Where the gradient is first not finite.
     *
     * @return the index of the gradient's first non-finite element, {@code >= 0}
     */
    public long index() {
        return index;
    }
}
