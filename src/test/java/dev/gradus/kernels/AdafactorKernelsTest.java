package dev.gradus.kernels;

import dev.gradus.Adafactor;
import dev.gradus.Kernels;
import dev.gradus.internal.AdafactorStep;
import dev.gradus.internal.ChunkedKernels;
import dev.gradus.internal.Factoring;
import dev.gradus.internal.KernelSet;
import dev.gradus.internal.ScalarKernels;
import dev.gradus.reference.TextbookOptimizers;
import dev.gradus.testing.property.BitExact;
import dev.gradus.testing.property.Floats;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.Property;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link Adafactor}'s kernels: through the public {@link Kernels#adafactor} (the selected kernels,
 * vector at every forced width) a step has the bits of the scalar and the chunked kernels, for
 * matrices, batches of matrices and vectors, with special values, maximize and a clip scale; and
 * the scalar kernels follow PyTorch's formula computed in double.
 */
@Tag("kernels")
class AdafactorKernelsTest {

    private static final int STEPS = 3;

    /** A parameter shape, a rule, a learning rate, a clip scale and the seed of its values. */
    record Case(long[] shape, Adafactor rule, double learningRate, float clipScale, boolean special, long seed) {
        int n() {
            return (int) Arrays.stream(shape).reduce(1, Math::multiplyExact);
        }

        @Override
        public String toString() {
            return rule + " on " + Arrays.toString(shape) + ", a=" + learningRate + ", clipScale " + clipScale
                    + (special ? ", special values" : "") + ", seed " + seed;
        }
    }

    private static final Gen<long[]> SHAPES = random -> switch (random.nextInt(4)) {
        case 0 -> new long[] {random.nextInt(1, 300)};
        case 1 -> new long[] {random.nextInt(2, 12), random.nextInt(1, 90)};
        case 2 -> new long[] {random.nextInt(1, 4), random.nextInt(2, 7), random.nextInt(1, 40)};
        default -> new long[] {1, random.nextInt(1, 70)};
    };

    private static final Gen<Adafactor> RULES = random -> new Adafactor(
            Gen.elementOf(-0.8, -0.5, 0.0).next(random), Gen.elementOf(0x1p-23, 1e-20, 1e-3).next(random),
            Gen.elementOf(1e-3, 0.0).next(random), Gen.elementOf(1.0, 2.0).next(random),
            Gen.elementOf(0.0, 0.0, 1e-2).next(random), random.nextBoolean());

    private static final Gen<Case> CASES = random -> new Case(SHAPES.next(random), RULES.next(random),
            Gen.elementOf(1e-2, 0.5, 1e-4).next(random), Gen.elementOf(1f, 1f, 0.5f, 0.123f).next(random),
            random.nextInt(4) == 0, random.nextLong());

    /** Buffers of one trajectory: the parameter and the three state buffers. */
    private record Buffers(MemorySegment w, MemorySegment row, MemorySegment column, MemorySegment update) {
        static Buffers of(Arena arena, Case c, float[] initial) {
            Factoring f = Factoring.of(c.shape(), c.n());
            return new Buffers(arena.allocateFrom(ValueLayout.JAVA_FLOAT, initial),
                    arena.allocate(ValueLayout.JAVA_FLOAT, f.rowFloats()),
                    arena.allocate(ValueLayout.JAVA_FLOAT, f.columnFloats()),
                    arena.allocate(ValueLayout.JAVA_FLOAT, Math.max(1, c.n())).asSlice(0, c.n() * 4L));
        }

        void step(KernelSet kernels, Case c, long t, MemorySegment g) {
            AdafactorStep.step(kernels, c.rule(), c.learningRate(), t, w, g, Factoring.of(c.shape(), c.n()), row, column,
                    update, 0, c.n(), c.clipScale(), c.clipScale() != 1f);
        }

        void assertSameBits(Buffers expected, String what) {
            BitExact.assertSameBits(what + ", parameter", expected.w.toArray(ValueLayout.JAVA_FLOAT), w);
            BitExact.assertSameBits(what + ", row", expected.row.toArray(ValueLayout.JAVA_FLOAT), row);
            BitExact.assertSameBits(what + ", column", expected.column.toArray(ValueLayout.JAVA_FLOAT), column);
            BitExact.assertSameBits(what + ", update", expected.update.toArray(ValueLayout.JAVA_FLOAT), update);
        }
    }

