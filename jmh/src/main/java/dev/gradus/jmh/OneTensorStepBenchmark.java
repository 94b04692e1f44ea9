package dev.gradus.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code Optimizer.step()} on one tensor of {@code n} floats on 1 or 2 threads (every step shared
 * when 2), the optimizer built by the subclass: the frame of {@link ClippingBenchmark} and
 * {@link LayerWiseBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public abstract class OneTensorStepBenchmark {

    /** Floats of the tensor. */
    @Param({"65536", "16777216"})
    public int n;

    /** Worker threads. */
    @Param({"1", "2"})
    public int threads;

    private OptimizerState state;

    /**
     * The optimizer of the trial over a tensor of {@code n} floats.
     *
     * @param sizes the tensor's size, one element
     * @return the state holding the optimizer
     */
    protected abstract OptimizerState create(int[] sizes);

    /** The parallel threshold of {@link #threads}: every step shared when 2, none when 1. */
    protected long parallelThreshold() {
        return threads == 1 ? Long.MAX_VALUE : 0;
    }

    @Setup(Level.Trial)
    public void setUp() {
        state = create(new int[] {n});
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        state.close();
    }

    /** One step. */
    @Benchmark
    public void step() {
        state.optimizer.step();
    }
}
