package dev.gradus.jmh.report;

import dev.gradus.jmh.report.json.JmhResultReader;
import dev.gradus.jmh.report.model.JmhResult;
import dev.gradus.jmh.report.model.ReportHeader;
import dev.gradus.jmh.report.model.ResultRow;
import dev.gradus.jmh.report.model.Rule;
import dev.gradus.jmh.report.model.Variant;
import dev.gradus.jmh.report.text.ProgressFormat;
import dev.gradus.jmh.report.text.ReportTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;

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
            + "numbers mean nothing (after 100 ms the Vector API kernels are not compiled by C2 yet and "
            + "allocate boxed vectors).";

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
        String commit = HostProbe.gitCommit();
        Path json = options.from();
        String planName;
        List<String> notes;
        if (json == null) {
            json = OUTPUT.resolve("jmh-result.json");
            Files.createDirectories(OUTPUT);
            Files.deleteIfExists(json);
            System.out.println("Gradus report: " + options.benchmarkCount() + " benchmarks (rules "
                    + options.rules().stream().map(Rule::id).toList() + ", sizes " + options.sizes() + ", threads "
                    + options.threads() + ", " + Variant.values().length + " variants), "
                    + options.plan().describe() + "; about "
                    + ProgressFormat.approximately(options.estimatedDuration()) + " in all.");
            BenchmarkRun.run(options, json);
            planName = options.plan().name();
            notes = planName.equals("smoke") ? List.of(SMOKE_NOTE) : List.of();
        } else {
            planName = "from " + json.getFileName();
            notes = List.of("Rendered from `" + json + "`: the machine, JDK, date and commit below are those of "
                    + "the rendering; the JVM flags of the forks and the iterations are those the file records.");
        }

        List<JmhResult> results = JmhResultReader.read(Files.readString(json));
        List<ResultRow> rows = ResultRow.group(results);
        ReportHeader header = HostProbe.header(planName, results, date, commit, notes);
        List<Path> written = ReportFiles.write(OUTPUT, header, rows);
        System.out.println();
        System.out.print(ReportTable.text(rows));
        System.out.println("\nWrote " + OUTPUT.toAbsolutePath() + ": " + written.stream()
                .map(p -> p.getFileName().toString()).toList() + (options.from() == null ? " and jmh-result.json" : ""));
    }
}
