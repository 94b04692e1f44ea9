package dev.gradus.nonfinite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gradus.internal.ChunkedKernels;
import dev.gradus.testing.property.BitExact;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.GuardedSegment;
import dev.gradus.testing.property.Property;
import java.lang.foreign.Arena;
import org.junit.jupiter.api.Test;

/**
 * The chunked scan finds the first NaN or infinity of any range, for chunks of any size, and
 * writes nothing.
 */
class ChunkedScanTest {

    /** A range of a case, and the chunk. */
    record ChunkCase(RangeCase range, int chunk) {

        ScanCase scan() {
            return range.scan();
        }

        long from() {
            return range.from();
        }

        long to() {
            return range.to();
        }

        @Override
        public String toString() {
            return "chunk " + chunk + ", " + range;
        }
    }

    @Test
    void chunkedScanFindsTheFirstNonFiniteElement() {
        Gen<ScanCase> cases = ScanCase.generator(16);
        Gen<Integer> chunks = Gen.elementOf(1, 3, 16, 33, ChunkedKernels.DEFAULT_CHUNK);
        Gen<Double> ends = Gen.oneOf(Gen.elementOf(0.0, 1.0), random -> random.nextDouble());
        Property.forAll("firstNonFinite: chunked kernel == expected", random -> new ChunkCase(
                        new RangeCase(cases.next(random), ends.next(random), ends.next(random)), chunks.next(random)))
                .shrinkWith(c -> ScanCase.shrinker().candidates(c.scan())
                        .map(s -> new ChunkCase(c.range().over(s), c.chunk())))
                .cover("found in a later chunk", c -> c.scan().expected(c.from(), c.to()) >= c.from() + c.chunk(), 10)
                .cover("found", c -> c.scan().expected(c.from(), c.to()) >= 0, 20)
                .cover("none in a range of several chunks",
                        c -> c.to() - c.from() > 2L * c.chunk() && c.scan().expected(c.from(), c.to()) < 0, 5)
                .check(c -> {
                    try (Arena arena = Arena.ofConfined()) {
                        GuardedSegment values = c.scan().guarded(arena);
                        long found = ChunkedKernels.withChunk(c.chunk()).firstNonFinite(values.slice(), c.from(), c.to());
                        assertEquals(c.scan().expected(c.from(), c.to()), found, c.toString());
                        BitExact.assertSameBits("values", c.scan().values(), values.slice());
                        values.assertGuardsUntouched();
                    }
                });
    }
}
