package dev.gradus.jmh.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.jmh.report.model.Rule;
import dev.gradus.jmh.report.model.Variant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportOptionsTest {

    private static final List<String> VARIANTS = List.of("gradus", "scalarSegments", "textbookArray", "roofline");
    private static final BenchmarkCatalog CATALOG = catalog("SgdBenchmark", "AdamBenchmark");

    @Test
    void defaultsToEveryRuleInAndOutOfCacheOnOneThreadWithTheQuickPlan() {
        ReportOptions options = ReportOptions.parse(CATALOG);
        assertEquals(List.of("sgd", "adam"), options.rules().stream().map(Rule::id).toList());
        assertEquals(List.of(4096, 16777216), options.sizes());
        assertEquals(List.of(1), options.threads());
        assertEquals(2 * 2 * 3, options.benchmarkCount(), "no scalarSegments in the quick plan");
        assertEquals(Plan.quick(12), options.plan());
        assertTrue(options.ruleRuns().stream().noneMatch(r -> r.variant() == Variant.SCALAR_SEGMENTS));
        assertTrue(options.gcProfiler());
        assertFalse(options.help());
    }

    @Test
    void filtersByRuleSizeAndThreads() {
        ReportOptions options = ReportOptions.parse(CATALOG, "--rule", "ADAM", "--size=4096,1_000", "--threads", "1,2");
        assertEquals(List.of("adam"), options.rules().stream().map(Rule::id).toList());
        assertEquals(List.of(4096, 1000), options.sizes());
        assertEquals(List.of(1, 2), options.threads());
        assertEquals(3 * 2 * 2, options.benchmarkCount());
    }

    @Test
    void runsEveryVariantOfTheChosenRulesPerThreadCountRuleAndSize() {
        ReportOptions options = ReportOptions.parse(CATALOG, "--full", "--rule", "sgd", "--size", "4096,65536",
                "--threads", "1,2");
        List<String> runs = options.ruleRuns().stream()
                .map(r -> r.threads() + " " + r.n() + " " + r.benchmark().substring(15)).toList();
        assertEquals(16, runs.size());
        assertEquals(List.of("1 4096 SgdBenchmark.gradus", "1 4096 SgdBenchmark.scalarSegments",
                "1 4096 SgdBenchmark.textbookArray", "1 4096 SgdBenchmark.roofline",
                "1 65536 SgdBenchmark.gradus"), runs.subList(0, 5), "the variants of one row run back to back");
        assertEquals("2 4096 SgdBenchmark.gradus", runs.get(8));
    }

    @Test
    void theQuickPlanMeasuresOneRooflinePerTrafficSizeAndThreadsTheFullPlanOnePerRule() {
        BenchmarkCatalog sameTraffic = catalog("MomentumBenchmark", "AdaGradBenchmark", "AdamBenchmark");
        List<String> quick = ReportOptions.parse(sameTraffic).ruleRuns().stream()
                .filter(r -> r.variant() == Variant.ROOFLINE).map(r -> r.benchmark().substring(15) + " " + r.n())
                .toList();
        assertEquals(List.of("AdaGradBenchmark.roofline 4096", "AdaGradBenchmark.roofline 16777216",
                "AdamBenchmark.roofline 4096", "AdamBenchmark.roofline 16777216"), quick,
                "momentum moves 20 bytes an element as AdaGrad does: the first rule's roofline serves both");
        assertEquals(6, ReportOptions.parse(sameTraffic, "--full", "--size", "4096").ruleRuns().stream()
                .filter(r -> r.variant() == Variant.ROOFLINE || r.variant() == Variant.SCALAR_SEGMENTS).count());
    }

    @Test
    void aRuleWithoutARooflineLeavesItsTrafficToTheNextRuleThatHasOne() {
        BenchmarkCatalog partial = new BenchmarkCatalog(List.of(
                BenchmarkCatalog.Entry.averageTime("dev.gradus.jmh.AdaGradBenchmark.gradus"),
                BenchmarkCatalog.Entry.averageTime("dev.gradus.jmh.MomentumBenchmark.gradus"),
                BenchmarkCatalog.Entry.averageTime("dev.gradus.jmh.MomentumBenchmark.roofline")));
        assertEquals(List.of("MomentumBenchmark.roofline"), ReportOptions.parse(partial, "--size", "4096").ruleRuns()
                .stream().filter(r -> r.variant() == Variant.ROOFLINE).map(r -> r.benchmark().substring(15)).toList());
    }

    @Test
    void aVariantTheClassLacksIsNotRun() {
        BenchmarkCatalog partial = new BenchmarkCatalog(List.of(
                BenchmarkCatalog.Entry.averageTime("dev.gradus.jmh.XBenchmark.gradus"),
                BenchmarkCatalog.Entry.averageTime("dev.gradus.jmh.XBenchmark.roofline")));
        assertEquals(List.of("gradus", "roofline"), ReportOptions.parse(partial).ruleRuns().stream()
                .filter(r -> r.n() == 4096).map(r -> r.variant().method()).toList());
    }

    @Test
    void coldStartRunsEverySingleShotMethodWithEachSetOfParameters() {
        List<BenchmarkCatalog.Entry> entries = new ArrayList<>(CATALOG.benchmarks());
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("n", List.of("4096", "65536"));
        params.put("path", List.of("optimizer", "kernels", "textbook"));
        entries.add(new BenchmarkCatalog.Entry("dev.gradus.jmh.ColdStartBenchmark.step1", "ss", params));
        BenchmarkCatalog withCold = new BenchmarkCatalog(entries);
        assertEquals(List.of(), ReportOptions.parse(withCold).coldStart(), "only with --cold-start");
        List<ReportOptions.ColdStartRun> all = ReportOptions.parse(withCold, "--cold-start").coldStart();
        assertEquals(6, all.size());
        assertEquals(Map.of("n", "4096", "path", "optimizer"), all.getFirst().params());
        List<ReportOptions.ColdStartRun> small = ReportOptions.parse(withCold, "--cold-start", "--size", "65536")
                .coldStart();
        assertEquals(List.of("65536"), small.stream().map(r -> r.params().get("n")).distinct().toList());
        assertThrows(IllegalArgumentException.class, () -> ReportOptions.parse(CATALOG, "--cold-start"),
                "no single-shot benchmark on the class path");
    }

    @Test
    void smokeRunsOneSizeWithTheSmokePlan() {
        ReportOptions options = ReportOptions.parse(CATALOG, "--smoke", "--no-prof-gc");
        assertEquals(Plan.smoke(), options.plan());
        assertEquals(List.of(4096), options.sizes());
        assertFalse(options.gcProfiler());
    }

    @Test
    void fullAndFrom() {
        ReportOptions full = ReportOptions.parse(CATALOG, "--full");
        assertEquals(Plan.full(), full.plan());
        assertEquals(List.of(4096, 65536, 1048576, 16777216), full.sizes());
        assertEquals(Path.of("r.json"), ReportOptions.parse(CATALOG, "--from", "r.json").from());
    }

    @Test
    void rejectsUnknownOptionsRulesAndBadNumbers() {
        assertThrows(IllegalArgumentException.class, () -> ReportOptions.parse(CATALOG, "--fast"));
        IllegalArgumentException rule = assertThrows(IllegalArgumentException.class,
                () -> ReportOptions.parse(CATALOG, "--rule", "lion"));
        assertEquals("unknown rule 'lion', expected one of [sgd, adam]", rule.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReportOptions.parse(CATALOG, "--threads", "0"));
        assertThrows(IllegalArgumentException.class, () -> ReportOptions.parse(CATALOG, "--size", "x"));
        assertThrows(IllegalArgumentException.class, () -> ReportOptions.parse(CATALOG, "--size"));
    }

    @Test
    void usageNamesTheDiscoveredRulesAndTheTimeOfAWholeRun() {
        String usage = ReportOptions.usage(CATALOG);
        assertTrue(usage.contains("rules to run, from: sgd,adam"), usage);
        assertTrue(usage.contains("All rules on 1 thread are 12 benchmarks quick: about 98 s on a quiet machine\n"
                + "(I = 1000 ms), at most 10 min; 32 full: about 46 min,"), usage);
        assertTrue(usage.contains("(default: 4096,16777216 quick, 4096,65536,1048576,16777216 full)"), usage);
    }

    private static BenchmarkCatalog catalog(String... classes) {
        List<BenchmarkCatalog.Entry> methods = new ArrayList<>();
        for (String simpleName : classes) {
            VARIANTS.forEach(v -> methods.add(BenchmarkCatalog.Entry.averageTime("dev.gradus.jmh." + simpleName + "." + v)));
        }
        methods.add(BenchmarkCatalog.Entry.averageTime("dev.gradus.jmh.SgdBenchmark.unrelated"));
        return new BenchmarkCatalog(methods);
    }
}
