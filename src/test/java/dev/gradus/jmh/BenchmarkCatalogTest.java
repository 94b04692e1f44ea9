package dev.gradus.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkCatalogTest {

    @Test
    void aRuleIsEveryClassOfThePackageWithAGradusMethodLightestFirst() {
        BenchmarkCatalog catalog = new BenchmarkCatalog(List.of("dev.gradus.jmh.AdamBenchmark.gradus",
                "dev.gradus.jmh.SgdBenchmark.gradus", "dev.gradus.jmh.SgdBenchmark.roofline",
                "dev.gradus.jmh.ScratchBenchmark.other", "elsewhere.FooBenchmark.gradus"));
        assertEquals(List.of(new Rule("sgd", "dev.gradus.jmh.SgdBenchmark", 12),
                new Rule("adam", "dev.gradus.jmh.AdamBenchmark", 28)), catalog.rules());
        assertEquals(2, catalog.count("^dev\\.gradus\\.jmh\\.SgdBenchmark\\."));
    }

    @Test
    void findsTheCompiledRuleBenchmarks() {
        List<String> ids = BenchmarkCatalog.load().rules().stream().map(Rule::id).toList();
        assertTrue(ids.containsAll(List.of("sgd", "adam")), ids.toString());
    }

    @Test
    void namesARuleAfterItsClass() {
        assertEquals("rmspropcentered", Rule.idOf("dev.gradus.jmh.RmsPropCenteredBenchmark"));
        assertEquals("plain", Rule.idOf("Plain"));
        assertEquals("benchmark", Rule.idOf("x.Benchmark"));
    }
}
