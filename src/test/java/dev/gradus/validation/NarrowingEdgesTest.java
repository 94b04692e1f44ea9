package dev.gradus.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.AdaGrad;
import dev.gradus.Adam;
import dev.gradus.Kernels;
import dev.gradus.Momentum;
import dev.gradus.ParameterGroup;
import dev.gradus.RmsProp;
import dev.gradus.Sgd;
import dev.gradus.UpdateRule;
import dev.gradus.schedule.ConstantSchedule;
import dev.gradus.schedule.ManualSchedule;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.DoublePredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hyperparameters are checked as the floats the kernels receive. At the edges of the float range
 * (half of {@code Float.MIN_VALUE}, {@code 1e-46}, {@code 3.5e38}, {@code 1e39}, {@code -0.0},
 * NaN, ...) every value is either rejected with a message naming the parameter and the value, or
 * accepted, and then a step on a zero gradient over zero parameters and fresh state gives zero
 * parameters and finite state: no {@code 0 / 0} from an epsilon that narrowed to 0, no
 * {@code Infinity * 0} from a weight decay that narrowed to infinity.
 */
class NarrowingEdgesTest {

    private static final double[] EDGES = {0x1p-150, 1e-46, Float.MIN_VALUE, 1e-30, 0.5, 0.99999999, 1.0,
            Float.MAX_VALUE, 3.5e38, 1e39, -0.0, -Float.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY};

    /** Which values the kernels can take, judged on the float each value narrows to. */
    private enum Domain {
        NON_NEGATIVE(v -> v >= 0 && Float.isFinite((float) v)),
        POSITIVE(v -> v > 0 && (float) v > 0f && Float.isFinite((float) v)),
        DECAY_RATE(v -> v >= 0 && (float) v < 1f),
        DAMPENING(v -> v >= 0 && v <= 1);

        final DoublePredicate accepts;

        Domain(DoublePredicate accepts) {
            this.accepts = accepts;
        }
    }

    /** A {@code double} component of a rule: its name, its domain, and the rule with it set to a value. */
    private record Hyperparameter(String rule, String name, Domain domain, DoubleFunction<UpdateRule> with) {

        @Override
        public String toString() {
            return rule + "." + name;
        }
    }

    static Stream<Hyperparameter> hyperparameters() {
        return Stream.of(
                new Hyperparameter("Sgd", "weightDecay", Domain.NON_NEGATIVE, Sgd.DEFAULT::withWeightDecay),
                new Hyperparameter("Momentum", "momentum", Domain.DECAY_RATE, Momentum::heavyBall),
                new Hyperparameter("Momentum", "dampening", Domain.DAMPENING, d -> Momentum.pytorch(0.9, d, false)),
                new Hyperparameter("Momentum", "weightDecay", Domain.NON_NEGATIVE, Momentum.nesterov(0.9)::withWeightDecay),
                new Hyperparameter("AdaGrad", "epsilon", Domain.POSITIVE, AdaGrad.DEFAULT::withEpsilon),
                new Hyperparameter("AdaGrad", "initialAccumulator", Domain.NON_NEGATIVE,
                        AdaGrad.DEFAULT::withInitialAccumulator),
                new Hyperparameter("AdaGrad", "weightDecay", Domain.NON_NEGATIVE, AdaGrad.DEFAULT::withWeightDecay),
                new Hyperparameter("RmsProp", "decay", Domain.DECAY_RATE, RmsProp.DEFAULT.withCentered(true)::withDecay),
                new Hyperparameter("RmsProp", "epsilon", Domain.POSITIVE, RmsProp.DEFAULT::withEpsilon),
                new Hyperparameter("RmsProp", "momentum", Domain.DECAY_RATE, RmsProp.DEFAULT::withMomentum),
                new Hyperparameter("RmsProp", "weightDecay", Domain.NON_NEGATIVE, RmsProp.DEFAULT::withWeightDecay),
                new Hyperparameter("Adam", "beta1", Domain.DECAY_RATE, Adam.DEFAULT::withBeta1),
                new Hyperparameter("Adam", "beta2", Domain.DECAY_RATE, Adam.DEFAULT.withAmsgrad(true)::withBeta2),
                new Hyperparameter("Adam", "epsilon", Domain.POSITIVE, Adam.DEFAULT::withEpsilon),
                new Hyperparameter("Adam", "weightDecay", Domain.NON_NEGATIVE, Adam.DEFAULT::withWeightDecay),
                new Hyperparameter("AdamW", "weightDecay", Domain.NON_NEGATIVE, Adam.adamW()::withWeightDecay));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hyperparameters")
    void everyEdgeIsRejectedByNameOrStepsWithoutNaN(Hyperparameter hyperparameter) {
        for (double value : EDGES) {
            String what = hyperparameter + " = " + value;
            if (hyperparameter.domain().accepts.test(value)) {
                UpdateRule rule = hyperparameter.with().apply(value);
                assertZeroGradientStepIsClean(rule, 1e-3, what);
                if (value == 0.0) {
                    assertEquals(hyperparameter.with().apply(0.0), rule, what + ": -0.0 is kept as 0.0");
                }
            } else {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> hyperparameter.with().apply(value), what);
                assertTrue(e.getMessage().startsWith(hyperparameter.name() + " must be "), e.getMessage());
                assertTrue(e.getMessage().endsWith("got " + value), e.getMessage());
            }
        }
    }

