package dev.gradus.examples.chart;

import java.util.Objects;

/**
 * One named data series of a panel: the points {@code (xs[i], ys[i])} in a colour and a style.
 * Non-finite points are left out of the drawing.
 *
 * @param label the legend label, also the {@code <title>} of its SVG group
 * @param color an SVG colour, for example {@code #1f77b4}
 * @param style how the points are drawn
 * @param xs    the x values; copied
 * @param ys    the y values, as many as {@code xs}; copied
 */
public record Series(String label, String color, Style style, double[] xs, double[] ys) {

    /** How a series is drawn. */
    public enum Style {
        /** A solid line. */
        LINE,
        /** A dashed line. */
        DASHED,
        /** A thin, half-transparent line, for raw data under smoother curves. */
        FAINT,
        /** A solid line with a dot at every point, for short trajectories. */
        LINE_AND_DOTS,
        /** A dot at every point, no line. */
        DOTS
    }

    /**
     * Checks and copies the points.
     *
     * @throws NullPointerException     for a null component
     * @throws IllegalArgumentException if {@code xs} and {@code ys} differ in length
     */
    public Series {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(color, "color");
        Objects.requireNonNull(style, "style");
        xs = xs.clone();
        ys = ys.clone();
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("series '" + label + "' has " + xs.length + " x values but "
                    + ys.length + " y values");
        }
    }

    /**
     * A series at {@code x = 1, 2, ..., ys.length}.
     *
     * @param label the legend label
     * @param color an SVG colour
     * @param style how the points are drawn
     * @param ys    the y values; copied
     * @return the series
     */
    public static Series indexed(String label, String color, Style style, double[] ys) {
        double[] xs = new double[ys.length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = i + 1;
        }
        return new Series(label, color, style, xs, ys);
    }

    /** {@return a copy of the x values} */
    @Override
    public double[] xs() {
        return xs.clone();
    }

    /** {@return a copy of the y values} */
    @Override
    public double[] ys() {
        return ys.clone();
    }

    /** {@return the number of points} */
    public int size() {
        return xs.length;
    }
}
