package dev.gradus.precision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.AdaGrad;
import dev.gradus.Adafactor;
import dev.gradus.Adam;
import dev.gradus.GradientClipping;
import dev.gradus.Kernels;
import dev.gradus.Lamb;
import dev.gradus.Lars;
import dev.gradus.Lion;
import dev.gradus.Optimizer;
import dev.gradus.ParameterGroup;
import dev.gradus.RmsProp;
import dev.gradus.ScheduleFreeAdamW;
import dev.gradus.UpdateRule;
import dev.gradus.checkpoint.Checkpoint;
import dev.gradus.internal.RegisteredParameter;
import dev.gradus.internal.StateChecks;
import dev.gradus.internal.StateMemory;
import dev.gradus.internal.precision.ScalarConversions;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.Property;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * An optimizer whose group stores its parameters as a {@link StoragePlan} says: its steps, on one
 * thread or two, give the bits of {@code Kernels.step} with the same plan and each parameter's own
 * seed, with the float32 master and the Kahan compensation kept by the optimizer; and buffers of
 * the wrong size or type are refused with a message, before anything changes.
 */
class StoredOptimizerTest {

    private static final double RATE = 1e-2;
    private static final List<UpdateRule> RULES = List.of(Adam.pytorch(), Adam.adamW(), AdaGrad.pytorch(),
            RmsProp.pytorch(), Lion.optax(), ScheduleFreeAdamW.schedulefree(),
            Lars.DEFAULT.withTrustCoefficient(0.02).withWeightDecay(1e-4), Lamb.DEFAULT.withWeightDecay(0.01),
            Adafactor.pytorch().withWeightDecay(0.01));

    /** A case: a rule, a plan with float32 gradients, the threads, two parameters' lengths and the seed of the data. */
    record OptimizerCase(UpdateRule rule, StoragePlan plan, int threads, int first, int second, long data) {}

    @Test
    void anOptimizerStepsStoredParametersAsKernelsDo() {
        Gen<Integer> lengths = random -> random.nextBoolean() ? 1 + random.nextInt(40) : 1000 + random.nextInt(3000);
        Property.forAll("optimizer with storage == Kernels.step with storage",
                        random -> new OptimizerCase(RULES.get(random.nextInt(RULES.size())), plan(random),
                                1 + random.nextInt(2), lengths.next(random), lengths.next(random), random.nextLong()))
                .tries(Property.DEFAULT_TRIES / 4)
                .cover("two threads", c -> c.threads() == 2, 20)
                .cover("Kahan weights", c -> c.plan().weights() == Weights.KAHAN, 5)
                .cover("a float32 master", c -> c.plan().weights() == Weights.FLOAT32_MASTER, 5)
                .cover("stochastic rounding", c -> c.plan().rounding() == Rounding.STOCHASTIC, 20)
                .cover("a 16-bit gradient", c -> c.plan().gradient() != StorageType.FLOAT32, 20)
                .cover("schedule-free (its evaluation view)", c -> c.rule() instanceof ScheduleFreeAdamW, 5)
                .cover("layer-wise", c -> c.rule() instanceof Lars || c.rule() instanceof Lamb, 10)
                .cover("Adafactor", c -> c.rule() instanceof Adafactor, 5)
                .check(StoredOptimizerTest::check);
    }

    @Test
    void storedEvaluationViewsSpanTiles() {
        StoragePlan bf16 = StoragePlan.of(StorageType.BFLOAT16, StorageType.BFLOAT16, StorageType.BFLOAT16);
        check(new OptimizerCase(ScheduleFreeAdamW.schedulefree(), bf16.withWeights(Weights.KAHAN), 2, 40_000, 16_385,
                7L));
        check(new OptimizerCase(ScheduleFreeAdamW.schedulefree(), bf16.withWeights(Weights.FLOAT32_MASTER), 1,
                16_384, 33_000, 8L));
    }

    /** Layer-wise parameters over several reduction blocks and tiles, their passes and norms split between two workers. */
    @Test
    void storedLayerWiseParametersSpanBlocksAndTiles() {
        StoragePlan bf16 = StoragePlan.of(StorageType.BFLOAT16, StorageType.BFLOAT16, StorageType.BFLOAT16);
        check(new OptimizerCase(Lamb.DEFAULT.withWeightDecay(0.01), bf16.withWeights(Weights.KAHAN)
                .withRounding(Rounding.STOCHASTIC, 11L), 2, 40_000, 16_385, 9L));
        check(new OptimizerCase(Lars.DEFAULT.withTrustCoefficient(0.02), bf16.withWeights(Weights.FLOAT32_MASTER), 2,
                33_000, 4_097, 10L));
    }

