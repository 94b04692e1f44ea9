package dev.gradus.jmh.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PlanTest {

    @Test
    void quickWarmsUpAdaptivelyThenRunsOneSecondIterationsWhileTheyFitTheBudget() {
        Plan plan = Plan.quick(32);
        assertEquals("1 fork, adaptive warm-up 500 ms to 30 s then warmup 1 x 200 ms, measurement 5 x 1000 ms, "
                + "up to 2 attempts within 10 min", plan.describe());
        assertEquals(Duration.ofMillis(7700), plan.attemptCost(1), "2 s fork, 0.5 s warm-up, 0.2 s, 5 s");
        assertEquals(Duration.ofMillis(8200), plan.perBenchmark(), "and the warm-up's expected 0.5 s more");
    }

    @Test
    void quickShortensMeasurementIterationsToLeaveAReserve() {
        for (int count : new int[] {60, 76, 100}) {
            Plan plan = Plan.quick(count);
            assertTrue(plan.reserve(count).compareTo(Plan.QUICK_BUDGET.multipliedBy(2).dividedBy(10)) >= 0,
                    "count " + count + ": " + plan.reserve(count));
            assertTrue(plan.measurementTime().toMillis() % 50 == 0);
        }
        Plan all = Plan.quick(128);
        assertEquals(Plan.QUICK_SHORTEST_ITERATION, all.measurementTime());
        assertEquals(Duration.ofMillis(3700), all.attemptCost(1));
        assertEquals(Duration.ofMillis(600_000 - 128 * 3700), all.reserve(128), "2.1 min of reserve for 128");
        assertEquals(Duration.ofMillis(128 * 4200), all.perBenchmark().multipliedBy(128), "about 9 min expected");
    }

    @Test
    void quicksWorstCaseIsItsBudgetOrLessWhenEveryAttemptAtItsLongestTakesLess() {
        assertEquals(Plan.QUICK_BUDGET, Plan.quick(128).worstCase(128));
        assertEquals(Plan.QUICK_BUDGET, Plan.quick(32).worstCase(32));
        Plan one = Plan.quick(1);
        assertEquals(Duration.ofMillis(7700 + 29_500 + 2000 + 2000 + 200 + 5000 + 58_000), one.worstCase(1),
                "first attempt to 30 s, second to 60 s");
        Plan tooMany = Plan.quick(10_000);
        assertEquals(Plan.QUICK_SHORTEST_ITERATION, tooMany.measurementTime());
        assertEquals(tooMany.attemptCost(1).multipliedBy(10_000), tooMany.worstCase(10_000),
                "the fixed parts alone exceed the budget: no reserve, no more");
        assertEquals(Duration.ZERO, tooMany.reserve(10_000));
    }

    @Test
    void eachAttemptWarmsUpLongerAtLeastAndAtMost() {
        Plan quick = Plan.quick(128);
        assertEquals(Duration.ofMillis(500), quick.adaptiveMin(1));
        assertEquals(Duration.ofSeconds(30), quick.adaptiveMax(1));
        assertEquals(Duration.ofSeconds(2), quick.adaptiveMin(2));
        assertEquals(Duration.ofSeconds(60), quick.adaptiveMax(2));
        assertEquals(2, quick.attempts());
        Plan full = Plan.full();
        assertEquals(Duration.ofSeconds(32), full.adaptiveMin(3));
        assertEquals(Duration.ofSeconds(240), full.adaptiveMax(3));
    }

    @Test
    void fullIsThreeForksOfLongerIterationsWithoutBoundAndSmokeCannotBecomeSteady() {
        Plan full = Plan.full();
        assertEquals("3 forks, adaptive warm-up 2 s to 60 s then warmup 2 x 2000 ms, measurement 10 x 2000 ms, "
                + "up to 3 attempts", full.describe());
        assertFalse(full.bounded());
        assertEquals(Duration.ZERO, full.reserve(128));
        assertEquals(Duration.ofSeconds(3 * ((2 + 4 + 20 + 60) + (2 + 4 + 20 + 120) + (2 + 4 + 20 + 240))),
                full.worstCase(1));
        Plan smoke = Plan.smoke();
        assertTrue(smoke.adaptive());
        assertEquals(Duration.ofMillis(100), smoke.adaptiveMax(1), "shorter than four 100 ms chunks");
        assertEquals(1, smoke.attempts());
        assertFalse(new Plan("off", 1, 1, Duration.ofMillis(1), 1, Duration.ofMillis(1), Duration.ZERO, Duration.ZERO,
                1, 1, null).adaptive());
    }
}
