package dev.gradus.jmh.report.chart;

import dev.gradus.jmh.report.model.Estimate;
import java.util.List;
import java.util.stream.Stream;

/**
 * What every chart of the report draws around its data: the title, a legend row under it, the
 * y axis from zero with round ticks, grid lines and its title, the x axis line and its title,
 * and on request a dashed reference line (explained in the legend, so that its label never
 * covers a bar). The charts draw their data on {@link #svg()} between
 * {@link #left()} and {@link #right()}, {@link #top()} and {@link #bottom()}, placing values with
 * {@link #y(double)}.
 */
final class ChartFrame {

    /** One legend entry: a line sample (dashed or not) or a filled box. */
    record LegendEntry(String label, String color, String dash, boolean box) {
    }

    static final int TITLE_SIZE = 15;
    static final int LABEL_SIZE = 12;
    static final int TICK_SIZE = 11;
    static final String AXIS = "#333333";
    static final String GRID = "#e4e4e4";

    private static final double MARGIN_LEFT = 72;
    private static final double MARGIN_RIGHT = 24;
    private static final double SWATCH = 24;

    private final Svg svg;
    private final double top;
    private final double bottom;
    private final double yMax;

    /**
     * Draws the frame on a canvas of {@code width} x {@code height} pixels, leaving
     * {@code bottomMargin} pixels under the plot for the x labels and the x title.
     *
     * @param dataMax the largest value to show; the y axis ends at the first round tick above it
     */
    ChartFrame(int width, int height, double bottomMargin, String title, String yTitle, String xTitle,
               List<LegendEntry> legend, double dataMax) {
        svg = new Svg(width, height);
        svg.boldText(width / 2.0, 24, Svg.Anchor.MIDDLE, TITLE_SIZE, title);
        top = legend(legend, 48) + 14;
        bottom = height - bottomMargin;
        List<Double> ticks = Ticks.upTo(dataMax, 5);
        yMax = ticks.getLast();
        for (double tick : ticks) {
            double y = y(tick);
            svg.line(left(), y, right(), y, tick == 0 ? AXIS : GRID, 1, null);
            svg.text(left() - 6, y + 4, Svg.Anchor.END, TICK_SIZE, Ticks.number(tick));
        }
        svg.line(left(), top, left(), bottom, AXIS, 1, null);
        svg.verticalText(18, (top + bottom) / 2, LABEL_SIZE, yTitle);
        svg.text((left() + right()) / 2, height - 10, Svg.Anchor.MIDDLE, LABEL_SIZE, xTitle);
    }

    /** Lays the entries out left to right from the plot's left edge, wrapping; returns the last row's y. */
    private double legend(List<LegendEntry> entries, double y) {
        double x = left();
        for (LegendEntry entry : entries) {
            double width = SWATCH + 6 + Svg.textWidth(entry.label(), LABEL_SIZE) + 20;
            if (x > left() && x + width > right()) {
                x = left();
                y += 18;
            }
            if (entry.box()) {
                svg.rect(x + 6, y - 10, 12, 12, entry.color());
            } else {
                svg.line(x, y - 4, x + SWATCH, y - 4, entry.color(), 2.5, entry.dash());
            }
            svg.text(x + SWATCH + 6, y, Svg.Anchor.START, LABEL_SIZE, entry.label());
            x += width;
        }
        return y;
    }

    /** The legend entry of {@link #reference}. */
    static LegendEntry referenceEntry(String label) {
        return new LegendEntry(label, AXIS, Svg.DASH, false);
    }

    /** A dashed horizontal line across the plot at {@code value}, explained by {@link #referenceEntry}. */
    void reference(double value) {
        double y = y(value);
        svg.line(left(), y, right(), y, AXIS, 1.2, Svg.DASH);
    }

    Svg svg() {
        return svg;
    }

    double left() {
        return MARGIN_LEFT;
    }

    double right() {
        return svg.width() - MARGIN_RIGHT;
    }

    double top() {
        return top;
    }

    double bottom() {
        return bottom;
    }

    /** The canvas y of {@code value}, clamped to the plot. */
    double y(double value) {
        double y = bottom - (bottom - top) * value / yMax;
        return Math.clamp(y, top, bottom);
    }

    /** A vertical error bar with caps from {@code value - error} to {@code value + error} at {@code x}. */
    void errorBar(double x, Estimate estimate) {
        if (!Double.isFinite(estimate.error()) || !Double.isFinite(estimate.value()) || estimate.error() <= 0) {
            return;
        }
        double lowValue = estimate.value() - estimate.error();
        double highValue = estimate.value() + estimate.error();
        svg.line(x, y(lowValue), x, y(highValue), AXIS, 1, null);
        for (double end : new double[] {lowValue, highValue}) {
            if (end >= 0 && end <= yMax) {
                svg.line(x - 3, y(end), x + 3, y(end), AXIS, 1, null);
            }
        }
    }

    /**
     * The largest value to show of {@code estimates}: each finite value, raised by its error
     * where the error is smaller than the value (a larger one would squeeze the data flat; its
     * bar is cut at the top of the plot).
     */
    static double dataMax(Stream<Estimate> estimates) {
        return estimates.filter(e -> Double.isFinite(e.value()))
                .mapToDouble(e -> Double.isFinite(e.error()) && e.error() < e.value() ? e.value() + e.error() : e.value())
                .max().orElse(0);
    }
}
