package dev.gradus.jmh;

import dev.gradus.Adam;
import dev.gradus.Optimizer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
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
 * Zeroing a gradient of {@code n} floats: {@link MemorySegment#fill}, a plain loop of float stores
 * (what {@code Optimizer.zeroGradients()} runs on each share, since C2 vectorizes it and it beat
 * {@code fill} about 4x in cache), and {@code zeroGradients()} itself on one parameter with 1 and
 * 2 threads (every call parallel with 2). The traffic is {@code 4 n} bytes written. Not a rule benchmark (no
 * {@code gradus} method); run it by hand (see {@code jmh/README.md}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ZeroGradientsBenchmark {

    /** Floats in the gradient. */
    @Param({"4096", "65536", "1048576", "16777216"})
    public int n;

    private Arena arena;
    private MemorySegment gradient;
    private Optimizer oneThread;
    private Optimizer twoThreads;

    @Setup(Level.Trial)
    public void allocate() {
        arena = Arena.ofShared();
        gradient = arena.allocate((long) n * Float.BYTES, 64);
        MemorySegment values = arena.allocate((long) n * Float.BYTES, 64);
        oneThread = Optimizer.builder(Adam.DEFAULT, Adam.DEFAULT_LEARNING_RATE).build();
        oneThread.add("w", values, gradient);
        twoThreads = Optimizer.builder(Adam.DEFAULT, Adam.DEFAULT_LEARNING_RATE).threads(2).parallelThreshold(0).build();
        twoThreads.add("w", values, gradient);
    }

    @TearDown(Level.Trial)
    public void free() {
        oneThread.close();
        twoThreads.close();
        arena.close();
    }

    /** {@code MemorySegment.fill((byte) 0)} over the whole gradient. */
    @Benchmark
    public MemorySegment fill() {
        return gradient.fill((byte) 0);
    }

    /** A loop of {@code setAtIndex(JAVA_FLOAT_UNALIGNED, i, 0f)}, which C2 vectorizes. */
    @Benchmark
    public MemorySegment floatLoop() {
        MemorySegment g = gradient;
        for (long i = 0; i < n; i++) {
            g.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i, 0f);
        }
        return g;
    }

    /** {@code zeroGradients()} on the calling thread. */
    @Benchmark
    public void zeroGradientsOneThread() {
        oneThread.zeroGradients();
    }

    /** {@code zeroGradients()} shared by the caller and one optimizer thread. */
    @Benchmark
    public void zeroGradientsTwoThreads() {
        twoThreads.zeroGradients();
    }
}
