package dev.gradus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link NAdam#logMuProduct}, computed from {@code t} by a series, is the logarithm of the product
 * {@code mu_1 * ... * mu_t} that PyTorch multiplies out step by step, and stays finite and
 * non-increasing for steps no loop could reach.
 */
class NAdamScheduleTest {

    private static final List<NAdam> RULES = List.of(NAdam.DEFAULT, NAdam.DEFAULT.withMomentumDecay(0.0),
            NAdam.DEFAULT.withMomentumDecay(1.0), NAdam.DEFAULT.withMomentumDecay(1e3),
            NAdam.DEFAULT.withMomentumDecay(3e38), NAdam.DEFAULT.withMomentumDecay(1e-30),
            NAdam.DEFAULT.withBetas(0.999999, 0.999), NAdam.DEFAULT.withBetas(0.5, 0.999).withMomentumDecay(0.1));

    @Test
    void theSeriesIsTheProductMultipliedOut() {
        for (NAdam rule : RULES) {
            // ln mu_1 + ... + ln mu_t, summed with Kahan's compensation so that its own rounding
            // stays far below the tolerance.
            double logSum = 0;
            double compensation = 0;
            for (long t = 1; t <= 20_000; t++) {
                double term = Math.log(rule.momentumCache(t)) - compensation;
                double sum = logSum + term;
                compensation = (sum - logSum) - term;
                logSum = sum;
                double series = rule.logMuProduct(t);
                assertEquals(logSum, series, 1e-14 * Math.max(1, Math.abs(logSum)), rule + " at t = " + t);
            }
        }
    }

    @Test
    void oneMinusTheProductIsExactWhereTheProductIsNearOne() {
        NAdam rule = NAdam.DEFAULT.withBetas(0.999999, 0.999).withMomentumDecay(1e3);
        for (long t = 1; t <= 100; t++) {
            double expected = -Math.expm1(t * Math.log(0.999999));
            assertEquals(expected, -Math.expm1(rule.logMuProduct(t)), 1e-12 * expected, "t = " + t);
        }
    }

    @Test
    void farStepsStayFiniteAndTheProductDoesNotGrow() {
        for (NAdam rule : RULES) {
            double previous = 0;
            for (long t : new long[] {1, 10, 1_000, 1_000_000, 1L << 40, Long.MAX_VALUE / 2}) {
                double log = rule.logMuProduct(t);
                assertTrue(log < 0 && log <= previous && !Double.isNaN(log), rule + " at t = " + t + ": " + log);
                previous = log;
            }
        }
    }

    @Test
    void aZeroBeta1MakesTheProductZero() {
        NAdam rule = NAdam.DEFAULT.withBetas(0.0, 0.999);
        assertEquals(Double.NEGATIVE_INFINITY, rule.logMuProduct(3));
        assertEquals(0.0, rule.muProduct(3));
        assertEquals(0.0, rule.momentumCache(3));
    }

    @Test
    void theScheduleIsPyTorchs() {
        assertEquals(0.9 * (1 - 0.5 * Math.pow(0.96, 7 * 4e-3)), NAdam.DEFAULT.momentumCache(7));
        assertEquals(0.9 * (1 - 0.5 * Math.pow(0.96, 1 * 4e-3)), NAdam.DEFAULT.muProduct(1), 1e-16);
    }
}
