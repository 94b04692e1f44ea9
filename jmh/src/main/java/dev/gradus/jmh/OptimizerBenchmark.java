package dev.gradus.jmh;

import dev.gradus.Adam;
import dev.gradus.Kernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code Optimizer.step()} with Adam: a model-shaped parameter set against one flat buffer of the
 * same size, one against two threads over sizes around the parallel threshold, the per-call
 * overhead of a step on a small parameter against the bare kernel, and the cost of the parallel
 * region itself: the same small step split between two workers. Not a rule benchmark (no
 * {@code gradus} method), so the throughput report leaves it out; run it by hand (see
 * {@code jmh/README.md}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OptimizerBenchmark {

    private static final long PAUSE_TOKENS = 100_000;

    /** ResNet-50's 161 tensors (25.6M floats) or one tensor of the same total, on 1 or 2 threads. */
    @State(Scope.Benchmark)
    public static class Model {
        @Param({"resnet50", "flat"})
        public String layout;

        @Param({"1", "2"})
        public int threads;

        OptimizerState state;

        @Setup(Level.Trial)
        public void setUp() {
            int[] resnet = ModelShapes.resnet50();
            int[] sizes = layout.equals("flat") ? new int[] {Arrays.stream(resnet).sum()} : resnet;
            state = new OptimizerState(sizes, threads, 0);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            state.close();
        }
    }

    /** One tensor of {@code n} floats on 1 or 2 threads, every step parallel when 2. */
    @State(Scope.Benchmark)
    public static class Threads {
        @Param({"16384", "32768", "65536", "131072", "262144", "1048576"})
        public int n;

        @Param({"1", "2"})
        public int threads;

        OptimizerState state;

        @Setup(Level.Trial)
        public void setUp() {
            state = new OptimizerState(new int[] {n}, threads, 0);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            state.close();
        }
    }

    /** A 1K-float tensor, in an optimizer and bare. */
    @State(Scope.Benchmark)
    public static class Small {
        static final int N = 1024;
        OptimizerState state;
        Arena arena;
        MemorySegment w;
        MemorySegment g;
        MemorySegment m;
        MemorySegment v;
        long step;

        @Setup(Level.Trial)
        public void setUp() {
            state = new OptimizerState(new int[] {N}, 1, Long.MAX_VALUE);
            arena = Arena.ofShared();
            w = arena.allocate(N * 4L, 64);
            g = arena.allocate(N * 4L, 64).fill((byte) 0x3c);
            m = arena.allocate(N * 4L, 64);
            v = arena.allocate(N * 4L, 64);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            state.close();
            arena.close();
        }
    }

    /**
     * A 1K-float tensor stepped by two workers on every step (threshold 0): the caller and a thread
     * of the optimizer's own, or a task of a two-thread pool. The shares are tiny, so this
     * measures what a parallel region costs beyond {@link #smallOptimizerStep}.
     */
    @State(Scope.Benchmark)
    public static class SmallParallel {
        @Param({"own", "executor"})
        public String workers;

        OptimizerState state;
        ExecutorService pool;

        @Setup(Level.Trial)
        public void setUp() {
            if (workers.equals("own")) {
                state = new OptimizerState(new int[] {Small.N}, 2, 0);
            } else {
                pool = Executors.newFixedThreadPool(2);
                state = new OptimizerState(new int[] {Small.N}, builder -> builder.executor(pool, 2).parallelThreshold(0));
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            state.close();
            if (pool != null) {
                pool.close();
            }
        }
    }

    /** A whole step of a model-shaped or a flat parameter set. */
    @Benchmark
    public void modelStep(Model model) {
        model.state.optimizer.step();
    }

    /** A whole step of one tensor of {@code n} floats. */
    @Benchmark
    public void threadsStep(Threads threads) {
        threads.state.optimizer.step();
    }

    /**
     * A step after the calling thread computed for a while (about 0.3 ms here), as between the
     * backward passes of training: the optimizer's threads have parked by then, so this measures a
     * step that must wake them. Subtract {@link #pauseOnly} for the step's own cost.
     */
    @Benchmark
    public void threadsStepAfterPause(Threads threads) {
        Blackhole.consumeCPU(PAUSE_TOKENS);
        threads.state.optimizer.step();
    }

    /** The pause of {@link #threadsStepAfterPause} alone. */
    @Benchmark
    public void pauseOnly() {
        Blackhole.consumeCPU(PAUSE_TOKENS);
    }

    /** {@code Optimizer.step()} on one 1K-float tensor. */
    @Benchmark
    public void smallOptimizerStep(Small small) {
        small.state.optimizer.step();
    }

    /** {@code Kernels.adam} on one 1K-float tensor: the floor of {@link #smallOptimizerStep}. */
    @Benchmark
    public void smallKernelStep(Small small) {
        Kernels.adam(Adam.DEFAULT, Adam.DEFAULT_LEARNING_RATE, ++small.step, small.w, small.g, small.m, small.v);
    }

    /** {@code Optimizer.step()} on one 1K-float tensor split between two workers. */
    @Benchmark
    public void smallParallelStep(SmallParallel small) {
        small.state.optimizer.step();
    }
}
