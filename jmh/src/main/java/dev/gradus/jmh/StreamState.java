package dev.gradus.jmh;

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

/**
 * The state and settings every rule benchmark shares: the element count {@link #n}, the
 * {@link Buffers} of one trial, and the benchmark mode. One invocation of a benchmark method is
 * one full step over {@code n} elements, timed in nanoseconds (the report divides by {@code n}).
 *
 * <p>The warmup and measurement settings here are those of the report's {@code --quick} plan,
 * for runs by hand; the report sets its own. All annotations are inherited by the subclasses.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class StreamState {

    /** The seed of every buffer's initial values. */
    static final long SEED = 0x6A_D5_0001L;

    /** Elements per buffer. */
    @Param({"4096", "65536", "1048576", "16777216"})
    public int n;

    private Buffers buffers;

    /** The number of buffers the rule reads: parameters, gradients, then its state. */
    protected abstract int bufferCount();

    /**
     * Takes the freshly allocated buffers of a trial into the subclass's fields, and makes one
     * empty call of each kind of Gradus call it measures, so that their vector kernels warm up.
     */
    protected abstract void bind(Buffers trialBuffers);

    @Setup(Level.Trial)
    public void allocate() {
        buffers = Buffers.allocate(n, bufferCount(), SEED);
        bind(buffers);
        CompiledKernels.await();
    }

    @TearDown(Level.Trial)
    public void free() {
        buffers.close();
    }
}
