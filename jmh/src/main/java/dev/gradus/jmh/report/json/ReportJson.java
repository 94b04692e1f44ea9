package dev.gradus.jmh.report.json;

import dev.gradus.jmh.report.model.Estimate;
import dev.gradus.jmh.report.model.JmhResult;
import dev.gradus.jmh.report.model.ReportHeader;
import dev.gradus.jmh.report.model.ResultRow;
import dev.gradus.jmh.report.model.Variant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code report.json}, schema {@value #SCHEMA}: an object with {@code schema}, {@code header}
 * (every field of {@link ReportHeader}) and {@code rows}. Each row holds {@code rule},
 * {@code benchmarkClass}, {@code bytesPerElement}, {@code n}, {@code threads}, the ratios
 * {@code percentOfRoofline}, {@code speedupOverScalarSegments} and
 * {@code speedupOverTextbookArray}, and {@code variants}: per variant method name JMH's raw
 * {@code score}, {@code scoreError} and {@code scoreUnit}, and the derived {@code nsPerOp},
 * {@code nsPerElement}, {@code elementsPerSecond}, {@code gigabytesPerSecond} and
 * {@code allocatedBytesPerOp}. Derived figures are objects {@code {"value": v, "error": e}}, the
 * error as in {@link Estimate}. Numbers that are unknown (NaN) are {@code null}.
 */
public final class ReportJson {

    /** The schema's name and version. */
    public static final String SCHEMA = "gradus-report/1";

    private ReportJson() {
    }

    /**
     * The report as JSON text.
     *
     * @param header the header
     * @param rows   the rows
     * @return the text of {@code report.json}
     */
    public static String render(ReportHeader header, List<ResultRow> rows) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("schema", SCHEMA);
        report.put("header", header(header));
        List<Object> rowList = new ArrayList<>();
        rows.forEach(row -> rowList.add(row(row)));
        report.put("rows", rowList);
        return JsonWriter.write(report);
    }

    private static Map<String, Object> header(ReportHeader h) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("cpuModel", h.cpuModel());
        header.put("cores", h.cores());
        header.put("fma", h.fma());
        header.put("runtimeVersion", h.runtimeVersion());
        header.put("vmName", h.vmName());
        header.put("vendor", h.vendor());
        header.put("vectorSpecies", h.vectorSpecies());
        header.put("kernels", h.kernels());
        header.put("forkJvmFlags", h.forkJvmFlags());
        header.put("reportJvmFlags", h.reportJvmFlags());
        header.put("date", h.date());
        header.put("commit", h.commit());
        header.put("plan", h.plan());
        header.put("notes", h.notes());
        return header;
    }

    private static Map<String, Object> row(ResultRow row) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rule", row.rule().id());
        out.put("benchmarkClass", row.rule().benchmarkClass());
        out.put("bytesPerElement", row.rule().hasBytesPerElement() ? (long) row.rule().bytesPerElement() : null);
        out.put("n", row.n());
        out.put("threads", row.threads());
        out.put("percentOfRoofline", estimate(row.percentOfRoofline()));
        out.put("speedupOverScalarSegments", estimate(row.speedupOver(Variant.SCALAR_SEGMENTS)));
        out.put("speedupOverTextbookArray", estimate(row.speedupOver(Variant.TEXTBOOK_ARRAY)));
        Map<String, Object> variants = new LinkedHashMap<>();
        for (Variant v : Variant.values()) {
            JmhResult result = row.results().get(v);
            if (result != null) {
                Map<String, Object> variant = new LinkedHashMap<>();
                variant.put("score", result.score());
                variant.put("scoreError", result.scoreError());
                variant.put("scoreUnit", result.scoreUnit());
                variant.put("nsPerOp", estimate(row.nanosPerOp(v)));
                variant.put("nsPerElement", estimate(row.nanosPerElement(v)));
                variant.put("elementsPerSecond", estimate(row.elementsPerSecond(v)));
                variant.put("gigabytesPerSecond", estimate(row.gigabytesPerSecond(v)));
                variant.put("allocatedBytesPerOp", row.allocatedBytesPerOp(v));
                variants.put(v.method(), variant);
            }
        }
        out.put("variants", variants);
        return out;
    }

    private static Map<String, Object> estimate(Estimate estimate) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("value", estimate.value());
        out.put("error", estimate.error());
        return out;
    }
}
