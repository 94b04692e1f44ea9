package dev.gradus.jmh.report.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.jmh.report.fixture.SampleReport;
import dev.gradus.jmh.report.model.Estimate;
import dev.gradus.jmh.report.model.JmhResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JmhResultTest {

    private final List<JmhResult> results = SampleReport.results();

    @Test
    void readsEveryBenchmarkOfTheFile() {
        assertEquals(20, results.size());
    }

    @Test
    void readsTheNameParametersScoreAndSettingsOfABenchmark() {
        JmhResult first = results.getFirst();
        assertEquals("dev.gradus.jmh.AdamBenchmark", first.benchmarkClass());
        assertEquals("gradus", first.method());
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
    void readsTheGcProfilersBytesPerOperation() {
        JmhResult first = results.getFirst();
        assertEquals(0.004, first.allocatedBytesPerOp());
        assertEquals(Map.of("gc.alloc.rate", 0.005, "gc.alloc.rate.norm", 0.004, "gc.count", 0.0), first.secondary());
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
    void convertsOtherTimeUnitsToNanoseconds() {
        JmhResult micros = new JmhResult("C", "m", Map.of(), 1, 1.5, 0.25, "us/op", Map.of(), List.of(), "");
        assertEquals(new Estimate(1500, 250), micros.nanosPerOp());
        JmhResult throughput = new JmhResult("C", "m", Map.of(), 1, 1.5, 0.25, "ops/s", Map.of(), List.of(), "");
        assertThrows(IllegalArgumentException.class, throughput::nanosPerOp);
    }

    @Test
    void defaultsWhatAMinimalEntryLeavesOut() {
        List<JmhResult> minimal = JmhResultReader.read("""
                [{"benchmark": "p.XBenchmark.gradus", "primaryMetric": {"score": 1, "scoreError": "NaN", "scoreUnit": "ns/op"}}]
                """);
        JmhResult only = minimal.getFirst();
        assertEquals(1, only.threads());
        assertEquals(Map.of(), only.params());
        assertTrue(Double.isNaN(only.allocatedBytesPerOp()));
    }

    private JmhResult find(String className, String method, String n, int threads) {
        return results.stream()
                .filter(r -> r.benchmarkClass().endsWith("." + className) && r.method().equals(method)
                        && r.params().get("n").equals(n) && r.threads() == threads)
                .findFirst().orElseThrow();
    }
}
