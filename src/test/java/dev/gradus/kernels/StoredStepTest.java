package dev.gradus.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gradus.Kernels;
import dev.gradus.UpdateRule;
import dev.gradus.internal.StateMemory;
import dev.gradus.internal.precision.RoundingBits;
import dev.gradus.internal.precision.StorageChecks;
import dev.gradus.internal.precision.ScalarConversions;
import dev.gradus.internal.precision.TiledStep;
import dev.gradus.precision.Rounding;
import dev.gradus.precision.StoragePlan;
import dev.gradus.precision.StorageType;
import dev.gradus.precision.Weights;
import dev.gradus.testing.Lanes;
import dev.gradus.testing.property.BitExact;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.Lengths;
import dev.gradus.testing.property.Property;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Steps on low-precision buffers ({@code Kernels.step} with a {@link StoragePlan}): for every
 * elementwise rule, Adafactor and the layer-wise LARS and LAMB, every storage type of the parameter, the gradient and the state, both
 * roundings and the three ways of keeping weights, the bits after each step, split into two
 * ranges at a random element, are those of a reference that widens whole buffers element by
 * element, takes the float32 step on the same two ranges (for Adafactor two vectors, for LARS
 * and LAMB two layers: their norms are those of the widened buffers), and narrows element by element with the random bits of
 * {@link RoundingBits} at the element's index. The selected kernels run at the width this run
 * forces; element counts cross the tiles' boundaries.
 */
@Tag("kernels")
class StoredStepTest {

    /** Cases per rule: a fifth of the run's default, each stepping two copies through three steps. */
    private static final int TRIES = Math.max(10, Property.defaultTries() / 5);
    private static final int STEPS = 3;
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    /**
     * A case: the rule's steps, the plan, whether buffers are on the heap, where the range splits,
     * and the gradient's clamp and scale ({@code +inf} and 1 for none).
     */
    record StoredCase(StepCase steps, StoragePlan plan, boolean heap, double split, float clipValue,
                      float clipScale) {
        StoredCase(StepCase steps, StoragePlan plan, boolean heap, double split) {
            this(steps, plan, heap, split, Float.POSITIVE_INFINITY, 1f);
        }

        @Override
        public String toString() {
            return plan + (heap ? ", heap" : ", native") + ", split at " + split + ", clip " + clipValue + ", scale "
                    + clipScale + ", " + steps;
        }
    }

    static List<RuleFamily> rules() {
        return Rules.all();
    }

    static List<RuleFamily> wholeRange() {
        return Rules.wholeRange();
    }

