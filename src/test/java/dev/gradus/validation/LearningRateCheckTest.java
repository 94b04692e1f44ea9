package dev.gradus.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.AdaBelief;
import dev.gradus.AdaGrad;
import dev.gradus.Adam;
import dev.gradus.Momentum;
import dev.gradus.NAdam;
import dev.gradus.RAdam;
import dev.gradus.RmsProp;
import dev.gradus.Sgd;
import dev.gradus.UpdateRule;
import dev.gradus.Yogi;
import dev.gradus.internal.ArgumentChecks;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ArgumentChecks#requireLearningRate}: every learning rate it accepts steps without NaN from
 * a zero gradient, also where the rule derives larger floats from it (Adam's {@code a / (1 - b1^t)},
 * and NAdam's, AdaBelief's, Yogi's, bias-corrected momentum's {@code a / (1 - mu^t)}, AdamW's and
 * decoupled NAdam's and RAdam's {@code 1 - a * lambda}); twice the
 * largest accepted rate makes the bound of one of those floats infinite.
 */
class LearningRateCheckTest {

    private static final List<UpdateRule> RULES = List.of(Sgd.DEFAULT, Momentum.heavyBall(0.9),
            Momentum.ewma(0.99).withBiasCorrection(true), AdaGrad.DEFAULT, RmsProp.DEFAULT.withMomentum(0.9),
            Adam.DEFAULT, Adam.DEFAULT.withForm(Adam.Form.EFFICIENT), Adam.adamW(),
            Adam.DEFAULT.withBeta1(0.0).withWeightDecay(1e30).withDecoupledWeightDecay(true),
            Adam.DEFAULT.withBeta1(0.9999999403953552), NAdam.DEFAULT, AdaBelief.DEFAULT,
            Yogi.DEFAULT.withInitialAccumulator(0), NAdam.DEFAULT.withBetas(0.0, 0.999).withWeightDecay(1e30)
                    .withDecoupledWeightDecay(true),
            RAdam.DEFAULT.withBetas(0.0, 0.999).withWeightDecay(1e30).withDecoupledWeightDecay(true));

    @Test
    void theLargestAcceptedRateStepsWithoutNaNAndTwiceItOverflowsADerivedFloat() {
        for (UpdateRule rule : RULES) {
            double largest = largestAccepted(rule);
            NarrowingEdgesTest.assertZeroGradientStepIsClean(rule, largest, rule + " at learning rate " + largest);
            assertThrows(IllegalArgumentException.class, () -> ArgumentChecks.requireLearningRate(rule, 2 * largest));
            assertTrue(Float.isInfinite((float) largestDerived(rule, 2 * largest)), rule + " at " + 2 * largest);
        }
    }

    @Test
    void messagesNameTheRateTheRuleAndForTheOptimizerTheStepAndParameter() {
        assertEquals("learningRate must be finite and >= 0, got NaN",
                assertThrows(IllegalArgumentException.class,
                        () -> ArgumentChecks.requireLearningRate(Sgd.DEFAULT, Double.NaN)).getMessage());
        assertEquals("learningRate 1.0E38 makes Adam's step size a / (1 - beta1^t) (a / (1 - beta1) = 1.0000000000000002E39)"
                        + " overflow a float (above 3.4028235E38)",
                assertThrows(IllegalArgumentException.class,
                        () -> ArgumentChecks.requireLearningRate(Adam.DEFAULT, 1e38)).getMessage());
        assertEquals("learning rate at step 12 of parameter fc.weight (the schedule's rate times its group's "
                        + "learning-rate factor) must be at most 3.4028235E38 in magnitude (Float.MAX_VALUE: larger values "
                        + "round to infinity as the float the kernels use), got 6.0E38",
                assertThrows(IllegalArgumentException.class,
                        () -> ArgumentChecks.requireLearningRate(Sgd.DEFAULT, 6e38, 12, "fc.weight")).getMessage());
        assertEquals("learning rate at step 3 of parameter emb (the schedule's rate times its group's learning-rate "
                        + "factor) 1.0E10 makes Adam's decoupled decay factor 1 - a * lambda (a * lambda = 1.0E40) "
                        + "overflow a float (above 3.4028235E38)",
                assertThrows(IllegalArgumentException.class, () -> ArgumentChecks.requireLearningRate(
                        Adam.adamW().withBeta1(0).withWeightDecay(1e30), 1e10, 3, "emb")).getMessage());
        assertEquals(0.0, ArgumentChecks.requireLearningRate(Adam.DEFAULT, -0.0, 1, "w"));
        assertEquals("learningRate 1.0E38 makes NAdam's step size a / (1 - beta1^t) (a / (1 - beta1) = "
                        + "1.0000000000000002E39) overflow a float (above 3.4028235E38)",
                assertThrows(IllegalArgumentException.class,
                        () -> ArgumentChecks.requireLearningRate(NAdam.DEFAULT, 1e38)).getMessage());
        assertEquals("learningRate 1.0E10 makes RAdam's decoupled decay factor 1 - a * lambda (a * lambda = 1.0E40) "
                        + "overflow a float (above 3.4028235E38)",
                assertThrows(IllegalArgumentException.class, () -> ArgumentChecks.requireLearningRate(
                        RAdam.DEFAULT.withBetas(0, 0.999).withWeightDecay(1e30).withDecoupledWeightDecay(true),
                        1e10)).getMessage());
    }

    /** The largest rate the check accepts for {@code rule}, by bisection over the doubles in [0, Float.MAX_VALUE]. */
    private static double largestAccepted(UpdateRule rule) {
        long low = 0;
        long high = Double.doubleToRawLongBits(Math.nextUp((double) Float.MAX_VALUE) * 2);
        while (high - low > 1) {
            long middle = (low + high) >>> 1;
            if (accepts(rule, Double.longBitsToDouble(middle))) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return Double.longBitsToDouble(low);
    }

    private static boolean accepts(UpdateRule rule, double rate) {
        try {
            ArgumentChecks.requireLearningRate(rule, rate);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The largest per-step float the check bounds for rate {@code a}, from the formulas in the
     * rules' Javadoc: the rate itself, {@code a / (1 - mu)} (bias-corrected momentum, at
     * {@code t = 1}), {@code a / (1 - b1)} (Adam's Algorithm 1 step size at {@code t = 1}, a bound
     * of the efficient form's), {@code a * lambda} (AdamW's decay).
     */
    private static double largestDerived(UpdateRule rule, double a) {
        return switch (rule) {
            case Momentum m when m.biasCorrection() -> a / (1 - m.momentum());
            case Adam adam -> Math.max(a / (1 - adam.beta1()), adam.decoupledWeightDecay() ? a * adam.weightDecay() : 0);
            case NAdam r -> Math.max(a / (1 - r.beta1()), r.decoupledWeightDecay() ? a * r.weightDecay() : 0);
            case RAdam r -> Math.max(a / (1 - r.beta1()), r.decoupledWeightDecay() ? a * r.weightDecay() : 0);
            case AdaBelief r -> a / (1 - r.beta1());
            case Yogi r -> a / (1 - r.beta1());
            default -> a;
        };
    }
}
