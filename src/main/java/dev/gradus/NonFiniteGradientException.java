package dev.gradus;

/**
 * A gradient held NaN or an infinity under {@link NonFinitePolicy#THROW}; the step modified nothing.
 */
public final class NonFiniteGradientException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    private final String parameter;
    private final long index;

    NonFiniteGradientException(String parameter, long index, float value, long step) {
        super("the gradient of " + parameter + " holds " + value + " at index " + index + " in step " + step
                + "; nothing was modified");
        this.parameter = parameter;
        this.index = index;
    }

    /** The name of the parameter whose gradient is not finite. */
    public String parameter() {
        return parameter;
    }

    /** The index of its first non-finite element. */
    public long index() {
        return index;
    }
}
