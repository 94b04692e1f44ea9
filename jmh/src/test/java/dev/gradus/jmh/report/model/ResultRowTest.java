package dev.gradus.jmh.report.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.jmh.report.fixture.SampleReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultRowTest {

    private static final double TOLERANCE = 1e-9;

    private final List<ResultRow> rows = SampleReport.rows();

    @Test
    void groupsByRuleSizeAndThreadsTheLighterRuleFirst() {
        assertEquals(List.of("sgd 4096 1", "sgd 65536 1", "adam 4096 1", "adam 4096 2", "adam 65536 1"),
                rows.stream().map(r -> r.rule().id() + " " + r.n() + " " + r.threads()).toList());
        rows.forEach(row -> assertEquals(4, row.results().size()));
    }

    @Test
    void namesTheRuleAfterItsClassWithBytesPerElementFromItsBuffers() {
        assertEquals(new Rule("sgd", "dev.gradus.jmh.SgdBenchmark", 12), row("sgd", 4096, 1).rule());
        assertEquals(new Rule("adam", "dev.gradus.jmh.AdamBenchmark", 28), row("adam", 4096, 1).rule());
    }

    @Test
    void derivesSpeedAndTrafficPerElement() {
        ResultRow sgd = row("sgd", 4096, 1);
        assertClose(new Estimate(0.125, 8.0 / 4096), sgd.nanosPerElement(Variant.GRADUS));
        assertClose(new Estimate(8e9, 8e9 * 8 / 512), sgd.elementsPerSecond(Variant.GRADUS));
        assertClose(new Estimate(96, 96.0 * 8 / 512), sgd.gigabytesPerSecond(Variant.GRADUS));
        assertEquals(0.002, sgd.allocatedBytesPerOp(Variant.GRADUS));
    }

    @Test
    void countsTheElementsOfEveryThread() {
        ResultRow twoThreads = row("adam", 4096, 2);
        assertClose(new Estimate(4096, 40.96), twoThreads.nanosPerOp(Variant.GRADUS));
        assertClose(new Estimate(2e9, 2e7), twoThreads.elementsPerSecond(Variant.GRADUS));
        assertClose(new Estimate(0.5, 0.005), twoThreads.nanosPerElement(Variant.GRADUS));
        assertClose(new Estimate(56, 0.56), twoThreads.gigabytesPerSecond(Variant.GRADUS));
    }

    @Test
    void ratiosCombineTheRelativeErrorsInQuadrature() {
        ResultRow sgd = row("sgd", 4096, 1);
        double gradus = 8.0 / 512;
        assertClose(new Estimate(80, 80 * Math.hypot(gradus, 0.01)), sgd.percentOfRoofline());
        assertClose(new Estimate(4, 4 * Math.hypot(gradus, 32.0 / 2048)), sgd.speedupOver(Variant.SCALAR_SEGMENTS));
        assertClose(new Estimate(1.25, 1.25 * Math.hypot(gradus, 16.0 / 640)), sgd.speedupOver(Variant.TEXTBOOK_ARRAY));
    }

    @Test
    void anUnknownErrorMakesTheRatiosErrorUnknown() {
        Estimate speedup = row("adam", 65536, 1).speedupOver(Variant.TEXTBOOK_ARRAY);
        assertEquals(1.25, speedup.value(), TOLERANCE);
        assertTrue(Double.isNaN(speedup.error()));
    }

    @Test
    void aVariantNotRunGivesNaN() {
        ResultRow sgd = row("sgd", 4096, 1);
        ResultRow gradusOnly = new ResultRow(sgd.rule(), sgd.n(), 1, Map.of(Variant.GRADUS, sgd.results().get(Variant.GRADUS)));
        assertTrue(Double.isNaN(gradusOnly.percentOfRoofline().value()));
        assertTrue(Double.isNaN(gradusOnly.allocatedBytesPerOp(Variant.ROOFLINE)));
    }

    @Test
    void skipsOtherMethodsAndResultsWithoutN() {
        JmhResult other = new JmhResult("dev.gradus.jmh.SgdBenchmark", "somethingElse", Map.of("n", "1"), 1, 1, 0,
                "ns/op", Map.of(), List.of(), "");
        JmhResult noN = new JmhResult("dev.gradus.jmh.SgdBenchmark", "gradus", Map.of(), 1, 1, 0,
                "ns/op", Map.of(), List.of(), "");
        assertEquals(List.of(), ResultRow.group(List.of(other, noN)));
    }

    @Test
    void aClassWithoutBytesPerElementStillGivesARowWithoutGigabytes() {
        JmhResult result = new JmhResult("dev.gradus.jmh.NoSuchBenchmark", "gradus", Map.of("n", "8"), 1, 8, 0,
                "ns/op", Map.of(), List.of(), "");
        ResultRow row = ResultRow.group(List.of(result)).getFirst();
        assertEquals("nosuch", row.rule().id());
        assertClose(new Estimate(1e9, 0), row.elementsPerSecond(Variant.GRADUS));
        assertTrue(Double.isNaN(row.gigabytesPerSecond(Variant.GRADUS).value()));
    }

    private ResultRow row(String rule, long n, int threads) {
        return rows.stream().filter(r -> r.rule().id().equals(rule) && r.n() == n && r.threads() == threads)
                .findFirst().orElseThrow();
    }

    private static void assertClose(Estimate expected, Estimate actual) {
        assertEquals(expected.value(), actual.value(), Math.abs(expected.value()) * TOLERANCE, "value");
        assertEquals(expected.error(), actual.error(), Math.abs(expected.value()) * TOLERANCE, "error");
    }
}
