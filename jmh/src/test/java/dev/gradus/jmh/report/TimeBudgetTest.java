package dev.gradus.jmh.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimeBudgetTest {

    /** A run on a fake clock: each attempt takes its fixed part and its warm-up beyond the shortest. */
    private static final class Run {
        private final Plan plan;
        private final TimeBudget budget;
        private final double forkSlowdown;
        private long now;
        private int attempts;

        Run(Plan plan, int benchmarks, double forkSlowdown) {
            this.plan = plan;
            this.forkSlowdown = forkSlowdown;
            this.budget = new TimeBudget(plan, benchmarks, () -> now);
        }

        /** Every benchmark fails every attempt, and every warm-up runs to its longest time. */
        Duration worst(int benchmarks) {
            for (int b = 0; b < benchmarks; b++) {
                budget.startBenchmark();
                for (int attempt = 1; ; attempt++) {
                    Optional<Duration> max = budget.warmupMax(attempt);
                    if (max.isEmpty()) {
                        break;
                    }
                    assertTrue(max.get().compareTo(plan.adaptiveMin(attempt)) >= 0);
                    assertTrue(max.get().compareTo(plan.adaptiveMax(attempt)) <= 0);
                    attempts++;
                    now += (long) (plan.attemptCost(attempt).toNanos() * forkSlowdown)
                            + max.get().minus(plan.adaptiveMin(attempt)).multipliedBy(plan.forks()).toNanos();
                }
            }
            return Duration.ofNanos(now);
        }
    }

    @Test
    void theQuickPlanNeverTakesLongerThanItsBudgetWhateverFails() {
        for (int benchmarks : new int[] {1, 4, 32, 76, 128, 150}) {
            Plan plan = Plan.quick(benchmarks);
            Run run = new Run(plan, benchmarks, 1);
            Duration took = run.worst(benchmarks);
            assertTrue(took.compareTo(Plan.QUICK_BUDGET) <= 0, benchmarks + " benchmarks took " + took);
            assertTrue(took.compareTo(plan.worstCase(benchmarks)) <= 0, benchmarks + " benchmarks took " + took);
            assertTrue(run.attempts >= benchmarks);
        }
    }

    @Test
    void theReserveGoesToTheFirstWarmUpsAndReMeasurementsThenTheRestGetTheirShortestTime() {
        Run run = new Run(Plan.quick(128), 128, 1);
        Duration took = run.worst(128);
        assertTrue(took.compareTo(Plan.QUICK_BUDGET.minusSeconds(1)) >= 0, "the reserve is spent: " + took);
        assertTrue(run.attempts < 2 * 128, "not every benchmark could be measured twice: " + run.attempts);
    }

    @Test
    void whenForksStartSlowerThanPlannedTheRunGivesUpReMeasurementsAndLongWarmUpsFirst() {
        Plan plan = Plan.quick(128);
        Run run = new Run(plan, 128, 1.5);
        Duration took = run.worst(128);
        assertTrue(run.attempts <= 130, "a second attempt only while the early slack lasts: " + run.attempts);
        assertTrue(run.budget.behind().orElseThrow().compareTo(Duration.ofMinutes(2)) > 0);
        assertTrue(took.compareTo(plan.attemptCost(1).multipliedBy(128 * 3).dividedBy(2).plus(plan.reserve(128))) <= 0,
                "late by the forks' slowness, never by the reserve: " + took);
    }

    @Test
    void withoutABudgetEveryAttemptGetsThePlansBounds() {
        Plan full = Plan.full();
        TimeBudget budget = new TimeBudget(full, 128, () -> 0);
        budget.startBenchmark();
        assertEquals(Optional.of(Duration.ofSeconds(60)), budget.warmupMax(1));
        assertEquals(Optional.of(Duration.ofSeconds(240)), budget.warmupMax(3));
        assertEquals(Optional.empty(), budget.warmupMax(4));
        Run run = new Run(full, 2, 1);
        assertEquals(full.worstCase(2), run.worst(2));
    }

    @Test
    void aQuietRunTakesTheFixedPartsOnly() {
        Plan plan = Plan.quick(128);
        long[] now = {0};
        TimeBudget budget = new TimeBudget(plan, 128, () -> now[0]);
        for (int b = 0; b < 128; b++) {
            budget.startBenchmark();
            assertTrue(budget.warmupMax(1).orElseThrow().compareTo(plan.adaptiveMin(1)) > 0,
                    "room for a longer warm-up at benchmark " + b);
            assertEquals(Optional.empty(), budget.behind());
            now[0] += plan.attemptCost(1).toNanos();
        }
        assertEquals(plan.attemptCost(1).multipliedBy(128), Duration.ofNanos(now[0]));
    }
}
