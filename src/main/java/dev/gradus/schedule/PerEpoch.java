package dev.gradus.schedule;

import dev.gradus.internal.ArgumentChecks;

/**
 * A schedule counted in epochs: at step {@code t}, {@code schedule} is evaluated at the epoch
 * number {@code e}, which counts from 1.
 *
 * <pre>
 *   e(t) = (t - 1) / stepsPerEpoch + 1          integer division; t = 1, 2, ...
 *   a(t) = schedule(e(t))
 * </pre>
 *
 * Steps {@code 1 .. stepsPerEpoch} are epoch 1, and so on. Take {@code stepsPerEpoch} from
 * {@link dev.gradus.MiniBatches#stepsPerEpoch()}. Also made by {@link Schedule#perEpoch(long)}.
 *
 * <p>Immutable and thread-safe if {@code schedule} is.
 *
 * @param schedule      the schedule of the epoch number
 * @param stepsPerEpoch the steps (mini-batches) per epoch, {@code >= 1}
 */
public record PerEpoch(Schedule schedule, long stepsPerEpoch) implements Schedule {

    /**
     * Validates the parameters.
     *
     * @throws IllegalArgumentException naming {@code stepsPerEpoch} and its value if it is below 1
     * @throws NullPointerException     if {@code schedule} is {@code null}
     */
    public PerEpoch {
        ArgumentChecks.requireNonNull("schedule", schedule);
        ArgumentChecks.requireCount("stepsPerEpoch", stepsPerEpoch);
    }

    /**
     * The epoch number {@code e >= 1} of step {@code t >= 1}.
     *
     * @param step the step {@code t >= 1}
     * @return the epoch number
     */
    public long epoch(long step) {
        return (ArgumentChecks.requireStep(step) - 1) / stepsPerEpoch + 1;
    }

    @Override
    public double learningRate(long step) {
        return schedule.learningRate(epoch(step));
    }
}
