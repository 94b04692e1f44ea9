package dev.gradus.jmh.report.json;

import dev.gradus.jmh.harness.HostLoadProfiler;
import dev.gradus.jmh.harness.WarmupProfiler;
import dev.gradus.jmh.report.model.ColdStartRow;
import dev.gradus.jmh.report.model.CpuInfo;
import dev.gradus.jmh.report.model.Estimate;
import dev.gradus.jmh.report.model.HostLoad;
import dev.gradus.jmh.report.model.JitEvidence;
import dev.gradus.jmh.report.model.JmhResult;
import dev.gradus.jmh.report.model.ReportHeader;
import dev.gradus.jmh.report.model.ResultRow;
import dev.gradus.jmh.report.model.Samples;
import dev.gradus.jmh.report.model.Variant;
import dev.gradus.jmh.report.model.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code report.json}, schema {@value #SCHEMA}: an object with {@code schema}, {@code header},
 * {@code rows} and {@code coldStart}.
 *
 * <ul>
 *   <li>{@code header}: every field of {@link ReportHeader}; {@code cpu} holds {@code model,
 *       frequency, caches, fma}; {@code hostLoad} holds {@code loadBefore, loadAfter} (1, 5, 15
 *       minutes), {@code othersShareBefore} (of all CPUs in the seconds before the run),
 *       {@code othersShare, stealShare} (of all CPUs over the run, 0 to 1) and
 *       {@code warnings}.</li>
 *   <li>Each row: {@code rule, benchmarkClass, bytesPerElement, n, threads, status},
 *       {@code rooflineBenchmarkClass} (the class whose roofline the row shares, the quick plan's
 *       one per traffic; null for its own), the ratios
 *       {@code percentOfRoofline, speedupOverScalarSegments, speedupOverTextbookArray}, and
 *       {@code variants}: per method name {@code valid, verdict} ({@code VALID, ALLOCATING,
 *       UNCOMPILED, NOT_STEADY, BIMODAL, WARMING, IMPLAUSIBLE}), {@code reason, attempts}, the
 *       derived {@code nsPerOp, nsPerElement, medianNsPerElement, minNsPerElement,
 *       elementsPerSecond, gigabytesPerSecond}, and {@code allocatedBytesPerOp, warmupSeconds,
 *       warmupSteady, othersCpuPercent}, {@code jit} ({@code c2Samples, c1Samples,
 *       interpretedSamples, c2Percent, compilations, deoptimizations} of the measurement, or
 *       {@code null} when not recorded), and under {@code jmh} JMH's raw {@code score, scoreError,
 *       scoreUnit} and {@code samples} (one per iteration, all forks).</li>
 *   <li>Each cold-start row: {@code benchmarkClass, method, params} and {@code paths}: per path
 *       {@code forks, medianNs, minNs, maxNs, samplesNs} and {@code timesFasterThanReference}.</li>
 * </ul>
 *
 * <p>Derived figures are objects {@code {"value": v, "error": e}}, the error as in
 * {@link Estimate}. A figure from a result that failed its checks has {@code "value": null,
 * "error": null}, {@code "invalid"} with the reason and {@code "measured"} with the number that
 * must not be taken as a result. Numbers that are unknown (NaN) are {@code null}.
 */
public final class ReportJson {

    /** The schema's name and version. */
    public static final String SCHEMA = "gradus-report/3";

    private ReportJson() {
    }

