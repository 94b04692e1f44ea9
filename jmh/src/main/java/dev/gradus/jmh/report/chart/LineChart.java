package dev.gradus.jmh.report.chart;

import dev.gradus.jmh.report.model.Estimate;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/**
 * A line chart of values against element counts on a log2 x axis: one line per series, a marker
 * and an error bar at each point, ticks at powers of two labelled {@code 4K}, {@code 16M}. A point
 * that is invalid or not measured is marked on the x axis ({@link ChartFrame#markUnshown}) and the
 * line breaks there instead of joining its neighbours.
 */
final class LineChart {

    /**
     * One line.
     *
     * @param label  its legend label
     * @param color  its stroke colour
     * @param dash   a {@code stroke-dasharray}, or {@code null} for a solid line
     * @param points the value at each element count; invalid and NaN values are marked, not drawn
     */
    record Series(String label, String color, String dash, SortedMap<Long, Estimate> points) {
    }

    private static final int WIDTH = 720;
    private static final int HEIGHT = 420;
    private static final double BOTTOM_MARGIN = 58;
    private static final int MAX_TICKS = 8;
    private static final double PAD = 0.4;

    private LineChart() {
    }

    /** The chart as an SVG document. */
    static String svg(String title, String yTitle, String xTitle, List<Series> series) {
        List<Long> sizes = series.stream().flatMap(s -> s.points().keySet().stream()).sorted().toList();
        double low = log2(sizes.isEmpty() ? 1 : sizes.getFirst()) - PAD;
        double high = log2(sizes.isEmpty() ? 1 : sizes.getLast()) + PAD;
        ChartFrame frame = new ChartFrame(WIDTH, HEIGHT, BOTTOM_MARGIN, title, yTitle, xTitle,
                series.stream().map(s -> new ChartFrame.LegendEntry(s.label(), s.color(), s.dash(), false)).toList(),
                ChartFrame.dataMax(series.stream().flatMap(s -> s.points().values().stream())));
        Svg svg = frame.svg();
        int first = (int) Math.round(low + PAD);
        for (int exponent : Ticks.powersOfTwo(low, high, first, MAX_TICKS)) {
            double x = x(frame, low, high, exponent);
            svg.line(x, frame.top(), x, frame.bottom(), ChartFrame.GRID, 1, null);
            svg.line(x, frame.bottom(), x, frame.bottom() + 5, ChartFrame.AXIS, 1, null);
            svg.text(x, frame.bottom() + 19, Svg.Anchor.MIDDLE, ChartFrame.TICK_SIZE, Ticks.size(1L << exponent));
        }
        for (Series s : series) {
            List<Svg.Point> segment = new ArrayList<>();
            List<Svg.Point> shown = new ArrayList<>();
            s.points().forEach((n, estimate) -> {
                double x = x(frame, low, high, log2(n));
                if (frame.markUnshown(x, estimate, s.color())) {
                    drawSegment(svg, segment, s);
                    segment.clear();
                } else {
                    Svg.Point point = new Svg.Point(x, frame.y(estimate.value()));
                    segment.add(point);
                    shown.add(point);
                    frame.errorBar(x, estimate);
                }
            });
            drawSegment(svg, segment, s);
            shown.forEach(p -> svg.circle(p.x(), p.y(), 3.5, s.color()));
        }
        frame.finish();
        return svg.document(title);
    }

    /** A line through consecutive shown points: never across a point that is not shown. */
    private static void drawSegment(Svg svg, List<Svg.Point> segment, Series s) {
        if (segment.size() > 1) {
            svg.polyline(segment, s.color(), 2.5, s.dash());
        }
    }

    private static double x(ChartFrame frame, double low, double high, double log2) {
        return frame.left() + (frame.right() - frame.left()) * (log2 - low) / (high - low);
    }

    private static double log2(double n) {
        return Math.log(n) / Math.log(2);
    }
}
