package dev.gradus.testkit;

import dev.gradus.CustomRule;
import dev.gradus.CustomStep;
import dev.gradus.testing.CompiledWarmUp;
import dev.gradus.testing.property.Buffers;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.GuardedSegment;
import dev.gradus.testing.property.Property;
import java.lang.foreign.Arena;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * The compiled-code property of {@link CustomRuleProperties#checkCompiled()}. Each case is stepped
 * by the scalar and the vector step on fresh copies of its buffers, comparing the bits after every
 * step, again and again until a run in which no vector step allocated anything: until C2 has
 * compiled the vector step with the Vector API intrinsics its vectors are heap objects. So the
 * bits of that run are those of the compiled loop, whatever the JIT inlined where: the run that
 * counts goes through the same calls as the runs that warmed it up.
 *
 * <p>Every case has one shape, {@value #FLOATS} floats (64 vectors of 16 floats and a tail of 3,
 * a tail at every width up to 512 bits) one float past an aligned start, and one kind of memory:
 * C2 compiles a loop for the shapes it has seen, and a loop run on ever new lengths and offsets
 * keeps being recompiled. Those are the generated property's job; rules, values and per-step
 * values vary here.
 */
final class CompiledCustomProperty {

    /** The floats of every buffer. */
    static final int FLOATS = 64 * 16 + 3;
    /** Cases with a special value in every 16. */
    private static final int SPECIAL_CASES = 3;

    private CompiledCustomProperty() {
    }

    static Property<CustomCase> of(String name, Gen<? extends CustomRule> rules, Buffers.Kind memory) {
        return Property.forAll(name + ": compiled vectorStep == scalarStep",
                        CustomCase.fixedShape(rules, FLOATS, memory))
                .shrinkWith(CustomCase.valueShrinker())
                .cover("special values", CustomCase::hasSpecialValue, SPECIAL_CASES, CustomRuleProperties.COMPILED_TRIES);
    }

    /**
     * Runs the vector step of one case of the property's shape until it allocates nothing, before
     * any case is checked: a vector step that never runs allocation-free fails here once, rather
     * than in every shrinking attempt of the first case.
     *
     * @throws AssertionError if the vector step still allocates after {@code limit}
     */
    static void requireCompiled(Gen<? extends CustomRule> rules, Buffers.Kind memory, Duration limit) {
        CustomCase c = CustomCase.fixedShape(rules, FLOATS, memory).next(new SplittableRandom(0));
        untilNothingAllocated(c, limit, false);
    }

    /**
     * Checks one case: compares the scalar and the vector step until a run allocates nothing.
     *
     * @throws AssertionError if the bits differ in any run, or the vector step still allocates
     *                        after {@code limit}
     */
    static void check(CustomCase c, Duration limit) {
        untilNothingAllocated(c, limit, true);
    }

    private static void untilNothingAllocated(CustomCase c, Duration limit, boolean compare) {
        long deadline = System.nanoTime() + limit.toNanos();
        for (long runs = 1; ; runs++) {
            long allocated = run(c, compare);
            if (allocated == 0) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("vectorStep of " + c.rule().description() + " still allocates (" + allocated
                        + " bytes in the " + c.steps() + " steps of a run) after " + runs + " runs ("
                        + limit.toSeconds() + " s): it is not compiled with the Vector API intrinsics");
            }
        }
    }

    /**
     * Steps fresh copies of the case's buffers by the scalar and the vector step, asserting the
     * same bits after every step if {@code compare}.
     *
     * @return the bytes the vector steps allocated
     */
    private static long run(CustomCase c, boolean compare) {
        long allocated = 0;
        try (Arena arena = Arena.ofConfined()) {
            CustomTrial scalar = CustomTrial.of(c, arena);
            CustomTrial vector = CustomTrial.of(c, arena);
            for (int s = 0; s < c.steps(); s++) {
                GuardedSegment gradient = CustomTrial.gradient(c, arena, s);
                CustomStep step = vector.step(s, gradient.slice());
                allocated += CompiledWarmUp.allocatedBy(() -> c.rule().vectorStep(step, c.from(), c.to()));
                if (compare) {
                    c.rule().scalarStep(scalar.step(s, gradient.slice()), c.from(), c.to());
                    vector.assertSameBits(scalar, "compiled vectorStep (expected: scalarStep), step "
                            + (c.firstStep() + s));
                    gradient.assertGuardsUntouched();
                }
            }
            vector.assertGuardsUntouched();
        }
        return allocated;
    }
}
