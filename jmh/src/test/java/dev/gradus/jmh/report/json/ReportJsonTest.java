package dev.gradus.jmh.report.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
    private final Map<String, Object> report =
            JsonReader.object(JsonReader.parse(ReportJson.render(SampleReport.HEADER, rows)), "report");

    @Test
    void headerRoundTrips() {
        Map<String, Object> header = JsonReader.object(report.get("header"), "header");
        ReportHeader h = SampleReport.HEADER;
        assertEquals(ReportJson.SCHEMA, report.get("schema"));
        assertEquals(h.cpuModel(), header.get("cpuModel"));
        assertEquals((double) h.cores(), header.get("cores"));
        assertEquals(h.fma(), header.get("fma"));
        assertEquals(h.runtimeVersion(), header.get("runtimeVersion"));
        assertEquals(h.vectorSpecies(), header.get("vectorSpecies"));
        assertEquals(h.forkJvmFlags(), header.get("forkJvmFlags"));
        assertEquals(h.reportJvmFlags(), header.get("reportJvmFlags"));
        assertEquals(h.commit(), header.get("commit"));
        assertEquals(h.plan(), header.get("plan"));
        assertEquals(h.notes(), header.get("notes"));
    }

    @Test
    void rowsHoldTheKeyTheRatiosAndTheirErrors() {
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
            assertEquals(row.percentOfRoofline(), estimate(json.get("percentOfRoofline")));
            assertEquals(row.speedupOver(Variant.SCALAR_SEGMENTS), estimate(json.get("speedupOverScalarSegments")));
            assertEquals(row.speedupOver(Variant.TEXTBOOK_ARRAY), estimate(json.get("speedupOverTextbookArray")));
        }
    }

    @Test
    void variantsHoldJmhsRawScoresAndTheDerivedFigures() {
        ResultRow adam = rows.getLast();
        Map<String, Object> json = JsonReader.object(JsonReader.array(report.get("rows"), "rows").getLast(), "row");
        Map<String, Object> variants = JsonReader.object(json.get("variants"), "variants");
        assertEquals(List.of("gradus", "scalarSegments", "textbookArray", "roofline"), List.copyOf(variants.keySet()));
        Map<String, Object> textbook = JsonReader.object(variants.get("textbookArray"), "textbookArray");
        assertEquals(81920.0, textbook.get("score"));
        assertNull(textbook.get("scoreError"));
        assertEquals("ns/op", textbook.get("scoreUnit"));
        for (Variant v : Variant.values()) {
            Map<String, Object> variant = JsonReader.object(variants.get(v.method()), v.method());
            assertEquals(adam.nanosPerOp(v), estimate(variant.get("nsPerOp")));
            assertEquals(adam.nanosPerElement(v), estimate(variant.get("nsPerElement")));
            assertEquals(adam.elementsPerSecond(v), estimate(variant.get("elementsPerSecond")));
            assertEquals(adam.gigabytesPerSecond(v), estimate(variant.get("gigabytesPerSecond")));
            assertEquals(adam.allocatedBytesPerOp(v), JsonReader.number(variant.get("allocatedBytesPerOp")));
        }
    }

    private static Estimate estimate(Object json) {
        Map<String, Object> object = JsonReader.object(json, "estimate");
        return new Estimate(JsonReader.number(object.get("value")), JsonReader.number(object.get("error")));
    }
}
