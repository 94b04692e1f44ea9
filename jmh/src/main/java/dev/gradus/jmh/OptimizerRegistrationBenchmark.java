package dev.gradus.jmh;

import dev.gradus.Adam;
import dev.gradus.Optimizer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
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
 * Registering {@code parameters} small parameters (16 floats each, Adam, so two state buffers
 * apiece) with a fresh optimizer: every {@code add()} with its checks, overlap detection against
 * every registered buffer and state allocation, then the first step, which lays out the work
 * plans. One invocation registers them all ({@code SingleShotTime}); the buffers are allocated
 * before, the optimizer closed after, neither timed. Not a rule benchmark (no {@code gradus}
 * method); run it by hand (see {@code jmh/README.md}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class OptimizerRegistrationBenchmark {

    private static final long FLOATS = 16;

    /** How many parameters to register. */
    @Param({"1000", "10000", "100000"})
    public int parameters;

    private Arena arena;
    private MemorySegment[] values;
    private MemorySegment[] gradients;
    private String[] names;
    private Optimizer optimizer;

    @Setup(Level.Iteration)
    public void allocate() {
        arena = Arena.ofShared();
        values = new MemorySegment[parameters];
        gradients = new MemorySegment[parameters];
        names = new String[parameters];
        MemorySegment valueBlock = arena.allocate(parameters * FLOATS * Float.BYTES, 64);
        MemorySegment gradientBlock = arena.allocate(parameters * FLOATS * Float.BYTES, 64);
        for (int p = 0; p < parameters; p++) {
            values[p] = valueBlock.asSlice(p * FLOATS * Float.BYTES, FLOATS * Float.BYTES);
            gradients[p] = gradientBlock.asSlice(p * FLOATS * Float.BYTES, FLOATS * Float.BYTES);
            names[p] = "layer" + p + ".weight";
        }
    }

    @TearDown(Level.Iteration)
    public void free() {
        optimizer.close();
        arena.close();
    }

    /** Every {@code add()}, in order. */
    @Benchmark
    public Optimizer register() {
        optimizer = Optimizer.builder(Adam.DEFAULT, Adam.DEFAULT_LEARNING_RATE).build();
        for (int p = 0; p < parameters; p++) {
            optimizer.add(names[p], values[p], gradients[p]);
        }
        return optimizer;
    }

    /** Every {@code add()}, then the first step. */
    @Benchmark
    public Optimizer registerThenStep() {
        register();
        optimizer.step();
        return optimizer;
    }
}
