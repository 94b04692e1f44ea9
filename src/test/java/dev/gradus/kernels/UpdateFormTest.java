package dev.gradus.kernels;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.Adam;
import dev.gradus.NAdam;
import dev.gradus.RAdam;
import dev.gradus.UpdateRule;
import dev.gradus.internal.ChunkedKernels;
import dev.gradus.internal.KernelSet;
import dev.gradus.internal.ScalarKernels;
import dev.gradus.testing.Lanes;
import dev.gradus.testing.property.BitExact;
import dev.gradus.testing.property.Buffers;
import dev.gradus.testing.property.GuardedSegment;
import dev.gradus.testing.property.Lengths;
import dev.gradus.testing.property.Property;
import java.lang.foreign.Arena;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The update form: after each of at least five steps through {@code Kernels.update} (the selected
 * kernels, at the width this run forces) the parameter is unchanged, the state holds the bits of
 * the scalar in-place step, the update holds the bits of the scalar update form and of the
 * chunked one, and {@code w - u} in float is the in-place result bit for bit. For Adam with
 * decoupled decay that holds where the result lies within {@code [w/2, 2w]}, and elsewhere
 * within two units in the last place of the larger of {@code |w|} and the result, or, where {@code w - result}
 * is past the float range, as the infinity of its sign. The update
 * goes into a buffer of its own or into the gradient itself, and nothing outside the slices is
 * written.
 */
@Tag("kernels")
class UpdateFormTest {

    /** Cases per rule: each steps four copies (selected, scalar and chunked update forms, scalar in place). */
    private static final int TRIES = Property.DEFAULT_TRIES / 2;

    /** A case, and whether its update overwrites the gradient. */
    record UpdateCase(StepCase steps, boolean intoGradient) {
        @Override
        public String toString() {
            return (intoGradient ? "update into the gradient, " : "update into a buffer of its own, ") + steps;
        }
    }

    static List<RuleFamily> rules() {
        return Rules.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theAppliedUpdateIsTheInPlaceStep(RuleFamily rule) {
        int lanes = Lanes.ofSelectedKernels();
        Property.forAll(rule.name() + ": w - update == in-place step",
                        random -> new UpdateCase(StepCase.generator(rule, lanes).next(random), random.nextBoolean()))
                .tries(TRIES)
                .shrinkWith(c -> StepCase.shrinker().candidates(c.steps()).map(s -> new UpdateCase(s,
                        c.intoGradient())))
                .cover("update into the gradient", UpdateCase::intoGradient, 20)
                .cover("update into a buffer of its own", c -> !c.intoGradient(), 20)
                .cover("tail after whole vectors", c -> c.steps().n() > lanes && Lengths.isTail(c.steps().n(), lanes),
                        10)
                .cover("special values", c -> c.steps().hasSpecialValue(), 20)
                .cover("heap", c -> c.steps().kind() == Buffers.Kind.HEAP, 20)
                .cover("native", c -> c.steps().kind() == Buffers.Kind.NATIVE, 20)
                .check(UpdateFormTest::check);
    }

    private static void check(UpdateCase c) {
        StepCase s = c.steps();
        if (ScheduleFreeCases.is(s.hyperparameters())) {
            refused(c);
            return;
        }
        boolean decoupled = (float) (1.0 - s.learningRate() * decoupledWeightDecay(s.hyperparameters())) != 1f;
        try (Arena arena = Arena.ofConfined()) {
            Trial selected = Trial.of(s, arena);
            Trial scalar = Trial.of(s, arena);
            Trial chunked = Trial.of(s, arena);
            Trial inPlace = Trial.of(s, arena);
            for (int step = 0; step < s.steps(); step++) {
                String when = "after step " + (step + 1);
                float[] w = selected.param();
                GuardedSegment gradient = Trial.gradient(s, arena, step);
                GuardedSegment update = c.intoGradient() ? gradient : Trial.gradient(s, arena, step);
                selected.publicUpdate(step, gradient.slice(), update.slice());
                float[] scalarUpdate = update(scalar, ScalarKernels.INSTANCE, c, arena, step);
                float[] chunkedUpdate = update(chunked, ChunkedKernels.withChunk(7), c, arena, step);
                inPlace.kernelStep(ScalarKernels.INSTANCE, step, Trial.gradient(s, arena, step).slice());

                BitExact.assertSameBits("param " + when + " (read only)", w, selected.param());
                if (!c.intoGradient()) {
                    BitExact.assertSameBits("gradient " + when, s.gradients().get(step), gradient.slice());
                }
                BitExact.assertSameBits("update " + when + ", scalar", scalarUpdate, update.slice());
                BitExact.assertSameBits("update " + when + ", chunked", chunkedUpdate, update.slice());
                selected.assertSameState(inPlace, when);
                assertApplied(w, update.toFloatArray(), inPlace.param(), decoupled, when);
                gradient.assertGuardsUntouched();
                update.assertGuardsUntouched();
                for (Trial t : List.of(selected, scalar, chunked)) {
                    t.setParam(inPlace.param());
                }
            }
            selected.assertGuardsUntouched();
        }
    }

    /** A schedule-free rule has no update form: the facade refuses it before it writes anything. */
    private static void refused(UpdateCase c) {
        StepCase s = c.steps();
        try (Arena arena = Arena.ofConfined()) {
            Trial selected = Trial.of(s, arena);
            Trial untouched = Trial.of(s, arena);
            GuardedSegment gradient = Trial.gradient(s, arena, 0);
            GuardedSegment update = c.intoGradient() ? gradient : Trial.gradient(s, arena, 0);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> selected.publicUpdate(0, gradient.slice(), update.slice()));
            assertTrue(e.getMessage().contains("has no update form"), e.getMessage());
            selected.assertSameBits(untouched, "after the refused update");
        }
    }

