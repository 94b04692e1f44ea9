/**
 * Learning-rate schedules: closed-form functions of the step number, computed in {@code double}.
 *
 * <p>{@link dev.gradus.schedule.Schedule} is the entry point: {@code learningRate(t)} for steps
 * {@code t = 1, 2, ...}. The records here are the decays taught in the
 * {@linkplain dev.gradus Optimization algorithms week} (inverse time, exponential,
 * {@code k/sqrt(epoch)}, {@code k/sqrt(t)}, staircase, manual) and those real recipes add
 * (multi-step, cosine annealing, linear warm-up, constant); {@link
 * dev.gradus.schedule.ManualSchedule} holds a value the caller sets. Schedules compose:
 * {@code perEpoch} evaluates one per epoch, {@code followedBy} chains two in sequence and
 * {@code times} multiplies two. Being pure functions of the step, they resume at any step with
 * bit-identical values. See {@code docs/schedules.md}.
 */
package dev.gradus.schedule;
