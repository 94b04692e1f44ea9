package dev.gradus.examples.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * One plot of a {@link Figure}: a title, two axes with ticks and grid lines, grey guide curves
 * drawn first (contour lines, say), the series, labelled marks, and a legend on the right. Data
 * outside the axes' ranges is clipped at the plot's edge.
 */
public final class Panel {

    private static final double MARGIN_LEFT = 64;
    private static final double MARGIN_TOP = 30;
    private static final double MARGIN_BOTTOM = 48;
    private static final double MARGIN_RIGHT = 18;
    private static final int TICK_FONT = 11;
    private static final int LABEL_FONT = 12;
    private static final double LEGEND_SWATCH = 22;

    private record Mark(double x, double y, String label) {
    }

    private final String title;
    private final Axis x;
    private final Axis y;
    private final List<Series> series = new ArrayList<>();
    private final List<double[][]> guides = new ArrayList<>();
    private final List<Mark> marks = new ArrayList<>();
    private boolean legend = true;

    /**
     * An empty panel.
     *
     * @param title the panel's title, drawn above the plot
     * @param x     the horizontal axis
     * @param y     the vertical axis
     */
    public Panel(String title, Axis x, Axis y) {
        this.title = title;
        this.x = x;
        this.y = y;
    }

    /**
     * Adds a series, drawn over those added before.
     *
     * @param s the series
     * @return this panel
     */
    public Panel add(Series s) {
        series.add(s);
        return this;
    }

