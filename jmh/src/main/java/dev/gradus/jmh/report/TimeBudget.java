package dev.gradus.jmh.report;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Keeps a run of rule benchmarks within its {@link Plan#budget}: a deadline, and before every
 * attempt the slack, the time to the deadline minus the fixed parts ({@link Plan#attemptCost}) of
 * this attempt and of one attempt of every benchmark not yet started. The adaptive warm-ups of an
 * attempt's forks may run past their shortest time by the slack together at most (and never past
 * the plan's longest time); a
 * further attempt runs only when the slack covers its fixed part. So what the run spends beyond the
 * fixed parts never exceeds the reserve, and the run ends by the deadline as long as forks start
 * as fast as the plan estimates; when they are slower, the slack shrinks and warm-ups and
 * re-measurements give way first. Without a budget, every attempt gets the plan's bounds.
 */
final class TimeBudget {

    private final Plan plan;
    private final int benchmarks;
    private final LongSupplier nanoClock;
    private final long deadline;
    private int started;

    /**
     * A budget starting now.
     *
     * @param plan       the plan, with or without a budget
     * @param benchmarks the rule benchmarks of the run
     * @param nanoClock  the clock, {@code System::nanoTime} outside tests
     */
    TimeBudget(Plan plan, int benchmarks, LongSupplier nanoClock) {
        this.plan = plan;
        this.benchmarks = benchmarks;
        this.nanoClock = nanoClock;
        this.deadline = plan.bounded() ? nanoClock.getAsLong() + plan.budget().toNanos() : Long.MAX_VALUE;
    }

    /** Records that the next benchmark starts. */
    void startBenchmark() {
        started++;
    }

    /**
     * The longest adaptive warm-up an attempt at the current benchmark may take, or nothing when the
     * attempt must not run: beyond the plan's attempts, or, for a further attempt, when the slack
     * does not cover its fixed part.
     *
     * @param attempt the attempt, from 1
     * @return the warm-up's longest time, between the attempt's shortest and longest
     */
    Optional<Duration> warmupMax(int attempt) {
        if (attempt > plan.attempts()) {
            return Optional.empty();
        }
        Duration min = plan.adaptiveMin(attempt);
        Duration max = plan.adaptiveMax(attempt);
        if (!plan.bounded()) {
            return Optional.of(max);
        }
        Duration slack = slack(attempt);
        if (attempt > 1 && slack.isNegative()) {
            return Optional.empty();
        }
        Duration extra = slack.isNegative() ? Duration.ZERO : slack.dividedBy(plan.forks());
        Duration longest = min.plus(extra);
        return Optional.of(longest.compareTo(max) < 0 ? longest : max);
    }

    /**
     * How far the run is behind its budget at the start of the current benchmark: the fixed parts
     * still to come exceed the time to the deadline (forks start slower than the plan estimates).
     *
     * @return by how much, empty when on time or without a budget
     */
    Optional<Duration> behind() {
        if (!plan.bounded()) {
            return Optional.empty();
        }
        Duration slack = slack(1);
        return slack.isNegative() ? Optional.of(slack.negated()) : Optional.empty();
    }

    /** The time to the deadline less this attempt's fixed part and one of every benchmark not started. */
    private Duration slack(int attempt) {
        Duration later = plan.attemptCost(1).multipliedBy(Math.max(0, benchmarks - started));
        Duration fixed = plan.attemptCost(attempt).plus(later);
        return Duration.ofNanos(deadline - nanoClock.getAsLong()).minus(fixed);
    }
}
