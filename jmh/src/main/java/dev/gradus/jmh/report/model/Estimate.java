package dev.gradus.jmh.report.model;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A measured value and its error, the half-width of a confidence interval (JMH's is 99.9%), and
 * whether it may be shown at all. Figures derived from one measurement keep its relative error; a
 * quotient of two measurements gets the square root of the sum of their squared relative errors,
 * first-order propagation for independent measurements. A NaN error (JMH had too few iterations)
 * stays NaN.
 *
 * <p>An estimate from a measurement that failed its checks ({@link Verdict}) is <em>invalid</em>:
 * it keeps the measured numbers, for diagnosis, but carries the reason, every figure derived from
 * it inherits that reason, and {@link #format} prints {@code invalid} instead of a number. So no
 * table, chart or file can show it as a plain figure.
 *
 * @param value   the value
 * @param error   the half-width of its confidence interval, NaN when unknown
 * @param invalid why the value must not be shown as a result, {@code null} when it may
 */
public record Estimate(double value, double error, String invalid) {

    /** Neither value nor error: a variant that was not run. */
    public static final Estimate MISSING = new Estimate(Double.NaN, Double.NaN);

    /**
     * A valid estimate.
     *
     * @param value the value
     * @param error the half-width of its confidence interval, NaN when unknown
     */
    public Estimate(double value, double error) {
        this(value, error, null);
    }

    /**
     * The same numbers, marked invalid.
     *
     * @param reason why they must not be shown as a result
     * @return an invalid estimate with this value and error
     */
    public Estimate invalidBecause(String reason) {
        return new Estimate(value, error, join(invalid, reason));
    }

    /**
     * Whether the estimate may be shown as a result.
     *
     * @return {@code false} when it comes from a measurement that failed its checks
     */
    public boolean isValid() {
        return invalid == null;
    }

    /**
     * Whether there is a value to show: valid and finite.
     *
     * @return {@code true} for a valid, finite value
     */
    public boolean isShown() {
        return isValid() && Double.isFinite(value);
    }

    /**
     * The error as a fraction of the value.
     *
     * @return {@code error / |value|}
     */
    public double relativeError() {
        return error / Math.abs(value);
    }

    /**
     * The quotient of two estimates, the relative errors combined in quadrature; invalid when
     * either is.
     *
     * @param divisor the divisor
     * @return {@code this / divisor}
     */
    public Estimate dividedBy(Estimate divisor) {
        double quotient = value / divisor.value;
        return new Estimate(quotient, Math.abs(quotient) * Math.hypot(relativeError(), divisor.relativeError()),
                join(invalid, divisor.invalid));
    }

    /**
     * The estimate times an exact factor.
     *
     * @param factor the factor
     * @return {@code this * factor}, the same relative error
     */
    public Estimate times(double factor) {
        return new Estimate(value * factor, error * Math.abs(factor), invalid);
    }

    /**
     * An exact numerator divided by the estimate.
     *
     * @param numerator the numerator
     * @return {@code numerator / this}, the same relative error
     */
    public Estimate dividing(double numerator) {
        double quotient = numerator / value;
        return new Estimate(quotient, Math.abs(quotient) * relativeError(), invalid);
    }

    /**
     * The value and error in a pattern: {@code "1.25 ± 0.03"}, {@code "1.25 ± ?"} when the error
     * is unknown, {@code "-"} without a value, {@code "invalid"} when invalid.
     *
     * @param pattern a {@link String#format} pattern for one double
     * @return the text
     */
    public String format(String pattern) {
        if (!isValid()) {
            return "invalid";
        }
        if (!Double.isFinite(value)) {
            return "-";
        }
        return formatNumber(pattern, value) + " ± " + (Double.isFinite(error) ? formatNumber(pattern, error) : "?");
    }

    /**
     * The value alone in a pattern.
     *
     * @param pattern a {@link String#format} pattern for one double
     * @return the text, {@code "-"} without a value, {@code "invalid"} when invalid
     */
    public String formatValue(String pattern) {
        return isValid() ? formatNumber(pattern, value) : "invalid";
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

    private static String join(String a, String b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        Set<String> reasons = new LinkedHashSet<>();
        reasons.add(a);
        reasons.add(b);
        return String.join("; ", reasons);
    }
}
