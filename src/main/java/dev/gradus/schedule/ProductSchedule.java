package dev.gradus.schedule;

import dev.gradus.internal.ArgumentChecks;

/**
 * The product of two schedules at every unit, for a warm-up or other factor applied to a decay.
 *
 * <pre>
 *   a(n) = schedule(n) * factor(n)
 * </pre>
 *
 * Also made by {@link Schedule#times(Schedule)}:
 * {@code new CosineAnnealing(0.1, 0, 10_000).times(new LinearWarmup(1, 0.01, 500))}.
 *
 * <p>Immutable and thread-safe if both schedules are.
 *
 * @param schedule the first factor, usually the schedule holding the rate
 * @param factor   the second factor, usually a schedule with {@code a0 = 1}
 */
public record ProductSchedule(Schedule schedule, Schedule factor) implements Schedule {

    /**
     * Validates the parameters.
     *
     * @throws NullPointerException if a schedule is {@code null}
     */
    public ProductSchedule {
        ArgumentChecks.requireNonNull("schedule", schedule);
        ArgumentChecks.requireNonNull("factor", factor);
    }

    @Override
    public double learningRate(long step) {
        return schedule.learningRate(step) * factor.learningRate(step);
    }
}
