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
 *
 * <p>Points that must not be drawn as values are marked on the x axis instead: a cross for an
 * invalid result ({@link #markInvalid}), an open circle for one not measured
 * ({@link #markMissing}); an error bar cut at the edge of the plot ends in an arrowhead. The
 * {@link #finish()} line under the legend explains the marks that occur.
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
    static final String NOTE = "#555555";

    private static final double MARGIN_LEFT = 72;
    private static final double MARGIN_RIGHT = 24;
    private static final double SWATCH = 24;

    private final Svg svg;
    private final double top;
    private final double bottom;
    private final double yMax;
    private boolean invalidMarked;
    private boolean missingMarked;
    private boolean clipped;

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
        top = legend(legend, 48) + 28; // room for the line of finish() under the legend
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

    /**
     * A vertical error bar from {@code value - error} to {@code value + error} at {@code x}, with
     * caps at its ends, or an arrowhead at an end cut by the edge of the plot.
     */
    void errorBar(double x, Estimate estimate) {
        if (!estimate.isShown() || !Double.isFinite(estimate.error()) || estimate.error() <= 0) {
            return;
        }
        double lowValue = estimate.value() - estimate.error();
        double highValue = estimate.value() + estimate.error();
        svg.line(x, y(lowValue), x, y(highValue), AXIS, 1, null);
        if (lowValue >= 0) {
            svg.line(x - 3, y(lowValue), x + 3, y(lowValue), AXIS, 1, null);
        } else {
            arrowhead(x, bottom, 1);
        }
        if (highValue <= yMax) {
            svg.line(x - 3, y(highValue), x + 3, y(highValue), AXIS, 1, null);
        } else {
            arrowhead(x, top, -1);
        }
    }

    /** A cross on the x axis at {@code x}: the result there is invalid and drawn nowhere else. */
    void markInvalid(double x, String color) {
        svg.invalidMark(x, bottom, color);
        invalidMarked = true;
    }

    /** An open circle on the x axis at {@code x}: nothing was measured there. */
    void markMissing(double x, String color) {
        svg.missingMark(x, bottom, color);
        missingMarked = true;
    }

    /**
     * Marks a point that is not shown as a value: a cross when invalid, a circle when missing;
     * nothing for a value that is shown.
     *
     * @return whether the point was marked instead of drawn
     */
    boolean markUnshown(double x, Estimate estimate, String color) {
        if (!estimate.isValid()) {
            markInvalid(x, color);
            return true;
        }
        if (!Double.isFinite(estimate.value())) {
            markMissing(x, color);
            return true;
        }
        return false;
    }

    /** Writes the line explaining the marks that occur, right-aligned just above the plot. */
    void finish() {
        StringBuilder note = new StringBuilder();
        if (invalidMarked) {
            note.append("x on the axis: invalid (not compiled, implausible or unsteady), not drawn");
        }
        if (missingMarked) {
            note.append(note.isEmpty() ? "" : "; ").append("o on the axis: not measured");
        }
        if (clipped) {
            note.append(note.isEmpty() ? "" : "; ").append("arrowhead: error bar cut at the plot's edge");
        }
        if (!note.isEmpty()) {
            svg.text(right(), top - 8, Svg.Anchor.END, TICK_SIZE, NOTE, note.toString());
        }
    }

    private void arrowhead(double x, double y, int direction) {
        svg.polyline(List.of(new Svg.Point(x - 4, y + 6 * direction), new Svg.Point(x, y),
                new Svg.Point(x + 4, y + 6 * direction)), AXIS, 1.5, null);
        clipped = true;
    }

    /**
     * The largest value to show of {@code estimates}: each finite value, raised by its error
     * where the error is smaller than the value (a larger one would squeeze the data flat; its
     * bar is cut at the top of the plot).
     */
    static double dataMax(Stream<Estimate> estimates) {
        return estimates.filter(Estimate::isShown)
                .mapToDouble(e -> Double.isFinite(e.error()) && e.error() < e.value() ? e.value() + e.error() : e.value())
                .max().orElse(0);
    }
}
