package dev.gradus.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gradus.Adafactor;
import dev.gradus.Kernels;
import dev.gradus.compiled.CompiledMemory;
import dev.gradus.internal.AdafactorStep;
import dev.gradus.internal.Factoring;
import dev.gradus.internal.ScalarKernels;
import dev.gradus.testing.CompiledWarmUp;
import dev.gradus.testing.Lanes;
import dev.gradus.testing.PreferredWidth;
import dev.gradus.testing.property.BitExact;
import dev.gradus.testing.property.Floats;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.Property;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link AdafactorKernelsTest}'s property on the code C2 compiled: {@link Kernels#adafactor} runs on
 * buffers of the cases' shape (a batch of two 12 x 70 matrices, in the JVM's {@link CompiledMemory}) until a step
 * allocates nothing; then every step of a case must allocate nothing too and give the scalar
 * kernels' bits, with and without maximize.
 */
@Tag("compiled")
class CompiledAdafactorTest {

    private static final long[] SHAPE = {2, 12, 70};
    private static final int N = 2 * 12 * 70;
    private static final Factoring FACTORING = Factoring.of(SHAPE, N);
    private static final Duration LIMIT = Duration.ofSeconds(120);

    /** The parameter and state of one trajectory. */
    private record Buffers(MemorySegment w, MemorySegment row, MemorySegment column, MemorySegment update) {
        static Buffers of(Arena arena, float[] initial) {
            return new Buffers(CompiledMemory.copyOf(arena, initial), CompiledMemory.zeros(arena, FACTORING.rowFloats()),
                    CompiledMemory.zeros(arena, FACTORING.columnFloats()), CompiledMemory.zeros(arena, N));
        }

        void publicStep(Adafactor rule, long t, MemorySegment g) {
            Kernels.adafactor(rule, 1e-2, t, w, g, SHAPE, row, column, update, 1f);
        }
    }

    @Test
    void compiledAdafactorHasTheScalarKernelsBits() {
        String implementation = Kernels.implementation();
        assumeTrue(implementation.startsWith("vector-"), "runs on the vector kernels only, not " + implementation);
        assumeTrue(Lanes.ofSelectedKernels() * Float.SIZE <= PreferredWidth.bits(),
                implementation + " is wider than the CPU's preferred species: C2 does not intrinsify it");
        Gen<float[]> values = Floats.arrayOf(N, Floats.wellScaled(-3, 0));
        for (Adafactor rule : new Adafactor[] {Adafactor.DEFAULT, Adafactor.DEFAULT.withMaximize(true)}) {
            untilNothingAllocated(rule, values);
        }
        Property.forAll("compiled Adafactor == scalar kernels", random -> new Object[] {
                        random.nextBoolean() ? Adafactor.DEFAULT : Adafactor.DEFAULT.withMaximize(true),
                        values.next(random), Floats.arrayOf(N, Floats.any()).next(random)})
                .tries(20)
                .check(c -> {
                    Adafactor rule = (Adafactor) c[0];
                    try (Arena arena = Arena.ofConfined()) {
                        Buffers compiled = Buffers.of(arena, (float[]) c[1]);
                        Buffers scalar = Buffers.of(arena, (float[]) c[1]);
                        MemorySegment g = CompiledMemory.copyOf(arena, (float[]) c[2]);
                        for (int t = 1; t <= 3; t++) {
                            long step = t;
                            assertEquals(0, CompiledWarmUp.allocatedBy(() -> compiled.publicStep(rule, step, g)),
                                    "bytes allocated by step " + t);
                            AdafactorStep.step(ScalarKernels.INSTANCE, rule, 1e-2, t, scalar.w, g, FACTORING, scalar.row,
                                    scalar.column, scalar.update, 0, N, 1f, false);
                            BitExact.assertSameBits("parameter after step " + t, scalar.w.toArray(ValueLayout.JAVA_FLOAT),
                                    compiled.w);
                            BitExact.assertSameBits("column after step " + t,
                                    scalar.column.toArray(ValueLayout.JAVA_FLOAT), compiled.column);
                        }
                    }
                });
    }

    private static void untilNothingAllocated(Adafactor rule, Gen<float[]> values) {
        SplittableRandom random = new SplittableRandom(1);
        try (Arena arena = Arena.ofConfined()) {
            Buffers buffers = Buffers.of(arena, values.next(random));
            MemorySegment g = CompiledMemory.copyOf(arena, values.next(random));
            CompiledWarmUp.untilNothingAllocated(t -> buffers.publicStep(rule, t, g), LIMIT,
                    () -> "Adafactor on " + Kernels.implementation());
        }
    }
}
