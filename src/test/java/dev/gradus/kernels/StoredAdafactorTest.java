package dev.gradus.kernels;

import dev.gradus.Adafactor;
import dev.gradus.Kernels;
import dev.gradus.internal.precision.StorageChecks;
import dev.gradus.precision.StoragePlan;
import dev.gradus.precision.StorageType;
import dev.gradus.testing.property.Floats;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.Property;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code Kernels.adafactor} with a {@link StoragePlan} on a matrix-shaped parameter: after each
 * step the weights, the float32 row and column averages and the update have the bits of a
 * reference that widens the whole weights and gradient, takes the float32 shaped step, and
 * narrows the weights as the plan keeps them. Shapes from one row to batches of matrices, and
 * parameters longer than a tile.
 */
@Tag("kernels")
class StoredAdafactorTest {

    private static final int STEPS = 3;

    /** A case: the rule, the plan, the shape, whether buffers are on the heap, the clip factor and the data's seed. */
    record Case(Adafactor rule, StoragePlan plan, long[] shape, boolean heap, float clipScale, long data) {
        int n() {
            long n = 1;
            for (long dimension : shape) {
                n *= dimension;
            }
            return (int) n;
        }

        @Override
        public String toString() {
            return rule + ", " + plan + ", shape " + java.util.Arrays.toString(shape) + (heap ? ", heap" : ", native")
                    + ", clipScale " + clipScale + ", data " + data;
        }
    }

    private static final Gen<long[]> SHAPES = random -> switch (random.nextInt(4)) {
        case 0 -> new long[] {1 + random.nextInt(3000)};
        case 1 -> new long[] {1 + random.nextInt(40), 1 + random.nextInt(300)};
        case 2 -> new long[] {2 + random.nextInt(3), 2 + random.nextInt(6), 1 + random.nextInt(200)};
        default -> new long[] {3, 5000 + random.nextInt(2000)};
    };

    @Test
    void theStoredShapedStepIsTheWidenedFloatStepRounded() {
        Gen<Adafactor> rules = random -> new Adafactor(Gen.elementOf(-0.8, -0.5).next(random), 0x1p-23,
                Gen.elementOf(1e-3, 0.0).next(random), Gen.elementOf(1.0, 2.0).next(random),
                Gen.elementOf(0.0, 1e-2).next(random), random.nextInt(4) == 0);
        int tries = Math.max(10, Property.defaultTries() / 5);
        Property.forAll("stored shaped Adafactor == widened float32 step, rounded",
                        random -> new Case(rules.next(random), StoredStepTest.plan(random), SHAPES.next(random),
                                random.nextBoolean(), Gen.elementOf(1f, 1f, 0.5f).next(random), random.nextLong()))
                .tries(tries)
                .cover("a matrix", c -> c.shape().length > 1, tries / 3)
                .cover("more than one tile", c -> c.n() > 16_384, tries / 10)
                .cover("a 16-bit gradient", c -> c.plan().gradient() != StorageType.FLOAT32, tries / 3)
                .check(StoredAdafactorTest::check);
    }

    private static void check(Case c) {
        int n = c.n();
        StoragePlan plan = c.plan();
        java.util.SplittableRandom random = new java.util.SplittableRandom(c.data());
        Gen<float[]> values = Floats.arrayOf(n, Floats.wellScaled(-3, 1));
        float[] initial = values.next(random);
        long[] shape = c.shape();
        long rows = shape.length > 1 ? shape[shape.length - 2] : 1;
        long columns = shape[shape.length - 1];
        long rowFloats = shape.length > 1 ? n / columns : 1;
        long columnFloats = shape.length > 1 ? n / rows : n;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment param = StoredStepTest.buffer(arena, c.heap(), plan.paramBuffer(), initial);
            MemorySegment copy = StoredStepTest.weightCopy(arena, c.heap(), plan, param, initial);
            MemorySegment expectedParam = StoredStepTest.buffer(arena, c.heap(), plan.paramBuffer(), initial);
            MemorySegment expectedCopy = StoredStepTest.weightCopy(arena, c.heap(), plan, expectedParam, initial);
            Buffers tested = Buffers.of(arena, rowFloats, columnFloats, n);
            Buffers expected = Buffers.of(arena, rowFloats, columnFloats, n);
            for (long t = 1; t <= STEPS; t++) {
                MemorySegment gradient = StoredStepTest.buffer(arena, c.heap(), plan.gradient(), values.next(random));
                Kernels.adafactor(c.rule(), 1e-2, t, plan, param, copy, gradient, shape, tested.row, tested.column,
                        tested.update, c.clipScale());
                MemorySegment w = StoredStepTest.widenedWeights(plan, expectedParam, expectedCopy, n);
                Kernels.adafactor(c.rule(), 1e-2, t, w, StoredStepTest.widened(plan.gradient(), gradient, n), shape,
                        expected.row, expected.column, expected.update, c.clipScale());
                StoredStepTest.narrowWeights(plan, w, expectedParam, expectedCopy, n, t);
                String when = " after step " + t;
                StoredStepTest.assertSameWidened("param" + when, plan.paramBuffer(), expectedParam, param);
                if (copy != null) {
                    StoredStepTest.assertSameWidened(StorageChecks.weightCopyName(plan) + when, plan.parameter(),
                            expectedCopy, copy);
                }
                StoredStepTest.assertSameWidened("row" + when, StorageType.FLOAT32, expected.row, tested.row);
                StoredStepTest.assertSameWidened("column" + when, StorageType.FLOAT32, expected.column, tested.column);
                StoredStepTest.assertSameWidened("update" + when, StorageType.FLOAT32, expected.update, tested.update);
            }
        }
    }

    /** Adafactor's float32 state for one parameter. */
    private record Buffers(MemorySegment row, MemorySegment column, MemorySegment update) {
        static Buffers of(Arena arena, long rowFloats, long columnFloats, long n) {
            return new Buffers(arena.allocate(rowFloats * Float.BYTES), arena.allocate(columnFloats * Float.BYTES),
                    arena.allocate(n * Float.BYTES));
        }
    }
}