    /**
     * Adafactor, LARS and LAMB: each of the two ranges is a vector or a layer, its norms those of
     * the widened buffers.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("wholeRange")
    void theStoredWholeRangeStepIsTheWidenedFloatStepRounded(RuleFamily rule) {
        theStoredStepIsTheWidenedFloatStepRounded(rule);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theStoredStepIsTheWidenedFloatStepRounded(RuleFamily rule) {
        Gen<StepCase> steps = StepCase.generator(rule, lengths(), Gen.constant(0));
        Property.forAll(rule.name() + ": stored step == widened float32 step, rounded",
                        random -> new StoredCase(steps.next(random), plan(random), random.nextBoolean(),
                                random.nextDouble()))
                .tries(TRIES)
                .cover("a 16-bit parameter", c -> c.plan().parameter() != StorageType.FLOAT32, TRIES / 3)
                .cover("a 16-bit gradient", c -> c.plan().gradient() != StorageType.FLOAT32, TRIES / 3)
                .cover("16-bit state", c -> c.plan().state() != StorageType.FLOAT32, TRIES / 3)
                .cover("stochastic rounding", c -> c.plan().rounding() == Rounding.STOCHASTIC, TRIES / 3)
                .cover("Kahan weights", c -> c.plan().weights() == Weights.KAHAN, TRIES / 10)
                .cover("a float32 master", c -> c.plan().weights() == Weights.FLOAT32_MASTER, TRIES / 10)
                .cover("more than one tile", c -> c.steps().n() > TiledStep.TILE, TRIES / 10)
                .check(StoredStepTest::check);
    }

    /**
     * Adam with bfloat16 state rounded to nearest, on float32 weights or bfloat16
     * Kahan-compensated ones and a float32 or bfloat16 gradient, the plans whose whole vectors
     * take the kernels' one-pass loop and whose rest takes the tiles: every option of Adam,
     * clamped and scaled gradients too, gives the reference's bits.
     */
    @Test
    void adamOnBfloat16StateInOnePassIsTheWidenedFloatStepRounded() {
        RuleFamily adam = Rules.all().stream().filter(r -> r.name().equals("adam")).findFirst().orElseThrow();
        Gen<StepCase> steps = StepCase.generator(adam, lengths(), Gen.constant(0));
        Gen<StoragePlan> plans = Gen.elementOf(
                StoragePlan.of(StorageType.FLOAT32, StorageType.FLOAT32, StorageType.BFLOAT16),
                StoragePlan.of(StorageType.FLOAT32, StorageType.BFLOAT16, StorageType.BFLOAT16),
                StoragePlan.of(StorageType.BFLOAT16, StorageType.FLOAT32, StorageType.BFLOAT16)
                        .withWeights(Weights.KAHAN),
                StoragePlan.of(StorageType.BFLOAT16, StorageType.BFLOAT16, StorageType.BFLOAT16)
                        .withWeights(Weights.KAHAN));
        Gen<Float> clipValues = Gen.elementOf(Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, 0.5f, 1e-3f);
        Gen<Float> clipScales = Gen.elementOf(1f, 1f, 0.25f, 3f);
        Property.forAll("adam, bfloat16 state, nearest: one pass == widened float32 step, rounded",
                        random -> new StoredCase(steps.next(random), plans.next(random), random.nextBoolean(),
                                random.nextDouble(), clipValues.next(random), clipScales.next(random)))
                .tries(TRIES * 4)
                .cover("the one pass: no AMSGrad", c -> TiledStep.isAdamOnBf16State(c.steps().hyperparameters(),
                        c.plan()), TRIES)
                .cover("Kahan-compensated bfloat16 weights", c -> c.plan().weights() == Weights.KAHAN
                        && TiledStep.isAdamOnBf16State(c.steps().hyperparameters(), c.plan()), TRIES / 2)
                .cover("a bfloat16 gradient", c -> c.plan().gradient() == StorageType.BFLOAT16
                        && TiledStep.isAdamOnBf16State(c.steps().hyperparameters(), c.plan()), TRIES / 2)
                .cover("heap buffers", StoredCase::heap, TRIES / 2)
                .cover("a clamped or scaled gradient", c -> c.clipScale() != 1f || c.clipValue() < 1f, TRIES / 2)
                .cover("more than one tile", c -> c.steps().n() > TiledStep.TILE, TRIES / 5)
                .check(StoredStepTest::check);
    }

    /** Element counts around a tile, a few thousand, and around the selected width's tails. */
    static Gen<Integer> lengths() {
        int lanes = Lanes.ofSelectedKernels();
        return random -> switch (random.nextInt(4)) {
            case 0 -> TiledStep.TILE - 100 + random.nextInt(TiledStep.TILE + 300);
            case 1 -> 900 + random.nextInt(2400);
            default -> Lengths.forLanes(lanes).next(random);
        };
    }

    /** A plan: any types, any rounding and seed, any way of keeping the weights a 16-bit parameter allows. */
    static StoragePlan plan(RandomGenerator random) {
        StorageType[] types = StorageType.values();
        StorageType parameter = types[random.nextInt(types.length)];
        Weights weights = parameter == StorageType.FLOAT32 ? Weights.ROUNDED
                : Weights.values()[random.nextInt(Weights.values().length)];
        Rounding rounding = random.nextBoolean() ? Rounding.STOCHASTIC : Rounding.NEAREST_EVEN;
        return StoragePlan.of(parameter, types[random.nextInt(types.length)], types[random.nextInt(types.length)])
                .withRounding(rounding, random.nextLong()).withWeights(weights);
    }

