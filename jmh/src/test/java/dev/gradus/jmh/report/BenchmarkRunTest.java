package dev.gradus.jmh.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.jmh.harness.HostLoadProfiler;
import dev.gradus.jmh.harness.JitProfiler;
import dev.gradus.jmh.harness.WarmupProfiler;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.ProfilerConfig;

class BenchmarkRunTest {

    private static final Duration THIRTY_SECONDS = Duration.ofSeconds(30);

    private final ReportOptions options = ReportOptions.parse(BenchmarkCatalog.load(), "--rule", "adam", "--size", "65536");
    private final ReportOptions.RuleRun gradus = options.ruleRuns().getFirst();

    @Test
    void theForksGetTheVectorModuleOnceAndNothingAppended() {
        Options jmh = BenchmarkRun.options(options, gradus, 1, THIRTY_SECONDS).build();
        List<String> args = List.copyOf(jmh.getJvmArgs().get());
        assertEquals(1, Collections.frequency(args, "jdk.incubator.vector"), args.toString());
        assertTrue(args.containsAll(BenchmarkRun.FORK_JVM_ARGS), args.toString());
        assertTrue(args.contains("-XX:-UseProfiledLoopPredicate"), "decision 0031: " + args);
        assertTrue(args.stream().noneMatch(a -> a.startsWith("--add-modules=")), "nothing copied from the report JVM");
        assertEquals(List.of(), List.copyOf(jmh.getJvmArgsAppend().get()),
                "the annotation's own append is replaced, not added");
    }

    @Test
    void theWarmUpsShortestTimeComesFromThePlanItsLongestFromTheBudget() {
        List<String> first = jvmArgs(BenchmarkRun.options(options, gradus, 1, THIRTY_SECONDS));
        List<String> second = jvmArgs(BenchmarkRun.options(options, gradus, 2, Duration.ofMillis(2500)));
        assertTrue(first.containsAll(List.of("-Dgradus.warmup.min=500", "-Dgradus.warmup.max=30000")),
                first.toString());
        assertTrue(second.containsAll(List.of("-Dgradus.warmup.min=2000", "-Dgradus.warmup.max=2500")),
                second.toString());
    }

    @Test
    void runsOneMethodAtOneSizeWithThePlansIterationsAndTheProfilers() {
        Options jmh = BenchmarkRun.options(options, gradus, 1, THIRTY_SECONDS).build();
        assertEquals(List.of("^\\Qdev.gradus.jmh.AdamBenchmark.gradus\\E$"), jmh.getIncludes());
        assertEquals(List.of("65536"), List.copyOf(jmh.getParameter("n").get()));
        assertEquals(1, jmh.getForkCount().get().intValue());
        assertEquals(5, jmh.getMeasurementIterations().get().intValue());
        assertEquals(List.of(JitProfiler.class.getName(), WarmupProfiler.class.getName(),
                HostLoadProfiler.class.getName(), GCProfiler.class.getName()),
                jmh.getProfilers().stream().map(ProfilerConfig::getKlass).toList(),
                "the JIT profiler first: JMH stops profilers in reverse, so it reads its recording last");
    }

    private static List<String> jvmArgs(ChainedOptionsBuilder jmh) {
        return List.copyOf(jmh.build().getJvmArgs().get());
    }
}
