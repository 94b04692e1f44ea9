package dev.gradus.jmh;

import dev.gradus.internal.precision.Conversions;
import dev.gradus.internal.precision.RoundingBits;
import dev.gradus.internal.precision.ScalarConversions;
import dev.gradus.internal.vector.VectorConversions;
import dev.gradus.jmh.harness.AdaptiveWarmup;
import dev.gradus.precision.Rounding;
import dev.gradus.precision.StorageType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
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
 * The conversion loops of low-precision storage over {@code n} elements of native memory: widening
 * to floats, narrowing to nearest-even and stochastically (random bits hashed per element), by the
 * vector loops or the scalar ones ({@link #loops}); and, as a baseline for float16, the JDK's
 * {@link Float#floatToFloat16} in a loop over arrays, which C2 compiles to {@code VCVTPS2PH}. Each
 * conversion moves 6 bytes per element (4 of float, 2 of storage). Not a rule of the throughput
 * report; run it by hand (see {@code jmh/README.md}), for example
 * {@code ConversionBenchmark -p n=4096,16777216}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
@Warmup(iterations = 1, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 1)
public class ConversionBenchmark {

    /** Elements per buffer. */
    @Param({"4096", "1048576", "16777216"})
    public int n;

    /** The 16-bit storage type. */
    @Param({"BFLOAT16", "FLOAT16"})
    public StorageType type;

    /** The loops: {@code vector} ({@link VectorConversions}) or {@code scalar} ({@link ScalarConversions}). */
    @Param({"vector", "scalar"})
    public String loops;

    private Conversions conversions;

    private Arena arena;
    private MemorySegment floats;
    private MemorySegment storage;
    private float[] floatArray;
    private short[] shortArray;
    private long key = RoundingBits.key(StreamState.SEED, 1, 0);

    /**
     * Allocates the buffers (floats normally distributed with a spread of 1e-3, as weights and
     * moments are, and their nearest-even storage), then warms the running method up
     * ({@link AdaptiveWarmup}).
     *
     * @param params JMH's parameters of the running benchmark
     */
    @Setup(Level.Trial)
    public void allocate(BenchmarkParams params) {
        conversions = loops.equals("scalar") ? ScalarConversions.INSTANCE : VectorConversions.INSTANCE;
        arena = Arena.ofShared();
        floats = arena.allocate((long) n * Float.BYTES, 64);
        storage = arena.allocate((long) n * Short.BYTES, 64);
        floatArray = new float[n];
        shortArray = new short[n];
        SplittableRandom random = new SplittableRandom(StreamState.SEED);
        for (int i = 0; i < n; i++) {
            floatArray[i] = (float) (random.nextGaussian() * 1e-3);
        }
        MemorySegment.copy(floatArray, 0, floats, ValueLayout.JAVA_FLOAT, 0, n);
        ScalarConversions.INSTANCE.narrow(type, Rounding.NEAREST_EVEN, floats, storage, 0, n, key, 0);
        AdaptiveWarmup.warm(this, params);
    }

    /** Frees the buffers. */
    @TearDown(Level.Trial)
    public void free() {
        arena.close();
    }

    /** Widening the storage into the floats. */
    @Benchmark
    public void widen() {
        conversions.widen(type, storage, floats, 0, n);
    }

    /** Narrowing the floats to nearest-even. */
    @Benchmark
    public void nearest() {
        conversions.narrow(type, Rounding.NEAREST_EVEN, floats, storage, 0, n, key, 0);
    }

    /** Narrowing the floats stochastically, hashing each element's random bits. */
    @Benchmark
    public void stochastic() {
        conversions.narrow(type, Rounding.STOCHASTIC, floats, storage, 0, n, key, 0);
    }

    /** {@link Float#floatToFloat16} over arrays, auto-vectorized (the same whatever {@link #type} and {@link #loops}). */
    @Benchmark
    public void floatToFloat16Array() {
        float[] in = floatArray;
        short[] out = shortArray;
        for (int i = 0; i < in.length; i++) {
            out[i] = Float.floatToFloat16(in[i]);
        }
    }
}
