package dev.gradus.jmh.report;

import dev.gradus.jmh.harness.AdaptiveWarmup;
import dev.gradus.jmh.harness.HostLoadProfiler;
import dev.gradus.jmh.harness.JitProfiler;
import dev.gradus.jmh.harness.WarmupProfiler;
import dev.gradus.jmh.report.json.JmhResultReader;
import dev.gradus.jmh.report.model.JmhResult;
import dev.gradus.jmh.report.model.Samples;
import dev.gradus.jmh.report.model.Units;
import dev.gradus.jmh.report.model.Verdict;
import dev.gradus.jmh.report.text.Progress;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
 * Runs the benchmarks the {@link ReportOptions} select with JMH, one JMH run per benchmark (one
 * method at one size and thread count, or one cold-start benchmark with one set of parameters),
 * so that each result is checked ({@link Verdict}) as soon as it is measured and measured again
 * when it fails ({@link Attempts}), the warm-ups and re-measurements within the plan's budget
 * ({@link TimeBudget}). JMH's own output goes to {@code jmh-output.txt}, the console
 * shows {@link Progress}; after every benchmark, {@code jmh-result.json} holds all results so far
 * (every attempt, in order), so an interrupted run can still be rendered with {@code --from}.
 *
 * <p>The forks get exactly {@link #FORK_JVM_ARGS} (JMH would otherwise copy the report JVM's
 * options and append the benchmark annotation's, naming the vector module twice), plus, for the
 * rule benchmarks, {@link #STEADY_JIT_FLAG} and the adaptive warm-up's bounds, and run with {@link JitProfiler}, {@link WarmupProfiler},
 * {@link HostLoadProfiler} and JMH's GC profiler. JMH starts profilers in the order added and stops
 * them in reverse: the JIT profiler comes first, so that its flight recording starts before the
 * others measure and is read after they have, outside the GC profiler's count of allocations.
 * When another JMH run holds JMH's machine-wide lock, the run waits for it: two benchmark runs
 * never overlap.
 */
final class BenchmarkRun {

    /**
     * The forks' JVM options: the Vector API, heap for the 16M-element arrays, and JMH allowed to
     * use {@code sun.misc.Unsafe} without the JDK's warning in every fork.
     */
    static final List<String> FORK_JVM_ARGS = List.of("--add-modules", "jdk.incubator.vector", "-Xmx2g",
            "--sun-misc-unsafe-memory-access=allow");

    /**
     * The rule benchmarks' forks also run without profiled loop predication (decision 0031): with
     * it, C2 recompiled the Vector API loops for 20 to 130 s before they stayed compiled, longer
     * than the plan's warm-up; their steady speed is the same either way. The cold-start forks run
     * without it, as a user's JVM does.
     */
    static final String STEADY_JIT_FLAG = "-XX:-UseProfiledLoopPredicate";

    private static final long LOCK_WAIT_MILLIS = 10_000;
    private static final int LOCK_WAITS = 360;

    private final ReportOptions options;
    private final PrintStream output;
    private final Path json;
    private final Progress progress;
    private final List<RunResult> runResults = new ArrayList<>();
    private final TimeBudget budget;
    private boolean warnedBehind;

    private BenchmarkRun(ReportOptions options, PrintStream output, Path json, Progress progress) {
        this.options = options;
        this.output = output;
        this.json = json;
        this.progress = progress;
        this.budget = new TimeBudget(options.plan(), options.benchmarkCount(), System::nanoTime);
    }

    /**
     * Runs every selected benchmark, writing JMH's output to {@code output} and its JSON results to
     * {@code json}.
     *
     * @return the results, every attempt in order
     */
    static List<JmhResult> run(ReportOptions options, Path output, Path json, PrintStream console) throws Exception {
        Progress progress = new Progress(console, options.benchmarkCount() + options.coldStart().size(),
                options.plan().perBenchmark());
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        try (PrintStream file = new PrintStream(Files.newOutputStream(output), true, StandardCharsets.UTF_8)) {
            // JMH copies what the forks print to this JVM's standard streams: into the file with the rest.
            System.setOut(file);
            System.setErr(file);
            BenchmarkRun run = new BenchmarkRun(options, file, json, progress);
            List<JmhResult> results = new ArrayList<>();
            for (ReportOptions.RuleRun rule : options.ruleRuns()) {
                results.addAll(run.rule(rule));
            }
            for (ReportOptions.ColdStartRun cold : options.coldStart()) {
                results.add(run.coldStart(cold));
            }
            return results;
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    private List<JmhResult> rule(ReportOptions.RuleRun rule) throws Exception {
        String label = rule.rule().id() + " n=" + rule.n() + " threads=" + rule.threads() + " " + rule.variant().method();
        jmhOutput(progress.start(label));
        budget.startBenchmark();
        Plan plan = options.plan();
        if (!warnedBehind && budget.behind().isPresent()) {
            warnedBehind = true;
            progress.note("behind the plan's " + plan.budget().toMinutes() + " min by "
                    + Progress.approximately(budget.behind().get()) + " (forks start slower than planned): from here "
                    + "every warm-up gets its shortest time and nothing is measured twice");
        }
        double elements = (double) rule.n() * rule.threads();
        return Attempts.measure(attempt -> budget.warmupMax(attempt).isPresent(),
                attempt -> measure(options(options, rule, attempt,
                        budget.warmupMax(attempt).orElse(plan.adaptiveMin(attempt)))),
                (attempt, result, verdict, last) -> {
                    progress.note((attempt > 1 ? "attempt " + attempt + ": " : "")
                            + Progress.outcome(result, elements));
                    if (!verdict.valid()) {
                        String outOfTime = plan.bounded() && attempt < plan.attempts()
                                ? " (no time left for another within the plan's " + plan.budget().toMinutes() + " min)"
                                : "";
                        progress.note((last ? "INVALID after " + attempt + (attempt == 1 ? " attempt" : " attempts")
                                + outOfTime : "re-measuring with a longer warm-up") + ": " + verdict.reason());
                    }
                });
    }

    private JmhResult coldStart(ReportOptions.ColdStartRun cold) throws Exception {
        String label = cold.benchmark().substring(cold.benchmark().lastIndexOf('.', cold.benchmark().lastIndexOf('.') - 1) + 1)
                + " " + cold.params().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" ")) + ", " + options.plan().coldForks() + " forks";
        jmhOutput(progress.start(label));
        ChainedOptionsBuilder jmh = new OptionsBuilder()
                .include("^" + Pattern.quote(cold.benchmark()) + "$")
                .forks(options.plan().coldForks())
                .jvmArgs(FORK_JVM_ARGS.toArray(String[]::new))
                .addProfiler(HostLoadProfiler.class)
                .shouldFailOnError(true);
        cold.params().forEach((name, value) -> jmh.param(name, value));
        JmhResult result = measure(jmh);
        Samples samples = result.nanosSamples();
        progress.note("median " + Units.nanos(samples.median()) + ", min " + Units.nanos(samples.min()) + ", max "
                + Units.nanos(samples.max()) + " over " + samples.count() + " forks");
        return result;
    }

    /**
     * The JMH options of one attempt at a rule benchmark.
     *
     * @param warmupMax the longest adaptive warm-up, from the {@link TimeBudget}
     */
    static ChainedOptionsBuilder options(ReportOptions options, ReportOptions.RuleRun rule, int attempt,
                                         Duration warmupMax) {
        Plan plan = options.plan();
        List<String> jvmArgs = new ArrayList<>(FORK_JVM_ARGS);
        jvmArgs.add(STEADY_JIT_FLAG);
        jvmArgs.add("-D" + AdaptiveWarmup.MIN_PROPERTY + "=" + plan.adaptiveMin(attempt).toMillis());
        jvmArgs.add("-D" + AdaptiveWarmup.MAX_PROPERTY + "=" + warmupMax.toMillis());
        ChainedOptionsBuilder jmh = new OptionsBuilder()
                .include("^" + Pattern.quote(rule.benchmark()) + "$")
                .param("n", String.valueOf(rule.n()))
                .forks(plan.forks())
                .warmupIterations(plan.warmupIterations())
                .warmupTime(TimeValue.milliseconds(plan.warmupTime().toMillis()))
                .measurementIterations(plan.measurementIterations())
                .measurementTime(TimeValue.milliseconds(plan.measurementTime().toMillis()))
                .threads(rule.threads())
                .jvmArgs(jvmArgs.toArray(String[]::new))
                .jvmArgsAppend()
                .addProfiler(JitProfiler.class)
                .addProfiler(WarmupProfiler.class)
                .addProfiler(HostLoadProfiler.class)
                .shouldFailOnError(true);
        if (options.gcProfiler()) {
            jmh.addProfiler(GCProfiler.class);
        }
        return jmh;
    }

    /** Runs one benchmark, waiting while another JMH run holds the lock; records and returns its result. */
    private JmhResult measure(ChainedOptionsBuilder jmh) throws Exception {
        for (int wait = 0; ; wait++) {
            try {
                RunResult result = new Runner(jmh.build(), OutputFormatFactory.createFormatInstance(unclosable(),
                        VerboseMode.NORMAL)).runSingle();
                runResults.add(result);
                Files.writeString(json, json(runResults));
                return JmhResultReader.read(json(List.of(result))).getFirst();
            } catch (RunnerException e) {
                if (e.getMessage() == null || !e.getMessage().contains("Another JMH instance") || wait >= LOCK_WAITS) {
                    throw e;
                }
                if (wait % 6 == 0) {
                    progress.note("waiting: another JMH run holds JMH's lock");
                }
                Thread.sleep(LOCK_WAIT_MILLIS);
            }
        }
    }

    private void jmhOutput(String line) {
        output.println();
        output.println("# Gradus report: " + line);
    }

    /** {@code jmh-output.txt} for one JMH run, which closes its output when done: closing only flushes. */
    private PrintStream unclosable() {
        return new PrintStream(new FilterOutputStream(output) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        }, true, StandardCharsets.UTF_8);
    }

    /** JMH's JSON of {@code results}. */
    static String json(List<RunResult> results) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(results);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
