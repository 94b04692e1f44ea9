package dev.gradus.jmh.report.text;

import dev.gradus.jmh.report.model.Estimate;
import dev.gradus.jmh.report.model.ResultRow;
import dev.gradus.jmh.report.model.Variant;
import java.util.List;

/**
 * The report's two tables over {@link ResultRow}s: a summary of Gradus per rule, size and thread
 * count (its speed, its share of the roofline, and its speedups over the scalar segment loop and
 * the textbook array loop, each {@code ± error}), and the details of every variant. Missing
 * numbers print as {@code -}, unknown errors as {@code ± ?}.
 */
public final class ReportTable {

    private ReportTable() {
    }

    /** Gradus per rule, size and threads, against each baseline. */
    public static TextTable summary(List<ResultRow> rows) {
        TextTable table = new TextTable(List.of("rule", "n", "threads", "ns/elem", "Melem/s", "GB/s",
                "% of roofline", "x scalarSegments", "x textbookArray", "B/op"), 0);
        Variant g = Variant.GRADUS;
        for (ResultRow row : rows) {
            table.add(List.of(row.rule().id(), Long.toString(row.n()), Integer.toString(row.threads()),
                    row.nanosPerElement(g).format("%.3f"), row.elementsPerSecond(g).times(1e-6).formatValue("%.0f"),
                    row.gigabytesPerSecond(g).formatValue("%.1f"), row.percentOfRoofline().format("%.0f"),
                    row.speedupOver(Variant.SCALAR_SEGMENTS).format("%.2f"),
                    row.speedupOver(Variant.TEXTBOOK_ARRAY).format("%.2f"),
                    Estimate.formatNumber("%.1f", row.allocatedBytesPerOp(g))));
        }
        return table;
    }

    /** Every variant of every rule, size and thread count. */
    public static TextTable variants(List<ResultRow> rows) {
        TextTable table = new TextTable(List.of("rule", "n", "threads", "variant", "ns/op", "ns/elem",
                "Melem/s", "GB/s", "B/op"), 0, 3);
        for (ResultRow row : rows) {
            for (Variant v : Variant.values()) {
                table.add(List.of(row.rule().id(), Long.toString(row.n()), Integer.toString(row.threads()),
                        v.method(), row.nanosPerOp(v).format("%.0f"), row.nanosPerElement(v).formatValue("%.3f"),
                        row.elementsPerSecond(v).times(1e-6).formatValue("%.0f"),
                        row.gigabytesPerSecond(v).formatValue("%.1f"),
                        Estimate.formatNumber("%.1f", row.allocatedBytesPerOp(v))));
            }
        }
        return table;
    }

    /** Both tables as fixed-width text, with titles, for the console. */
    public static String text(List<ResultRow> rows) {
        return "Gradus against its baselines (± = 99.9% confidence half-width; x = times faster)\n\n"
                + summary(rows).fixedWidth()
                + "\nAll variants (ns/op = JMH score ± error, one thread's step)\n\n" + variants(rows).fixedWidth();
    }
}
