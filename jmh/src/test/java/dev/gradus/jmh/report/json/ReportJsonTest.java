package dev.gradus.jmh.report.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.jmh.report.fixture.SampleReport;
import dev.gradus.jmh.report.model.Estimate;
import dev.gradus.jmh.report.model.ReportHeader;
import dev.gradus.jmh.report.model.ResultRow;
import dev.gradus.jmh.report.model.Variant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportJsonTest {

    private final List<ResultRow> rows = SampleReport.rows();
    private final Map<String, Object> report = parse(ReportJson.render(SampleReport.HEADER, rows, List.of()));
    private final Map<String, Object> checked = parse(ReportJson.render(SampleReport.HEADER,
            SampleReport.checkedRows(), SampleReport.coldStartRows()));

    @Test
    void headerRoundTrips() {
        Map<String, Object> header = JsonReader.object(report.get("header"), "header");
        ReportHeader h = SampleReport.HEADER;
        assertEquals(ReportJson.SCHEMA, report.get("schema"));
        Map<String, Object> cpu = JsonReader.object(header.get("cpu"), "cpu");
        assertEquals(h.cpu().model(), cpu.get("model"));
        assertEquals(h.cpu().frequency(), cpu.get("frequency"));
        assertEquals(h.cpu().caches(), cpu.get("caches"));
        assertEquals(h.cpu().fma(), cpu.get("fma"));
        assertEquals((double) h.cores(), header.get("cores"));
        Map<String, Object> load = JsonReader.object(header.get("hostLoad"), "hostLoad");
        assertEquals(h.hostLoad().loadBefore(), load.get("loadBefore"));
        assertEquals(h.hostLoad().loadAfter(), load.get("loadAfter"));
        assertEquals(h.hostLoad().others(), load.get("othersShare"));
        assertEquals(h.hostLoad().othersBefore(), load.get("othersShareBefore"));
        assertEquals(List.of(), load.get("warnings"));
        assertEquals(h.runtimeVersion(), header.get("runtimeVersion"));
        assertEquals(h.vectorSpecies(), header.get("vectorSpecies"));
        assertEquals(h.forkJvmFlags(), header.get("forkJvmFlags"));
        assertEquals(h.reportJvmFlags(), header.get("reportJvmFlags"));
        assertEquals(h.commit(), header.get("commit"));
        assertEquals(h.plan(), header.get("plan"));
        assertEquals(h.notes(), header.get("notes"));
    }

    @Test
    void rowsHoldTheKeyTheStatusTheRatiosAndTheirErrors() {
        List<Object> jsonRows = JsonReader.array(report.get("rows"), "rows");
        assertEquals(rows.size(), jsonRows.size());
        for (int i = 0; i < rows.size(); i++) {
            ResultRow row = rows.get(i);
            Map<String, Object> json = JsonReader.object(jsonRows.get(i), "row");
            assertEquals(row.rule().id(), json.get("rule"));
            assertEquals(row.rule().benchmarkClass(), json.get("benchmarkClass"));
            assertEquals(row.rule().bytesPerElement(), json.get("bytesPerElement"));
            assertEquals((double) row.n(), json.get("n"));
            assertEquals((double) row.threads(), json.get("threads"));
            assertEquals("ok", json.get("status"));
            assertEquals(row.percentOfRoofline(), estimate(json.get("percentOfRoofline")));
            assertEquals(row.speedupOver(Variant.SCALAR_SEGMENTS), estimate(json.get("speedupOverScalarSegments")));
            assertEquals(row.speedupOver(Variant.TEXTBOOK_ARRAY), estimate(json.get("speedupOverTextbookArray")));
        }
    }

    @Test
    void variantsHoldTheirChecksTheDerivedFiguresAndJmhsRawScores() {
        ResultRow adam = rows.getLast();
        Map<String, Object> variants = variants(report, rows.size() - 1);
        assertEquals(List.of("gradus", "scalarSegments", "textbookArray", "roofline"), List.copyOf(variants.keySet()));
        Map<String, Object> textbook = JsonReader.object(variants.get("textbookArray"), "textbookArray");
        Map<String, Object> jmh = JsonReader.object(textbook.get("jmh"), "jmh");
        assertEquals(81920.0, jmh.get("score"));
        assertNull(jmh.get("scoreError"));
        assertEquals("ns/op", jmh.get("scoreUnit"));
        assertEquals(5, JsonReader.array(jmh.get("samples"), "samples").size());
        for (Variant v : Variant.values()) {
            Map<String, Object> variant = JsonReader.object(variants.get(v.method()), v.method());
            assertEquals(true, variant.get("valid"));
            assertEquals("VALID", variant.get("verdict"));
            assertEquals(1.0, variant.get("attempts"));
            assertEquals(adam.nanosPerOp(v), estimate(variant.get("nsPerOp")));
            assertEquals(adam.nanosPerElement(v), estimate(variant.get("nsPerElement")));
            assertEquals(adam.medianNanosPerElement(v), estimate(variant.get("medianNsPerElement")));
            assertEquals(adam.minNanosPerElement(v), estimate(variant.get("minNsPerElement")));
            assertEquals(adam.elementsPerSecond(v), estimate(variant.get("elementsPerSecond")));
            assertEquals(adam.gigabytesPerSecond(v), estimate(variant.get("gigabytesPerSecond")));
            assertEquals(adam.allocatedBytesPerOp(v), JsonReader.number(variant.get("allocatedBytesPerOp")));
        }
    }

    @Test
    void anInvalidFigureHasNoValueButItsReasonAndWhatWasMeasured() {
        int adam65536 = 2;
        Map<String, Object> row = JsonReader.object(JsonReader.array(checked.get("rows"), "rows").get(adam65536), "row");
        assertEquals(65536.0, row.get("n"));
        assertEquals("gradus invalid (2 attempts): allocating 9.12 MB/op, not compiled", row.get("status"));
        Map<String, Object> speedup = JsonReader.object(row.get("speedupOverTextbookArray"), "speedup");
        assertNull(speedup.get("value"));
        assertNull(speedup.get("error"));
        assertEquals("gradus allocating 9.12 MB/op, not compiled", speedup.get("invalid"));
        assertTrue(JsonReader.number(speedup.get("measured")) < 0.001, "the misleading 0.00x is kept, labelled");
        Map<String, Object> gradus = JsonReader.object(variants(checked, adam65536).get("gradus"), "gradus");
        assertEquals(false, gradus.get("valid"));
        assertEquals("ALLOCATING", gradus.get("verdict"));
        assertEquals(2.0, gradus.get("attempts"));
        assertNull(JsonReader.object(gradus.get("nsPerElement"), "ns").get("value"));
        assertEquals(2.0, gradus.get("warmupSeconds"));
        assertEquals(true, gradus.get("warmupSteady"));
        assertEquals(60.0, gradus.get("othersCpuPercent"));
        Map<String, Object> textbook = JsonReader.object(variants(checked, adam65536).get("textbookArray"), "textbook");
        assertEquals(true, textbook.get("valid"));
        assertFalse(JsonReader.object(textbook.get("nsPerElement"), "ns").containsKey("invalid"));
    }

    @Test
    void eachVariantSaysWhichCodeItsMeasurementRanAndNullWhereThatWasNotRecorded() {
        Map<String, Object> jit = parse(ReportJson.render(SampleReport.HEADER, SampleReport.jitRows(), List.of()));
        int adam = 2;
        Map<String, Object> scalar = JsonReader.object(variants(jit, adam).get("scalarSegments"), "scalarSegments");
        assertEquals(false, scalar.get("valid"));
        assertEquals("UNCOMPILED", scalar.get("verdict"));
        Map<String, Object> counts = JsonReader.object(scalar.get("jit"), "jit");
        assertEquals(List.of(3.0, 62.0, 9.0, 2.0), List.of(counts.get("c2Samples"), counts.get("c1Samples"),
                counts.get("interpretedSamples"), counts.get("deoptimizations")));
        assertEquals(100.0 * 3 / 74, JsonReader.number(counts.get("c2Percent")), 1e-9);
        Map<String, Object> old = JsonReader.object(variants(jit, 3).get("scalarSegments"), "scalarSegments");
        assertEquals("IMPLAUSIBLE", old.get("verdict"));
        assertNull(old.get("jit"));
        assertTrue(old.containsKey("jit"));
    }

    @Test
    void coldStartRowsHoldEveryPathsSamplesAndRatio() {
        List<Object> cold = JsonReader.array(checked.get("coldStart"), "coldStart");
        assertEquals(2, cold.size());
        Map<String, Object> step1 = JsonReader.object(cold.getFirst(), "step1");
        assertEquals("step1", step1.get("method"));
        assertEquals(Map.of("n", "65536", "rule", "adam"), step1.get("params"));
        Map<String, Object> kernels = JsonReader.object(JsonReader.object(step1.get("paths"), "paths").get("kernels"), "k");
        assertEquals(5.0, kernels.get("forks"));
        assertEquals(32e6, kernels.get("medianNs"));
        assertEquals(30e6, kernels.get("minNs"));
        assertEquals(40e6, kernels.get("maxNs"));
        assertEquals(1000.0 / 32000, JsonReader.number(kernels.get("timesFasterThanReference")), 1e-12);
        assertEquals(List.of(), report.get("coldStart"));
    }

    private static Map<String, Object> variants(Map<String, Object> report, int row) {
        return JsonReader.object(JsonReader.object(JsonReader.array(report.get("rows"), "rows").get(row), "row")
                .get("variants"), "variants");
    }

    private static Map<String, Object> parse(String json) {
        return JsonReader.object(JsonReader.parse(json), "report");
    }

    private static Estimate estimate(Object json) {
        Map<String, Object> object = JsonReader.object(json, "estimate");
        return new Estimate(JsonReader.number(object.get("value")), JsonReader.number(object.get("error")));
    }
}
