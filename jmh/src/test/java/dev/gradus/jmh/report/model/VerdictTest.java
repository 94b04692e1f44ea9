package dev.gradus.jmh.report.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.jmh.harness.JitProfiler;
import dev.gradus.jmh.harness.WarmupProfiler;
import dev.gradus.jmh.report.fixture.SampleReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictTest {

    private final List<JmhResult> checked = SampleReport.checkedResults();

    @Test
    void everyResultOfTheSampleRunPasses() {
        SampleReport.results().forEach(r -> assertEquals(Verdict.VALID, Verdict.of(r), r.benchmark() + " " + r.params()));
    }

    @Test
    void theFixtureResultsFailAsTheyWereBuiltTo() {
        assertEquals(List.of(
                        "AdamBenchmark.gradus 4096 BIMODAL", "AdamBenchmark.gradus 4096 VALID",
                        "AdamBenchmark.scalarSegments 4096 VALID", "AdamBenchmark.textbookArray 4096 VALID",
                        "AdamBenchmark.roofline 4096 VALID",
                        "AdamBenchmark.gradus 65536 ALLOCATING", "AdamBenchmark.gradus 65536 ALLOCATING",
                        "AdamBenchmark.scalarSegments 65536 VALID", "AdamBenchmark.textbookArray 65536 VALID",
                        "AdamBenchmark.roofline 65536 VALID",
                        "AdamBenchmark.gradus 1048576 VALID", "AdamBenchmark.scalarSegments 1048576 VALID",
                        "AdamBenchmark.textbookArray 1048576 VALID", "AdamBenchmark.roofline 1048576 VALID",
                        "RmsPropCenteredBenchmark.gradus 16777216 VALID",
                        "RmsPropCenteredBenchmark.scalarSegments 16777216 VALID",
                        "RmsPropCenteredBenchmark.textbookArray 16777216 WARMING",
                        "RmsPropCenteredBenchmark.roofline 16777216 BIMODAL",
                        "RmsPropCenteredBenchmark.roofline 16777216 BIMODAL",
                        "SgdBenchmark.gradus 4096 NOT_STEADY", "SgdBenchmark.gradus 4096 NOT_STEADY",
                        "SgdBenchmark.textbookArray 4096 VALID", "SgdBenchmark.roofline 4096 VALID"),
                checked.stream().filter(r -> r.mode().equals("avgt")).map(r -> r.benchmark().substring(15) + " "
                        + r.params().get("n") + " " + Verdict.of(r).status()).toList());
    }

    @Test
    void singleShotResultsAreNotChecked() {
        checked.stream().filter(r -> r.mode().equals("ss")).forEach(r -> {
            Verdict verdict = Verdict.of(r);
            assertEquals(Verdict.Status.UNCHECKED, verdict.status());
            assertTrue(verdict.valid());
        });
    }

    @Test
    void reasonsSayWhatFailed() {
        assertEquals("allocating 9.17 MB/op, not compiled", Verdict.of(checked.get(5)).reason());
        assertEquals("bimodal: 3 iterations at 1.50 us to 1.52 us/op, 2 at 2.40 us to 2.41 us/op",
                Verdict.of(checked.getFirst()).reason());
        assertEquals("still warming: the first iterations 1.44x the time of the last",
                Verdict.of(checked.get(16)).reason());
        assertEquals("not steady after the longest warm-up (30.0 s)", Verdict.of(checked.get(19)).reason());
        assertNull(Verdict.VALID.reason());
        assertFalse(Verdict.of(checked.get(5)).valid());
    }

    @Test
    void theAllocationAllowanceGrowsWithTheStepTime() {
        assertEquals(64, Verdict.allocationAllowance(0));
        assertEquals(64 + 1024 * 10, Verdict.allocationAllowance(10e6), 1e-9);
        assertEquals(Verdict.Status.VALID, Verdict.of(timed(List.of(1000.0, 1000.0), 64)).status());
        assertEquals(Verdict.Status.ALLOCATING, Verdict.of(timed(List.of(1000.0, 1000.0), 65.1)).status());
        assertEquals(Verdict.Status.VALID, Verdict.of(timed(List.of(10e6, 10e6), 10_000)).status(),
                "bookkeeping over a 10 ms step");
        assertEquals(Verdict.Status.ALLOCATING, Verdict.of(timed(List.of(10e6, 10e6), 11_000)).status());
    }

    @Test
    void aSingleOutlierIsNotBimodalButTwoGroupsAre() {
        assertEquals(Verdict.Status.VALID, Verdict.of(timed(List.of(100.0, 101.0, 102.0, 100.0, 300.0), 0)).status());
        assertEquals(Verdict.Status.VALID, Verdict.of(timed(List.of(100.0, 101.0, 124.0, 125.0, 126.0), 0)).status(),
                "a gap under 1.25x");
        assertEquals(Verdict.Status.BIMODAL, Verdict.of(timed(List.of(100.0, 101.0, 127.0, 128.0, 129.0), 0)).status());
    }

    @Test
    void fallingIterationsAreStillWarmingRisingOnesAreNot() {
        assertEquals(Verdict.Status.WARMING, Verdict.of(timed(List.of(140.0, 130.0, 110.0, 101.0, 100.0), 0)).status());
        assertEquals(Verdict.Status.VALID, Verdict.of(timed(List.of(100.0, 101.0, 110.0, 120.0, 124.0), 0)).status(),
                "slower later is load, not warm-up; the error shows it");
    }

    @Test
    void aSteadyWarmUpPassesAndAnUnknownOneIsNotHeldAgainstTheResult() {
        JmhResult steady = withWarmup(1);
        assertEquals(Verdict.Status.VALID, Verdict.of(steady).status());
        assertEquals(Verdict.Status.NOT_STEADY, Verdict.of(withWarmup(0)).status());
        assertEquals(Verdict.Status.VALID, Verdict.of(timed(List.of(100.0, 100.0), 0)).status());
    }

    @Test
    void aResultThatRanTooLittleInC2CodeIsUncompiled() {
        assertEquals(Verdict.Status.VALID, Verdict.of(sampled(90, 10, 0)).status());
        assertEquals(Verdict.Status.UNCOMPILED, Verdict.of(sampled(89, 11, 0)).status());
        assertEquals(Verdict.Status.UNCOMPILED, Verdict.of(sampled(0, 0, 20)).status());
        assertEquals(Verdict.Status.VALID, Verdict.of(sampled(0, 0, 19)).status(), "too few samples to tell");
        assertEquals("not compiled by C2: C2 10%, C1 0%, interpreted 90% of 40 samples",
                Verdict.of(sampled(4, 0, 36)).reason());
    }

    @Test
    void theRealRunsWithAJitForcedOffAreUncompiledAndTheNormalOnesAreNot() {
        Map<String, String> statuses = new LinkedHashMap<>();
        for (ResultRow row : SampleReport.jitRows()) {
            row.results().forEach((variant, result) -> statuses.put(row.rule().id() + " " + row.n() + " "
                    + variant.method(), Verdict.of(result).status().name()));
        }
        assertEquals("UNCOMPILED", statuses.get("sgd 4096 textbookArray"), "C1 only");
        assertEquals("UNCOMPILED", statuses.get("sgd 65536 scalarSegments"), "interpreted");
        assertEquals("UNCOMPILED", statuses.get("adam 4096 scalarSegments"), "recompiled again and again");
        assertEquals("ALLOCATING", statuses.get("adam 4096 roofline"), "the allocation check comes first");
        assertEquals("VALID", statuses.get("adamwamsgrad 4096 scalarSegments"), "no JIT evidence: not checked");
        assertEquals(12, statuses.values().stream().filter("VALID"::equals).count(), statuses.toString());
        assertEquals("not compiled by C2: C2 4%, C1 84%, interpreted 12% of 74 samples, 2 deoptimizations",
                Verdict.of(SampleReport.row(SampleReport.jitRows(), "adam", 4096, 1).results()
                        .get(Variant.SCALAR_SEGMENTS)).reason());
    }

    private static JmhResult sampled(double c2, double c1, double interpreted) {
        return new JmhResult("p.XBenchmark", "gradus", Map.of("n", "8"), 1, "avgt",
                new Metric(100, 1, "ns/op", List.of(List.of(100.0, 100.0))),
                Map.of(JitProfiler.C2, Metric.of(c2, 0, "samples"), JitProfiler.C1, Metric.of(c1, 0, "samples"),
                        JitProfiler.INTERPRETED, Metric.of(interpreted, 0, "samples"),
                        JitProfiler.COMPILATIONS, Metric.of(0, 0, "compilations"),
                        JitProfiler.DEOPTIMIZATIONS, Metric.of(0, 0, "deoptimizations")),
                List.of(), "");
    }

    private static JmhResult timed(List<Double> nanos, double allocatedPerOp) {
        return new JmhResult("p.XBenchmark", "gradus", Map.of("n", "8"), 1, "avgt",
                new Metric(nanos.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), 1, "ns/op",
                        List.of(nanos)),
                Map.of(JmhResult.ALLOCATION_METRIC, new Metric(allocatedPerOp, 0, "B/op", List.of(List.of(allocatedPerOp)))),
                List.of(), "");
    }

    private static JmhResult withWarmup(double steady) {
        return new JmhResult("p.XBenchmark", "gradus", Map.of("n", "8"), 1, "avgt",
                new Metric(100, 1, "ns/op", List.of(List.of(100.0, 100.0))),
                Map.of(WarmupProfiler.STEADY, Metric.of(steady, 0, ""), WarmupProfiler.TIME, Metric.of(3, 0, "s")),
                List.of(), "");
    }
}
