package dev.gradus.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gradus.schedule.ConstantSchedule;
import dev.gradus.schedule.CosineAnnealing;
import dev.gradus.schedule.ExponentialDecay;
import dev.gradus.schedule.InverseSqrtDecay;
import dev.gradus.schedule.InverseTimeDecay;
import dev.gradus.schedule.LinearWarmup;
import dev.gradus.schedule.ManualSchedule;
import dev.gradus.schedule.MultiStepDecay;
import dev.gradus.schedule.PerEpoch;
import dev.gradus.schedule.ProductSchedule;
import dev.gradus.schedule.Schedule;
import dev.gradus.schedule.SequentialSchedule;
import dev.gradus.schedule.StepDecay;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad parameters and steps are rejected with a message naming the parameter and its value. */
class ScheduleValidationTest {

    static Stream<Arguments> badSchedules() {
        return Stream.of(
                row("a0 NaN", "a0 must be finite and >= 0, got NaN", () -> new ConstantSchedule(Double.NaN)),
                row("a0 negative", "a0 must be finite and >= 0, got -0.1", () -> new InverseTimeDecay(-0.1, 1)),
                row("a0 infinite", "a0 must be finite and >= 0, got Infinity",
                        () -> new StepDecay(Double.POSITIVE_INFINITY, 0.5, 1)),
                row("decay negative", "decay must be finite and >= 0, got -1.0", () -> new InverseTimeDecay(0.1, -1)),
                row("decay infinite", "decay must be finite and >= 0, got Infinity",
                        () -> new InverseTimeDecay(0.1, Double.POSITIVE_INFINITY)),
                row("base 0", "base must be in (0, 1], got 0.0", () -> new ExponentialDecay(0.1, 0)),
                row("base above 1", "base must be in (0, 1], got 1.01", () -> new ExponentialDecay(0.1, 1.01)),
                row("base NaN", "base must be in (0, 1], got NaN", () -> new ExponentialDecay(0.1, Double.NaN)),
                row("k negative", "k must be finite and >= 0, got -2.0", () -> new InverseSqrtDecay(0.1, -2)),
                row("factor 2", "factor must be in (0, 1], got 2.0", () -> new StepDecay(0.1, 2, 10)),
                row("every 0", "every must be >= 1, got 0", () -> new StepDecay(0.1, 0.5, 0)),
                row("gamma negative", "gamma must be in (0, 1], got -0.5", () -> new MultiStepDecay(0.1, -0.5, 3)),
                row("milestones repeated", "milestones must be strictly increasing and >= 1, got [3, 3]",
                        () -> new MultiStepDecay(0.1, 0.5, 3, 3)),
                row("milestones decreasing", "milestones must be strictly increasing and >= 1, got [5, 2]",
                        () -> new MultiStepDecay(0.1, 0.5, 5, 2)),
                row("milestone 0", "milestones must be strictly increasing and >= 1, got [0, 2]",
                        () -> new MultiStepDecay(0.1, 0.5, 0, 2)),
                row("minimum above a0", "minimum must be <= a0 (0.1), got 0.2", () -> new CosineAnnealing(0.1, 0.2, 10)),
                row("minimum negative", "minimum must be finite and >= 0, got -0.01",
                        () -> new CosineAnnealing(0.1, -0.01, 10)),
                row("cosine length 0", "length must be >= 1, got 0", () -> new CosineAnnealing(0.1, 0, 0)),
                row("startFactor above 1", "startFactor must be in [0, 1], got 1.5", () -> new LinearWarmup(0.1, 1.5, 3)),
                row("startFactor NaN", "startFactor must be in [0, 1], got NaN", () -> new LinearWarmup(0.1, Double.NaN, 3)),
                row("warm-up length -1", "length must be >= 1, got -1", () -> new LinearWarmup(0.1, 0.5, -1)),
                row("stepsPerEpoch 0", "stepsPerEpoch must be >= 1, got 0", () -> new ConstantSchedule(1).perEpoch(0)),
                row("firstLength 0", "firstLength must be >= 1, got 0",
                        () -> new ConstantSchedule(1).followedBy(0, new ConstantSchedule(2))),
                row("manual rate negative", "rate must be finite and >= 0, got -1.0", () -> new ManualSchedule(-1)));
    }

    private static Arguments row(String name, String message, Executable construction) {
        return Arguments.of(name, message, construction);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSchedules")
    void isRejected(String name, String message, Executable construction) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, construction).getMessage());
    }

    @Test
    void nullPartsAreRejectedByName() {
        Schedule one = new ConstantSchedule(1);
        assertEquals("schedule must not be null", assertThrows(NullPointerException.class, () -> new PerEpoch(null, 1)).getMessage());
        assertEquals("then must not be null", assertThrows(NullPointerException.class, () -> one.followedBy(1, null)).getMessage());
        assertEquals("first must not be null", assertThrows(NullPointerException.class,
                () -> new SequentialSchedule(null, 1, one)).getMessage());
        assertEquals("factor must not be null", assertThrows(NullPointerException.class, () -> one.times(null)).getMessage());
        assertEquals("schedule must not be null", assertThrows(NullPointerException.class,
                () -> new ProductSchedule(null, one)).getMessage());
        assertThrows(NullPointerException.class, () -> new MultiStepDecay(0.1, 0.5, Arrays.asList(1L, null)));
        assertEquals("milestones must not be null", assertThrows(NullPointerException.class,
                () -> new MultiStepDecay(0.1, 0.5, (List<Long>) null)).getMessage());
    }

    @Test
    void everyScheduleRejectsStepsBelowOne() {
        SplittableRandom random = new SplittableRandom(2024);
        List<Schedule> schedules = Stream.concat(
                        Stream.generate(() -> RandomSchedules.any(2).next(random)).limit(200),
                        Stream.of(new ManualSchedule(1)))
                .toList();
        for (Schedule schedule : schedules) {
            for (long step : new long[] {0, -1, Long.MIN_VALUE}) {
                IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                        () -> schedule.learningRate(step), schedule::toString);
                assertEquals("step must be >= 1 (steps count from 1), got " + step, thrown.getMessage());
            }
        }
    }

    @Test
    void aRejectedManualRateLeavesTheRateUnchanged() {
        ManualSchedule manual = new ManualSchedule(0.1);
        assertThrows(IllegalArgumentException.class, () -> manual.set(Double.NaN));
        assertEquals(0.1, manual.learningRate(1));
    }

    @Test
    void milestonesAreCopied() {
        List<Long> milestones = new ArrayList<>(List.of(2L, 4L));
        MultiStepDecay decay = new MultiStepDecay(1, 0.5, milestones);
        milestones.set(0, 1L);
        assertEquals(1.0, decay.learningRate(2));
        assertEquals(List.of(2L, 4L), decay.milestones());
    }
}
