package dev.gradus.jmh.report;

import dev.gradus.jmh.report.text.ProgressFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the benchmarks the {@link ReportOptions} select with JMH, one JMH run per thread count
 * (JMH takes one thread count per run), with a {@link ProgressFormat} over all of them, and
 * writes all results to one JMH JSON file. (Without a result file or format in its options, JMH
 * writes no file of its own.)
 */
final class BenchmarkRun {

    /** The forks' JVM options: the Vector API, and heap for the 16M-element arrays. */
    static final String[] FORK_JVM_ARGS = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"};

    private BenchmarkRun() {
    }

    /** Runs every selected benchmark and writes JMH's JSON results to {@code json}. */
    static void run(ReportOptions options, Path json) throws RunnerException {
        Plan plan = options.plan();
        ProgressFormat progress = new ProgressFormat(
                OutputFormatFactory.createFormatInstance(System.out, VerboseMode.NORMAL),
                options.benchmarkCount(), plan.perBenchmark());
        List<RunResult> results = new ArrayList<>();
        for (int threads : options.threads()) {
            ChainedOptionsBuilder jmh = new OptionsBuilder()
                    .include(options.includeRegex())
                    .param("n", options.sizes().stream().map(String::valueOf).toArray(String[]::new))
                    .forks(plan.forks())
                    .warmupIterations(plan.warmupIterations())
                    .warmupTime(TimeValue.milliseconds(plan.warmupTime().toMillis()))
                    .measurementIterations(plan.measurementIterations())
                    .measurementTime(TimeValue.milliseconds(plan.measurementTime().toMillis()))
                    .threads(threads)
                    .jvmArgsAppend(FORK_JVM_ARGS)
                    .shouldFailOnError(true);
            if (options.gcProfiler()) {
                jmh.addProfiler(GCProfiler.class);
            }
            results.addAll(new Runner(jmh.build(), progress).run());
        }
        ResultFormatFactory.getInstance(ResultFormatType.JSON, json.toString()).writeOut(results);
    }
}
