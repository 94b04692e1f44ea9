package dev.gradus.nonfinite;

import dev.gradus.testing.Lanes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gradus.Kernels;
import dev.gradus.internal.ScalarKernels;
import dev.gradus.testing.property.BitExact;
import dev.gradus.testing.property.Buffers;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.GuardedSegment;
import dev.gradus.testing.property.Lengths;
import dev.gradus.testing.property.Property;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link Kernels#firstNonFinite} (the selected kernels: vector at the width this run forces, or
 * scalar) returns the index the scalar kernel returns, which is the first element that is NaN or
 * infinite by {@link Float#isFinite}, over whole buffers and any sub-range, and writes nothing.
 */
@Tag("kernels")
class NonFiniteKernelsTest {

    @Test
    void selectedKernelsFindTheFirstNonFiniteElementLikeTheScalarKernel() {
        int lanes = Lanes.ofSelectedKernels();
        Property.forAll("firstNonFinite: selected kernels == scalar kernel", ScanCase.generator(lanes))
                .shrinkWith(ScanCase.shrinker())
                .cover("all finite", c -> c.n() > 0 && c.expected() < 0, 10)
                .cover("the first element", c -> c.expected() == 0, 10)
                .cover("in the first vector, not first", c -> c.expected() > 0 && c.expected() < lanes, 10)
                .cover("in a later whole vector", c -> c.expected() >= lanes
                        && c.expected() < c.n() - c.n() % lanes, 8)
                .cover("in the tail after whole vectors", c -> c.n() > lanes && Lengths.isTail(c.n(), lanes)
                        && c.expected() >= c.n() - c.n() % lanes, 8)
                .cover("two in the first non-finite vector", c -> c.twoInTheFirstNonFiniteVector(lanes), 10)
                .cover("several", c -> c.nonFiniteIndices().length > 1, 15)
                .cover("shorter than one vector", c -> c.n() > 0 && c.n() < lanes, 5)
                .cover("empty", c -> c.n() == 0, 1)
                .cover("large", c -> c.n() > 4 * lanes + 3, 2)
                .cover("unaligned offset", c -> c.offset() % lanes != 0, 20)
                .cover("heap", c -> c.kind() == Buffers.Kind.HEAP, 20)
                .cover("native", c -> c.kind() == Buffers.Kind.NATIVE, 20)
                .check(NonFiniteKernelsTest::checkWholeBuffer);
    }

    @Test
    void rangesCheckedInFourStreamsGiveTheFirstNonFiniteElementLikeTheScalarKernel() {
        int lanes = Lanes.ofSelectedKernels();
        Property.forAll("firstNonFinite on >= 2^18 floats: selected kernels == scalar kernel",
                        FourStreamCases.generator(lanes))
                .tries(100)
                .shrinkWith(ScanCase.shrinker())
                .cover("all finite", c -> c.expected() < 0, 3)
                .cover("first in quarter 0", FourStreamCases.firstIn(0, lanes), 3)
                .cover("first in quarter 1", FourStreamCases.firstIn(1, lanes), 3)
                .cover("first in quarter 2", FourStreamCases.firstIn(2, lanes), 3)
                .cover("first in quarter 3", FourStreamCases.firstIn(3, lanes), 3)
                .cover("first after the quarters", FourStreamCases.firstIn(4, lanes), 3)
                .cover("a later quarter's element is read first", c -> FourStreamCases.laterQuarterReadFirst(c, lanes), 3)
                .cover("heap", c -> c.kind() == Buffers.Kind.HEAP, 10)
                .cover("native", c -> c.kind() == Buffers.Kind.NATIVE, 10)
                .check(NonFiniteKernelsTest::checkWholeBuffer);
    }

    /** Scans the whole buffer of {@code c} with the public API and checks the answer, the values and the guards. */
    private static void checkWholeBuffer(ScanCase c) {
        try (Arena arena = Arena.ofConfined()) {
            GuardedSegment values = c.guarded(arena);
            assertScansAgree(c, values.slice(), 0, c.n(), Kernels.firstNonFinite(values.slice()));
            BitExact.assertSameBits("values", c.values(), values.slice());
            values.assertGuardsUntouched();
        }
    }

    @Test
    void anySubRangeIsScannedLikeTheScalarKernel() {
        int lanes = Lanes.ofSelectedKernels();
        Gen<ScanCase> small = ScanCase.generator(lanes);
        Gen<ScanCase> large = FourStreamCases.generator(lanes);
        Gen<Double> ends = Gen.oneOf(Gen.elementOf(0.0, 1.0), random -> random.nextDouble());
        // One case in four is long, with a range over most of it, so that it takes the four-stream path.
        Gen<RangeCase> ranges = random -> random.nextInt(4) == 0
                ? new RangeCase(large.next(random), random.nextDouble(0.25), random.nextDouble(0.75, 1.0))
                : new RangeCase(small.next(random), ends.next(random), ends.next(random));
        Property.forAll("firstNonFinite on [from, to): selected kernels == scalar kernel", ranges)
                .shrinkWith(r -> ScanCase.shrinker().candidates(r.scan()).map(r::over))
                .cover("empty range", r -> r.from() == r.to(), 5)
                .cover("from inside a vector", r -> r.from() % lanes != 0, 20)
                .cover("a non-finite element before from", r -> r.scan().expected(0, r.from()) >= 0, 10)
                .cover("a non-finite element at or after to", r -> r.scan().expected(r.to(), r.scan().n()) >= 0, 10)
                .cover("found in the range", r -> r.scan().expected(r.from(), r.to()) >= 0, 20)
                .cover("all finite in a non-empty range",
                        r -> r.from() < r.to() && r.scan().expected(r.from(), r.to()) < 0, 20)
                .cover("checked in four streams from inside a vector",
                        r -> r.to() - r.from() >= FourStreamCases.MIN_FLOATS && r.from() % lanes != 0, 3)
                .check(r -> {
                    try (Arena arena = Arena.ofConfined()) {
                        GuardedSegment values = r.scan().guarded(arena);
                        assertScansAgree(r.scan(), values.slice(), r.from(), r.to(),
                                Kernels.firstNonFinite(values.slice(), r.from(), r.to()));
                        values.assertGuardsUntouched();
                    }
                });
    }

    /** The selected kernels' answer equals the scalar kernel's, and both equal the test's own loop. */
    private static void assertScansAgree(ScanCase c, MemorySegment slice, long from, long to, long selected) {
        long scalar = ScalarKernels.INSTANCE.firstNonFinite(slice, from, to);
        assertEquals(c.expected(from, to), scalar, "scalar kernel on [" + from + ", " + to + ")");
        assertEquals(scalar, selected, Kernels.implementation() + " kernels on [" + from + ", " + to + ")");
    }
}
