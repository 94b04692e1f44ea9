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
        assertEquals("1 fork, adaptive warm-up 1 s to 30 s then warmup 1 x 300 ms, measurement 5 x 1000 ms, "
                + "up to 2 attempts", plan.describe());
        assertEquals(Duration.ofMillis(7800), plan.perBenchmark(), "1 s overhead, 1.5 s warm-up, 0.3 s, 5 s");
    }

    @Test
    void quickShortensMeasurementIterationsToStayWithinTheBudget() {
        for (int count : new int[] {76, 112, 128}) {
            Plan plan = Plan.quick(count);
            assertTrue(plan.perBenchmark().multipliedBy(count).compareTo(Plan.QUICK_BUDGET) <= 0, "count " + count);
            assertTrue(plan.measurementTime().toMillis() % 50 == 0);
            assertEquals(Duration.ofSeconds(1), plan.adaptiveMin(1), "the warm-up is never shortened");
        }
        assertEquals(Duration.ofMillis(350), Plan.quick(128).measurementTime());
    }

    @Test
    void quickNeverGoesBelowTheShortestIteration() {
        assertEquals(Plan.QUICK_SHORTEST_ITERATION, Plan.quick(10_000).measurementTime());
    }

    @Test
    void eachAttemptWarmsUpLongerAtLeastAndAtMost() {
        Plan quick = Plan.quick(128);
        assertEquals(Duration.ofSeconds(1), quick.adaptiveMin(1));
        assertEquals(Duration.ofSeconds(30), quick.adaptiveMax(1));
        assertEquals(Duration.ofSeconds(4), quick.adaptiveMin(2));
        assertEquals(Duration.ofSeconds(60), quick.adaptiveMax(2));
        assertEquals(2, quick.attempts());
        Plan full = Plan.full();
        assertEquals(Duration.ofSeconds(32), full.adaptiveMin(3));
        assertEquals(Duration.ofSeconds(240), full.adaptiveMax(3));
    }

    @Test
    void fullIsThreeForksOfLongerIterationsAndSmokeCannotBecomeSteady() {
        assertEquals("3 forks, adaptive warm-up 2 s to 60 s then warmup 2 x 2000 ms, measurement 10 x 2000 ms, "
                + "up to 3 attempts", Plan.full().describe());
        Plan smoke = Plan.smoke();
        assertTrue(smoke.adaptive());
        assertEquals(Duration.ofMillis(100), smoke.adaptiveMax(1), "shorter than four 100 ms chunks");
        assertEquals(1, smoke.attempts());
        assertFalse(new Plan("off", 1, 1, Duration.ofMillis(1), 1, Duration.ofMillis(1), Duration.ZERO, Duration.ZERO,
                1, 1).adaptive());
    }
}
