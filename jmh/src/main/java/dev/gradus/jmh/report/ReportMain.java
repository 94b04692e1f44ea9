package dev.gradus.jmh.report;

import dev.gradus.jmh.harness.HostLoadProfiler;
import dev.gradus.jmh.report.json.JmhResultReader;
import dev.gradus.jmh.report.model.ColdStartRow;
import dev.gradus.jmh.report.model.HostLoad;
import dev.gradus.jmh.report.model.JmhResult;
import dev.gradus.jmh.report.model.Plausibility;
import dev.gradus.jmh.report.model.ReportHeader;
import dev.gradus.jmh.report.model.ResultRow;
import dev.gradus.jmh.report.model.Rule;
import dev.gradus.jmh.report.model.Variant;
import dev.gradus.jmh.report.model.Verdict;
import dev.gradus.jmh.report.text.ColdStartTable;
import dev.gradus.jmh.report.text.Progress;
import dev.gradus.jmh.report.text.ReportTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The throughput report ({@code mvn -Preport verify}): runs the rule benchmarks with
 * {@link BenchmarkRun}, or reads an earlier JMH result file ({@code --from}), then writes
 * {@code report.md}, {@code report.json} and the charts to {@code target/gradus-report/} with
 * {@link ReportFiles} and prints the tables of {@link ReportTable}. Options:
 * {@link ReportOptions#usage}.
 */
public final class ReportMain {

    /** Where the JSON results and the report go, relative to the working directory. */
    static final Path OUTPUT = Path.of("target", "gradus-report");

    private static final String SMOKE_NOTE = "**Smoke run**: it checks that everything is wired up; its "
            + "numbers mean nothing (100 ms of warm-up is too short for C2 to compile the Vector API kernels, "
            + "so every result is marked invalid).";
    private static final String NO_GC_NOTE = "**No GC profiler** (`--no-prof-gc`): whether the kernels ran "
            + "compiled (allocating nothing) was not checked.";

    private ReportMain() {
    }

    /**
     * Runs the report.
     *
     * @param args the options, see {@link ReportOptions#usage}
     * @throws Exception when JMH fails or a file cannot be read or written
     */
    public static void main(String[] args) throws Exception {
        BenchmarkCatalog catalog = BenchmarkCatalog.load();
        ReportOptions options;
        try {
            options = ReportOptions.parse(catalog, args);
        } catch (IllegalArgumentException e) {
            System.err.println("report: " + e.getMessage() + "\n\n" + ReportOptions.usage(catalog));
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(ReportOptions.usage(catalog));
            return;
        }
        ZonedDateTime date = ZonedDateTime.now();
        String commit = HostProbe.gitCommit(Path.of("").toAbsolutePath());
        Path json = options.from();
        String plan;
        List<String> notes = new ArrayList<>();
        HostLoad load;
        List<JmhResult> results;
        if (json == null) {
            json = OUTPUT.resolve("jmh-result.json");
            Path output = OUTPUT.resolve("jmh-output.txt");
            Files.createDirectories(OUTPUT);
            Files.deleteIfExists(json);
            System.out.println("Gradus report: " + options.benchmarkCount() + " benchmarks (rules "
                    + options.rules().stream().map(Rule::id).toList() + ", sizes " + options.sizes() + ", threads "
                    + options.threads() + ", variants " + options.ruleRuns().stream().map(r -> r.variant().method())
                    .distinct().toList() + ")"
                    + (options.coldStart().isEmpty() ? "" : " and " + options.coldStart().size() + " cold-start runs")
                    + "; " + options.plan().describe() + "; about "
                    + Progress.approximately(options.estimatedDuration()) + " on a quiet machine, at most "
                    + Progress.approximately(options.worstCase()) + worstCaseNote(options) + ".\n"
                    + "JMH's output: " + output.toAbsolutePath());
            LoadProbe probe = LoadProbe.start();
            probe.before().warnings().forEach(w -> System.out.println(
                    "WARNING: " + w + "; the warm-ups will take longer and errors will be wider."));
            results = BenchmarkRun.run(options, output, json, System.out);
            load = probe.finish();
            plan = options.plan().name() + " (" + options.plan().describe() + ")";
            if (options.plan().name().equals("smoke")) {
                notes.add(SMOKE_NOTE);
            }
            if (!options.gcProfiler()) {
                notes.add(NO_GC_NOTE);
            }
        } else {
            results = JmhResultReader.read(Files.readString(json));
            load = HostLoad.UNKNOWN;
            plan = "rendered from " + json.getFileName();
            notes.add("Rendered from `" + json + "`: the machine, JDK, date and commit below are those of the "
                    + "rendering, the host load is not known; the JVM flags of the forks, the iterations and the "
                    + "load during each measurement (`others %`) are those the file records.");
        }
        List<ResultRow> rows = ResultRow.group(results);
        List<ColdStartRow> coldStart = ColdStartRow.group(results);
        notes.addAll(checks(rows));
        ReportHeader header = HostProbe.header(plan, results, date, commit, load, notes);
        List<Path> written = ReportFiles.write(OUTPUT, header, rows, coldStart);
        System.out.println();
        System.out.print(ReportTable.text(rows));
        if (!coldStart.isEmpty()) {
            System.out.println("\nCold start (each fork a fresh JVM; median, min - max over forks)\n");
            System.out.print(ColdStartTable.of(coldStart).fixedWidth());
        }
        System.out.println();
        header.notes().forEach(note -> System.out.println("NOTE: " + note.replace("**", "")));
        System.out.println("Wrote " + OUTPUT.toAbsolutePath() + ": " + written.stream()
                .map(p -> p.getFileName().toString()).toList()
                + (options.from() == null ? ", jmh-result.json and jmh-output.txt" : ""));
    }

    /** How the worst case is kept: by the budget, or by the plan's longest warm-ups and attempts. */
    private static String worstCaseNote(ReportOptions options) {
        Plan plan = options.plan();
        if (!plan.bounded() || plan.worstCase(options.benchmarkCount()).compareTo(plan.budget()) < 0) {
            return " (every warm-up at its longest, every attempt made)";
        }
        return " (longer warm-ups and re-measurements share a reserve of "
                + Progress.approximately(plan.reserve(options.benchmarkCount()))
                + " and stop when it is spent; more only if JVMs start slower than planned)";
    }

    /**
     * Notes on the measurements that failed their checks, on those measured more than once, on
     * those taken while the machine was busy, and on those without evidence of the code they ran.
     */
    static List<String> checks(List<ResultRow> rows) {
        int measured = 0;
        int remeasured = 0;
        int busy = 0;
        int withoutJit = 0;
        Map<Verdict.Status, Integer> invalid = new EnumMap<>(Verdict.Status.class);
        for (ResultRow row : rows) {
            for (Variant v : Variant.values()) {
                Verdict verdict = row.verdict(v);
                if (verdict == null) {
                    continue;
                }
                measured++;
                if (!verdict.valid()) {
                    invalid.merge(verdict.status(), 1, Integer::sum);
                }
                remeasured += row.attempts(v) > 1 ? 1 : 0;
                busy += row.secondary(v, HostLoadProfiler.OTHERS) > Progress.BUSY_PERCENT ? 1 : 0;
                withoutJit += row.jit(v).recorded() ? 0 : 1;
            }
        }
        List<String> notes = new ArrayList<>();
        if (!invalid.isEmpty()) {
            int count = invalid.values().stream().mapToInt(Integer::intValue).sum();
            notes.add(String.format(Locale.ROOT, "**%d of %d measurements are invalid** (%s) after every attempt: "
                    + "their figures and every ratio they take part in read `invalid`, the charts mark them on the "
                    + "axis, and `status` says why.", count, measured, invalid.entrySet().stream()
                    .map(e -> e.getKey().words() + ": " + e.getValue()).collect(Collectors.joining(", "))));
        }
        if (remeasured > 0) {
            notes.add(String.format(Locale.ROOT, "%d of %d measurements were taken more than once: the first "
                    + "attempt failed its checks.", remeasured, measured));
        }
        if (busy > 0) {
            notes.add(String.format(Locale.ROOT, "**Warning**: %d of %d measurements ran while other processes "
                    + "used more than %.0f%% of the CPUs (`others %%` in the table of all variants).", busy, measured,
                    Progress.BUSY_PERCENT));
        }
        if (withoutJit > 0) {
            notes.add(String.format(Locale.ROOT, "**No JIT evidence** for %d of %d measurements (measured without "
                    + "`dev.gradus.jmh.harness.JitProfiler` or a flight recorder): whether C2 compiled them was not "
                    + "checked; only code more than %.0fx slower than a variant of the same formula is caught.",
                    withoutJit, measured, Plausibility.MAX_SLOWDOWN));
        }
        return notes;
    }
}
