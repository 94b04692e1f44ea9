package dev.gradus.jmh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The throughput report ({@code mvn -Preport verify}): runs the rule benchmarks with JMH, then
 * prints the tables of {@link ReportTable} and writes them, with {@link ReportHeader}, to
 * {@code target/gradus-report/report.md}. Options: {@link ReportOptions#usage()}.
 */
public final class ReportMain {

    /** Where the JSON results and the report go, relative to the working directory. */
    static final Path OUTPUT = Path.of("target", "gradus-report");

    /** The forks' JVM options: the Vector API, and heap for the 16M-element arrays. */
    static final String[] FORK_JVM_ARGS = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"};

    private ReportMain() {
    }

    public static void main(String[] args) throws Exception {
        ReportOptions options;
        try {
            options = ReportOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("report: " + e.getMessage() + "\n\n" + ReportOptions.usage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(ReportOptions.usage());
            return;
        }
        Files.createDirectories(OUTPUT);
        Path json = OUTPUT.resolve("jmh-result.json");
        Files.deleteIfExists(json);
        ZonedDateTime date = ZonedDateTime.now();
        System.out.println("Gradus report: " + options.benchmarkCount() + " benchmarks (rules "
                + options.rules().stream().map(Rule::id).toList() + ", sizes " + options.sizes() + ", "
                + Variant.values().length + " variants), " + options.plan().describe() + "; about "
                + ProgressFormat.approximately(options.estimatedDuration()) + " in all.");

        ChainedOptionsBuilder jmh = new OptionsBuilder()
                .include(options.includeRegex())
                .param("n", options.sizes().stream().map(String::valueOf).toArray(String[]::new))
                .forks(options.plan().forks())
                .warmupIterations(options.plan().warmupIterations())
                .warmupTime(TimeValue.milliseconds(options.plan().warmupTime().toMillis()))
                .measurementIterations(options.plan().measurementIterations())
                .measurementTime(TimeValue.milliseconds(options.plan().measurementTime().toMillis()))
                .threads(1)
                .jvmArgsAppend(FORK_JVM_ARGS)
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString());
        if (options.gcProfiler()) {
            jmh.addProfiler(GCProfiler.class);
        }
        new Runner(jmh.build(), new ProgressFormat(
                OutputFormatFactory.createFormatInstance(System.out, VerboseMode.NORMAL),
                options.benchmarkCount(), options.plan().perBenchmark())).run();

        List<ResultRow> rows = ResultRow.group(JmhResult.listFromJson(Files.readString(json)));
        System.out.println();
        System.out.print(ReportTable.text(rows));
        Path report = OUTPUT.resolve("report.md");
        Files.writeString(report, ReportHeader.markdown(options, date) + ReportTable.markdown(rows));
        System.out.println("\nWrote " + report.toAbsolutePath() + " and " + json.getFileName());
    }
}
