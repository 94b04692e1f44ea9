package dev.gradus.djl.jmh;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.gradus.Adam;
import dev.gradus.Kernels;
import dev.gradus.djl.GradusOptimizer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Random;
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
 * One Adam step over one parameter of {@code size} floats, as DJL's {@code Trainer} asks for it:
 * {@code optimizer.update(id, weight, grad)} on PyTorch-engine arrays on the CPU. {@code djlAdam}
 * is DJL's {@code Optimizer.adam()}, which runs libtorch's Adam; {@code gradusAdam} is
 * {@link GradusOptimizer} over Gradus's {@code Adam.DEFAULT}, zero copy, whose update copies the
 * gradient and runs one Gradus step. Both at learning rate {@code 1e-3}.
 *
 * <p>{@code threads} is the parallelism of the step itself: libtorch's intra-op threads
 * ({@code JniUtils.setNumThreads}) for DJL, the Gradus optimizer's workers (every step shared) for
 * Gradus. One JMH thread calls {@code update}; the score is the time of one step.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
public class OptimizerStepBenchmark {

    /** The arrays of one parameter, and the step's parallelism. */
    @State(Scope.Thread)
    public static class Arrays {

        /** Floats in the parameter. */
        @Param({"65536", "1048576", "16777216"})
        public int size;

        /** Threads of the step. */
        @Param({"1", "2"})
        public int threads;

        NDManager manager;
        NDArray weight;
        NDArray grad;

        /** Seeded weight and gradient in {@code [-1, 1)}, and the thread count set. */
        @Setup(Level.Trial)
        public void createArrays() {
            manager = Engine.getEngine("PyTorch").newBaseManager();
            JniUtils.setNumThreads(threads);
            weight = manager.create(floats(1, size), new Shape(size));
            grad = manager.create(floats(2, size), new Shape(size));
        }

        /**
         * The parameter's weight.
         *
         * @return the weight array
         */
        public NDArray weight() {
            return weight;
        }

        /** Frees the arrays. */
        @TearDown(Level.Trial)
        public void closeArrays() {
            manager.close();
        }

        private static float[] floats(long seed, int count) {
            Random random = new Random(seed);
            float[] values = new float[count];
            for (int i = 0; i < count; i++) {
                values[i] = random.nextFloat() * 2 - 1;
            }
            return values;
        }
    }

    /** DJL's Adam. */
    @State(Scope.Thread)
    public static class DjlAdam {

        Optimizer optimizer;

        /** Builds the optimizer. */
        @Setup(Level.Trial)
        public void build() {
            optimizer = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build();
        }
    }

    /** Gradus's Adam inside DJL. */
    @State(Scope.Thread)
    public static class GradusAdam {

        GradusOptimizer optimizer;

        /**
         * Builds the optimizer with the step's workers, and waits until Adam's kernels run compiled
         * (docs/startup.md: a JVM starts on the chunked kernels), warming them with a step on
         * scratch buffers of the same kind of memory, so that the measurement is of the steady step.
         *
         * @param arrays the parameter, for the thread count
         */
        @Setup(Level.Trial)
        public void build(Arrays arrays) {
            optimizer = GradusOptimizer.builder(Adam.DEFAULT, 1e-3)
                    .threads(arrays.threads).parallelThreshold(0).parameter("w", "w").build();
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment[] scratch = new MemorySegment[4];
                for (int b = 0; b < scratch.length; b++) {
                    scratch[b] = arena.allocate(4096L * Float.BYTES, 64);
                }
                Kernels.adam(Adam.DEFAULT, 1e-3, 1, scratch[0], scratch[1], scratch[2], scratch[3]);
            }
            try {
                if (!Kernels.awaitCompiled(Duration.ofMinutes(2))) {
                    throw new IllegalStateException("Adam's kernels did not run compiled within 2 minutes: "
                            + Kernels.implementation());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the kernels warmed up", e);
            }
        }

        /** Stops the workers and frees the state. */
        @TearDown(Level.Trial)
        public void close() {
            optimizer.close();
        }
    }

    /**
     * One step of DJL's Adam.
     *
     * @param arrays    the parameter
     * @param optimizer DJL's Adam
     * @return the weight, for JMH to consume
     */
    @Benchmark
    public NDArray djlAdam(Arrays arrays, DjlAdam optimizer) {
        optimizer.optimizer.update("w", arrays.weight, arrays.grad);
        return arrays.weight;
    }

    /**
     * One step of Gradus's Adam through {@link GradusOptimizer}.
     *
     * @param arrays    the parameter
     * @param optimizer the adapter
     * @return the weight, for JMH to consume
     */
    @Benchmark
    public NDArray gradusAdam(Arrays arrays, GradusAdam optimizer) {
        optimizer.optimizer.update("w", arrays.weight, arrays.grad);
        return arrays.weight;
    }
}
