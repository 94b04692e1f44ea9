package dev.gradus.jmh.report.model;

import java.util.Locale;

/**
 * A measured value and its error, the half-width of a confidence interval (JMH's is 99.9%).
 * Figures derived from one measurement keep its relative error; a quotient of two measurements
 * gets the square root of the sum of their squared relative errors, first-order propagation for
 * independent measurements. A NaN error (JMH had too few iterations) stays NaN.
 *
 * @param value the value
 * @param error the half-width of its confidence interval, NaN when unknown
 */
public record Estimate(double value, double error) {

    /** Neither value nor error: a variant that was not run. */
    public static final Estimate MISSING = new Estimate(Double.NaN, Double.NaN);

    /** The error as a fraction of the value. */
    public double relativeError() {
        return error / Math.abs(value);
    }

    /** {@code this / divisor}, the relative errors combined in quadrature. */
    public Estimate dividedBy(Estimate divisor) {
        double quotient = value / divisor.value;
        return new Estimate(quotient, Math.abs(quotient) * Math.hypot(relativeError(), divisor.relativeError()));
    }

    /** {@code this * factor} for an exact factor. */
    public Estimate times(double factor) {
        return new Estimate(value * factor, error * Math.abs(factor));
    }

    /** {@code numerator / this} for an exact numerator: the same relative error. */
    public Estimate dividing(double numerator) {
        double quotient = numerator / value;
        return new Estimate(quotient, Math.abs(quotient) * relativeError());
    }

    /**
     * The value and error in {@code pattern} (a {@link String#format} pattern for one double):
     * {@code "1.25 ± 0.03"}, {@code "1.25 ± ?"} when the error is unknown, {@code "-"} without a
     * value.
     */
    public String format(String pattern) {
        if (!Double.isFinite(value)) {
            return "-";
        }
        return formatNumber(pattern, value) + " ± " + (Double.isFinite(error) ? formatNumber(pattern, error) : "?");
    }

    /** The value alone in {@code pattern}, {@code "-"} without one. */
    public String formatValue(String pattern) {
        return formatNumber(pattern, value);
    }

    /**
     * A number in a format pattern.
     *
     * @param pattern a {@link String#format} pattern for one double
     * @param value   the number
     * @return {@code value} in {@code pattern}, {@code "-"} when it is NaN or infinite
     */
    public static String formatNumber(String pattern, double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, pattern, value) : "-";
    }
}