    private static void check(StoredCase c) {
        StepCase s = c.steps();
        StoragePlan plan = c.plan();
        UpdateRule rule = s.hyperparameters();
        int n = s.n();
        try (Arena arena = Arena.ofConfined()) {
            Stored tested = Stored.of(c, arena);
            Stored expected = Stored.of(c, arena);
            for (int step = 0; step < Math.min(STEPS, s.steps()); step++) {
                long t = s.firstStep() + step;
                MemorySegment gradient = buffer(arena, c.heap(), plan.gradient(), s.gradients().get(step));
                long cut = ScheduleFreeCases.is(rule) ? n : (long) (c.split() * n);
                Kernels.step(rule, s.learningRate(), t, plan, tested.param, tested.copy, gradient, tested.state, 0,
                        cut, c.clipValue(), c.clipScale());
                if (cut < n) {
                    Kernels.step(rule, s.learningRate(), t, plan, tested.param, tested.copy, gradient, tested.state,
                            cut, n, c.clipValue(), c.clipScale());
                }
                reference(c, t, expected, gradient, cut);
                tested.assertSameBits(expected, rule, plan, "after step " + (step + 1));
            }
        }
    }

    /**
     * The step as its definition says: whole buffers widened, the float32 step on {@code [0, cut)}
     * and {@code [cut, n)} (the layers of a layer-wise rule), whole buffers narrowed.
     */
    private static void reference(StoredCase c, long t, Stored buffers, MemorySegment gradient, long cut) {
        UpdateRule rule = c.steps().hyperparameters();
        double learningRate = c.steps().learningRate();
        StoragePlan plan = c.plan();
        int n = c.steps().n();
        MemorySegment w = widenedWeights(plan, buffers.param, buffers.copy, n);
        List<MemorySegment> state = new ArrayList<>();
        for (int k = 0; k < rule.stateBuffers(); k++) {
            StorageType type = StateMemory.stateType(rule, k, plan);
            state.add(type == StorageType.FLOAT32 ? buffers.state.get(k) : widened(type, buffers.state.get(k), n));
        }
        MemorySegment g = widened(plan.gradient(), gradient, n);
        Kernels.step(rule, learningRate, t, w, g, state, 0, cut, c.clipValue(), c.clipScale());
        if (cut < n) {
            Kernels.step(rule, learningRate, t, w, g, state, cut, n, c.clipValue(), c.clipScale());
        }
        for (int k = 0; k < rule.stateBuffers(); k++) {
            StorageType type = StateMemory.stateType(rule, k, plan);
            if (type != StorageType.FLOAT32) {
                narrow(plan, type, state.get(k), buffers.state.get(k), n, t, TiledStep.STATE_BUFFER + k);
            }
        }
        narrowWeights(plan, w, buffers.param, buffers.copy, n, t);
    }

    /** The weights {@code w} a step sees, widened into a fresh float array: the parameter, the master, or the Kahan sum. */
    static MemorySegment widenedWeights(StoragePlan plan, MemorySegment param, MemorySegment copy, int n) {
        MemorySegment w = widened(plan.paramBuffer(), param, n);
        if (plan.weights() == Weights.KAHAN) {
            MemorySegment c = widened(plan.parameter(), copy, n);
            for (int i = 0; i < n; i++) {
                w.setAtIndex(FLOAT, i, w.getAtIndex(FLOAT, i) + c.getAtIndex(FLOAT, i));
            }
        }
        return w;
    }

    /** Step {@code t}'s weights {@code w'} into the weights' buffers, as the plan keeps them. */
    static void narrowWeights(StoragePlan plan, MemorySegment w, MemorySegment param, MemorySegment copy, int n,
                              long t) {
        switch (plan.weights()) {
            case ROUNDED -> narrow(plan, plan.parameter(), w, param, n, t, TiledStep.PARAM_BUFFER);
            case FLOAT32_MASTER -> {
                MemorySegment.copy(w, 0, param, 0, (long) n * Float.BYTES);
                narrow(plan, plan.parameter(), w, copy, n, t, TiledStep.PARAM_BUFFER);
            }
            case KAHAN -> {
                narrow(plan, plan.parameter(), w, param, n, t, TiledStep.PARAM_BUFFER);
                MemorySegment rounded = widened(plan.parameter(), param, n);
                for (int i = 0; i < n; i++) {
                    w.setAtIndex(FLOAT, i, w.getAtIndex(FLOAT, i) - rounded.getAtIndex(FLOAT, i));
                }
                narrow(plan, plan.parameter(), w, copy, n, t, TiledStep.COMPENSATION_BUFFER);
            }
        }
    }

