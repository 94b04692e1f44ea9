package dev.gradus.jmh.report;

import dev.gradus.jmh.report.chart.ReportCharts;
import dev.gradus.jmh.report.model.ColdStartRow;
import dev.gradus.jmh.report.model.Estimate;
import dev.gradus.jmh.report.model.Plausibility;
import dev.gradus.jmh.report.model.ReportHeader;
import dev.gradus.jmh.report.model.ResultRow;
import dev.gradus.jmh.report.model.Verdict;
import dev.gradus.jmh.report.text.ColdStartTable;
import dev.gradus.jmh.report.text.ReportTable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code report.md}: the notes and warnings, the header, a short key to the figures, the summary
 * table, the cold-start table when there is one, the charts (linked relatively, as files next to
 * it) and the table of every variant.
 */
final class ReportMarkdown {

    private static final String KEY = """
            Each row is one rule at `n` elements per buffer, run by `threads` threads at once, each \
            thread on its own buffers. `ns/elem` is wall time per element (JMH's score / (threads x n)), \
            the mean over the measurement iterations, with their `median` and `min`; GB/s counts the bytes \
            the rule itself reads and writes. `%% of roofline`: the speed of Gradus as a share of a kernel \
            with the same memory traffic and trivial math, measured in the same run (the quick plan measures \
            one per traffic, bytes per element, and the rules with that traffic share it: its kernel \
            depends on the traffic alone). `x scalarSegments`, \
            `x textbookArray`: how many times faster Gradus is than that baseline (the quick plan runs no \
            scalarSegments: `--full` does). `±`: JMH's 99.9%% \
            confidence half-width; for a ratio, the relative errors of both scores combined as the square \
            root of the sum of their squares; `?`: too few iterations for an error. `B/op`: bytes allocated \
            per step (GC profiler). Every benchmark is warmed up until its calls run compiled and steady, \
            then checked: a result that allocates (boxed vectors), ran less than %.0f%% of its execution \
            samples in code C2 had compiled (a flight recording of each fork), is bimodal or was still \
            getting faster is measured again, and if it fails again its figures read `invalid`, with the \
            reason under `status`; so does a variant more than %.0f times slower than another of its row \
            that computes the same formula. More in `jmh/README.md`.
            """.formatted(Verdict.MIN_C2_PERCENT, Plausibility.MAX_SLOWDOWN);

    private ReportMarkdown() {
    }

    /** The whole report. */
    static String render(ReportHeader header, List<ResultRow> rows, List<ColdStartRow> coldStart,
                         List<ReportCharts.Chart> charts) {
        StringBuilder out = new StringBuilder("# Gradus throughput report\n\n");
        header.notes().forEach(note -> out.append("> ").append(note).append("\n\n"));
        out.append(header(header, rows)).append('\n').append(KEY).append('\n');
        out.append("## Gradus against its baselines\n\n").append(ReportTable.summary(rows).markdown());
        if (!coldStart.isEmpty()) {
            out.append("\n## Cold start\n\nEach fork is a fresh JVM timed from its first call (JMH single-shot), "
                    + "before the JIT has compiled anything: median, minimum and maximum over the forks, and how "
                    + "many times faster than the `" + ColdStartRow.REFERENCE + "` path the median is.\n\n")
                    .append(ColdStartTable.of(coldStart).markdown());
        }
        out.append("\n## Charts\n");
        for (ReportCharts.Chart chart : charts) {
            out.append("\n![").append(chart.title()).append("](").append(chart.fileName()).append(")\n");
        }
        out.append("\n## All variants\n\n`ns/op`: JMH's score ± error, the time of one thread's step over `n` "
                + "elements, with the `median` and `min` of the iterations; `C2 %`: the share of its execution samples "
                + "that ran code C2 had compiled; `warm-up s`: the adaptive warm-up "
                + "before JMH's iterations; `others %`: the share of all CPUs other processes used while it was "
                + "measured.\n\n").append(ReportTable.variants(rows).markdown());
        return out.toString();
    }

    private static String header(ReportHeader h, List<ResultRow> rows) {
        return "- CPU: " + h.cpu().model() + "; " + h.cores() + " cores available to the JVM; FMA: " + h.cpu().fma()
                + "\n"
                + "- Clock: " + h.cpu().frequency() + "; caches: " + h.cpu().caches() + "\n"
                + "- Host load: " + h.hostLoad().describe() + "\n"
                + "- JDK: " + h.runtimeVersion() + ", " + h.vmName() + ", " + h.vendor() + "\n"
                + "- Vector species: " + h.vectorSpecies() + "; `Kernels.implementation()` in the report's own JVM, which steps nothing: " + h.kernels()
                + " (each `gradus` fork waits until its calls run the vector kernels compiled)\n"
                + "- JVM flags of the benchmark forks: " + code(h.forkJvmFlags()) + "\n"
                + "- JVM flags of the report: " + code(List.of(String.join(" ", h.reportJvmFlags()))) + "\n"
                + "- Date: " + h.date() + "; commit: " + h.commit() + "\n"
                + "- Plan: " + h.plan() + "\n"
                + "- Bytes per element (for GB/s): " + bytesPerElement(rows) + "\n";
    }

    private static String code(List<String> commandLines) {
        return commandLines.isEmpty() ? "-"
                : commandLines.stream().map(line -> "`" + line + "`").collect(Collectors.joining("; "));
    }

    private static String bytesPerElement(List<ResultRow> rows) {
        return new LinkedHashSet<>(rows.stream().map(ResultRow::rule).toList()).stream()
                .map(rule -> rule.id() + " " + (rule.hasBytesPerElement()
                        ? Estimate.formatNumber("%.0f", rule.bytesPerElement())
                        : "? (" + rule.simpleClassName() + " is not a StreamState)"))
                .collect(Collectors.joining(", "));
    }
}
