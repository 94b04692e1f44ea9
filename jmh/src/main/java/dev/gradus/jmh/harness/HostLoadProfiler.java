package dev.gradus.jmh.harness;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports, with every iteration, how much of the machine's CPU capacity other processes and the
 * hypervisor took while it ran ({@link CpuTimes#since}), as two secondary metrics in percent:
 * {@value #OTHERS} and {@value #STEAL}. Nothing where {@code /proc} is missing. Add it with
 * {@code -prof dev.gradus.jmh.harness.HostLoadProfiler}; the report does.
 */
public final class HostLoadProfiler implements InternalProfiler {

    /** The metric of the CPU share other processes used, in percent of all CPUs. */
    public static final String OTHERS = "gradus.host.others";
    /** The metric of the CPU share the hypervisor stole, in percent of all CPUs. */
    public static final String STEAL = "gradus.host.steal";

    private Optional<CpuTimes> before = Optional.empty();

    /** The profiler, as JMH creates it in each fork. */
    public HostLoadProfiler() {
    }

    @Override
    public String getDescription() {
        return "Gradus host load: the CPU share of other processes and of steal during each iteration";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = CpuTimes.sample();
    }

    @Override
    @SuppressWarnings("rawtypes") // JMH's interface declares the raw type
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        Optional<CpuTimes> after = CpuTimes.sample();
        if (before.isEmpty() || after.isEmpty()) {
            return List.of();
        }
        CpuTimes.Shares shares = after.get().since(before.get());
        return List.of(new ScalarResult(OTHERS, 100 * shares.others(), "%", AggregationPolicy.AVG),
                new ScalarResult(STEAL, 100 * shares.steal(), "%", AggregationPolicy.AVG));
    }
}
