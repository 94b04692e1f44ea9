package dev.gradus.jmh.report.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.jmh.report.fixture.SampleReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultRowTest {

    private static final double TOLERANCE = 1e-9;

    private final List<ResultRow> rows = SampleReport.rows();
    private final List<ResultRow> checked = SampleReport.checkedRows();

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
        assertTrue(gradusOnly.percentOfRoofline().isValid(), "missing, not invalid");
        assertTrue(Double.isNaN(gradusOnly.percentOfRoofline().value()));
        assertTrue(Double.isNaN(gradusOnly.allocatedBytesPerOp(Variant.ROOFLINE)));
    }

    @Test
    void skipsOtherMethodsResultsWithoutNAndSingleShotResults() {
        JmhResult other = result("dev.gradus.jmh.SgdBenchmark", "somethingElse", Map.of("n", "1"), "avgt", 1);
        JmhResult noN = result("dev.gradus.jmh.SgdBenchmark", "gradus", Map.of(), "avgt", 1);
        JmhResult singleShot = result("dev.gradus.jmh.SgdBenchmark", "gradus", Map.of("n", "1"), "ss", 1);
        assertEquals(List.of(), ResultRow.group(List.of(other, noN, singleShot)));
    }

    @Test
    void aClassWithoutBytesPerElementStillGivesARowWithoutGigabytes() {
        JmhResult result = result("dev.gradus.jmh.NoSuchBenchmark", "gradus", Map.of("n", "8"), "avgt", 8);
        ResultRow row = ResultRow.group(List.of(result)).getFirst();
        assertEquals("nosuch", row.rule().id());
        assertClose(new Estimate(1e9, 0), row.elementsPerSecond(Variant.GRADUS));
        assertTrue(Double.isNaN(row.gigabytesPerSecond(Variant.GRADUS).value()));
    }

    @Test
    void aLaterAttemptReplacesTheEarlierOneAndCounts() {
        ResultRow adam = SampleReport.row(checked, "adam", 4096, 1);
        assertEquals(2, adam.attempts(Variant.GRADUS));
        assertEquals(1, adam.attempts(Variant.ROOFLINE));
        assertEquals(1500, adam.nanosPerOp(Variant.GRADUS).value(), 1e-9, "the second, steady attempt counts");
        assertTrue(adam.nanosPerOp(Variant.GRADUS).isValid());
        assertEquals("ok; gradus ok on attempt 2", adam.status());
    }

    @Test
    void anAllocatingResultMakesItsFiguresAndEveryRatioWithItInvalid() {
        ResultRow adam = SampleReport.row(checked, "adam", 65536, 1);
        assertEquals(Verdict.Status.ALLOCATING, adam.verdict(Variant.GRADUS).status());
        for (Estimate figure : List.of(adam.nanosPerElement(Variant.GRADUS), adam.medianNanosPerElement(Variant.GRADUS),
                adam.minNanosPerElement(Variant.GRADUS), adam.gigabytesPerSecond(Variant.GRADUS),
                adam.speedupOver(Variant.TEXTBOOK_ARRAY), adam.speedupOver(Variant.SCALAR_SEGMENTS),
                adam.percentOfRoofline())) {
            assertFalse(figure.isValid(), figure.toString());
            assertEquals("gradus allocating 9.12 MB/op, not compiled", figure.invalid());
        }
        assertTrue(adam.nanosPerElement(Variant.TEXTBOOK_ARRAY).isValid(), "the baselines themselves are fine");
        assertEquals(9.0914e6, adam.allocatedBytesPerOp(Variant.GRADUS), 1, "the evidence stays readable");
        assertEquals("gradus invalid (2 attempts): allocating 9.12 MB/op, not compiled", adam.status());
    }

    @Test
    void aBaselineThatFailsInvalidatesOnlyItsOwnRatio() {
        ResultRow centered = SampleReport.row(checked, "rmspropcentered", 16777216, 1);
        assertTrue(centered.nanosPerElement(Variant.GRADUS).isValid());
        assertTrue(centered.speedupOver(Variant.SCALAR_SEGMENTS).isValid());
        assertFalse(centered.percentOfRoofline().isValid());
        assertFalse(centered.speedupOver(Variant.TEXTBOOK_ARRAY).isValid());
        assertEquals(Verdict.Status.BIMODAL, centered.verdict(Variant.ROOFLINE).status());
        assertEquals(Verdict.Status.WARMING, centered.verdict(Variant.TEXTBOOK_ARRAY).status());
        assertEquals(2, centered.attempts(Variant.ROOFLINE));
    }

    @Test
    void aVariantNotMeasuredIsMissingNotInvalid() {
        ResultRow sgd = SampleReport.row(checked, "sgd", 4096, 1);
        assertNull(sgd.verdict(Variant.SCALAR_SEGMENTS));
        assertTrue(sgd.speedupOver(Variant.TEXTBOOK_ARRAY).invalid().startsWith("gradus not steady"));
        assertFalse(sgd.status().contains("scalarSegments"), "the quick plan runs none: " + sgd.status());
    }

    @Test
    void medianAndMinimumComeFromTheIterations() {
        ResultRow sgd = row("sgd", 4096, 1);
        assertEquals(512.0 / 4096, sgd.medianNanosPerElement(Variant.GRADUS).value(), 1e-12);
        assertTrue(sgd.minNanosPerElement(Variant.GRADUS).value() <= sgd.medianNanosPerElement(Variant.GRADUS).value());
        assertTrue(Double.isNaN(sgd.minNanosPerElement(Variant.GRADUS).error()));
    }

    @Test
    void aRowWithoutARooflineTakesThatOfTheSameTrafficSizeAndThreads() {
        Map<String, String> small = Map.of("n", "4096");
        List<ResultRow> grouped = ResultRow.group(List.of(
                result("dev.gradus.jmh.MomentumBenchmark", "gradus", small, JmhResult.AVERAGE_TIME, 100),
                result("dev.gradus.jmh.MomentumBenchmark", "roofline", small, JmhResult.AVERAGE_TIME, 50),
                result("dev.gradus.jmh.AdaGradBenchmark", "gradus", small, JmhResult.AVERAGE_TIME, 200),
                result("dev.gradus.jmh.AdaGradBenchmark", "gradus", Map.of("n", "65536"), JmhResult.AVERAGE_TIME,
                        300),
                result("dev.gradus.jmh.AdamBenchmark", "gradus", small, JmhResult.AVERAGE_TIME, 400)));
        ResultRow adagrad = grouped.stream().filter(r -> r.rule().id().equals("adagrad") && r.n() == 4096)
                .findFirst().orElseThrow();
        assertEquals(50.0 / 4096, adagrad.nanosPerElement(Variant.ROOFLINE).value(), 1e-12, "momentum's, 20 B too");
        assertEquals("dev.gradus.jmh.MomentumBenchmark", adagrad.rooflineClass());
        assertEquals(1, adagrad.attempts(Variant.ROOFLINE));
        assertNull(grouped.stream().filter(r -> r.rule().id().equals("momentum")).findFirst().orElseThrow()
                .rooflineClass(), "its own");
        assertTrue(grouped.stream().filter(r -> r.rule().id().equals("adam") || r.n() == 65536)
                .noneMatch(r -> r.results().containsKey(Variant.ROOFLINE)), "no roofline of another traffic or size");
    }

    private static JmhResult result(String benchmarkClass, String method, Map<String, String> params, String mode,
                                    double score) {
        return new JmhResult(benchmarkClass, method, params, 1, mode, Metric.of(score, 0, "ns/op"), Map.of(),
                List.of(), "");
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
