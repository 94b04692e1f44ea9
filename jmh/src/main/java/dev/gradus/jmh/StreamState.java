package dev.gradus.jmh;

import dev.gradus.jmh.harness.AdaptiveWarmup;
import java.util.Set;
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
 * Vector API and without profiled loop predication, as the report's forks (decision 0031). All
 * annotations are inherited by the subclasses.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g",
        "--sun-misc-unsafe-memory-access=allow", "-XX:-UseProfiledLoopPredicate"})
@Warmup(iterations = 1, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 1)
public abstract class StreamState {

    /** The seed of every buffer's initial values. */
    static final long SEED = 0x6A_D5_0001L;

    /** The baseline that runs the scalar kernel over the same segments. */
    static final String SCALAR_SEGMENTS = "scalarSegments";
    /** The baseline that runs the textbook formula over {@code float[]}. */
    static final String TEXTBOOK_ARRAY = "textbookArray";
    /** The baseline that runs the rule's memory traffic with trivial math. */
    static final String ROOFLINE = "roofline";

    private static final Set<String> BASELINES = Set.of(SCALAR_SEGMENTS, TEXTBOOK_ARRAY, ROOFLINE);

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
     * {@code 4 * (3 + 2 s)}, 12 bytes for SGD and 28 for Adam. A benchmark whose buffers are not all
     * float32 counts their real types instead ({@link StoredAdamBenchmark}).
     *
     * @return bytes per element of one step
     */
    public int bytesPerElement() {
        return Float.BYTES * (2 * bufferCount() - 1);
    }

    /**
     * Makes one call of each Gradus kernel the benchmark's Gradus methods run, over no elements, so
     * that the set-up can wait until their compiled vector kernels serve the calls.
     */
    protected abstract void callGradusOnce();

    /**
     * Allocates and binds the buffers of a trial; for a method that runs Gradus's kernels, makes one
     * empty call of each and waits until they run their compiled vector kernels (a fresh JVM starts
     * on the chunked kernels while they warm up, a minute for Adam's on a busy 2-core machine); then
     * warms the running benchmark up until its calls run compiled and steady ({@link AdaptiveWarmup}),
     * before JMH's own iterations. A baseline ({@value #SCALAR_SEGMENTS}, {@value #TEXTBOOK_ARRAY},
     * {@value #ROOFLINE}) runs none of Gradus's kernels: its JVM neither starts their warm-up nor
     * waits for it.
     *
     * @param params JMH's parameters of the running benchmark
     */
    @Setup(Level.Trial)
    public void allocate(BenchmarkParams params) {
        buffers = TrialBuffers.allocate(n, bufferCount(), SEED);
        bind(buffers);
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        if (!BASELINES.contains(method)) {
            callGradusOnce();
            CompiledKernels.await();
        }
        AdaptiveWarmup.warm(this, params);
    }

    /** Frees the buffers of a trial. */
    @TearDown(Level.Trial)
    public void free() {
        buffers.close();
    }
}