    /**
     * Adds a thin grey guide curve through {@code (xs[i], ys[i])}, drawn under every series and
     * left out of the legend.
     *
     * @param xs the x values
     * @param ys the y values, as many as {@code xs}
     * @return this panel
     * @throws IllegalArgumentException if the lengths differ
     */
    public Panel guide(double[] xs, double[] ys) {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("guide has " + xs.length + " x values but " + ys.length + " y values");
        }
        guides.add(new double[][] {xs.clone(), ys.clone()});
        return this;
    }

    /**
     * Adds a black cross at {@code (x, y)} with a label beside it.
     *
     * @param x     the x value
     * @param y     the y value
     * @param label the text, for example {@code "minimum"}
     * @return this panel
     */
    public Panel mark(double x, double y, String label) {
        marks.add(new Mark(x, y, label));
        return this;
    }

    /**
     * Shows or hides the legend (shown by default).
     *
     * @param shown {@code false} to draw no legend
     * @return this panel
     */
    public Panel legend(boolean shown) {
        this.legend = shown;
        return this;
    }

    /** {@return the series, in drawing order} */
    public List<Series> series() {
        return List.copyOf(series);
    }

    /** Draws the panel in the cell {@code (left, top, width, height)} of {@code svg}. */
    void draw(SvgCanvas svg, double left, double top, double width, double height, String clipId) {
        double legendWidth = legend ? legendWidth() : 0;
        double plotLeft = left + MARGIN_LEFT;
        double plotTop = top + MARGIN_TOP;
        double plotWidth = width - MARGIN_LEFT - MARGIN_RIGHT - legendWidth;
        double plotHeight = height - MARGIN_TOP - MARGIN_BOTTOM;
        Frame frame = new Frame(plotLeft, plotTop, plotWidth, plotHeight, x, y);

        svg.text(plotLeft + plotWidth / 2, top + 18, "middle", 13, true, false, title);
        drawAxes(svg, frame, top + height);
        svg.clipRect(clipId, plotLeft, plotTop, plotWidth, plotHeight);
        svg.openGroup("guides", null);
        for (double[][] guide : guides) {
            svg.path(frame.xs(guide[0]), frame.ys(guide[1]), "#c8c8c8", 1, null, clipId);
        }
        svg.closeGroup();
        for (Series s : series) {
            drawSeries(svg, frame, s, clipId);
        }
        for (Mark mark : marks) {
            double px = frame.px(mark.x());
            double py = frame.py(mark.y());
            svg.line(px - 6, py - 6, px + 6, py + 6, "#000000", 2);
            svg.line(px - 6, py + 6, px + 6, py - 6, "#000000", 2);
            svg.text(px + 9, py - 7, "start", TICK_FONT, false, false, mark.label());
        }
        svg.rect(plotLeft, plotTop, plotWidth, plotHeight, "none", "#444444");
        if (legend) {
            drawLegend(svg, plotLeft + plotWidth + 12, plotTop + 4);
        }
    }

    private void drawAxes(SvgCanvas svg, Frame frame, double cellBottom) {
        double bottom = frame.top() + frame.height();
        for (double tick : x.ticks()) {
            double px = frame.px(tick);
            svg.line(px, frame.top(), px, bottom, "#ececec", 1);
            svg.line(px, bottom, px, bottom + 4, "#444444", 1);
            svg.text(px, bottom + 17, "middle", TICK_FONT, false, false, x.label(tick));
        }
        for (double tick : y.ticks()) {
            double py = frame.py(tick);
            svg.line(frame.left(), py, frame.left() + frame.width(), py, "#ececec", 1);
            svg.line(frame.left() - 4, py, frame.left(), py, "#444444", 1);
            svg.text(frame.left() - 7, py + 4, "end", TICK_FONT, false, false, y.label(tick));
        }
        svg.text(frame.left() + frame.width() / 2, cellBottom - 10, "middle", LABEL_FONT, false, false, x.title());
        svg.text(frame.left() - MARGIN_LEFT + 16, frame.top() + frame.height() / 2, "middle", LABEL_FONT, false, true,
                y.title());
    }

    private static void drawSeries(SvgCanvas svg, Frame frame, Series s, String clipId) {
        svg.openGroup("series", s.label());
        double[] xs = s.xs();
        double[] ys = s.ys();
        List<double[]> runs = finiteRuns(xs, ys);
        for (double[] run : runs) {
            int n = run.length / 2;
            double[] px = new double[n];
            double[] py = new double[n];
            for (int i = 0; i < n; i++) {
                px[i] = frame.px(run[2 * i]);
                py[i] = frame.py(run[2 * i + 1]);
            }
            switch (s.style()) {
                case LINE -> svg.path(px, py, s.color(), 2, null, clipId);
                case DASHED -> svg.path(px, py, s.color(), 2, "6 4", clipId);
                case FAINT -> svg.path(px, py, s.color() + "80", 1, null, clipId);
                case LINE_AND_DOTS -> {
                    svg.path(px, py, s.color(), 1.5, null, clipId);
                    for (int i = 0; i < n; i++) {
                        svg.dot(px[i], py[i], 2.2, s.color(), clipId);
                    }
                }
                case DOTS -> {
                    for (int i = 0; i < n; i++) {
                        svg.dot(px[i], py[i], 1.8, s.color(), clipId);
                    }
                }
            }
        }
        svg.closeGroup();
    }

    /** The stretches of consecutive finite points, each as {@code x0, y0, x1, y1, ...}. */
    private static List<double[]> finiteRuns(double[] xs, double[] ys) {
        List<double[]> runs = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= xs.length; i++) {
            boolean finite = i < xs.length && Double.isFinite(xs[i]) && Double.isFinite(ys[i]);
            if (!finite) {
                if (i > start) {
                    double[] run = new double[2 * (i - start)];
                    for (int j = start; j < i; j++) {
                        run[2 * (j - start)] = xs[j];
                        run[2 * (j - start) + 1] = ys[j];
                    }
                    runs.add(run);
                }
                start = i + 1;
            }
        }
        return runs;
    }

    private void drawLegend(SvgCanvas svg, double left, double top) {
        double row = top;
        for (Series s : series) {
            double mid = row + 8;
            switch (s.style()) {
                case DASHED -> svg.path(new double[] {left, left + LEGEND_SWATCH}, new double[] {mid, mid}, s.color(), 2,
                        "6 4", null);
                case DOTS -> svg.dot(left + LEGEND_SWATCH / 2, mid, 3, s.color(), null);
                default -> svg.line(left, mid, left + LEGEND_SWATCH, mid, s.color(), s.style() == Series.Style.FAINT ? 1.5 : 2.5);
            }
            svg.text(left + LEGEND_SWATCH + 6, mid + 4, "start", TICK_FONT, false, false, s.label());
            row += 18;
        }
    }

    private double legendWidth() {
        int longest = series.stream().mapToInt(s -> s.label().length()).max().orElse(0);
        return longest == 0 ? 0 : LEGEND_SWATCH + 22 + longest * TICK_FONT * 0.58;
    }

    /** The plot rectangle in pixels and the mapping of data on the axes to it. */
    private record Frame(double left, double top, double width, double height, Axis x, Axis y) {

        double px(double value) {
            return left + width * clampFar(x.fraction(value));
        }

        double py(double value) {
            return top + height * (1 - clampFar(y.fraction(value)));
        }

        double[] xs(double[] values) {
            return java.util.Arrays.stream(values).map(this::px).toArray();
        }

        double[] ys(double[] values) {
            return java.util.Arrays.stream(values).map(this::py).toArray();
        }

        /** Keeps far-away points a little outside the plot, so that clipping draws their direction. */
        private static double clampFar(double fraction) {
            return Math.clamp(fraction, -2.0, 3.0);
        }
    }
}
