package dev.gradus.norms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gradus.Kernels;
import dev.gradus.Norms;
import dev.gradus.compiled.CompiledMemory;
import dev.gradus.internal.ScalarKernels;
import dev.gradus.testing.Lanes;
import dev.gradus.testing.PreferredWidth;
import dev.gradus.testing.ThreadAllocation;
import dev.gradus.testing.property.Buffers;
import dev.gradus.testing.property.Floats;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.Property;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The reductions' property on the code C2 compiled: before the cases, the sum of squares and the
 * largest absolute value run on a buffer of the cases' shape until a call allocates nothing (until
 * then every vector is a heap object); then every call of a case must allocate nothing too, and
 * give the scalar kernel's bits. One shape per JVM, as in {@code CompiledVectorEqualsScalarTest}:
 * three blocks and a part, from an element inside a row, in the JVM's {@link CompiledMemory}.
 */
@Tag("compiled")
class CompiledReductionsTest {

    private static final int N = 3 * SquareSumCase.BLOCK + 77;
    private static final int FROM = 5;
    private static final int TO = N - 2;
    private static final long LIMIT_NANOS = 120_000_000_000L;

    @Test
    void compiledReductionsHaveTheScalarKernelsBits() {
        String implementation = Kernels.implementation();
        assumeTrue(implementation.startsWith("vector-"), "runs on the vector kernels only, not " + implementation);
        assumeTrue(Lanes.ofSelectedKernels() * Float.SIZE <= PreferredWidth.bits(),
                implementation + " is wider than the CPU's preferred species: C2 does not intrinsify it");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment warm = Buffers.of(CompiledMemory.kind(), arena, Floats.arrayOf(N, Floats.wellScaled(-3, 0))
                    .next(new java.util.SplittableRandom(1)), 1, 1).slice();
            untilNothingAllocated(warm);
        }
        Gen<float[]> values = random -> Floats.arrayOf(N, random.nextBoolean() ? SquareSumCase.magnitudes()
                : Floats.any()).next(random);
        Property.forAll("compiled sumOfSquares and maxAbs == scalar kernel", values)
                .tries(30)
                .check(x -> {
                    try (Arena arena = Arena.ofConfined()) {
                        MemorySegment slice = Buffers.of(CompiledMemory.kind(), arena, x, 1, 1).slice();
                        long before = ThreadAllocation.bytes();
                        double sum = Norms.sumOfSquares(0.0, slice, FROM, TO);
                        float max = Norms.maxAbs(slice, FROM, TO);
                        long allocated = ThreadAllocation.bytes() - before;
                        assertEquals(0, allocated, "bytes allocated by compiled reductions on " + implementation);
                        assertEquals(Double.doubleToRawLongBits(ScalarKernels.INSTANCE.sumOfSquares(slice, FROM, TO, 0.0)),
                                Double.doubleToRawLongBits(sum), "sum of squares");
                        assertEquals(Float.floatToRawIntBits(ScalarKernels.INSTANCE.maxAbs(slice, FROM, TO)),
                                Float.floatToRawIntBits(max), "largest absolute value");
                    }
                });
    }

    private static void untilNothingAllocated(MemorySegment values) {
        long deadline = System.nanoTime() + LIMIT_NANOS;
        while (true) {
            long before = ThreadAllocation.bytes();
            Norms.sumOfSquares(0.0, values, FROM, TO);
            Norms.maxAbs(values, FROM, TO);
            if (ThreadAllocation.bytes() == before) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the reductions still allocate after 120 s on " + Kernels.implementation()
                        + ": not compiled with the intrinsics");
            }
        }
    }
}
