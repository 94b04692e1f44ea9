package dev.gradus.jmh.report.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.jmh.report.fixture.SampleReport;
import dev.gradus.jmh.report.model.Estimate;
import dev.gradus.jmh.report.model.JmhResult;
import dev.gradus.jmh.report.model.Metric;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JmhResultTest {

    private final List<JmhResult> results = SampleReport.results();

    @Test
    void readsEveryBenchmarkOfTheFile() {
        assertEquals(20, results.size());
        assertEquals(29, SampleReport.checkedResults().size());
    }

    @Test
    void readsTheNameModeParametersScoreAndSettingsOfABenchmark() {
        JmhResult first = results.getFirst();
        assertEquals("dev.gradus.jmh.AdamBenchmark", first.benchmarkClass());
        assertEquals("gradus", first.method());
        assertEquals("avgt", first.mode());
        assertEquals(Map.of("n", "4096"), first.params());
        assertEquals(1, first.threads());
        assertEquals(2048, first.score());
        assertEquals(20.48, first.scoreError());
        assertEquals("ns/op", first.scoreUnit());
        assertEquals(List.of("--add-modules=jdk.incubator.vector", "--add-modules", "jdk.incubator.vector", "-Xmx2g"),
                first.jvmArgs());
        assertEquals("1 fork, warmup 3 x 1000 ms, measurement 5 x 1000 ms", first.settings());
        assertEquals(new Estimate(2048, 20.48), first.nanosPerOp());
    }

    @Test
    void readsTheRawDataOfEveryIteration() {
        JmhResult first = results.getFirst();
        assertEquals(List.of(List.of(2037.76, 2048.0, 2058.24, 2048.0, 2048.0)), first.primary().forks());
        assertEquals(2048, first.nanosSamples().median());
        assertEquals(2037.76, first.nanosSamples().min());
    }

    @Test
    void readsTheGcProfilersBytesPerOperationWithItsIterations() {
        JmhResult first = results.getFirst();
        assertEquals(0.004, first.allocatedBytesPerOp());
        assertEquals(0.005, first.secondaryScore("gc.alloc.rate"));
        assertEquals(5, first.secondary().get(JmhResult.ALLOCATION_METRIC).samples().count());
    }

    @Test
    void readsJmhsNaNErrorAsNaN() {
        JmhResult textbook = find("AdamBenchmark", "textbookArray", "65536", 1);
        assertEquals(81920, textbook.score());
        assertTrue(Double.isNaN(textbook.scoreError()));
    }

    @Test
    void readsTheThreadCount() {
        assertEquals(4096, find("AdamBenchmark", "gradus", "4096", 2).score());
    }

    @Test
    void readsSingleShotResultsWithOneSamplePerFork() {
        JmhResult cold = SampleReport.checkedResults().stream().filter(r -> r.mode().equals("ss")).findFirst()
                .orElseThrow();
        assertEquals("dev.gradus.jmh.ColdStartBenchmark", cold.benchmarkClass());
        assertEquals(5, cold.primary().forks().size());
        assertEquals(List.of(900e3, 950e3, 1000e3, 1100e3, 1500e3), cold.nanosSamples().values());
    }

    @Test
    void convertsOtherTimeUnitsToNanoseconds() {
        JmhResult micros = result(Metric.of(1.5, 0.25, "us/op"));
        assertEquals(new Estimate(1500, 250), micros.nanosPerOp());
        JmhResult throughput = result(Metric.of(1.5, 0.25, "ops/s"));
        assertThrows(IllegalArgumentException.class, throughput::nanosPerOp);
    }

    @Test
    void defaultsWhatAMinimalEntryLeavesOut() {
        List<JmhResult> minimal = JmhResultReader.read("""
                [{"benchmark": "p.XBenchmark.gradus", "primaryMetric": {"score": 1, "scoreError": "NaN", "scoreUnit": "ns/op"}}]
                """);
        JmhResult only = minimal.getFirst();
        assertEquals(1, only.threads());
        assertEquals("avgt", only.mode());
        assertEquals(Map.of(), only.params());
        assertTrue(Double.isNaN(only.allocatedBytesPerOp()), "no GC profiler: unknown");
        assertEquals(0, only.nanosSamples().count());
    }

    @Test
    void aProfiledRunWithoutTheNormMetricAllocatedNothing() {
        JmhResult profiled = new JmhResult("C", "m", Map.of(), 1, "avgt", Metric.of(1, 0, "ns/op"),
                Map.of(JmhResult.ALLOCATION_RATE_METRIC, Metric.of(0, 0, "MB/sec")), List.of(), "");
        assertEquals(0, profiled.allocatedBytesPerOp());
    }

    private static JmhResult result(Metric primary) {
        return new JmhResult("C", "m", Map.of(), 1, "avgt", primary, Map.of(), List.of(), "");
    }

    private JmhResult find(String className, String method, String n, int threads) {
        return results.stream()
                .filter(r -> r.benchmarkClass().endsWith("." + className) && r.method().equals(method)
                        && r.params().get("n").equals(n) && r.threads() == threads)
                .findFirst().orElseThrow();
    }
}
