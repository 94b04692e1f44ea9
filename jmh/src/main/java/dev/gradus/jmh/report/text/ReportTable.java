package dev.gradus.jmh.report.text;

import dev.gradus.jmh.harness.HostLoadProfiler;
import dev.gradus.jmh.harness.WarmupProfiler;
import dev.gradus.jmh.report.model.Estimate;
import dev.gradus.jmh.report.model.ResultRow;
import dev.gradus.jmh.report.model.Units;
import dev.gradus.jmh.report.model.Variant;
import dev.gradus.jmh.report.model.Verdict;
import java.util.List;

/**
 * The report's two tables over {@link ResultRow}s: a summary of Gradus per rule, size and thread
 * count (its speed as mean ± error, median and minimum, its share of the roofline, and its
 * speedups over the scalar segment loop and the textbook array loop, each {@code ± error}), and
 * the details of every variant (with the share of its execution samples that ran C2 code). Missing
 * numbers print as {@code -}, unknown errors as
 * {@code ± ?}, figures from a result that failed its checks as {@code invalid}, with the reason in
 * the {@code status} column.
 */
public final class ReportTable {

    private ReportTable() {
    }

    /**
     * Gradus per rule, size and threads, against each baseline.
     *
     * @param rows the rows
     * @return the summary table
     */
    public static TextTable summary(List<ResultRow> rows) {
        TextTable table = new TextTable(List.of("rule", "n", "threads", "ns/elem", "median", "min", "Melem/s", "GB/s",
                "% of roofline", "x scalarSegments", "x textbookArray", "B/op", "status"), 0, 12);
        Variant g = Variant.GRADUS;
        for (ResultRow row : rows) {
            table.add(List.of(row.rule().id(), Long.toString(row.n()), Integer.toString(row.threads()),
                    row.nanosPerElement(g).format("%.3f"), row.medianNanosPerElement(g).formatValue("%.3f"),
                    row.minNanosPerElement(g).formatValue("%.3f"),
                    row.elementsPerSecond(g).times(1e-6).formatValue("%.0f"),
                    row.gigabytesPerSecond(g).formatValue("%.1f"), row.percentOfRoofline().format("%.0f"),
                    row.speedupOver(Variant.SCALAR_SEGMENTS).format("%.2f"),
                    row.speedupOver(Variant.TEXTBOOK_ARRAY).format("%.2f"),
                    Units.bytes(row.allocatedBytesPerOp(g)), row.status()));
        }
        return table;
    }

    /**
     * Every variant of every rule, size and thread count.
     *
     * @param rows the rows
     * @return the table of variants
     */
    public static TextTable variants(List<ResultRow> rows) {
        TextTable table = new TextTable(List.of("rule", "n", "threads", "variant", "ns/op", "median", "min",
                "ns/elem", "Melem/s", "GB/s", "B/op", "C2 %", "warm-up s", "others %", "attempts", "status"), 0, 3, 15);
        for (ResultRow row : rows) {
            for (Variant v : Variant.values()) {
                Estimate perOp = row.nanosPerOp(v);
                double elements = (double) row.n() * row.threads();
                table.add(List.of(row.rule().id(), Long.toString(row.n()), Integer.toString(row.threads()),
                        v.method(), perOp.format("%.0f"), row.medianNanosPerElement(v).times(elements).formatValue("%.0f"),
                        row.minNanosPerElement(v).times(elements).formatValue("%.0f"),
                        row.nanosPerElement(v).formatValue("%.3f"),
                        row.elementsPerSecond(v).times(1e-6).formatValue("%.0f"),
                        row.gigabytesPerSecond(v).formatValue("%.1f"), Units.bytes(row.allocatedBytesPerOp(v)),
                        Estimate.formatNumber("%.0f", row.jit(v).c2Percent()),
                        Estimate.formatNumber("%.1f", row.secondary(v, WarmupProfiler.TIME)),
                        Estimate.formatNumber("%.0f", row.secondary(v, HostLoadProfiler.OTHERS)),
                        row.attempts(v) == 0 ? "-" : Integer.toString(row.attempts(v)), variantStatus(row, v)));
            }
        }
        return table;
    }

    /**
     * Both tables as fixed-width text, with titles, for the console.
     *
     * @param rows the rows
     * @return the text
     */
    public static String text(List<ResultRow> rows) {
        return "Gradus against its baselines (ns/elem = mean ± 99.9% confidence half-width; x = times faster)\n\n"
                + summary(rows).fixedWidth()
                + "\nAll variants (ns/op = JMH score ± error, one thread's step)\n\n" + variants(rows).fixedWidth();
    }

    private static String variantStatus(ResultRow row, Variant v) {
        Verdict verdict = row.verdict(v);
        if (verdict == null) {
            return "not measured";
        }
        return verdict.valid() ? "ok" : "invalid: " + verdict.reason();
    }
}
