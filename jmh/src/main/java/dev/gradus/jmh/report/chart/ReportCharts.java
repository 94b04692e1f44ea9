package dev.gradus.jmh.report.chart;

import dev.gradus.jmh.report.model.Estimate;
import dev.gradus.jmh.report.model.ResultRow;
import dev.gradus.jmh.report.model.Rule;
import dev.gradus.jmh.report.model.Variant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The report's SVG charts, per thread count: the throughput of each rule against {@code n}, one
 * line per {@link Variant} with the roofline dashed (GB/s of the rule's own traffic, or million
 * elements per second for a rule without bytes per element); the speedups of Gradus over both
 * baselines; and Gradus's percentage of the roofline.
 */
public final class ReportCharts {

    /**
     * One chart.
     *
     * @param fileName its file name in the report directory, for example {@code throughput-adam-t1.svg}
     * @param title    its title, also the alternative text in {@code report.md}
     * @param svg      the SVG document
     */
    public record Chart(String fileName, String title, String svg) {
    }

    private static final Map<Variant, String> COLORS = Map.of(
            Variant.GRADUS, "#1f77b4", Variant.SCALAR_SEGMENTS, "#ff7f0e",
            Variant.TEXTBOOK_ARRAY, "#2ca02c", Variant.ROOFLINE, "#555555");
    private static final String N_AXIS = "elements per buffer (n, log scale)";

    private ReportCharts() {
    }

    /**
     * Every chart of the report.
     *
     * @param rows the report's rows
     * @return per thread count: the throughput of each rule, then the speedups and the roofline share
     */
    public static List<Chart> of(List<ResultRow> rows) {
        List<Chart> charts = new ArrayList<>();
        for (int threads : threadCounts(rows)) {
            List<ResultRow> rowsOfThreads = rows.stream().filter(r -> r.threads() == threads).toList();
            for (Rule rule : new LinkedHashSet<>(rowsOfThreads.stream().map(ResultRow::rule).toList())) {
                charts.add(throughput(rule, threads,
                        rowsOfThreads.stream().filter(r -> r.rule().equals(rule)).toList()));
            }
            charts.add(speedups(rowsOfThreads, threads));
            charts.add(rooflineShare(rowsOfThreads, threads));
        }
        return charts;
    }

    private static Chart throughput(Rule rule, int threads, List<ResultRow> rows) {
        boolean bytes = rule.hasBytesPerElement();
        List<LineChart.Series> series = new ArrayList<>();
        for (Variant variant : Variant.values()) {
            Function<ResultRow, Estimate> figure = bytes ? r -> r.gigabytesPerSecond(variant)
                    : r -> r.elementsPerSecond(variant).times(1e-6);
            TreeMap<Long, Estimate> points = new TreeMap<>();
            rows.forEach(row -> points.put(row.n(), figure.apply(row)));
            series.add(new LineChart.Series(variant.method(), COLORS.get(variant),
                    variant == Variant.ROOFLINE ? Svg.DASH : null, points));
        }
        String title = rule.id() + ": throughput, " + threadsText(threads) + " (higher is better)";
        String yTitle = bytes ? "GB/s (" + Estimate.formatNumber("%.0f", rule.bytesPerElement()) + " bytes per element)"
                : "million elements per second";
        return new Chart("throughput-" + rule.id() + "-t" + threads + ".svg", title,
                LineChart.svg(title, yTitle, N_AXIS, series));
    }

    private static Chart speedups(List<ResultRow> rows, int threads) {
        String title = "Gradus speedup over the baselines, " + threadsText(threads);
        return new Chart("speedup-t" + threads + ".svg", title, BarChart.svg(title,
                "times faster (baseline time / Gradus time)", "rule and n", categories(rows),
                Stream.of(Variant.SCALAR_SEGMENTS, Variant.TEXTBOOK_ARRAY).filter(b -> measured(rows, b))
                        .map(b -> speedupSeries(rows, b)).toList(),
                1, "1x: as fast as the baseline"));
    }

    /** Whether any row has a result of {@code variant}: the quick plan runs no scalarSegments. */
    private static boolean measured(List<ResultRow> rows, Variant variant) {
        return rows.stream().anyMatch(r -> r.results().containsKey(variant));
    }

    private static BarChart.Series speedupSeries(List<ResultRow> rows, Variant baseline) {
        return new BarChart.Series("x " + baseline.method(), COLORS.get(baseline),
                rows.stream().map(r -> r.speedupOver(baseline)).toList());
    }

    private static Chart rooflineShare(List<ResultRow> rows, int threads) {
        String title = "Gradus as a share of the same-traffic roofline, " + threadsText(threads);
        return new Chart("roofline-t" + threads + ".svg", title, BarChart.svg(title,
                "% of roofline (roofline time / Gradus time)", "rule and n", categories(rows),
                List.of(new BarChart.Series("% of roofline", COLORS.get(Variant.GRADUS),
                        rows.stream().map(ResultRow::percentOfRoofline).toList())),
                100, "100%: as fast as the roofline"));
    }

    private static List<BarChart.Category> categories(List<ResultRow> rows) {
        return rows.stream().map(r -> new BarChart.Category(r.rule().id(), Ticks.size(r.n()))).toList();
    }

    private static List<Integer> threadCounts(List<ResultRow> rows) {
        return rows.stream().map(ResultRow::threads).distinct().sorted().toList();
    }

    private static String threadsText(int threads) {
        return threads + (threads == 1 ? " thread" : " threads");
    }
}
