package dev.gradus.jmh.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.jmh.report.chart.ReportCharts;
import dev.gradus.jmh.report.fixture.SampleReport;
import dev.gradus.jmh.report.model.ResultRow;
import dev.gradus.jmh.report.text.ReportTable;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportMarkdownTest {

    private final List<ResultRow> rows = SampleReport.rows();
    private final String markdown = ReportMarkdown.render(SampleReport.HEADER, rows, List.of(), ReportCharts.of(rows));
    private final List<ResultRow> checkedRows = SampleReport.checkedRows();
    private final String checked = ReportMarkdown.render(SampleReport.HEADER, checkedRows,
            SampleReport.coldStartRows(), ReportCharts.of(checkedRows));

    @Test
    void summaryRowsGiveSpeedWithMedianAndMinimumRooflineShareAndSpeedupsWithErrors() {
        assertContainsLine(markdown, "| rule | n | threads | ns/elem | median | min | Melem/s | GB/s | % of roofline "
                + "| x scalarSegments | x textbookArray | B/op | status |");
        assertContainsLine(markdown, "| sgd | 4096 | 1 | 0.125 ± 0.002 | 0.125 | 0.124 | 8000 | 96.0 | 80 ± 1 "
                + "| 4.00 ± 0.09 | 1.25 ± 0.04 | 0.00 B | ok |");
        assertContainsLine(markdown, "| adam | 4096 | 2 | 0.500 ± 0.005 | 0.500 | 0.498 | 2000 | 56.0 | 50 ± 1 "
                + "| 4.00 ± 0.06 | 1.25 ± 0.02 | 0.00 B | ok |");
        assertContainsLine(markdown, "| adam | 65536 | 1 | 1.000 ± 0.010 | 1.000 | 0.995 | 1000 | 28.0 | 75 ± 1 "
                + "| 3.00 ± 0.04 | 1.25 ± ? | 0.00 B | ok |");
    }

    @Test
    void variantRowsGiveJmhsScoreWithMedianMinimumAndTheDerivedFigures() {
        assertContainsLine(markdown, "| sgd | 4096 | 1 | roofline | 410 ± 4 | 410 | 408 | 0.100 | 10000 | 120.0 | 0 B "
                + "| 100 | - | - | 1 | ok |");
        assertContainsLine(markdown, "| adam | 65536 | 1 | textbookArray | 81920 ± ? | 81920 | 81920 | 1.250 | 800 "
                + "| 22.4 | 0 B | 100 | - | - | 1 | ok |");
    }

    @Test
    void anUncompiledRowIsNeverAPlainFigure() {
        assertContainsLine(checked, "| adam | 65536 | 1 | invalid | invalid | invalid | invalid | invalid | invalid "
                + "| invalid | invalid | 9.09 MB | gradus invalid (2 attempts): allocating 9.12 MB/op, not compiled |");
        assertContainsLine(checked, "| adam | 65536 | 1 | gradus | invalid | invalid | invalid | invalid | invalid "
                + "| invalid | 9.09 MB | - | 2.0 | 60 | 2 | invalid: allocating 9.12 MB/op, not compiled |");
        assertFalse(checked.contains("1283"), "the uncompiled time appears nowhere");
        assertFalse(checked.contains("0.00 ±"), "nor the 0.00x it made of the speedup");
    }

    @Test
    void aFailedBaselineInvalidatesOnlyItsRatioAndTheStatusSaysWhy() {
        assertContainsLine(checked, "| rmspropcentered | 16777216 | 1 | 0.834 ± 0.008 | 0.834 | 0.826 | 1198 | 43.1 "
                + "| invalid | 4.57 ± 0.06 | invalid | 200 B | textbookArray invalid (1 attempt): still warming: the first "
                + "iterations 1.44x the time of the last; roofline invalid (2 attempts): bimodal: 3 iterations at 13.0 ms "
                + "to 13.1 ms/op, 2 at 19.0 ms to 19.2 ms/op |");
        assertContainsLine(checked, "| adam | 4096 | 1 | 0.366 ± 0.004 | 0.366 | 0.363 | 2731 | 76.5 | 67 ± 1 "
                + "| 7.33 ± 0.10 | 1.87 ± 0.03 | 0.00 B | ok; gradus ok on attempt 2 |");
        assertContainsLine(checked, "| sgd | 4096 | 1 | scalarSegments | - | - | - | - | - | - | - | - | - | - | - "
                + "| not measured |");
    }

    @Test
    void aRowThatRanUncompiledIsMarkedInBothTablesWithWhatTheRecordingSaw() {
        List<ResultRow> jitRows = SampleReport.jitRows();
        String jit = ReportMarkdown.render(SampleReport.HEADER, jitRows, List.of(), ReportCharts.of(jitRows));
        assertContainsLine(jit, "| sgd | 4096 | 1 | 0.042 ± ? | 0.042 | 0.038 | 23539 | 282.5 | 64 ± ? | 8.24 ± ? "
                + "| invalid | 0.00 B | textbookArray invalid (1 attempt): not compiled by C2: C2 0%, C1 100%, "
                + "interpreted 0% of 193 samples |");
        assertContainsLine(jit, "| sgd | 4096 | 1 | textbookArray | invalid | invalid | invalid | invalid | invalid "
                + "| invalid | 0.04 B | 0 | 1.0 | 51 | 1 | invalid: not compiled by C2: C2 0%, C1 100%, interpreted 0% "
                + "of 193 samples |");
        assertContainsLine(jit, "| adamwamsgrad | 4096 | 1 | 0.210 ± 0.039 | 0.208 | 0.202 | 4766 | 171.6 | 71 ± 18 "
                + "| invalid | 2.22 ± 0.48 | 0.02 B | scalarSegments invalid (1 attempt): implausibly slow: 2598x the time "
                + "of gradus, which computes the same formula (more than 64x: not compiled?) |");
        assertFalse(jit.contains("4354"), "the C1 time appears nowhere");
        assertFalse(jit.contains("2598.07"), "nor the speedup the interpreted baseline made");
    }

    @Test
    void theColdStartSectionComesOnlyWithColdStartResults() {
        assertTrue(checked.contains("\n## Cold start\n"));
        assertContainsLine(checked, "| 65536 | adam | step1 | 5 | 1.00 ms | 900 us - 1.50 ms | 32.0 ms "
                + "| 30.0 ms - 40.0 ms | 0.0313 | 48.0 ms | 45.0 ms - 60.0 ms | 0.0208 |");
        assertFalse(markdown.contains("## Cold start"));
    }

    @Test
    void headerNamesMachineLoadJdkSpeciesFlagsDateCommitAndPlan() {
        assertTrue(markdown.startsWith("# Gradus throughput report\n\n> A note & <remark>.\n"));
        assertContainsLine(markdown, "- CPU: Test CPU 9000 (GenuineTest, family 6, model 1, stepping 2); 2 cores "
                + "available to the JVM; FMA: yes");
        assertContainsLine(markdown, "- Clock: 3000 MHz (cpuinfo); caches: L1d 48K, L1i 32K, L2 1024K, L3 32768K "
                + "shared by 0-15");
        assertContainsLine(markdown, "- Host load: load average 0.25 0.50 0.75 before, 1.50 0.75 0.80 after "
                + "(1, 5, 15 min); other processes used 0% of the CPUs just before the run, 2% during it, steal 0%");
        assertContainsLine(markdown, "- JDK: 25.0.3+9-LTS, OpenJDK 64-Bit Server VM, Eclipse Adoptium");
        assertContainsLine(markdown, "- Vector species: Species[float, 8, S_256_BIT]; `Kernels.implementation()` in "
                + "the report's own JVM, which steps nothing: vector-256 (each `gradus` fork waits until its calls run "
                + "the vector kernels compiled)");
        assertContainsLine(markdown, "- JVM flags of the benchmark forks: `--add-modules jdk.incubator.vector -Xmx2g`");
        assertContainsLine(markdown, "- JVM flags of the report: `--add-modules=jdk.incubator.vector`");
        assertContainsLine(markdown, "- Date: 2025-01-02T03:04:05Z; commit: abc1234+dirty");
        assertContainsLine(markdown, "- Plan: quick; JMH recorded: 1 fork, warmup 3 x 1000 ms, measurement 5 x 1000 ms");
        assertContainsLine(markdown, "- Bytes per element (for GB/s): sgd 12, adam 28");
    }

    @Test
    void linksEveryChartRelatively() {
        assertContainsLine(markdown, "![sgd: throughput, 1 thread (higher is better)](throughput-sgd-t1.svg)");
        assertContainsLine(markdown, "![adam: throughput, 2 threads (higher is better)](throughput-adam-t2.svg)");
        assertContainsLine(markdown, "![Gradus speedup over the baselines, 1 thread](speedup-t1.svg)");
        assertContainsLine(markdown, "![Gradus as a share of the same-traffic roofline, 2 threads](roofline-t2.svg)");
    }

    @Test
    void theConsoleSummaryHasTheSameRows() {
        String text = ReportTable.text(rows);
        assertTrue(text.lines().anyMatch(line -> line.matches(
                "sgd +4096 +1 +0\\.125 ± 0\\.002 +0\\.125 +0\\.124 +8000 +96\\.0 +80 ± 1 +4\\.00 ± 0\\.09 "
                        + "+1\\.25 ± 0\\.04 +0\\.00 B +ok")), text);
    }

    @Test
    void theNotesCountTheInvalidTheRemeasuredAndTheBusyMeasurements() {
        List<String> notes = ReportMain.checks(checkedRows);
        assertTrue(notes.get(0).startsWith("**4 of 19 measurements are invalid**"), notes.toString());
        assertTrue(notes.get(1).startsWith("4 of 19 measurements were taken more than once"), notes.toString());
        assertTrue(notes.get(2).startsWith("**Warning**: 1 of 19 measurements ran while other processes used more "
                + "than 25% of the CPUs"), notes.toString());
        assertTrue(ReportMain.checks(rows).isEmpty());
    }

    @Test
    void theNotesCountTheInvalidByReasonAndTheMeasurementsWithoutJitEvidence() {
        List<String> notes = ReportMain.checks(SampleReport.jitRows());
        assertTrue(notes.get(0).startsWith("**5 of 16 measurements are invalid** (allocating (boxed vectors): 1, "
                + "not compiled by C2: 3, implausibly slow: 1) after every attempt"), notes.toString());
        assertTrue(notes.get(2).startsWith("**No JIT evidence** for 4 of 16 measurements"), notes.toString());
        assertTrue(notes.get(2).endsWith("only code more than 64x slower than a variant of the same formula is "
                + "caught."), notes.toString());
    }

    private static void assertContainsLine(String markdown, String line) {
        assertTrue(markdown.lines().toList().contains(line), () -> "no line\n" + line + "\nin\n" + markdown);
    }
}
