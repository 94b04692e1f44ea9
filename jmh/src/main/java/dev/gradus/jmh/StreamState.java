package dev.gradus.jmh;

import dev.gradus.jmh.harness.AdaptiveWarmup;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The state and settings every rule benchmark shares: the element count {@link #n}, the
 * {@link TrialBuffers} of one trial, and the benchmark mode. One invocation of a benchmark method is
 * one full step over {@code n} elements, timed in nanoseconds (the report divides by {@code n}).
 *
 * <p>The settings here are for runs by hand (the report sets its own): after the adaptive warm-up,
 * one JMH warmup iteration of 500 ms, then 5 measurement iterations of 1 s, in one fork with the
 * Vector API. All annotations are inherited by the subclasses.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g",
        "--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 1, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 1)
public abstract class StreamState {

    /** The seed of every buffer's initial values. */
    static final long SEED = 0x6A_D5_0001L;

    /** Elements per buffer. */
    @Param({"4096", "65536", "1048576", "16777216"})
    public int n;

    private TrialBuffers buffers;

    /**
     * The number of buffers the benchmark reads: parameters (or what is updated in place),
     * gradients (or what is only read), then the rule's state.
     *
     * @return at least 2
     */
    protected abstract int bufferCount();

    /**
     * Takes the freshly allocated buffers of a trial into the subclass's fields.
     *
     * @param trialBuffers {@link #bufferCount()} buffers of {@link #n} floats
     */
    protected abstract void bind(TrialBuffers trialBuffers);

    /**
     * The bytes one step of a rule reads and writes per element, the traffic behind the report's
     * GB/s: every buffer is read once and every buffer but the gradient is written once,
     * {@code 4 * (2 * bufferCount() - 1)}. For a rule with {@code s} state buffers that is the
     * parameter read and written, the gradient read, and each state buffer read and written:
     * {@code 4 * (3 + 2 s)}, 12 bytes for SGD and 28 for Adam.
     *
     * @return bytes per element of one step
     */
    public final int bytesPerElement() {
        return Float.BYTES * (2 * bufferCount() - 1);
    }

    /**
     * Allocates and binds the buffers of a trial, then warms the running benchmark up until its
     * calls run compiled and steady ({@link AdaptiveWarmup}), before JMH's own iterations.
     *
     * @param params JMH's parameters of the running benchmark
     */
    @Setup(Level.Trial)
    public void allocate(BenchmarkParams params) {
        buffers = TrialBuffers.allocate(n, bufferCount(), SEED);
        bind(buffers);
        CompiledKernels.await();
        AdaptiveWarmup.warm(this, params);
    }

    /** Frees the buffers of a trial. */
    @TearDown(Level.Trial)
    public void free() {
        buffers.close();
    }
}