    /** A matrix-shaped Adafactor parameter over two tiles, on two threads, steps as {@code Kernels.adafactor} with its plan. */
    @Test
    void shapedStoredAdafactorStepsAsKernelsDo() {
        StoragePlan plan = StoragePlan.of(StorageType.BFLOAT16, StorageType.BFLOAT16, StorageType.BFLOAT16)
                .withRounding(Rounding.STOCHASTIC, 5L).withWeights(Weights.KAHAN);
        Adafactor rule = Adafactor.pytorch().withWeightDecay(0.01);
        int n = 3 * 7000;
        long[] shape = {3, 7000};
        RandomGenerator random = new java.util.SplittableRandom(12);
        try (Arena arena = Arena.ofShared();
             Optimizer optimizer = Optimizer.builder(rule, RATE).threads(2).parallelThreshold(0).build()) {
            float[] initial = values(random, n);
            MemorySegment values = stored(arena, plan.parameter(), initial);
            MemorySegment gradient = arena.allocate((long) n * plan.gradient().bytes());
            optimizer.add("w", values, gradient, ParameterGroup.named("bf16").withStorage(plan), shape);
            Expected e = Expected.of(new OptimizerCase(rule, plan, 2, n, n, 0L), "w", initial, arena);
            MemorySegment row = arena.allocate(3L * Float.BYTES);
            MemorySegment column = arena.allocate(7000L * Float.BYTES);
            MemorySegment update = arena.allocate((long) n * Float.BYTES);
            for (long t = 1; t <= 4; t++) {
                MemorySegment.copy(stored(arena, plan.gradient(), values(random, n)), 0, gradient, 0,
                        gradient.byteSize());
                Kernels.adafactor(rule, RATE, t, e.plan(), e.param(), e.copy(), gradient, shape, row, column, update,
                        1f);
                optimizer.step();
                assertSame("values after step " + t, e.values(), values);
                assertSame("row after step " + t, row, optimizer.state("w", 0));
                assertSame("column after step " + t, column, optimizer.state("w", 1));
                assertSame("update after step " + t, update, optimizer.state("w", 2));
            }
        }
    }

    private static StoragePlan plan(RandomGenerator random) {
        StorageType[] types = StorageType.values();
        StorageType parameter = types[random.nextInt(types.length)];
        Weights weights = parameter == StorageType.FLOAT32 ? Weights.ROUNDED
                : Weights.values()[random.nextInt(Weights.values().length)];
        return StoragePlan.of(parameter, types[random.nextInt(types.length)], types[random.nextInt(types.length)])
                .withRounding(random.nextBoolean() ? Rounding.STOCHASTIC : Rounding.NEAREST_EVEN, random.nextLong())
                .withWeights(weights);
    }

