package dev.gradus.kernels;

import dev.gradus.internal.ChunkedKernels;
import dev.gradus.internal.ScalarKernels;
import dev.gradus.testing.property.BitExact;
import dev.gradus.testing.property.Buffers;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.GuardedSegment;
import dev.gradus.testing.property.Property;
import java.lang.foreign.Arena;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chunked kernels (the start-up kernels and the fallback) produce the bits of the scalar
 * kernels for the parameter and every state buffer after each of at least five consecutive
 * steps, with chunks from 1 float to the default 1024 and lengths shaped around the chunk (as
 * around a vector's lanes), so that ranges end on, before and after chunk boundaries; they never
 * write outside the target slices or the gradient.
 */
class ChunkedKernelsTest {

    private static final Gen<Integer> CHUNKS = Gen.elementOf(1, 2, 3, 7, 16, 33, ChunkedKernels.DEFAULT_CHUNK);

    /** A case and the chunk of the kernels that step it. */
    record ChunkCase(StepCase steps, int chunk) {
        @Override
        public String toString() {
            return "chunk " + chunk + ", " + steps;
        }
    }

    static List<RuleFamily> rules() {
        return Rules.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void chunkedKernelsMatchTheScalarKernelsBitForBit(RuleFamily rule) {
        Property.forAll(rule.name() + ": chunked kernels == scalar kernels", random -> {
                    int chunk = CHUNKS.next(random);
                    return new ChunkCase(StepCase.generator(rule, chunk).next(random), chunk);
                })
                .shrinkWith(c -> StepCase.shrinker().candidates(c.steps()).map(s -> new ChunkCase(s, c.chunk())))
                .cover("several chunks", c -> c.steps().n() > 2 * c.chunk(), 20)
                .cover("a partial last chunk", c -> c.steps().n() > c.chunk() && c.steps().n() % c.chunk() != 0, 20)
                .cover("the default chunk, more than one", c -> c.chunk() == ChunkedKernels.DEFAULT_CHUNK
                        && c.steps().n() > c.chunk(), 1)
                .cover("special values", c -> c.steps().hasSpecialValue(), 20)
                .cover("heap", c -> c.steps().kind() == Buffers.Kind.HEAP, 20)
                .cover("native", c -> c.steps().kind() == Buffers.Kind.NATIVE, 20)
                .check(c -> {
                    StepCase s = c.steps();
                    ChunkedKernels chunked = ChunkedKernels.withChunk(c.chunk());
                    try (Arena arena = Arena.ofConfined()) {
                        Trial tried = Trial.of(s, arena);
                        Trial scalar = Trial.of(s, arena);
                        for (int step = 0; step < s.steps(); step++) {
                            GuardedSegment gradient = Trial.gradient(s, arena, step);
                            tried.kernelStep(chunked, step, gradient.slice());
                            scalar.kernelStep(ScalarKernels.INSTANCE, step, gradient.slice());
                            BitExact.assertSameBits("gradient after step " + (step + 1), s.gradients().get(step),
                                    gradient.slice());
                            gradient.assertGuardsUntouched();
                            tried.assertSameBits(scalar, "after step " + (step + 1));
                        }
                        tried.assertGuardsUntouched();
                    }
                });
    }
}
