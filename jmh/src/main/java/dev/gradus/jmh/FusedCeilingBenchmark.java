package dev.gradus.jmh;

import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.I2S;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.S2I;
import static jdk.incubator.vector.VectorOperators.XOR;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * What a loop that converts in registers could reach for Adam with bfloat16 {@code m} and
 * {@code v} (issue 12's fused-loop target), next to the same loop on float32 state: both written
 * directly with the Vector API at the preferred species, Adam's efficient form with no options,
 * native memory, one thread. {@code bf16State} widens {@code m} and {@code v} as they are loaded
 * and narrows them to nearest even (with the vector conversion loop's operations) before it
 * stores: 20 bytes an element against {@code float32}'s 28. Neither is Gradus's kernel; the pair
 * measures the ceiling a fused loop in the library would have on this machine (decision 0026).
 * Needs a preferred species of at least 128 bits. Run it by hand (see {@code jmh/README.md}), for
 * example {@code FusedCeilingBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FusedCeilingBenchmark {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = FLOATS.withLanes(int.class);
    private static final VectorSpecies<Short> SHORTS =
            VectorSpecies.of(short.class, VectorShape.forBitSize(FLOATS.vectorBitSize() / 2));
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float STEP_SIZE = 1e-3f;
    private static final float EPSILON = 1e-8f;
    /** Float infinity's bits in every lane: a lane's magnitude above it is a NaN. */
    private static final IntVector NAN_BITS = IntVector.broadcast(INTS, 0x7f800000);

    /** Elements per buffer. */
    @Param({"4096", "16777216"})
    public int n;

    private Arena arena;
    private MemorySegment param;
    private MemorySegment gradient;
    private MemorySegment m32;
    private MemorySegment v32;
    private MemorySegment m16;
    private MemorySegment v16;

    /** Buffers of 64-byte alignment; gradients of the sine of the index, weights of 1. */
    @Setup
    public void allocate() {
        arena = Arena.ofConfined();
        param = arena.allocate((long) n * Float.BYTES, 64);
        gradient = arena.allocate((long) n * Float.BYTES, 64);
        m32 = arena.allocate((long) n * Float.BYTES, 64);
        v32 = arena.allocate((long) n * Float.BYTES, 64);
        m16 = arena.allocate((long) n * Short.BYTES, 64);
        v16 = arena.allocate((long) n * Short.BYTES, 64);
        for (long i = 0; i < n; i++) {
            param.setAtIndex(ValueLayout.JAVA_FLOAT, i, 1f);
            gradient.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) Math.sin(i));
        }
    }

    /** Frees the buffers. */
    @TearDown
    public void free() {
        arena.close();
    }

    /** Adam on float32 state: 28 bytes an element. */
    @Benchmark
    public void float32() {
        for (long i = 0, bound = FLOATS.loopBound(n); i < bound; i += FLOATS.length()) {
            long at = i * Float.BYTES;
            FloatVector g = FloatVector.fromMemorySegment(FLOATS, gradient, at, ORDER);
            FloatVector m = FloatVector.fromMemorySegment(FLOATS, m32, at, ORDER).mul(BETA1).add(g.mul(1 - BETA1));
            FloatVector v = FloatVector.fromMemorySegment(FLOATS, v32, at, ORDER).mul(BETA2)
                    .add(g.mul(g).mul(1 - BETA2));
            m.intoMemorySegment(m32, at, ORDER);
            v.intoMemorySegment(v32, at, ORDER);
            FloatVector w = FloatVector.fromMemorySegment(FLOATS, param, at, ORDER);
            w.sub(m.div(v.sqrt().add(EPSILON)).mul(STEP_SIZE)).intoMemorySegment(param, at, ORDER);
        }
    }

    /** Adam on bfloat16 state, widened and narrowed in registers: 20 bytes an element. */
    @Benchmark
    public void bf16State() {
        for (long i = 0, bound = FLOATS.loopBound(n); i < bound; i += FLOATS.length()) {
            long at = i * Float.BYTES;
            long at16 = i * Short.BYTES;
            FloatVector g = FloatVector.fromMemorySegment(FLOATS, gradient, at, ORDER);
            FloatVector m = ((IntVector) ShortVector.fromMemorySegment(SHORTS, m16, at16, ORDER)
                    .convertShape(S2I, INTS, 0)).lanewise(LSHL, 16).reinterpretAsFloats().mul(BETA1).add(g.mul(1 - BETA1));
            FloatVector v = ((IntVector) ShortVector.fromMemorySegment(SHORTS, v16, at16, ORDER)
                    .convertShape(S2I, INTS, 0)).lanewise(LSHL, 16).reinterpretAsFloats().mul(BETA2)
                    .add(g.mul(g).mul(1 - BETA2));
            // Nearest even with NaNs quieted, as ConversionLoop narrows; written out, since a helper
            // method taking vectors is not always inlined, and then passes them boxed.
            IntVector xm = m.reinterpretAsInts();
            IntVector tm = xm.lanewise(LSHR, 16);
            IntVector rm = xm.add(tm.and(1)).add(0x7fff).lanewise(LSHR, 16);
            rm.lanewise(XOR, rm.lanewise(XOR, tm.or(0x40)).and(NAN_BITS.sub(xm.and(0x7fffffff)).lanewise(ASHR, 31)))
                    .convertShape(I2S, SHORTS, 0).intoMemorySegment(m16, at16, ORDER);
            IntVector xv = v.reinterpretAsInts();
            IntVector tv = xv.lanewise(LSHR, 16);
            IntVector rv = xv.add(tv.and(1)).add(0x7fff).lanewise(LSHR, 16);
            rv.lanewise(XOR, rv.lanewise(XOR, tv.or(0x40)).and(NAN_BITS.sub(xv.and(0x7fffffff)).lanewise(ASHR, 31)))
                    .convertShape(I2S, SHORTS, 0).intoMemorySegment(v16, at16, ORDER);
            FloatVector w = FloatVector.fromMemorySegment(FLOATS, param, at, ORDER);
            w.sub(m.div(v.sqrt().add(EPSILON)).mul(STEP_SIZE)).intoMemorySegment(param, at, ORDER);
        }
    }
}
