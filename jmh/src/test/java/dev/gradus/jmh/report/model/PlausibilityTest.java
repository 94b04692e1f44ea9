package dev.gradus.jmh.report.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gradus.jmh.report.fixture.SampleReport;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlausibilityTest {

    @Test
    void aVariantFarSlowerThanTheFastestOfTheSameFormulaIsImplausible() {
        Map<Variant, JmhResult> row = row(100, 6400, 6500, 50);
        assertEquals(Verdict.VALID, Plausibility.check(Variant.SCALAR_SEGMENTS, row), "exactly 64x");
        Verdict textbook = Plausibility.check(Variant.TEXTBOOK_ARRAY, row);
        assertEquals(Verdict.Status.IMPLAUSIBLE, textbook.status());
        assertEquals("implausibly slow: 65x the time of gradus, which computes the same formula (more than 64x: "
                + "not compiled?)", textbook.reason());
        assertEquals(Verdict.VALID, Plausibility.check(Variant.GRADUS, row));
    }

    @Test
    void theRooflineIsNeitherCheckedNorAReference() {
        Map<Variant, JmhResult> row = row(10_000, 20_000, 15_000, 1);
        for (Variant v : List.of(Variant.GRADUS, Variant.SCALAR_SEGMENTS, Variant.TEXTBOOK_ARRAY, Variant.ROOFLINE)) {
            assertEquals(Verdict.VALID, Plausibility.check(v, row), v.method());
        }
    }

    @Test
    void aSiblingThatFailedItsOwnChecksIsNoReference() {
        Map<Variant, JmhResult> row = row(100, 100_000, 50_000, 50);
        row.put(Variant.GRADUS, result(Variant.GRADUS, 100, 1e6));
        assertEquals(Verdict.VALID, Plausibility.check(Variant.SCALAR_SEGMENTS, row), "2x textbookArray");
    }

    @Test
    void theFloorCatchesTheInterpretedBaselineOfTheOldReportAndTheRowSaysSo() {
        ResultRow amsgrad = SampleReport.row(SampleReport.jitRows(), "adamwamsgrad", 4096, 1);
        assertEquals(Verdict.Status.IMPLAUSIBLE, amsgrad.verdict(Variant.SCALAR_SEGMENTS).status());
        assertEquals(Verdict.Status.VALID, Verdict.of(amsgrad.results().get(Variant.SCALAR_SEGMENTS)).status(),
                "its own checks cannot see it");
        assertEquals("invalid", amsgrad.speedupOver(Variant.SCALAR_SEGMENTS).format("%.2f"));
        assertEquals("2.22 ± 0.48", amsgrad.speedupOver(Variant.TEXTBOOK_ARRAY).format("%.2f"));
    }

    private static Map<Variant, JmhResult> row(double gradus, double scalar, double textbook, double roofline) {
        Map<Variant, JmhResult> row = new EnumMap<>(Variant.class);
        row.put(Variant.GRADUS, result(Variant.GRADUS, gradus, 0));
        row.put(Variant.SCALAR_SEGMENTS, result(Variant.SCALAR_SEGMENTS, scalar, 0));
        row.put(Variant.TEXTBOOK_ARRAY, result(Variant.TEXTBOOK_ARRAY, textbook, 0));
        row.put(Variant.ROOFLINE, result(Variant.ROOFLINE, roofline, 0));
        return row;
    }

    private static JmhResult result(Variant variant, double nanos, double allocated) {
        return new JmhResult("p.XBenchmark", variant.method(), Map.of("n", "8"), 1, "avgt",
                new Metric(nanos, 1, "ns/op", List.of(List.of(nanos, nanos))),
                Map.of(JmhResult.ALLOCATION_METRIC, Metric.of(allocated, 0, "B/op")), List.of(), "");
    }
}
