package dev.gradus.jmh.report.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.jmh.report.fixture.SampleReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColdStartRowTest {

    private final List<ColdStartRow> rows = SampleReport.coldStartRows();

    @Test
    void groupsTheSingleShotResultsByMethodAndParametersWithTheReferencePathFirst() {
        assertEquals(List.of("step1", "first100"), rows.stream().map(ColdStartRow::method).toList(),
                "ordered by the steps each measures");
        ColdStartRow step1 = rows.getFirst();
        assertEquals("dev.gradus.jmh.ColdStartBenchmark", step1.benchmarkClass());
        assertEquals(Map.of("n", "65536", "rule", "adam"), step1.params());
        assertEquals(List.of("textbook", "kernels", "optimizer"), List.copyOf(step1.paths().keySet()));
    }

    @Test
    void givesMedianMinimumAndMaximumOverTheForksInNanoseconds() {
        Samples kernels = rows.getFirst().paths().get("kernels");
        assertEquals(5, kernels.count());
        assertEquals(32e6, kernels.median());
        assertEquals(30e6, kernels.min());
        assertEquals(40e6, kernels.max());
    }

    @Test
    void comparesEachPathsMedianWithTheTextbookPath() {
        ColdStartRow first100 = rows.getLast();
        assertEquals(5200.0 / 62000, first100.timesFasterThanReference("kernels"), 1e-12);
        assertEquals(1, first100.timesFasterThanReference("textbook"), 1e-12);
        assertTrue(Double.isNaN(first100.timesFasterThanReference("none")));
    }

    @Test
    void theStepsOfAMethodAreTheNumberEndingItsName() {
        assertEquals(1, ColdStartRow.steps("step1"));
        assertEquals(3000, ColdStartRow.steps("first3000"));
        assertEquals(Long.MAX_VALUE, ColdStartRow.steps("warm"));
    }

    @Test
    void averageTimeResultsAreNotColdStartRows() {
        assertEquals(List.of(), ColdStartRow.group(SampleReport.results()));
    }
}
