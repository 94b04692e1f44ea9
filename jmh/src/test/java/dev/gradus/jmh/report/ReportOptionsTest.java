package dev.gradus.jmh.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.jmh.report.model.Rule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportOptionsTest {

    private static final List<String> VARIANTS = List.of("gradus", "scalarSegments", "textbookArray", "roofline");
    private static final BenchmarkCatalog CATALOG = catalog("SgdBenchmark", "AdamBenchmark");

    @Test
    void defaultsToEveryRuleAndSizeOnOneThreadWithTheQuickPlan() {
        ReportOptions options = ReportOptions.parse(CATALOG);
        assertEquals(List.of("sgd", "adam"), options.rules().stream().map(Rule::id).toList());
        assertEquals(List.of(4096, 65536, 1048576, 16777216), options.sizes());
        assertEquals(List.of(1), options.threads());
        assertEquals(2 * 4 * 4, options.benchmarkCount());
        assertEquals(Plan.quick(32), options.plan());
        assertTrue(options.gcProfiler());
        assertFalse(options.help());
    }

    @Test
    void filtersByRuleSizeAndThreads() {
        ReportOptions options = ReportOptions.parse(CATALOG, "--rule", "ADAM", "--size=4096,1_000", "--threads", "1,2");
        assertEquals(List.of("adam"), options.rules().stream().map(Rule::id).toList());
        assertEquals(List.of(4096, 1000), options.sizes());
        assertEquals(List.of(1, 2), options.threads());
        assertEquals(4 * 2 * 2, options.benchmarkCount());
    }

    @Test
    void theIncludePatternSelectsTheVariantsOfTheChosenRulesOnly() {
        Pattern include = Pattern.compile(ReportOptions.parse(CATALOG, "--rule", "sgd").includeRegex());
        assertTrue(include.matcher("dev.gradus.jmh.SgdBenchmark.roofline").find());
        assertFalse(include.matcher("dev.gradus.jmh.AdamBenchmark.gradus").find());
        assertFalse(include.matcher("dev.gradus.jmh.SgdBenchmark.gradusX").find());
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
        assertEquals(Plan.full(), ReportOptions.parse(CATALOG, "--full").plan());
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
        assertTrue(usage.contains("All rules and sizes on 1 thread are 32 benchmarks: about 4 min quick (I = 1000 ms),\n"
                + "about 50 min full."), usage);
    }

    private static BenchmarkCatalog catalog(String... classes) {
        List<String> methods = new ArrayList<>();
        for (String simpleName : classes) {
            VARIANTS.forEach(v -> methods.add("dev.gradus.jmh." + simpleName + "." + v));
        }
        methods.add("dev.gradus.jmh.SgdBenchmark.unrelated");
        return new BenchmarkCatalog(methods);
    }
}