    @Test
    void theNarrowedLimitsAreNamedInTheMessages() {
        assertEquals("epsilon must be > 0 as the float the kernels use, that is above 2^-150 = 7.006492321624085E-46 "
                        + "(smaller values round to 0), got 1.0E-50",
                assertThrows(IllegalArgumentException.class, () -> Adam.DEFAULT.withEpsilon(1e-50)).getMessage());
        assertEquals("weightDecay must be at most 3.4028235E38 in magnitude (Float.MAX_VALUE: larger values round to "
                        + "infinity as the float the kernels use), got 1.0E39",
                assertThrows(IllegalArgumentException.class, () -> Sgd.DEFAULT.withWeightDecay(1e39)).getMessage());
        assertEquals("initialAccumulator must be at most 3.4028235E38 in magnitude (Float.MAX_VALUE: larger values round "
                        + "to infinity as the float the kernels use), got 1.0E39",
                assertThrows(IllegalArgumentException.class, () -> AdaGrad.DEFAULT.withInitialAccumulator(1e39)).getMessage());
        assertEquals("beta2 must be below 1 as the float the kernels use, that is below 1 - 2^-25 = 0.9999999701976776 "
                        + "(larger values round to 1), got 0.99999999",
                assertThrows(IllegalArgumentException.class, () -> Adam.DEFAULT.withBeta2(0.99999999)).getMessage());
    }

    @Test
    void learningRatesThatNarrowToInfinityAreRejectedAndThoseThatNarrowToZeroChangeNothing() {
        for (double rate : new double[] {3.5e38, 1e39}) {
            assertThrows(IllegalArgumentException.class, () -> new ConstantSchedule(rate));
            assertThrows(IllegalArgumentException.class, () -> new ManualSchedule(rate));
            assertThrows(IllegalArgumentException.class, () -> ParameterGroup.named("g").withLearningRateFactor(rate));
            assertThrows(IllegalArgumentException.class, () -> Kernels.sgd(Sgd.DEFAULT, rate, new float[1], new float[1]));
        }
        for (double rate : new double[] {0x1p-150, 1e-46, -0.0}) {
            float[] param = {1.5f, -3f, 1e-30f};
            float[] gradient = {1e30f, -2f, 7f};
            Kernels.sgd(Sgd.DEFAULT.withWeightDecay(0.1), rate, param, gradient);
            assertEquals(List.of(1.5f, -3f, 1e-30f), List.of(param[0], param[1], param[2]), "learning rate " + rate);
        }
        assertEquals(0.0, new ManualSchedule(-0.0).current());
        assertEquals(new ConstantSchedule(0.0), new ConstantSchedule(-0.0));
        assertEquals(ParameterGroup.named("g").withLearningRateFactor(0.0),
                ParameterGroup.named("g").withLearningRateFactor(-0.0));
    }

    /** A step of {@code rule} on zero parameters and a zero gradient from fresh state, at steps 1 and 2. */
    static void assertZeroGradientStepIsClean(UpdateRule rule, double learningRate, String what) {
        int n = 5;
        MemorySegment param = MemorySegment.ofArray(new float[n]);
        MemorySegment gradient = MemorySegment.ofArray(new float[n]);
        List<MemorySegment> state = new ArrayList<>();
        for (int i = 0; i < rule.stateBuffers(); i++) {
            float[] buffer = new float[n];
            Arrays.fill(buffer, rule.initialStateValue(i));
            state.add(MemorySegment.ofArray(buffer));
        }
        for (long t = 1; t <= 2; t++) {
            Kernels.step(rule, learningRate, t, param, gradient, state);
        }
        for (float value : param.toArray(java.lang.foreign.ValueLayout.JAVA_FLOAT)) {
            assertEquals(0f, Math.abs(value), what + ": parameter");
        }
        for (MemorySegment buffer : state) {
            for (float value : buffer.toArray(java.lang.foreign.ValueLayout.JAVA_FLOAT)) {
                assertFalse(Float.isNaN(value) || Float.isInfinite(value), what + ": state " + value);
            }
        }
    }
}
