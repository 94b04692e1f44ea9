package dev.gradus.jmh.harness;

import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports the {@link AdaptiveWarmup} of the fork with every iteration, as two secondary metrics:
 * {@value #TIME} (seconds of the slowest thread's warm-up) and {@value #STEADY} (1 when every
 * thread's warm-up became steady, 0 when one reached its longest time). Nothing when no warm-up
 * ran. Add it with {@code -prof dev.gradus.jmh.harness.WarmupProfiler}; the report does.
 */
public final class WarmupProfiler implements InternalProfiler {

    /** The metric of the warm-up's wall time (the report reads it by this name). */
    public static final String TIME = "gradus.warmup.time";
    /** The metric of the warm-up's steadiness (the report reads it by this name). */
    public static final String STEADY = "gradus.warmup.steady";

    /** The profiler, as JMH creates it in each fork. */
    public WarmupProfiler() {
    }

    @Override
    public String getDescription() {
        return "Gradus adaptive warm-up: its time and whether it became steady";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        // Nothing to start: the warm-up ran before the first iteration.
    }

    @Override
    @SuppressWarnings("rawtypes") // JMH's interface declares the raw type
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        AdaptiveWarmup.Summary summary = AdaptiveWarmup.summary();
        if (Double.isNaN(summary.slowestSeconds())) {
            return List.of();
        }
        return List.of(new ScalarResult(TIME, summary.slowestSeconds(), "s", AggregationPolicy.MAX),
                new ScalarResult(STEADY, summary.allSteady() ? 1 : 0, "", AggregationPolicy.MIN));
    }
}
