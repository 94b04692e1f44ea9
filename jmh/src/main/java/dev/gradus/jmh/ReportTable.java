package dev.gradus.jmh;

import java.util.List;
import java.util.Locale;

/**
 * The report's two tables over {@link ResultRow}s: a summary of Gradus per rule and size (its
 * speed, its speedups over the scalar segment loop and the textbook array loop, and its share of
 * the roofline), and the details of every variant. Missing numbers print as {@code -}.
 */
public final class ReportTable {

    private ReportTable() {
    }

    /** Gradus per rule and size, against each baseline. */
    public static TextTable summary(List<ResultRow> rows) {
        TextTable table = new TextTable(List.of("rule", "n", "ns/elem", "Melem/s", "GB/s",
                "x scalarSegments", "x textbookArray", "% of roofline", "B/op"), 0);
        for (ResultRow row : rows) {
            Variant g = Variant.GRADUS;
            table.add(List.of(row.rule().id(), Long.toString(row.n()),
                    format("%.3f", row.nanosPerElement(g)), format("%.0f", row.elementsPerSecond(g) / 1e6),
                    format("%.1f", row.gigabytesPerSecond(g)),
                    format("%.2f", row.speedupOver(Variant.SCALAR_SEGMENTS)),
                    format("%.2f", row.speedupOver(Variant.TEXTBOOK_ARRAY)),
                    format("%.0f", row.percentOfRoofline()), format("%.1f", row.allocatedBytesPerStep(g))));
        }
        return table;
    }

    /** Every variant of every rule and size. */
    public static TextTable variants(List<ResultRow> rows) {
        TextTable table = new TextTable(List.of("rule", "n", "variant", "ns/step", "± error",
                "ns/elem", "Melem/s", "GB/s", "B/op"), 0, 2);
        for (ResultRow row : rows) {
            for (Variant v : Variant.values()) {
                table.add(List.of(row.rule().id(), Long.toString(row.n()), v.method(),
                        format("%.0f", row.nanosPerStep(v)), format("%.0f", row.nanosPerStepError(v)),
                        format("%.3f", row.nanosPerElement(v)), format("%.0f", row.elementsPerSecond(v) / 1e6),
                        format("%.1f", row.gigabytesPerSecond(v)), format("%.1f", row.allocatedBytesPerStep(v))));
            }
        }
        return table;
    }

    /** Both tables as fixed-width text, with titles. */
    public static String text(List<ResultRow> rows) {
        return "Gradus against its baselines (x = times faster; 1 thread)\n\n" + summary(rows).fixedWidth()
                + "\nAll variants (ns/step = JMH score ± its 99.9% error)\n\n" + variants(rows).fixedWidth();
    }

    /** Both tables as Markdown, with headings. */
    public static String markdown(List<ResultRow> rows) {
        return "## Gradus against its baselines\n\n"
                + "`x scalarSegments` and `x textbookArray`: times faster than that baseline. "
                + "`% of roofline`: the speed of Gradus as a share of a kernel with the same memory "
                + "traffic and trivial math. `B/op`: bytes allocated per step (GC profiler).\n\n"
                + summary(rows).markdown()
                + "\n## All variants\n\n`ns/step`: JMH's score, `± error` its 99.9% confidence half-width.\n\n"
                + variants(rows).markdown();
    }

    private static String format(String pattern, double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, pattern, value) : "-";
    }
}
