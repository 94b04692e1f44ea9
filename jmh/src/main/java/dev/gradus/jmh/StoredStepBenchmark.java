package dev.gradus.jmh;

import dev.gradus.Adam;
import dev.gradus.Kernels;
import dev.gradus.jmh.harness.AdaptiveWarmup;
import dev.gradus.precision.Rounding;
import dev.gradus.precision.StoragePlan;
import dev.gradus.precision.StorageType;
import dev.gradus.precision.Weights;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Adam ({@code Adam.pytorch()}) through {@code Kernels.step} with a {@link StoragePlan} over
 * {@code n} elements of native memory, gradients float32, one thread. The storages and the bytes
 * one element moves (read plus written):
 * <ul>
 *   <li>{@code float32}: the float32 step, 28 bytes;</li>
 *   <li>{@code bf16-state}: {@code m} and {@code v} in bfloat16, nearest-even, 20 bytes;</li>
 *   <li>{@code bf16-state-stochastic}: the same, stochastically rounded, 20 bytes;</li>
 *   <li>{@code bf16-all}: weights and state in bfloat16, weights rounded, 16 bytes;</li>
 *   <li>{@code bf16-kahan}: bfloat16 weights with a bfloat16 compensation and state, 20 bytes;</li>
 *   <li>{@code bf16-master}: a float32 master, a bfloat16 model copy written, bfloat16 state, 22 bytes.</li>
 * </ul>
 * Every storage in one class, for a quick comparison by hand (see {@code jmh/README.md}), for
 * example {@code StoredStepBenchmark -p n=4096,16777216 -prof gc}; the throughput report's rows
 * for the same plans, with their baselines and rooflines, are the {@link StoredAdamBenchmark}s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
public class StoredStepBenchmark {

    /** Elements per buffer. */
    @Param({"4096", "1048576", "16777216"})
    public int n;

    /** The storage, as the class Javadoc lists. */
    @Param({"float32", "bf16-state", "bf16-state-stochastic", "bf16-all", "bf16-kahan", "bf16-master"})
    public String storage;

    private final Adam rule = Adam.pytorch();
    private StoragePlan plan;
    private Arena arena;
    private MemorySegment param;
    private MemorySegment copy;
    private MemorySegment gradient;
    private List<MemorySegment> state;
    private long step;

    /** The plan a storage's name stands for. */
    static StoragePlan plan(String storage) {
        StoragePlan bf16State = StoragePlan.of(StorageType.FLOAT32, StorageType.FLOAT32, StorageType.BFLOAT16);
        StoragePlan bf16 = StoragePlan.of(StorageType.BFLOAT16, StorageType.FLOAT32, StorageType.BFLOAT16);
        return switch (storage) {
            case "float32" -> StoragePlan.FLOAT32;
            case "bf16-state" -> bf16State;
            case "bf16-state-stochastic" -> bf16State.withRounding(Rounding.STOCHASTIC, StreamState.SEED);
            case "bf16-all" -> bf16;
            case "bf16-kahan" -> bf16.withWeights(Weights.KAHAN);
            case "bf16-master" -> bf16.withWeights(Weights.FLOAT32_MASTER);
            default -> throw new IllegalArgumentException("unknown storage " + storage);
        };
    }

    /**
     * Allocates the buffers (weights and gradients normally distributed with a spread of 1e-3,
     * state zero), takes one step, waits for the vector kernels its tiles call
     * ({@link CompiledKernels}), then warms the running method up ({@link AdaptiveWarmup}).
     *
     * @param params JMH's parameters of the running benchmark
     */
    @Setup(Level.Trial)
    public void allocate(BenchmarkParams params) {
        plan = plan(storage);
        arena = Arena.ofShared();
        param = filled(plan.paramBuffer(), 1);
        copy = plan.hasWeightCopy() ? arena.allocate((long) n * plan.parameter().bytes(), 64) : null;
        gradient = filled(StorageType.FLOAT32, 2);
        state = new ArrayList<>();
        for (int k = 0; k < rule.stateBuffers(); k++) {
            state.add(arena.allocate((long) n * plan.state().bytes(), 64));
        }
        step();
        CompiledKernels.await();
        AdaptiveWarmup.warm(this, params);
    }

    private MemorySegment filled(StorageType type, long seed) {
        MemorySegment floats = arena.allocate((long) n * Float.BYTES, 64);
        SplittableRandom random = new SplittableRandom(StreamState.SEED + seed);
        for (long i = 0; i < n; i++) {
            floats.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) (random.nextGaussian() * 1e-3));
        }
        if (type == StorageType.FLOAT32) {
            return floats;
        }
        MemorySegment stored = arena.allocate((long) n * type.bytes(), 64);
        for (long i = 0; i < n; i++) {
            stored.setAtIndex(ValueLayout.JAVA_SHORT, i,
                    (short) (Float.floatToRawIntBits(floats.getAtIndex(ValueLayout.JAVA_FLOAT, i)) >>> 16));
        }
        return stored;
    }

    /** Frees the buffers. */
    @TearDown(Level.Trial)
    public void free() {
        arena.close();
    }

    /** One step of Adam on every element. */
    @Benchmark
    public void step() {
        Kernels.step(rule, 1e-3, ++step, plan, param, copy, gradient, state);
    }
}
