package dev.gradus.jmh.report.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.jmh.report.fixture.SampleReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportChartsTest {

    private final List<ReportCharts.Chart> charts = ReportCharts.of(SampleReport.rows());

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

    private String chart(String fileName) {
        return charts.stream().filter(c -> c.fileName().equals(fileName)).findFirst().orElseThrow().svg();
    }

    private static long filled(Dom svg, String color) {
        return svg.elements("rect").stream().filter(r -> r.attribute("fill").equals(color)).count();
    }
}