    /** The update of step {@code step} through {@code kernels},
            into the gradient or a buffer of its own as the case says. */
    private static float[] update(Trial trial, KernelSet kernels, UpdateCase c, Arena arena, int step) {
        GuardedSegment gradient = Trial.gradient(c.steps(), arena, step);
        GuardedSegment update = c.intoGradient() ? gradient : Trial.gradient(c.steps(), arena, step);
        trial.kernelUpdate(kernels, step, gradient.slice(), update.slice());
        return update.toFloatArray();
    }

    /** The {@code lambda} of a rule whose decoupled decay multiplies the weights by {@code 1 - a * lambda}, or 0. */
    private static double decoupledWeightDecay(UpdateRule rule) {
        return switch (rule) {
            case Adam r when r.decoupledWeightDecay() -> r.weightDecay();
            case RAdam r when r.decoupledWeightDecay() -> r.weightDecay();
            case NAdam r when r.decoupledWeightDecay() -> r.weightDecay();
            default -> 0;
        };
    }

    /** Asserts {@code w - u == inPlace} bit for bit, or the decoupled-decay bound where it applies. */
    private static void assertApplied(float[] w, float[] u, float[] inPlace, boolean decoupled, String when) {
        for (int i = 0; i < w.length; i++) {
            float applied = w[i] - u[i];
            float result = inPlace[i];
            if (Float.floatToIntBits(applied) == Float.floatToIntBits(result)) {
                continue;
            }
            String at = "w - u " + when + " at " + i + ": w=" + w[i] + ", u=" + u[i] + ", w - u=" + applied
                    + ", in place " + result;
            assertTrue(decoupled, at);
            assertTrue(!withinSterbenz(w[i], result), at + " (within [w/2, 2w], so exact)");
            if (overflows(w[i], u[i], result)) {
                continue;
            }
            if (Float.isFinite(w[i]) && Float.isFinite(result)) {
                float ulps = Math.ulp(Math.max(Math.abs(w[i]), Math.abs(result)));
                assertTrue(Math.abs(applied - result) <= 2 * ulps, at + " (more than 2 ulps off)");
            }
        }
    }

    /**
     * Whether the update {@code w - r} is too large for a float while {@code w} and {@code r} are not: the
     * decoupled update {@code a * lambda * w + step} then rounds to an infinity of the sign of {@code w - r},
     * the one float the update form can hold, and {@code w - u} is that infinity's negation.
     */
    static boolean overflows(float w, float u, float r) {
        double exact = (double) w - r;
        return Float.isFinite(w) && Float.isFinite(r) && Float.isInfinite(u) && (u > 0) == (exact > 0)
                && Math.abs(exact) > Float.MAX_VALUE * (1 - 0x1p-20);
    }

    /** Whether {@code r} lies within {@code [w/2, 2w]}, both finite: where {@code w - r} is exact. */
    static boolean withinSterbenz(float w, float r) {
        double a = Math.abs((double) w);
        double b = Math.abs((double) r);
        return Float.isFinite(w) && Float.isFinite(r) && w != 0 && (w > 0) == (r > 0) && a <= 2 * b && b <= 2 * a;
    }
}
