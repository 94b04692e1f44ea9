package dev.gradus.kernels;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.Adam;
import dev.gradus.Kernels;
import dev.gradus.UpdateRule;
import dev.gradus.internal.precision.TiledStep;
import dev.gradus.precision.Rounding;
import dev.gradus.precision.StoragePlan;
import dev.gradus.precision.StorageType;
import dev.gradus.precision.Weights;
import dev.gradus.testing.property.BitExact;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.Property;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The update form on low-precision buffers ({@code Kernels.update} with a {@link StoragePlan}):
 * for every rule with an update form, every storage type of the parameter, the gradient and the
 * state and both roundings, the update written (into a buffer of its own or into the gradient) and
 * the state after each step, split into two ranges at a random element, are those of a reference
 * that widens whole buffers, takes the float32 update form, and narrows the update to the
 * gradient's type with the weights' random bits and the state as the step does. The parameter is
 * not written.
 */
@Tag("kernels")
class StoredUpdateTest {

    /** Cases per rule: a tenth of the run's default; the tiles and conversions are those of the step, checked more. */
    private static final int TRIES = Math.max(8, Property.defaultTries() / 10);
    private static final int STEPS = 3;

    /** A case: the rule's steps, the plan, heap or native buffers, the update's buffer, where the range splits. */
    record UpdateCase(StepCase steps, StoragePlan plan, boolean heap, boolean intoGradient, double split) {
        @Override
        public String toString() {
            return plan + (heap ? ", heap" : ", native") + (intoGradient ? ", into the gradient" : "")
                    + ", split at " + split + ", " + steps;
        }
    }

    static List<RuleFamily> rules() {
        return Rules.all().stream().filter(rule -> KernelProperties.hasForm(rule.name(), StepForm.UPDATE)).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theStoredUpdateIsTheWidenedFloatUpdateRounded(RuleFamily rule) {
        Gen<StepCase> steps = StepCase.generator(rule, StoredStepTest.lengths(), Gen.constant(0));
        Property.forAll(rule.name() + ": stored update == widened float32 update, rounded",
                        random -> new UpdateCase(steps.next(random),
                                StoredStepTest.plan(random).withWeights(Weights.ROUNDED), random.nextBoolean(),
                                random.nextBoolean(), random.nextDouble()))
                .tries(TRIES)
                .cover("a 16-bit parameter", c -> c.plan().parameter() != StorageType.FLOAT32, TRIES / 3)
                .cover("a 16-bit gradient and update", c -> c.plan().gradient() != StorageType.FLOAT32, TRIES / 3)
                .cover("16-bit state", c -> c.plan().state() != StorageType.FLOAT32, TRIES / 3)
                .cover("stochastic rounding", c -> c.plan().rounding() == Rounding.STOCHASTIC, TRIES / 3)
                .cover("into the gradient", UpdateCase::intoGradient, TRIES / 3)
                .cover("more than one tile", c -> c.steps().n() > TiledStep.TILE, TRIES / 10)
                .check(StoredUpdateTest::check);
    }

    private static void check(UpdateCase c) {
        StepCase s = c.steps();
        StoragePlan plan = c.plan();
        UpdateRule rule = s.hyperparameters();
        int n = s.n();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment param = StoredStepTest.buffer(arena, c.heap(), plan.parameter(), s.param());
            MemorySegment paramBefore = StoredStepTest.widened(plan.parameter(), param, n);
            List<MemorySegment> tested = new ArrayList<>();
            List<MemorySegment> expected = new ArrayList<>();
            for (int k = 0; k < rule.stateBuffers(); k++) {
                tested.add(StoredStepTest.buffer(arena, c.heap(), plan.state(), s.state().get(k)));
                expected.add(StoredStepTest.buffer(arena, c.heap(), plan.state(), s.state().get(k)));
            }
            for (int step = 0; step < Math.min(STEPS, s.steps()); step++) {
                long t = s.firstStep() + step;
                String when = "after step " + (step + 1);
                MemorySegment gradient = StoredStepTest.buffer(arena, c.heap(), plan.gradient(),
                        s.gradients().get(step));
                MemorySegment update = c.intoGradient() ? gradient
                        : StoredStepTest.buffer(arena, c.heap(), plan.gradient(), new float[n]);
                MemorySegment expectedUpdate = reference(rule, s.learningRate(), t, plan, param, gradient, expected, n);
                long cut = (long) (c.split() * n);
                Kernels.update(rule, s.learningRate(), t, plan, param, gradient, update, tested, 0, cut);
                Kernels.update(rule, s.learningRate(), t, plan, param, gradient, update, tested, cut, n);
                StoredStepTest.assertSameWidened("update " + when, plan.gradient(), expectedUpdate, update);
                for (int k = 0; k < rule.stateBuffers(); k++) {
                    StoredStepTest.assertSameWidened("state " + k + " " + when, plan.state(), expected.get(k),
                            tested.get(k));
                }
                BitExact.assertSameBits("param " + when + " (read only)", paramBefore.toArray(ValueLayout.JAVA_FLOAT),
                        StoredStepTest.widened(plan.parameter(), param, n));
            }
        }
    }