    /** A fresh float array holding {@code buffer}'s elements widened. */
    static MemorySegment widened(StorageType type, MemorySegment buffer, int n) {
        MemorySegment floats = MemorySegment.ofArray(new float[n]);
        if (type == StorageType.FLOAT32) {
            MemorySegment.copy(buffer, 0, floats, 0, (long) n * Float.BYTES);
        } else {
            ScalarConversions.INSTANCE.widen(type, buffer, floats, 0, n);
        }
        return floats;
    }

    static void narrow(StoragePlan plan, StorageType type, MemorySegment floats, MemorySegment buffer, int n,
                               long t, int number) {
        if (type == StorageType.FLOAT32) {
            MemorySegment.copy(floats, 0, buffer, 0, (long) n * Float.BYTES);
        } else {
            long key = plan.rounding() == Rounding.STOCHASTIC ? RoundingBits.key(plan.seed(), t, number) : 0L;
            ScalarConversions.INSTANCE.narrow(type, plan.rounding(), floats, buffer, 0, n, key, 0);
        }
    }

    /** {@code values} narrowed to nearest into a new buffer of {@code type}, on the heap or native. */
    static MemorySegment buffer(Arena arena, boolean heap, StorageType type, float[] values) {
        int n = values.length;
        MemorySegment floats = MemorySegment.ofArray(values.clone());
        MemorySegment buffer = heap
                ? (type == StorageType.FLOAT32 ? MemorySegment.ofArray(new float[n]) : MemorySegment.ofArray(new short[n]))
                : arena.allocate((long) n * type.bytes());
        if (type == StorageType.FLOAT32) {
            MemorySegment.copy(floats, 0, buffer, 0, (long) n * Float.BYTES);
        } else {
            ScalarConversions.INSTANCE.narrow(type, Rounding.NEAREST_EVEN, floats, buffer, 0, n, 0L, 0L);
        }
        return buffer;
    }

    /**
     * Same bits once both buffers of {@code type} are widened, every NaN alike: the payload a NaN
     * carries depends on the order of the operands.
     */
    static void assertSameWidened(String what, StorageType type, MemorySegment expected, MemorySegment actual) {
        int elements = (int) (actual.byteSize() / type.bytes());
        BitExact.assertSameBits(what, widened(type, expected, elements).toArray(ValueLayout.JAVA_FLOAT),
                widened(type, actual, elements));
    }

    /**
     * The weight copy that goes with {@code param}, made from {@code values}: null for rounded
     * weights, the model copy (zeros) beside a master, or the compensation {@code values - param}.
     */
    static MemorySegment weightCopy(Arena arena, boolean heap, StoragePlan plan, MemorySegment param, float[] values) {
        int n = values.length;
        if (plan.weights() == Weights.FLOAT32_MASTER) {
            return buffer(arena, heap, plan.parameter(), new float[n]);
        }
        if (plan.weights() != Weights.KAHAN) {
            return null;
        }
        float[] residual = new float[n];
        MemorySegment rounded = widened(plan.parameter(), param, n);
        for (int i = 0; i < n; i++) {
            residual[i] = values[i] - rounded.getAtIndex(FLOAT, i);
        }
        return buffer(arena, heap, plan.parameter(), residual);
    }

    /** One copy of a case's buffers. */
    private record Stored(MemorySegment param, MemorySegment copy, List<MemorySegment> state) {

        static Stored of(StoredCase c, Arena arena) {
            StepCase s = c.steps();
            StoragePlan plan = c.plan();
            MemorySegment param = buffer(arena, c.heap(), plan.paramBuffer(), s.param());
            MemorySegment copy = weightCopy(arena, c.heap(), plan, param, s.param());
            List<MemorySegment> state = new ArrayList<>();
            for (int k = 0; k < s.hyperparameters().stateBuffers(); k++) {
                state.add(buffer(arena, c.heap(), StateMemory.stateType(s.hyperparameters(), k, plan),
                        s.state().get(k)));
            }
            return new Stored(param, copy, state);
        }

        void assertSameBits(Stored expected, UpdateRule rule, StoragePlan plan, String when) {
            assertSameWidened("param " + when, plan.paramBuffer(), expected.param, param);
            if (copy != null) {
                assertSameWidened(StorageChecks.weightCopyName(plan) + " " + when, plan.parameter(), expected.copy, copy);
            }
            for (int k = 0; k < state.size(); k++) {
                assertSameWidened("state " + k + " " + when, StateMemory.stateType(rule, k, plan), expected.state.get(k),
                        state.get(k));
            }
        }
    }
}