    private static float[] values(Case c, SplittableRandom random, double scale) {
        Gen<Float> special = Floats.any();
        float[] values = new float[c.n()];
        for (int i = 0; i < values.length; i++) {
            values[i] = c.special() && random.nextInt(8) == 0 ? special.next(random)
                    : (float) (random.nextDouble(-1, 1) * scale * Math.pow(10, random.nextInt(-3, 3)));
        }
        return values;
    }

    @Test
    void theSelectedKernelsMatchTheScalarAndChunkedKernelsBitForBit() {
        Property.forAll("Adafactor: " + Kernels.implementation() + " == chunked == scalar", CASES)
                .tries(80)
                .cover("factored", c -> Factoring.of(c.shape(), c.n()).factored(), 20)
                .cover("a batch of matrices", c -> c.shape().length == 3 && c.shape()[0] > 1, 5)
                .cover("a vector", c -> !Factoring.of(c.shape(), c.n()).factored(), 10)
                .cover("special values", Case::special, 5)
                .cover("maximize", c -> c.rule().maximize(), 10)
                .check(c -> {
                    SplittableRandom random = new SplittableRandom(c.seed());
                    float[] initial = values(c, random, 1);
                    try (Arena arena = Arena.ofConfined()) {
                        Buffers selected = Buffers.of(arena, c, initial);
                        Buffers scalar = Buffers.of(arena, c, initial);
                        Buffers chunked = Buffers.of(arena, c, initial);
                        for (int t = 1; t <= STEPS; t++) {
                            float[] gradient = values(c, random, 0.1);
                            MemorySegment g = arena.allocateFrom(ValueLayout.JAVA_FLOAT, gradient);
                            Kernels.adafactor(c.rule(), c.learningRate(), t, selected.w, g, c.shape(), selected.row,
                                    selected.column, selected.update, c.clipScale());
                            scalar.step(ScalarKernels.INSTANCE, c, t, g);
                            chunked.step(ChunkedKernels.withChunk(37), c, t, g);
                            selected.assertSameBits(scalar, Kernels.implementation() + " after step " + t);
                            chunked.assertSameBits(scalar, "chunked after step " + t);
                            BitExact.assertSameBits("gradient after step " + t, gradient, g);
                        }
                    }
                });
    }

    @Test
    void theScalarKernelsFollowPyTorchsFormulaInDouble() {
        Gen<Case> finite = random -> {
            Case c = CASES.next(random);
            return new Case(c.shape(), c.rule(), c.learningRate(), 1f, false, c.seed());
        };
        Property.forAll("Adafactor: scalar kernels == torch.optim.Adafactor's step in double, per step", finite)
                .tries(60)
                .cover("factored", c -> Factoring.of(c.shape(), c.n()).factored(), 20)
                .check(c -> {
                    SplittableRandom random = new SplittableRandom(c.seed());
                    Factoring f = Factoring.of(c.shape(), c.n());
                    try (Arena arena = Arena.ofConfined()) {
                        Buffers kernel = Buffers.of(arena, c, values(c, random, 1));
                        for (int t = 1; t <= 5; t++) {
                            float[] gradient = values(c, random, 0.1);
                            double[] w = widen(kernel.w);
                            double[] row = widen(kernel.row);
                            double[] column = widen(kernel.column);
                            double[] before = w.clone();
                            TextbookOptimizers.adafactor(c.rule(), c.learningRate(), t, w,
                                    IntStream.range(0, c.n()).mapToDouble(i -> gradient[i]).toArray(),
                                    (int) f.batch(), (int) f.rows(), (int) f.columns(), row, column);
                            kernel.step(ScalarKernels.INSTANCE, c, t, arena.allocateFrom(ValueLayout.JAVA_FLOAT, gradient));
                            for (int i = 0; i < c.n(); i++) {
                                double actual = kernel.w.getAtIndex(ValueLayout.JAVA_FLOAT, i);
                                double scale = Math.abs(before[i]) + Math.abs(w[i] - before[i]) + c.learningRate();
                                if (!(Math.abs(actual - w[i]) <= 1e-5 * scale)) {
                                    throw new AssertionError("w[" + i + "] at step " + t + ": " + actual
                                            + " vs reference " + w[i] + " (from " + before[i] + ")");
                                }
                            }
                        }
                    }
                });
    }

    private static double[] widen(MemorySegment floats) {
        float[] values = floats.toArray(ValueLayout.JAVA_FLOAT);
        return IntStream.range(0, values.length).mapToDouble(i -> values[i]).toArray();
    }
}