    /**
     * The report as JSON text.
     *
     * @param header    the header
     * @param rows      the rows
     * @param coldStart the cold-start rows
     * @return the text of {@code report.json}
     */
    public static String render(ReportHeader header, List<ResultRow> rows, List<ColdStartRow> coldStart) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("schema", SCHEMA);
        report.put("header", header(header));
        List<Object> rowList = new ArrayList<>();
        rows.forEach(row -> rowList.add(row(row)));
        report.put("rows", rowList);
        List<Object> coldList = new ArrayList<>();
        coldStart.forEach(row -> coldList.add(coldStart(row)));
        report.put("coldStart", coldList);
        return JsonWriter.write(report);
    }

    private static Map<String, Object> header(ReportHeader h) {
        Map<String, Object> header = new LinkedHashMap<>();
        CpuInfo cpu = h.cpu();
        Map<String, Object> cpuJson = new LinkedHashMap<>();
        cpuJson.put("model", cpu.model());
        cpuJson.put("frequency", cpu.frequency());
        cpuJson.put("caches", cpu.caches());
        cpuJson.put("fma", cpu.fma());
        header.put("cpu", cpuJson);
        header.put("cores", h.cores());
        HostLoad load = h.hostLoad();
        Map<String, Object> loadJson = new LinkedHashMap<>();
        loadJson.put("loadBefore", load.loadBefore());
        loadJson.put("loadAfter", load.loadAfter());
        loadJson.put("othersShareBefore", load.othersBefore());
        loadJson.put("othersShare", load.others());
        loadJson.put("stealShare", load.steal());
        loadJson.put("warnings", load.warnings());
        header.put("hostLoad", loadJson);
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
        out.put("status", row.status());
        out.put("rooflineBenchmarkClass", row.rooflineClass());
        out.put("percentOfRoofline", estimate(row.percentOfRoofline()));
        out.put("speedupOverScalarSegments", estimate(row.speedupOver(Variant.SCALAR_SEGMENTS)));
        out.put("speedupOverTextbookArray", estimate(row.speedupOver(Variant.TEXTBOOK_ARRAY)));
        Map<String, Object> variants = new LinkedHashMap<>();
        for (Variant v : Variant.values()) {
            JmhResult result = row.results().get(v);
            if (result != null) {
                variants.put(v.method(), variant(row, v, result));
            }
        }
        out.put("variants", variants);
        return out;
    }

    private static Map<String, Object> variant(ResultRow row, Variant v, JmhResult result) {
        Verdict verdict = row.verdict(v);
        Map<String, Object> variant = new LinkedHashMap<>();
        variant.put("valid", verdict.valid());
        variant.put("verdict", verdict.status().name());
        variant.put("reason", verdict.reason());
        variant.put("attempts", row.attempts(v));
        variant.put("nsPerOp", estimate(row.nanosPerOp(v)));
        variant.put("nsPerElement", estimate(row.nanosPerElement(v)));
        variant.put("medianNsPerElement", estimate(row.medianNanosPerElement(v)));
        variant.put("minNsPerElement", estimate(row.minNanosPerElement(v)));
        variant.put("elementsPerSecond", estimate(row.elementsPerSecond(v)));
        variant.put("gigabytesPerSecond", estimate(row.gigabytesPerSecond(v)));
        variant.put("allocatedBytesPerOp", row.allocatedBytesPerOp(v));
        variant.put("warmupSeconds", row.secondary(v, WarmupProfiler.TIME));
        double steady = row.secondary(v, WarmupProfiler.STEADY);
        variant.put("warmupSteady", Double.isNaN(steady) ? null : steady == 1);
        variant.put("othersCpuPercent", row.secondary(v, HostLoadProfiler.OTHERS));
        variant.put("jit", jit(row.jit(v)));
        Map<String, Object> jmh = new LinkedHashMap<>();
        jmh.put("score", result.score());
        jmh.put("scoreError", result.scoreError());
        jmh.put("scoreUnit", result.scoreUnit());
        jmh.put("samples", result.primary().samples().values());
        variant.put("jmh", jmh);
        return variant;
    }

    private static Map<String, Object> jit(JitEvidence jit) {
        if (!jit.recorded()) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("c2Samples", jit.c2());
        out.put("c1Samples", jit.c1());
        out.put("interpretedSamples", jit.interpreted());
        out.put("c2Percent", jit.c2Percent());
        out.put("compilations", jit.compilations());
        out.put("deoptimizations", jit.deoptimizations());
        return out;
    }

    private static Map<String, Object> coldStart(ColdStartRow row) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmarkClass", row.benchmarkClass());
        out.put("method", row.method());
        out.put("params", row.params());
        Map<String, Object> paths = new LinkedHashMap<>();
        row.paths().forEach((path, samples) -> paths.put(path, path(row, path, samples)));
        out.put("paths", paths);
        return out;
    }

    private static Map<String, Object> path(ColdStartRow row, String path, Samples samples) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("forks", samples.count());
        out.put("medianNs", samples.median());
        out.put("minNs", samples.min());
        out.put("maxNs", samples.max());
        out.put("samplesNs", samples.values());
        out.put("timesFasterThanReference", row.timesFasterThanReference(path));
        return out;
    }

    private static Map<String, Object> estimate(Estimate estimate) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (estimate.isValid()) {
            out.put("value", estimate.value());
            out.put("error", estimate.error());
        } else {
            out.put("value", null);
            out.put("error", null);
            out.put("invalid", estimate.invalid());
            out.put("measured", estimate.value());
        }
        return out;
    }
}
