package dev.gradus.examples.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One axis of a panel: its title, its range and its scale. A linear axis is ticked at round steps
 * (1, 2 or 5 times a power of ten); a logarithmic one at powers of ten, with 2 and 5 between
 * them when the range spans less than two decades.
 *
 * @param title the axis title
 * @param min   the value at the low end, {@code > 0} on a logarithmic axis
 * @param max   the value at the high end, {@code > min}
 * @param log   {@code true} for a base-10 logarithmic scale
 */
public record Axis(String title, double min, double max, boolean log) {

    /**
     * Checks the range.
     *
     * @throws IllegalArgumentException if the range is empty or not finite, or not positive on a
     *                                  logarithmic axis
     */
    public Axis {
        if (!(min < max) || !Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("axis '" + title + "' needs finite min < max, got " + min + ", " + max);
        }
        if (log && !(min > 0)) {
            throw new IllegalArgumentException("logarithmic axis '" + title + "' needs min > 0, got " + min);
        }
    }

    /**
     * A linear axis.
     *
     * @param title the axis title
     * @param min   the low end
     * @param max   the high end, {@code > min}
     * @return the axis
     * @throws IllegalArgumentException if the range is empty or not finite
     */
    public static Axis linear(String title, double min, double max) {
        return new Axis(title, min, max, false);
    }

    /**
     * A base-10 logarithmic axis.
     *
     * @param title the axis title
     * @param min   the low end, {@code > 0}
     * @param max   the high end, {@code > min}
     * @return the axis
     * @throws IllegalArgumentException if the range is empty, not finite or not positive
     */
    public static Axis logarithmic(String title, double min, double max) {
        return new Axis(title, min, max, true);
    }

    /**
     * Where {@code value} falls along the axis.
     *
     * @param value a value; on a logarithmic axis one {@code <= 0} maps far below the low end
     * @return 0 at {@link #min()}, 1 at {@link #max()}, outside {@code [0, 1]} beyond them
     */
    public double fraction(double value) {
        if (log) {
            return value > 0 ? (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min)) : -1e3;
        }
        return (value - min) / (max - min);
    }

    /**
     * The tick values inside the range, in increasing order.
     *
     * @return round values from {@link #min()} to {@link #max()} (about five to ten on a linear axis)
     */
    public List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        if (log) {
            int low = (int) Math.floor(Math.log10(min));
            int high = (int) Math.ceil(Math.log10(max));
            double[] multiples = high - low <= 2 ? new double[] {1, 2, 5} : new double[] {1};
            for (int decade = low; decade <= high; decade++) {
                for (double multiple : multiples) {
                    double tick = multiple * Math.pow(10, decade);
                    if (inRange(tick)) {
                        ticks.add(tick);
                    }
                }
            }
            return ticks;
        }
        double step = roundUp((max - min) / 6);
        for (long k = (long) Math.ceil(min / step - 1e-9); k * step <= max + step * 1e-9; k++) {
            ticks.add(k * step);
        }
        return ticks;
    }

    /**
     * The label of a tick: as few digits as its place on the axis needs.
     *
     * @param tick a value returned by {@link #ticks()}
     * @return the label, for example {@code 0.05}, {@code 20}, {@code 1e-4}
     */
    public String label(double tick) {
        if (tick == 0) {
            return "0";
        }
        double magnitude = Math.abs(tick);
        if (log && (magnitude < 1e-3 || magnitude >= 1e5)) {
            long exponent = Math.round(Math.floor(Math.log10(magnitude) + 1e-9));
            double mantissa = tick / Math.pow(10, exponent);
            String head = Math.abs(mantissa - Math.rint(mantissa)) < 1e-9 ? Long.toString(Math.round(mantissa))
                    : String.format(Locale.ROOT, "%.1f", mantissa);
            return head + "e" + exponent;
        }
        int decimals = log ? Math.max(0, (int) -Math.floor(Math.log10(magnitude) + 1e-9))
                : Math.max(0, (int) -Math.floor(Math.log10(roundUp((max - min) / 6)) + 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", tick);
    }

    private boolean inRange(double value) {
        double slack = 1e-9 * Math.abs(value);
        return value >= min - slack && value <= max + slack;
    }

    /**
     * The smallest round number (1, 2 or 5 times a power of ten) at or above {@code raw}: a
     * tick step, or the end of an axis that must hold {@code raw}.
     *
     * @param raw a positive finite value
     * @return the round number
     */
    public static double roundUp(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double multiple : new double[] {1, 2, 5}) {
            if (multiple * power >= raw * (1 - 1e-9)) {
                return multiple * power;
            }
        }
        return 10 * power;
    }
}
