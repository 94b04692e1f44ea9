package dev.gradus.schedule;

import dev.gradus.internal.ArgumentChecks;

/**
 * One schedule for a number of units, then another with its count restarting at 1 (PyTorch's
 * {@code SequentialLR} with one milestone; chain for more).
 *
 * <pre>
 *   a(n) = first(n)                n = 1 .. firstLength
 *   a(n) = then(n - firstLength)   n &gt; firstLength
 * </pre>
 *
 * Also made by {@link Schedule#followedBy(long, Schedule)}:
 * {@code warmup.followedBy(500, cosine).followedBy(10_000, new ConstantSchedule(1e-5))}.
 *
 * <p>Immutable and thread-safe if both schedules are.
 *
 * @param first       the schedule of units {@code 1 .. firstLength}
 * @param firstLength the units of {@code first}, {@code >= 1}
 * @param then        the schedule afterwards, counted from 1
 */
public record SequentialSchedule(Schedule first, long firstLength, Schedule then) implements Schedule {

    /**
     * Validates the parameters.
     *
     * @throws IllegalArgumentException naming {@code firstLength} and its value if it is below 1
     * @throws NullPointerException     if a schedule is {@code null}
     */
    public SequentialSchedule {
        ArgumentChecks.requireNonNull("first", first);
        ArgumentChecks.requireCount("firstLength", firstLength);
        ArgumentChecks.requireNonNull("then", then);
    }

    @Override
    public double learningRate(long step) {
        ArgumentChecks.requireStep(step);
        return step <= firstLength ? first.learningRate(step) : then.learningRate(step - firstLength);
    }
}