    private static void check(OptimizerCase c) {
        RandomGenerator random = new java.util.SplittableRandom(c.data());
        int[] lengths = {c.first(), c.second()};
        String[] names = {"w1", "w2"};
        try (Arena arena = Arena.ofShared();
             Optimizer optimizer = Optimizer.builder(c.rule(), RATE).threads(c.threads()).parallelThreshold(0)
                     .build()) {
            ParameterGroup group = ParameterGroup.named("stored").withStorage(c.plan());
            List<Expected> expected = new ArrayList<>();
            List<MemorySegment> values = new ArrayList<>();
            List<MemorySegment> gradients = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                float[] initial = values(random, lengths[p]);
                MemorySegment v = stored(arena, c.plan().parameter(), initial);
                MemorySegment g = arena.allocate((long) lengths[p] * c.plan().gradient().bytes());
                optimizer.add(names[p], v, g, group);
                values.add(v);
                gradients.add(g);
                expected.add(Expected.of(c, names[p], initial, arena));
            }
            for (int p = 0; p < 2; p++) {
                assertEvaluationView(optimizer, names[p], c.rule(), expected.get(p), false, arena, lengths[p]);
            }
            for (long t = 1; t <= 4; t++) {
                for (int p = 0; p < 2; p++) {
                    MemorySegment.copy(stored(arena, c.plan().gradient(), values(random, lengths[p])), 0,
                            gradients.get(p), 0, gradients.get(p).byteSize());
                    expected.get(p).step(c.rule(), t, gradients.get(p));
                }
                optimizer.step();
                for (int p = 0; p < 2; p++) {
                    Expected e = expected.get(p);
                    assertSame(names[p] + " values after step " + t, e.values(), values.get(p));
                    for (int k = 0; k < c.rule().stateBuffers(); k++) {
                        assertSame(names[p] + " state " + k + " after step " + t, e.state().get(k),
                                optimizer.state(names[p], k));
                    }
                    assertEvaluationView(optimizer, names[p], c.rule(), e, true, arena, lengths[p]);
                }
            }
        }
    }

    /**
     * A schedule-free parameter's evaluation view is the float32 one of its widened weights (the
     * Kahan sum, the master) and widened {@code z}, or of {@code y} alone before step 1.
     */
    private static void assertEvaluationView(Optimizer optimizer, String name, UpdateRule rule, Expected e,
                                             boolean stepped, Arena arena, int n) {
        if (!(rule instanceof ScheduleFreeAdamW)) {
            return;
        }
        StoragePlan plan = e.plan();
        MemorySegment y = arena.allocate((long) n * Float.BYTES);
        widen(plan.paramBuffer(), e.param(), y, n);
        if (plan.weights() == Weights.KAHAN) {
            MemorySegment c = arena.allocate((long) n * Float.BYTES);
            widen(plan.parameter(), e.copy(), c, n);
            for (int i = 0; i < n; i++) {
                y.setAtIndex(ValueLayout.JAVA_FLOAT, i,
                        y.getAtIndex(ValueLayout.JAVA_FLOAT, i) + c.getAtIndex(ValueLayout.JAVA_FLOAT, i));
            }
        }
        MemorySegment z = y;
        if (stepped) {
            z = arena.allocate((long) n * Float.BYTES);
            widen(plan.state(), e.state().get(0), z, n);
        }
        MemorySegment expected = arena.allocate((long) n * Float.BYTES);
        Kernels.scheduleFreeEvaluation(rule, y, z, expected);
        MemorySegment actual = arena.allocate((long) n * Float.BYTES);
        optimizer.evaluationWeights(name, actual);
        assertSame(name + " evaluation view (" + plan + (stepped ? ")" : ", before step 1)"), expected, actual);
    }

    /** The buffers {@code Kernels.step} gets for one parameter: the user's values, the weights' buffer and the state. */
    private record Expected(StoragePlan plan, MemorySegment param, MemorySegment copy, MemorySegment values,
                            List<MemorySegment> state) {

        static Expected of(OptimizerCase c, String name, float[] initial, Arena arena) {
            StoragePlan plan = c.plan().withRounding(c.plan().rounding(),
                    RegisteredParameter.seed(c.plan().seed(), name));
            MemorySegment values = stored(arena, plan.parameter(), initial);
            MemorySegment param = values;
            MemorySegment copy = null;
            if (plan.weights() == Weights.FLOAT32_MASTER) {
                param = arena.allocate((long) initial.length * Float.BYTES);
                widen(plan.parameter(), values, param, initial.length);
                copy = values;
            } else if (plan.weights() == Weights.KAHAN) {
                copy = arena.allocate((long) initial.length * plan.parameter().bytes());
            }
            List<MemorySegment> state = new ArrayList<>();
            for (int k = 0; k < c.rule().stateBuffers(); k++) {
                long elements = c.rule() instanceof ScheduleFreeAdamW && k == 2 ? 4
                        : StateChecks.rangedLength(c.rule(), k, initial.length);
                StorageType type = StateMemory.stateType(c.rule(), k, plan);
                MemorySegment buffer = arena.allocate(elements * type.bytes());
                float value = c.rule().initialStateValue(k);
                float[] filled = new float[(int) elements];
                java.util.Arrays.fill(filled, value);
                MemorySegment.copy(stored(arena, type, filled), 0, buffer, 0, buffer.byteSize());
                state.add(buffer);
            }
            return new Expected(plan, param, copy, values, state);
        }

        void step(UpdateRule rule, long t, MemorySegment gradient) {
            Kernels.step(rule, RATE, t, plan, param, copy, gradient, state);
        }
    }

    @Test
    void badStoredBuffersAreRefusedBeforeAnythingChanges() throws Exception {
        StoragePlan bf16 = StoragePlan.of(StorageType.BFLOAT16, StorageType.FLOAT32, StorageType.BFLOAT16);
        try (Arena arena = Arena.ofShared(); Optimizer optimizer = Optimizer.builder(Adam.pytorch(), RATE).build()) {
            ParameterGroup group = ParameterGroup.named("bf16").withStorage(bf16);
            IllegalArgumentException gradientLength = assertThrows(IllegalArgumentException.class,
                    () -> optimizer.add("w", arena.allocate(8), arena.allocate(12), group));
            assertEquals("gradient holds 3 floats but param holds 4", gradientLength.getMessage());
            IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
                    () -> optimizer.add("w", arena.allocate(7), arena.allocate(12), group));
            assertTrue(odd.getMessage().contains("values is stored as BFLOAT16"), odd.getMessage());
            assertEquals(List.of(), optimizer.parameterNames());

            MemorySegment values = stored(arena, StorageType.BFLOAT16, new float[] {1f, 2f, 3f, 4f});
            optimizer.add("w", values, arena.allocate(16), group);
            assertEquals(8, optimizer.state("w", 0).byteSize(), "m is stored as bfloat16");
        }
    }

    @Test
    void aNonFiniteSixteenBitGradientIsFoundBeforeAnythingChanges() {
        StoragePlan plan = StoragePlan.of(StorageType.BFLOAT16, StorageType.FLOAT16, StorageType.BFLOAT16)
                .withWeights(Weights.KAHAN);
        try (Arena arena = Arena.ofShared();
             Optimizer optimizer = Optimizer.builder(Adam.pytorch(), RATE).threads(2).parallelThreshold(0)
                     .nonFinite(dev.gradus.NonFinitePolicy.THROW).build()) {
            int n = 5000;
            float[] gradient = values(new java.util.SplittableRandom(3), n);
            gradient[4321] = 70000f;
            MemorySegment values = stored(arena, StorageType.BFLOAT16, values(new java.util.SplittableRandom(4), n));
            MemorySegment g = stored(arena, StorageType.FLOAT16, gradient);
            optimizer.add("w", values, g, ParameterGroup.named("half").withStorage(plan));
            byte[] before = values.toArray(ValueLayout.JAVA_BYTE);
            dev.gradus.NonFiniteGradientException e = assertThrows(dev.gradus.NonFiniteGradientException.class,
                    optimizer::step);
            assertEquals("w", e.parameter());
            assertEquals(4321, e.index(), "70000 overflows float16 to infinity: " + e.getMessage());
            assertTrue(e.getMessage().contains("Infinity"), e.getMessage());
            assertArrayEquals(before, values.toArray(ValueLayout.JAVA_BYTE));
            assertArrayEquals(new byte[(int) optimizer.state("w", 0).byteSize()],
                    optimizer.state("w", 0).toArray(ValueLayout.JAVA_BYTE));
        }
    }

    /** A resume case: a rule, a plan, the threads, the steps before and after the checkpoint. */
    record ResumeCase(UpdateRule rule, StoragePlan plan, int threads, int before, int after, long data) {}

    @Test
    void aCheckpointResumesStoredParametersBitForBit() {
        Property.forAll("save after k stored steps, load, m more == k + m steps",
                        random -> new ResumeCase(RULES.get(random.nextInt(RULES.size())), plan(random),
                                1 + random.nextInt(2), random.nextInt(4), 1 + random.nextInt(3), random.nextLong()))
                .tries(Property.DEFAULT_TRIES / 5)
                .cover("Kahan weights", c -> c.plan().weights() == Weights.KAHAN, 5)
                .cover("a float32 master", c -> c.plan().weights() == Weights.FLOAT32_MASTER, 5)
                .cover("16-bit state", c -> c.plan().state() != StorageType.FLOAT32, 10)
                .check(StoredOptimizerTest::resumes);
    }

    private static void resumes(ResumeCase c) throws Exception {
        int n = 1500;
        float[] initial = values(new java.util.SplittableRandom(c.data()), n);
        ParameterGroup group = ParameterGroup.named("stored").withStorage(c.plan());
        try (Arena arena = Arena.ofShared();
             Optimizer straight = optimizer(c);
             Optimizer first = optimizer(c);
             Optimizer resumed = optimizer(c)) {
            MemorySegment[] values = new MemorySegment[3];
            MemorySegment[] gradients = new MemorySegment[3];
            Optimizer[] optimizers = {straight, first, resumed};
            for (int o = 0; o < 3; o++) {
                values[o] = stored(arena, c.plan().parameter(), o == 2 ? new float[n] : initial);
                gradients[o] = arena.allocate((long) n * c.plan().gradient().bytes());
                optimizers[o].add("w", values[o], gradients[o], group);
            }
            for (int t = 1; t <= c.before() + c.after(); t++) {
                float[] gradient = values(new java.util.SplittableRandom(c.data() + t), n);
                MemorySegment storedGradient = stored(arena, c.plan().gradient(), gradient);
                for (int o = 0; o < 3; o++) {
                    MemorySegment.copy(storedGradient, 0, gradients[o], 0, gradients[o].byteSize());
                }
                if (t == c.before() + 1) {
                    Checkpoint.load(new java.io.ByteArrayInputStream(
                            Checkpoint.toBytes(first, Checkpoint.Contents.WITH_PARAMETERS)), resumed);
                }
                straight.step();
                if (t <= c.before()) {
                    first.step();
                } else {
                    resumed.step();
                }
            }
            if (c.before() == 0 && c.after() == 0) {
                return;
            }
            assertSame("values", values[0], values[2]);
            for (int k = 0; k < c.rule().stateBuffers(); k++) {
                assertSame("state " + k, straight.state("w", k), resumed.state("w", k));
            }
        }
    }

    private static Optimizer optimizer(ResumeCase c) {
        return Optimizer.builder(c.rule(), RATE).threads(c.threads()).parallelThreshold(0).build();
    }

    @Test
    void clippedStoredStepsAreTheSameOnOneThreadAndTwo() {
        StoragePlan plan = StoragePlan.of(StorageType.BFLOAT16, StorageType.BFLOAT16, StorageType.BFLOAT16)
                .withRounding(Rounding.STOCHASTIC, 42).withWeights(Weights.KAHAN);
        float[] initial = values(new java.util.SplittableRandom(1), 5000);
        float[] gradient = values(new java.util.SplittableRandom(2), 5000);
        byte[][] results = new byte[2][];
        for (int threads = 1; threads <= 2; threads++) {
            try (Arena arena = Arena.ofShared();
                 Optimizer optimizer = Optimizer.builder(Adam.adamW(), RATE).threads(threads).parallelThreshold(0)
                         .clipping(GradientClipping.globalNorm(1.0)).build()) {
                MemorySegment values = stored(arena, StorageType.BFLOAT16, initial);
                MemorySegment g = stored(arena, StorageType.BFLOAT16, gradient);
                optimizer.add("w", values, g, ParameterGroup.named("kahan").withStorage(plan));
                MemorySegment widened = arena.allocate(gradient.length * 4L);
                widen(StorageType.BFLOAT16, g, widened, gradient.length);
                for (int t = 0; t < 5; t++) {
                    optimizer.step();
                    assertEquals(dev.gradus.Norms.l2Norm(widened), optimizer.gradientNorm(),
                            "the norm of the widened gradient");
                }
                results[threads - 1] = values.toArray(ValueLayout.JAVA_BYTE);
            }
        }
        assertArrayEquals(results[0], results[1]);
    }

    private static float[] values(RandomGenerator random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(-3, 2)));
        }
        return values;
    }

    private static MemorySegment stored(Arena arena, StorageType type, float[] values) {
        MemorySegment buffer = arena.allocate((long) values.length * type.bytes());
        MemorySegment floats = MemorySegment.ofArray(values);
        if (type == StorageType.FLOAT32) {
            MemorySegment.copy(floats, 0, buffer, 0, buffer.byteSize());
        } else {
            ScalarConversions.INSTANCE.narrow(type, Rounding.NEAREST_EVEN, floats, buffer, 0, values.length, 0L, 0L);
        }
        return buffer;
    }

    private static void widen(StorageType type, MemorySegment stored, MemorySegment floats, int n) {
        if (type == StorageType.FLOAT32) {
            MemorySegment.copy(stored, 0, floats, 0, (long) n * Float.BYTES);
        } else {
            ScalarConversions.INSTANCE.widen(type, stored, floats, 0, n);
        }
    }

    private static void assertSame(String what, MemorySegment expected, MemorySegment actual) {
        assertEquals(-1, expected.mismatch(actual), what);
    }
}
