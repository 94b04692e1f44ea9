package dev.gradus.jmh.report.chart;

import dev.gradus.jmh.report.model.Estimate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A grouped bar chart: one slot per category (a rule at one size), one bar per series in each
 * slot with its error bar, the size under each slot and the rule's name centred under its
 * slots, and a dashed reference line (1x, 100%) named in the legend. The canvas widens with the number of slots so
 * that labels never overlap. A value that is invalid or not measured gets a mark on the x axis
 * ({@link ChartFrame#markUnshown}), never a bar.
 */
final class BarChart {

    /**
     * One slot on the x axis.
     *
     * @param group the name shared by neighbouring slots, printed once under them (the rule)
     * @param label the slot's own label (the size)
     */
    record Category(String group, String label) {
    }

    /**
     * One bar per category.
     *
     * @param label  its legend label
     * @param color  its fill colour
     * @param values one per category, in order; invalid and NaN values draw a mark instead of a bar
     */
    record Series(String label, String color, List<Estimate> values) {
    }

    private static final int MIN_WIDTH = 520;
    private static final int HEIGHT = 400;
    private static final double BOTTOM_MARGIN = 72;
    private static final double BAR = 16;
    private static final double SLOT_GAP = 16;
    private static final double SIDE_MARGINS = 72 + 24;

    private BarChart() {
    }

    /** The chart as an SVG document, with a reference line at {@code reference}. */
    static String svg(String title, String yTitle, String xTitle, List<Category> categories, List<Series> series,
                      double reference, String referenceLabel) {
        double slot = slotWidth(categories, series.size());
        int width = (int) Math.max(MIN_WIDTH, Math.ceil(SIDE_MARGINS + slot * categories.size()));
        double dataMax = Math.max(reference * 1.1,
                ChartFrame.dataMax(series.stream().flatMap(s -> s.values().stream())));
        List<ChartFrame.LegendEntry> legend = new ArrayList<>();
        series.forEach(s -> legend.add(new ChartFrame.LegendEntry(s.label(), s.color(), null, true)));
        legend.add(ChartFrame.referenceEntry(referenceLabel));
        ChartFrame frame = new ChartFrame(width, HEIGHT, BOTTOM_MARGIN, title, yTitle, xTitle, legend, dataMax);
        Svg svg = frame.svg();
        double start = frame.left() + (frame.right() - frame.left() - slot * categories.size()) / 2;
        double barsWidth = BAR * series.size();
        for (int c = 0; c < categories.size(); c++) {
            double slotLeft = start + c * slot;
            double barLeft = slotLeft + (slot - barsWidth) / 2;
            for (int s = 0; s < series.size(); s++) {
                Estimate value = series.get(s).values().get(c);
                double x = barLeft + s * BAR;
                if (!frame.markUnshown(x + BAR / 2, value, series.get(s).color())) {
                    double y = frame.y(value.value());
                    svg.rect(x + 1, y, BAR - 2, frame.bottom() - y, series.get(s).color());
                    frame.errorBar(x + BAR / 2, value);
                }
            }
            svg.text(slotLeft + slot / 2, frame.bottom() + 17, Svg.Anchor.MIDDLE, ChartFrame.TICK_SIZE,
                    categories.get(c).label());
        }
        groupLabels(frame, categories, start, slot);
        frame.reference(reference);
        frame.finish();
        return svg.document(title);
    }

    /** The rule names, each centred under its run of slots, with separators between the runs. */
    private static void groupLabels(ChartFrame frame, List<Category> categories, double start, double slot) {
        Svg svg = frame.svg();
        int runStart = 0;
        for (int c = 1; c <= categories.size(); c++) {
            if (c == categories.size() || !categories.get(c).group().equals(categories.get(runStart).group())) {
                double from = start + runStart * slot;
                double to = start + c * slot;
                svg.text((from + to) / 2, frame.bottom() + 36, Svg.Anchor.MIDDLE, ChartFrame.LABEL_SIZE,
                        categories.get(runStart).group());
                if (c < categories.size()) {
                    svg.line(to, frame.bottom(), to, frame.bottom() + 40, ChartFrame.GRID, 1, null);
                }
                runStart = c;
            }
        }
    }

    /** Wide enough for the bars, each slot label, and each group label over its slots. */
    private static double slotWidth(List<Category> categories, int bars) {
        double slot = Math.max(BAR * bars + SLOT_GAP, 36);
        for (int c = 0; c < categories.size(); c++) {
            String group = categories.get(c).group();
            long runLength = IntStream.range(0, categories.size())
                    .filter(i -> categories.get(i).group().equals(group)).count();
            slot = Math.max(slot, Svg.textWidth(categories.get(c).label(), ChartFrame.TICK_SIZE) + 8);
            slot = Math.max(slot, (Svg.textWidth(group, ChartFrame.LABEL_SIZE) + 16) / runLength);
        }
        return slot;
    }
}
