package dev.gradus.kernels;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gradus.Adam;
import dev.gradus.Kernels;
import dev.gradus.compiled.CompiledMemory;
import dev.gradus.internal.ScalarKernels;
import dev.gradus.internal.precision.StoredSteps;
import dev.gradus.internal.precision.TiledStep;
import dev.gradus.precision.StoragePlan;
import dev.gradus.precision.StorageType;
import dev.gradus.precision.Weights;
import dev.gradus.testing.CompiledWarmUp;
import dev.gradus.testing.Lanes;
import dev.gradus.testing.PreferredWidth;
import dev.gradus.testing.property.Floats;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.Property;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Adam's one pass on bfloat16 state ({@code TiledStep.isAdamOnBf16State}: float32 weights and
 * gradient, or all-bfloat16 buffers with Kahan-compensated weights) on the code C2 compiled:
 * {@link Kernels#step} with the plan runs on buffers of the cases' shape, in the JVM's
 * {@link CompiledMemory}, until a step allocates nothing; then every step of a case must allocate
 * nothing too and give the bits of the same step tiled on the scalar kernels. The cases span 64
 * whole vectors and a tail, which the tiles step.
 */
@Tag("compiled")
class CompiledStoredAdamTest {

    private static final Duration LIMIT = Duration.ofSeconds(120);
    private static final int STEPS = 3;
    private static final double LEARNING_RATE = 1e-2;

    /**
     * The parameter, its compensation and the state of one trajectory, and the plan's gradient;
     * the state also as the list {@code Kernels.step} takes, made once so that no step allocates it.
     */
    private record Buffers(StoragePlan plan, MemorySegment w, MemorySegment copy, MemorySegment g, MemorySegment m,
                           MemorySegment v, List<MemorySegment> state) {
        Buffers(StoragePlan plan, MemorySegment w, MemorySegment copy, MemorySegment g, MemorySegment m,
                MemorySegment v) {
            this(plan, w, copy, g, m, v, List.of(m, v));
        }

        static Buffers of(Arena arena, StoragePlan plan, float[] weights, float[] gradient) {
            int n = weights.length;
            boolean kahan = plan.weights() == Weights.KAHAN;
            return new Buffers(plan, stored(arena, plan.parameter(), weights), kahan ? zeros(arena, n) : null,
                    stored(arena, plan.gradient(), gradient), zeros(arena, n), zeros(arena, n));
        }

        void publicStep(Adam rule, long t) {
            Kernels.step(rule, LEARNING_RATE, t, plan, w, copy, g, state);
        }

        void scalarStep(Adam rule, long t, int n) {
            StoredSteps.step(ScalarKernels.INSTANCE, rule, LEARNING_RATE, t, plan, w, copy, g, m, v, null, n, 0, n,
                    false, Float.POSITIVE_INFINITY, 1f);
        }

        void assertSameBits(Buffers expected, String when) {
            StoredStepTest.assertSameWidened("parameter " + when, plan.parameter(), expected.w, w);
            if (copy != null) {
                StoredStepTest.assertSameWidened("compensation " + when, StorageType.BFLOAT16, expected.copy, copy);
            }
            StoredStepTest.assertSameWidened("m " + when, StorageType.BFLOAT16, expected.m, m);
            StoredStepTest.assertSameWidened("v " + when, StorageType.BFLOAT16, expected.v, v);
        }
    }

    static List<Object[]> cases() {
        StoragePlan state = StoragePlan.of(StorageType.FLOAT32, StorageType.FLOAT32, StorageType.BFLOAT16);
        StoragePlan allKahan = StoragePlan.of(StorageType.BFLOAT16, StorageType.BFLOAT16, StorageType.BFLOAT16)
                .withWeights(Weights.KAHAN);
        return List.of(new Object[] {Adam.pytorch(), state}, new Object[] {Adam.adamW(), allKahan});
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void theCompiledOnePassHasTheScalarTilesBits(Adam rule, StoragePlan plan) {
        String implementation = Kernels.implementation();
        assumeTrue(implementation.startsWith("vector-"), "runs on the vector kernels only, not " + implementation);
        int lanes = Lanes.ofSelectedKernels();
        assumeTrue(lanes >= 4, implementation + " has no one pass: its 16-bit elements fill no short vector");
        assumeTrue(lanes * Float.SIZE <= PreferredWidth.bits(),
                implementation + " is wider than the CPU's preferred species: C2 does not intrinsify it");
        assumeTrue(TiledStep.isAdamOnBf16State(rule, plan), "not a one-pass plan");
        int n = 64 * lanes + 3;
        Gen<float[]> weights = Floats.arrayOf(n, Floats.wellScaled(-3, 0));
        untilNothingAllocated(rule, plan, weights.next(new SplittableRandom(1)), n);
        Property.forAll(rule + ", " + plan + ": compiled one pass == scalar tiles",
                        random -> new float[][] {weights.next(random), Floats.arrayOf(n, Floats.any()).next(random)})
                .tries(20)
                .check(c -> {
                    try (Arena arena = Arena.ofConfined()) {
                        Buffers compiled = Buffers.of(arena, plan, c[0], c[1]);
                        Buffers scalar = Buffers.of(arena, plan, c[0], c[1]);
                        for (int t = 1; t <= STEPS; t++) {
                            long step = t;
                            long bytes = CompiledWarmUp.allocatedBy(() -> compiled.publicStep(rule, step));
                            if (bytes != 0) {
                                throw new AssertionError(bytes + " bytes allocated by step " + t
                                        + ": the one pass ran uncompiled or on boxed vectors");
                            }
                            scalar.scalarStep(rule, t, n);
                            compiled.assertSameBits(scalar, "after step " + t);
                        }
                    }
                });
    }

    private static void untilNothingAllocated(Adam rule, StoragePlan plan, float[] values, int n) {
        try (Arena arena = Arena.ofConfined()) {
            Buffers buffers = Buffers.of(arena, plan, values, values);
            CompiledWarmUp.untilNothingAllocated(t -> buffers.publicStep(rule, t), LIMIT,
                    () -> rule + " on " + plan + " on " + Kernels.implementation());
        }
    }

    /** {@code values} rounded to nearest into a buffer of {@code type} in this JVM's kind of memory. */
    private static MemorySegment stored(Arena arena, StorageType type, float[] values) {
        return StoredStepTest.buffer(arena, CompiledMemory.kind() == dev.gradus.testing.property.Buffers.Kind.HEAP, type, values);
    }

    private static MemorySegment zeros(Arena arena, int n) {
        return stored(arena, StorageType.BFLOAT16, new float[n]);
    }
}
