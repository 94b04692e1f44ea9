package dev.gradus.jmh.report.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.jmh.report.fixture.SampleReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportChartsTest {

    private static final String GRADUS = "#1f77b4";
    private static final String TEXTBOOK = "#2ca02c";

    private final List<ReportCharts.Chart> charts = ReportCharts.of(SampleReport.rows());
    private final List<ReportCharts.Chart> checked = ReportCharts.of(SampleReport.checkedRows());

    @Test
    void oneThroughputChartPerRuleAndThreadsThenSpeedupsAndRooflineShare() {
        assertEquals(List.of("throughput-sgd-t1.svg", "throughput-adam-t1.svg", "speedup-t1.svg", "roofline-t1.svg",
                        "throughput-adam-t2.svg", "speedup-t2.svg", "roofline-t2.svg"),
                charts.stream().map(ReportCharts.Chart::fileName).toList());
    }

    @Test
    void everyChartIsWellFormedSvg() {
        for (ReportCharts.Chart chart : charts) {
            Dom svg = Dom.parse(chart.svg());
            assertEquals("svg", svg.root().tag(), chart.fileName());
            assertEquals("http://www.w3.org/2000/svg", svg.root().attribute("xmlns"));
            assertTrue(svg.root().attribute("viewBox").startsWith("0 0 "), chart.fileName());
            assertEquals(List.of(chart.title()), svg.texts("title"));
        }
    }

    @Test
    void theParserRejectsMalformedXml() {
        assertThrows(IllegalArgumentException.class, () -> Dom.parse("<svg><text>a & b</text></svg>"));
    }

    @Test
    void throughputChartDrawsOneLinePerVariantTheRooflineDashed() {
        Dom svg = Dom.parse(chart("throughput-adam-t1.svg"));
        List<Dom.Element> polylines = svg.elements("polyline");
        assertEquals(4, polylines.size());
        polylines.forEach(line -> assertEquals(2, line.attribute("points").split(" ").length, "one point per size"));
        assertEquals(List.of("#555555"), polylines.stream().filter(line -> line.hasAttribute("stroke-dasharray"))
                .map(line -> line.attribute("stroke")).toList());
        List<String> texts = svg.texts("text");
        assertTrue(texts.containsAll(List.of("adam: throughput, 1 thread (higher is better)", "gradus",
                "scalarSegments", "textbookArray", "roofline", "4K", "64K", "GB/s (28 bytes per element)",
                "elements per buffer (n, log scale)")), texts.toString());
        assertTrue(texts.contains("60"), "the axis reaches past 56 GB/s: " + texts);
    }

    @Test
    void speedupChartDrawsTwoBarsPerRuleAndSizeAndTheOneTimesLine() {
        Dom svg = Dom.parse(chart("speedup-t1.svg"));
        List<String> texts = svg.texts("text");
        assertTrue(texts.containsAll(List.of("x scalarSegments", "x textbookArray", "1x: as fast as the baseline", "sgd", "adam")),
                texts.toString());
        assertEquals(1 + 4, filled(svg, "#ff7f0e"), "a legend box and a bar for each of four rows");
        assertEquals(1 + 4, filled(svg, "#2ca02c"));
    }

    @Test
    void rooflineChartDrawsOneBarPerRowAndTheHundredPercentLine() {
        Dom svg = Dom.parse(chart("roofline-t2.svg"));
        assertTrue(svg.texts("text").contains("100%: as fast as the roofline"));
        assertEquals(List.of(), svg.elements("polyline"));
        assertEquals(1 + 1, filled(svg, "#1f77b4"));
    }

    @Test
    void anInvalidPointIsMarkedOnTheAxisAndTheLineBreaksThere() {
        Dom svg = Dom.parse(checkedChart("throughput-adam-t1.svg"));
        List<Dom.Element> gradusLines = svg.elements("polyline").stream()
                .filter(line -> line.attribute("stroke").equals(GRADUS)).toList();
        assertEquals(List.of(), gradusLines, "4K and 1M are valid, 64K between them is not: nothing joins them");
        List<Dom.Element> crosses = svg.elements("g").stream().filter(g -> g.attribute("class").equals("invalid")).toList();
        assertEquals(1, crosses.size());
        assertEquals(2, svg.elements("circle").stream().filter(c -> c.attribute("fill").equals(GRADUS)).count(),
                "markers at the two valid points only");
        assertTrue(svg.texts("text").stream().anyMatch(t -> t.startsWith("x on the axis: invalid")), svg.texts("text").toString());
        List<Dom.Element> textbook = svg.elements("polyline").stream()
                .filter(line -> line.attribute("stroke").equals(TEXTBOOK)).toList();
        assertEquals(1, textbook.size());
        assertEquals(3, textbook.getFirst().attribute("points").split(" ").length, "a valid series stays one line");
    }

    @Test
    void anErrorBarCutAtTheEdgeEndsInAnArrowheadAndTheChartSaysSo() {
        Dom svg = Dom.parse(checkedChart("throughput-adam-t1.svg"));
        long arrowheads = svg.elements("polyline").stream().filter(line -> line.attribute("stroke").equals("#333333")
                && line.attribute("points").split(" ").length == 3).count();
        assertEquals(1, arrowheads, "textbookArray at 1M: 700 +- 900 us reaches below zero");
        assertTrue(svg.texts("text").stream().anyMatch(t -> t.contains("arrowhead: error bar cut at the plot's edge")));
        Dom clean = Dom.parse(chart("throughput-adam-t1.svg"));
        assertTrue(clean.texts("text").stream().noneMatch(t -> t.contains("arrowhead")), "no cut, no note");
        assertTrue(clean.elements("g").isEmpty());
    }

    @Test
    void barsAreDrawnOnlyForValidRatiosTheRestAreMarked() {
        Dom speedups = Dom.parse(checkedChart("speedup-t1.svg"));
        assertEquals(1 + 3, filled(speedups, "#ff7f0e"), "x scalarSegments: sgd not measured, adam 64K invalid");
        assertEquals(1 + 2, filled(speedups, "#2ca02c"), "x textbookArray: adam 4K and 1M only");
        assertEquals(5, speedups.elements("g").stream().filter(g -> g.attribute("class").equals("invalid")).count(),
                "sgd twice (its gradus is invalid), adam 64K twice, centered RMSProp's textbook ratio");
        Dom sgd = Dom.parse(checkedChart("throughput-sgd-t1.svg"));
        assertEquals(1, sgd.elements("circle").stream().filter(c -> c.attribute("class").equals("missing")).count(),
                "scalarSegments was not measured");
        assertTrue(sgd.texts("text").stream().anyMatch(t -> t.contains("o on the axis: not measured")));
        Dom roofline = Dom.parse(checkedChart("roofline-t1.svg"));
        assertEquals(1 + 2, filled(roofline, GRADUS), "% of roofline: sgd, adam 64K and centered RMSProp invalid");
    }

    @Test
    void anUncompiledOrImplausibleBaselineIsMarkedNeverDrawnAsABar() {
        List<ReportCharts.Chart> jit = ReportCharts.of(SampleReport.jitRows());
        Dom speedups = Dom.parse(chart(jit, "speedup-t1.svg"));
        assertEquals(1 + 1, filled(speedups, "#ff7f0e"), "x scalarSegments: sgd 4K only; interpreted at sgd 64K, "
                + "recompiled at adam 4K, implausible at adamwamsgrad 4K");
        assertEquals(1 + 3, filled(speedups, "#2ca02c"), "x textbookArray: all but sgd 4K, which ran C1 code");
        assertEquals(4, speedups.elements("g").stream().filter(g -> g.attribute("class").equals("invalid")).count());
        Dom sgd = Dom.parse(chart(jit, "throughput-sgd-t1.svg"));
        assertEquals(2, sgd.elements("g").stream().filter(g -> g.attribute("class").equals("invalid")).count(),
                "textbookArray at 4K, scalarSegments at 64K");
        assertEquals(List.of(GRADUS, "#555555"), sgd.elements("polyline").stream().map(l -> l.attribute("stroke"))
                .toList(), "only gradus and the roofline have two valid points to join");
    }

    private static String chart(List<ReportCharts.Chart> charts, String fileName) {
        return charts.stream().filter(c -> c.fileName().equals(fileName)).findFirst().orElseThrow().svg();
    }

    private String checkedChart(String fileName) {
        return chart(checked, fileName);
    }

    private String chart(String fileName) {
        return chart(charts, fileName);
    }

    private static long filled(Dom svg, String color) {
        return svg.elements("rect").stream().filter(r -> r.attribute("fill").equals(color)).count();
    }
}
