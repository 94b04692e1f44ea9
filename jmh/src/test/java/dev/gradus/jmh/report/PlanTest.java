package dev.gradus.jmh.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PlanTest {

    @Test
    void quickRunsOneSecondIterationsWhileTheyFitTheBudget() {
        Plan plan = Plan.quick(32);
        assertEquals("1 fork, warmup 2 x 1000 ms, measurement 5 x 1000 ms", plan.describe());
        assertEquals(Duration.ofSeconds(8), plan.perBenchmark());
    }

    @Test
    void quickShortensMeasurementIterationsToStayWithinTheBudget() {
        for (int count : new int[] {76, 112, 140}) {
            Plan plan = Plan.quick(count);
            assertTrue(plan.perBenchmark().multipliedBy(count).compareTo(Plan.QUICK_BUDGET) <= 0, "count " + count);
            assertTrue(plan.measurementTime().toMillis() % 50 == 0);
            assertEquals(Duration.ofSeconds(1), plan.warmupTime(), "warmup is wall time for C2, never shortened");
        }
        assertEquals(Duration.ofMillis(450), Plan.quick(112).measurementTime());
    }

    @Test
    void quickNeverGoesBelowTheShortestIteration() {
        assertEquals(Plan.QUICK_SHORTEST_ITERATION, Plan.quick(10_000).measurementTime());
    }

    @Test
    void fullIsThreeForksOfLongerIterations() {
        assertEquals("3 forks, warmup 5 x 2000 ms, measurement 10 x 2000 ms", Plan.full().describe());
    }
}
