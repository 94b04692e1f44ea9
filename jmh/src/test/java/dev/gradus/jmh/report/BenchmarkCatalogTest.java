package dev.gradus.jmh.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.jmh.report.model.Rule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BenchmarkCatalogTest {

    @Test
    void aRuleIsEveryClassOfThePackageWithAGradusMethodLightestFirst() {
        BenchmarkCatalog catalog = new BenchmarkCatalog(Stream.of("dev.gradus.jmh.AdamBenchmark.gradus",
                "dev.gradus.jmh.SgdBenchmark.gradus", "dev.gradus.jmh.SgdBenchmark.roofline",
                "dev.gradus.jmh.ScratchBenchmark.other", "elsewhere.FooBenchmark.gradus",
                "dev.gradus.jmh.report.BarBenchmark.gradus").map(BenchmarkCatalog.Entry::averageTime).toList());
        assertEquals(List.of(new Rule("sgd", "dev.gradus.jmh.SgdBenchmark", 12),
                new Rule("adam", "dev.gradus.jmh.AdamBenchmark", 28)), catalog.rules());
        assertEquals(2, catalog.count("^dev\\.gradus\\.jmh\\.SgdBenchmark\\."));
    }

    @Test
    void everyCombinationOfParametersTheSizesFiltered() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("rule", List.of("adam", "rmsprop"));
        params.put("n", List.of("4096", "65536"));
        BenchmarkCatalog.Entry entry = new BenchmarkCatalog.Entry("dev.gradus.jmh.ColdStartBenchmark.step1", "ss", params);
        assertEquals(4, BenchmarkCatalog.combinations(entry, null).size());
        assertEquals(List.of(Map.of("rule", "adam", "n", "65536"), Map.of("rule", "rmsprop", "n", "65536")),
                BenchmarkCatalog.combinations(entry, List.of(65536, 16777216)));
        assertEquals(List.of(Map.of()), BenchmarkCatalog.combinations(
                BenchmarkCatalog.Entry.averageTime("dev.gradus.jmh.X.y"), null));
        BenchmarkCatalog catalog = new BenchmarkCatalog(List.of(entry,
                BenchmarkCatalog.Entry.averageTime("dev.gradus.jmh.AdamBenchmark.gradus")));
        assertEquals(List.of(entry), catalog.coldStart());
    }

    @Test
    void findsTheCompiledRuleBenchmarks() {
        List<String> ids = BenchmarkCatalog.load().rules().stream().map(Rule::id).toList();
        assertTrue(ids.containsAll(List.of("sgd", "adam")), ids.toString());
    }

    @Test
    void theTrafficOfEachRuleFollowsFromItsBuffers() {
        Map<String, Double> bytes = BenchmarkCatalog.load().rules().stream()
                .collect(Collectors.toMap(Rule::id, Rule::bytesPerElement));
        Map<String, Double> expected = Map.ofEntries(Map.entry("sgd", 12.0), Map.entry("ewma", 12.0),
                Map.entry("momentum", 20.0), Map.entry("adagrad", 20.0), Map.entry("rmsprop", 20.0),
                Map.entry("adam", 28.0), Map.entry("adamwamsgrad", 36.0), Map.entry("rmspropcentered", 36.0),
                Map.entry("lion", 20.0), Map.entry("adamax", 28.0), Map.entry("adadelta", 28.0),
                Map.entry("radam", 28.0), Map.entry("rprop", 28.0), Map.entry("nadam", 28.0),
                Map.entry("adabelief", 28.0), Map.entry("yogi", 28.0), Map.entry("customlion", 20.0),
                Map.entry("schedulefreeadamw", 28.0), Map.entry("schedulefreesgd", 20.0),
                Map.entry("adambf16state", 20.0), Map.entry("adambf16stochastic", 20.0),
                Map.entry("adambf16all", 16.0), Map.entry("adambf16kahan", 18.0), Map.entry("adambf16master", 22.0));
        assertTrue(bytes.entrySet().containsAll(expected.entrySet()), bytes.toString());
    }

    @Test
    void aClassThatIsNotAStreamStateHasNoTraffic() {
        assertTrue(Double.isNaN(Rule.ofBenchmarkClass("dev.gradus.jmh.OptimizerBenchmark").bytesPerElement()));
        assertTrue(Double.isNaN(Rule.ofBenchmarkClass("dev.gradus.jmh.NoSuchBenchmark").bytesPerElement()));
    }

    @Test
    void namesARuleAfterItsClass() {
        assertEquals("rmspropcentered", Rule.idOf("dev.gradus.jmh.RmsPropCenteredBenchmark"));
        assertEquals("plain", Rule.idOf("Plain"));
        assertEquals("benchmark", Rule.idOf("x.Benchmark"));
    }
}
