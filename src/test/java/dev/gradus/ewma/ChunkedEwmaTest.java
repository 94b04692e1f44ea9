package dev.gradus.ewma;

import dev.gradus.internal.ChunkedKernels;
import dev.gradus.internal.ScalarKernels;
import dev.gradus.testing.property.BitExact;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.GuardedSegment;
import dev.gradus.testing.property.Property;
import java.lang.foreign.Arena;
import org.junit.jupiter.api.Test;

/** The chunked EWMA kernel gives the scalar kernel's bits for chunks of any size, and writes only the average. */
class ChunkedEwmaTest {

    /** A case and the chunk of the kernels that update it. */
    record ChunkCase(EwmaCase ewma, int chunk) {
    }

    @Test
    void chunkedKernelMatchesTheScalarKernelBitForBit() {
        Gen<EwmaCase> cases = EwmaCase.generator(16);
        Gen<Integer> chunks = Gen.elementOf(1, 3, 16, 33, ChunkedKernels.DEFAULT_CHUNK);
        Property.forAll("ewma: chunked kernel == scalar kernel", random -> new ChunkCase(cases.next(random),
                        chunks.next(random)))
                .shrinkWith(c -> EwmaCase.shrinker().candidates(c.ewma()).map(e -> new ChunkCase(e, c.chunk())))
                .cover("several chunks", c -> c.ewma().n() > 2 * c.chunk(), 20)
                .cover("special values", c -> c.ewma().hasSpecialValue(), 20)
                .check(c -> {
                    EwmaCase e = c.ewma();
                    ChunkedKernels chunked = ChunkedKernels.withChunk(c.chunk());
                    float decay = (float) e.decay();
                    float oneMinusDecay = (float) (1.0 - e.decay());
                    try (Arena arena = Arena.ofConfined()) {
                        GuardedSegment tried = e.guarded(arena, e.average());
                        GuardedSegment scalar = e.guarded(arena, e.average());
                        for (float[] values : e.values()) {
                            GuardedSegment value = e.guarded(arena, values);
                            chunked.ewma(tried.slice(), value.slice(), 0, e.n(), decay, oneMinusDecay);
                            ScalarKernels.INSTANCE.ewma(scalar.slice(), value.slice(), 0, e.n(), decay, oneMinusDecay);
                            BitExact.assertSameBits("value", values, value.slice());
                            value.assertGuardsUntouched();
                        }
                        BitExact.assertSameBits("average", scalar.toFloatArray(), tried.slice());
                        tried.assertGuardsUntouched();
                    }
                });
    }
}
