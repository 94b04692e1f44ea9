package dev.gradus.jmh.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.jmh.report.chart.ReportCharts;
import dev.gradus.jmh.report.fixture.SampleReport;
import dev.gradus.jmh.report.model.ResultRow;
import dev.gradus.jmh.report.text.ReportTable;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportMarkdownTest {

    private final List<ResultRow> rows = SampleReport.rows();
    private final String markdown = ReportMarkdown.render(SampleReport.HEADER, rows, ReportCharts.of(rows));
    private final List<String> lines = markdown.lines().toList();

    @Test
    void summaryRowsGiveSpeedRooflineShareAndSpeedupsWithErrors() {
        assertContainsLine("| rule | n | threads | ns/elem | Melem/s | GB/s | % of roofline | x scalarSegments "
                + "| x textbookArray | B/op |");
        assertContainsLine("| sgd | 4096 | 1 | 0.125 ± 0.002 | 8000 | 96.0 | 80 ± 1 | 4.00 ± 0.09 | 1.25 ± 0.04 | 0.0 |");
        assertContainsLine("| adam | 4096 | 1 | 0.500 ± 0.005 | 2000 | 56.0 | 75 ± 1 | 6.00 ± 0.08 | 1.50 ± 0.02 | 0.0 |");
        assertContainsLine("| adam | 4096 | 2 | 0.500 ± 0.005 | 2000 | 56.0 | 50 ± 1 | 4.00 ± 0.06 | 1.25 ± 0.02 | 0.0 |");
        assertContainsLine("| adam | 65536 | 1 | 1.000 ± 0.010 | 1000 | 28.0 | 75 ± 1 | 3.00 ± 0.04 | 1.25 ± ? | 0.0 |");
    }

    @Test
    void variantRowsGiveJmhsScoreAndTheDerivedFigures() {
        assertContainsLine("| sgd | 4096 | 1 | roofline | 410 ± 4 | 0.100 | 10000 | 120.0 | 0.0 |");
        assertContainsLine("| adam | 65536 | 1 | textbookArray | 81920 ± ? | 1.250 | 800 | 22.4 | 0.0 |");
    }

    @Test
    void headerNamesMachineJdkSpeciesFlagsDateCommitAndPlan() {
        assertTrue(markdown.startsWith("# Gradus throughput report\n\n> A note & <remark>.\n"));
        assertContainsLine("- CPU: Test CPU 9000; 2 cores available to the JVM; FMA: yes");
        assertContainsLine("- JDK: 25.0.3+9-LTS, OpenJDK 64-Bit Server VM, Eclipse Adoptium");
        assertContainsLine("- Vector species: Species[float, 8, S_256_BIT]; `Kernels.implementation()`: vector-256");
        assertContainsLine("- JVM flags of the benchmark forks: "
                + "`--add-modules=jdk.incubator.vector --add-modules jdk.incubator.vector -Xmx2g`");
        assertContainsLine("- JVM flags of the report: `--add-modules=jdk.incubator.vector`");
        assertContainsLine("- Date: 2025-01-02T03:04:05Z; commit: abc1234+dirty");
        assertContainsLine("- Plan: quick: 1 fork, warmup 3 x 1000 ms, measurement 5 x 1000 ms");
        assertContainsLine("- Bytes per element (for GB/s): sgd 12, adam 28");
    }

    @Test
    void linksEveryChartRelatively() {
        assertContainsLine("![sgd: throughput, 1 thread (higher is better)](throughput-sgd-t1.svg)");
        assertContainsLine("![adam: throughput, 2 threads (higher is better)](throughput-adam-t2.svg)");
        assertContainsLine("![Gradus speedup over the baselines, 1 thread](speedup-t1.svg)");
        assertContainsLine("![Gradus as a share of the same-traffic roofline, 2 threads](roofline-t2.svg)");
    }

    @Test
    void theConsoleSummaryHasTheSameRows() {
        String text = ReportTable.text(rows);
        assertTrue(text.lines().anyMatch(line -> line.matches(
                "sgd +4096 +1 +0\\.125 ± 0\\.002 +8000 +96\\.0 +80 ± 1 +4\\.00 ± 0\\.09 +1\\.25 ± 0\\.04 +0\\.0")), text);
    }

    private void assertContainsLine(String line) {
        assertTrue(lines.contains(line), () -> "no line\n" + line + "\nin\n" + markdown);
    }
}
