package dev.gradus.kernels;

import dev.gradus.testing.Lanes;
import dev.gradus.testing.property.GuardedSegment;
import dev.gradus.testing.property.Property;
import java.lang.foreign.Arena;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Steps that must not move the parameters: a zero gradient on zero state (without weight decay),
 * and a zero learning rate on finite inputs (a schedule-free rule's {@code z} starting at the
 * parameter, which it interpolates toward). "Unchanged" is bit for bit, except that a zero may
 * change its sign: {@code w - a * 0} is IEEE arithmetic, and {@code -0 - (+0)} is {@code -0} while
 * {@code -0 - (-0)} is {@code +0}.
 */
@Tag("kernels")
class NeutralStepTest {

    static List<RuleFamily> rules() {
        return Rules.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void aZeroGradientOnZeroStateLeavesTheParametersUnchanged(RuleFamily rule) {
        check(rule, "zero gradient and zero state", NeutralStepTest::withZeroGradientAndState);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void aZeroLearningRateLeavesTheParametersUnchanged(RuleFamily rule) {
        check(rule, "zero learning rate", NeutralStepTest::withZeroLearningRate);
    }

    private static void check(RuleFamily rule, String what, UnaryOperator<StepCase> neutral) {
        Property.forAll(rule.name() + ": " + what + " leaves the parameters unchanged",
                        StepCase.generator(rule, Lanes.ofSelectedKernels()).map(neutral))
                .tries(100)
                .check(c -> {
                    try (Arena arena = Arena.ofConfined()) {
                        Trial trial = Trial.of(c, arena);
                        for (int s = 0; s < c.steps(); s++) {
                            GuardedSegment gradient = Trial.gradient(c, arena, s);
                            trial.publicStep(s, gradient.slice(), 0, c.n());
                            assertUnchangedUpToTheSignOfZero(c.param(), trial.param(), s + 1);
                        }
                    }
                });
    }

    private static StepCase withZeroGradientAndState(StepCase c) {
        // A schedule-free y moves toward z, so z starts at y, and y finite: y + c (z - y) is NaN at infinities.
        float[] param = ScheduleFreeCases.is(c.hyperparameters())
                ? wellScaled(c.param()) : c.param();
        return new StepCase(c.rule(), c.rule().withoutWeightDecay().apply(c.hyperparameters()), c.learningRate(),
                c.firstStep(), c.kind(), c.offset(), param,
                ScheduleFreeCases.neutralState(c.hyperparameters(), c.state(), param), zeros(c.gradients(), c.n()));
    }

    /** Zero learning rate, zero initial state, finite well-scaled parameters and gradients. */
    private static StepCase withZeroLearningRate(StepCase c) {
        float[] param = wellScaled(c.param());
        return new StepCase(c.rule(), c.hyperparameters(), 0.0, c.firstStep(), c.kind(), c.offset(),
                param, ScheduleFreeCases.neutralState(c.hyperparameters(), c.state(), param),
                c.gradients().stream().map(NeutralStepTest::wellScaled).toList());
    }

    private static void assertUnchangedUpToTheSignOfZero(float[] before, float[] after, int step) {
        for (int i = 0; i < before.length; i++) {
            boolean same = Float.floatToIntBits(before[i]) == Float.floatToIntBits(after[i])
                    || (before[i] == 0f && after[i] == 0f);
            if (!same) {
                throw new AssertionError("param[" + i + "] changed at step " + step + ": " + before[i] + " -> " + after[i]);
            }
        }
    }

    private static List<float[]> zeros(List<float[]> buffers, int n) {
        return buffers.stream().map(b -> new float[n]).toList();
    }

    /** {@code values} with every non-finite or huge element replaced, deterministically, by a well-scaled one. */
    private static float[] wellScaled(float[] values) {
        float[] copy = values.clone();
        for (int i = 0; i < copy.length; i++) {
            if (!(Math.abs(copy[i]) <= 1e4f)) {
                copy[i] = (i % 7 - 3) * 0.37f;
            }
        }
        return copy;
    }
}