    /**
     * The update form as its definition says: whole buffers widened, the float32 update form, the
     * update narrowed to the gradient's type and the state to its own.
     *
     * @return the expected update, in the gradient's type
     */
    private static MemorySegment reference(UpdateRule rule, double learningRate, long t, StoragePlan plan,
                                           MemorySegment param, MemorySegment gradient, List<MemorySegment> state,
                                           int n) {
        List<MemorySegment> floats = new ArrayList<>();
        for (MemorySegment buffer : state) {
            floats.add(StoredStepTest.widened(plan.state(), buffer, n));
        }
        MemorySegment update = MemorySegment.ofArray(new float[n]);
        Kernels.update(rule, learningRate, t, StoredStepTest.widened(plan.parameter(), param, n),
                StoredStepTest.widened(plan.gradient(), gradient, n), update, floats);
        for (int k = 0; k < state.size(); k++) {
            StoredStepTest.narrow(plan, plan.state(), floats.get(k), state.get(k), n, t, TiledStep.STATE_BUFFER + k);
        }
        MemorySegment narrowed = MemorySegment.ofArray(new byte[n * plan.gradient().bytes()]);
        StoredStepTest.narrow(plan, plan.gradient(), update, narrowed, n, t, TiledStep.PARAM_BUFFER);
        return narrowed;
    }

    @Test
    void whatTheStoredUpdateCannotDoIsRefusedBeforeAnythingChanges() {
        StoragePlan bf16 = StoragePlan.of(StorageType.BFLOAT16, StorageType.BFLOAT16, StorageType.BFLOAT16);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment param = arena.allocate(8);
            MemorySegment gradient = arena.allocate(8);
            List<MemorySegment> state = List.of(arena.allocate(8), arena.allocate(8));
            IllegalArgumentException kahan = assertThrows(IllegalArgumentException.class, () -> Kernels.update(
                    Adam.DEFAULT, 1e-3, 1, bf16.withWeights(Weights.KAHAN), param, gradient, gradient, state));
            assertTrue(kahan.getMessage().contains("takes ROUNDED weights, not KAHAN"), kahan.getMessage());
            IllegalArgumentException length = assertThrows(IllegalArgumentException.class, () -> Kernels.update(
                    Adam.DEFAULT, 1e-3, 1, bf16, param, gradient, arena.allocate(16), state));
            assertTrue(length.getMessage().contains("update holds 8 BFLOAT16 elements but param holds 4"),
                    length.getMessage());
            IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class, () -> Kernels.update(
                    Adam.DEFAULT, 1e-3, 1, bf16, param, gradient, state.get(1), state));
            assertTrue(overlap.getMessage().contains("update"), overlap.getMessage());
            IllegalArgumentException scheduleFree = assertThrows(IllegalArgumentException.class, () -> Kernels.update(
                    dev.gradus.ScheduleFreeAdamW.schedulefree(), 1e-3, 1, bf16, param, gradient, gradient,
                    List.of(arena.allocate(8), arena.allocate(8), arena.allocate(16))));
            assertTrue(scheduleFree.getMessage().contains("has no update form"), scheduleFree.getMessage());
            for (MemorySegment buffer : List.of(param, gradient, state.get(0), state.get(1))) {
                assertTrue(buffer.asByteBuffer().equals(arena.allocate(8).asByteBuffer()), "nothing written");
            }
        }
    }
}
