package dev.gradus.schedule;

/**
 * A learning-rate schedule: the learning rate {@code a} of step {@code t = 1, 2, ...}, the number
 * of the mini-batch, counted before use like the step number of the kernels.
 *
 * <pre>{@code
 * Schedule schedule = new LinearWarmup(0.1, 0.01, 500)                // 500 steps of warm-up,
 *         .followedBy(500, new CosineAnnealing(0.1, 1e-4, 9_500));  // then cosine to 1e-4
 * for (long t = 1; t <= 10_000; t++) {
 *     Kernels.adam(Adam.DEFAULT, schedule.learningRate(t), t, w, g, m, v);
 * }
 * }</pre>
 *
 * <p><b>Closed form.</b> Every schedule but {@link ManualSchedule} is an immutable record whose
 * value at step {@code t} is a pure function of {@code t} and its parameters, evaluated in
 * {@code double} without accumulating anything: resuming a run at step {@code k} gives the same
 * bits as running up to {@code k}, and calls may come in any order from any thread. Powers and
 * cosines use {@link StrictMath}, so the values are the same on every JVM and platform. A
 * composition holding a {@link ManualSchedule} follows the rate last set in it.
 *
 * <p><b>Counting.</b> A schedule counts in its own unit {@code n = 1, 2, ...}: steps by default.
 * {@link #perEpoch(long)} makes it count epochs instead, {@code n = (t - 1) / stepsPerEpoch + 1},
 * so epochs count from 1 like {@code a0 / (1 + decay * epoch_num)} in the
 * {@linkplain dev.gradus Optimization algorithms week}; with {@code stepsPerEpoch = 1} an epoch is
 * a step. {@link #followedBy(long, Schedule)} runs another schedule after a number of units,
 * restarting its count at 1, and {@link #times(Schedule)} multiplies two schedules. The formulas
 * are in each record and in {@code docs/schedules.md}.
 *
 * <p><b>Arguments.</b> Constructors validate every parameter and throw
 * {@link IllegalArgumentException} naming it and its value; {@code a0}, the rate at {@code n = 1},
 * is {@code >= 0} and finite as the float a kernel receives (at most {@link Float#MAX_VALUE}) in
 * every schedule, so every value is {@code >= 0}. A product of schedules may still leave the
 * float range; the learning rate is checked again where it is used.
 */
public sealed interface Schedule
        permits ConstantSchedule, InverseTimeDecay, ExponentialDecay, InverseSqrtDecay, StepDecay,
        MultiStepDecay, CosineAnnealing, LinearWarmup, ManualSchedule, PerEpoch, SequentialSchedule,
        ProductSchedule {

    /**
     * The learning rate of step {@code step}.
     *
     * @param step the step {@code t >= 1} (the count {@code n} of this schedule's unit when it is
     *             part of another schedule)
     * @return the learning rate, {@code >= 0}
     * @throws IllegalArgumentException if {@code step < 1}
     */
    double learningRate(long step);

    /**
     * This schedule counted in epochs: {@link PerEpoch}.
     *
     * @param stepsPerEpoch the steps (mini-batches) per epoch, {@code >= 1}
     * @return a schedule of steps whose rate is this schedule's at the step's epoch
     * @throws IllegalArgumentException naming {@code stepsPerEpoch} and its value if it is below 1
     */
    default Schedule perEpoch(long stepsPerEpoch) {
        return new PerEpoch(this, stepsPerEpoch);
    }

    /**
     * This schedule for a number of units, then another counted from 1: {@link SequentialSchedule}.
     *
     * @param steps the units this schedule runs, {@code >= 1}
     * @param next  the schedule of the units after them
     * @return the sequence of the two schedules
     * @throws IllegalArgumentException if {@code steps < 1}, naming it {@code firstLength} (the
     *     component of {@link SequentialSchedule}) with its value
     * @throws NullPointerException     if {@code next} is {@code null}
     */
    default Schedule followedBy(long steps, Schedule next) {
        return new SequentialSchedule(this, steps, next);
    }

    /**
     * This schedule's rate times another's at every unit: {@link ProductSchedule}.
     *
     * @param factor the schedule to multiply by
     * @return the product of the two schedules
     * @throws NullPointerException if {@code factor} is {@code null}
     */
    default Schedule times(Schedule factor) {
        return new ProductSchedule(this, factor);
    }
}
