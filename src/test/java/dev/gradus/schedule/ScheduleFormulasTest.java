package dev.gradus.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gradus.schedule.ConstantSchedule;
import dev.gradus.schedule.CosineAnnealing;
import dev.gradus.schedule.ExponentialDecay;
import dev.gradus.schedule.InverseSqrtDecay;
import dev.gradus.schedule.InverseTimeDecay;
import dev.gradus.schedule.LinearWarmup;
import dev.gradus.schedule.ManualSchedule;
import dev.gradus.schedule.MultiStepDecay;
import dev.gradus.schedule.PerEpoch;
import dev.gradus.schedule.Schedule;
import dev.gradus.schedule.StepDecay;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each schedule follows its textbook formula, written here independently in the 0-based form of
 * PyTorch's schedulers ({@code e = t - 1}) with {@link Math} instead of {@link StrictMath}, and
 * gives the example values of the Optimization algorithms week (the course named in the README).
 */
class ScheduleFormulasTest {

    /**
     * Relative tolerance against the references: they differ by the rounding of a few operations
     * ({@code Math} vs {@code StrictMath}, each within 1 ulp, and the cosine's rearranged form).
     */
    private static final double TOLERANCE = 1e-14;

    static Stream<Arguments> schedulesAndReferences() {
        return Stream.of(
                row(new ConstantSchedule(0.3), e -> 0.3),
                row(new InverseTimeDecay(0.2, 1.0), e -> 0.2 / (1 + 1.0 * (e + 1))),
                row(new InverseTimeDecay(0.5, 0.01), e -> 0.5 / (1 + 0.01 * (e + 1))),
                row(new ExponentialDecay(0.2, 0.95), e -> Math.pow(0.95, e + 1) * 0.2),
                row(new InverseSqrtDecay(0.1, 2.0), e -> 2.0 / Math.sqrt(e + 1) * 0.1),
                row(new StepDecay(1.0, 0.5, 10), e -> Math.pow(0.5, Math.floor(e / 10.0))),
                row(new MultiStepDecay(0.1, 0.1, 30, 80), e -> 0.1 * (e < 30 ? 1 : e < 80 ? 0.1 : 0.01)),
                row(new CosineAnnealing(0.1, 1e-3, 100),
                        e -> 1e-3 + (0.1 - 1e-3) * (1 + Math.cos(Math.PI * Math.min(e, 100) / 100)) / 2),
                row(new LinearWarmup(0.1, 0.25, 8), e -> 0.1 * (0.25 + 0.75 * Math.min(e, 8) / 8.0)),
                row(new LinearWarmup(0.1, 0.0, 5).followedBy(5, new CosineAnnealing(0.1, 0.0, 20)),
                        e -> e < 5 ? 0.1 * e / 5.0 : 0.05 * (1 + Math.cos(Math.PI * Math.min(e - 5, 20) / 20))),
                row(new CosineAnnealing(1.0, 0.0, 50).times(new LinearWarmup(2.0, 0.5, 4)),
                        e -> (1 + Math.cos(Math.PI * Math.min(e, 50) / 50)) / 2 * 2.0 * (0.5 + 0.5 * Math.min(e, 4) / 4)),
                row(new ExponentialDecay(0.2, 0.95).perEpoch(7), e -> Math.pow(0.95, e / 7 + 1) * 0.2));
    }

    private static Arguments row(Schedule schedule, LongToDoubleFunction referenceOfZeroBasedStep) {
        return Arguments.of(schedule, referenceOfZeroBasedStep);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schedulesAndReferences")
    void followsTheTextbookFormula(Schedule schedule, LongToDoubleFunction reference) {
        for (long t = 1; t <= 400; t++) {
            double expected = reference.applyAsDouble(t - 1);
            assertEquals(expected, schedule.learningRate(t), TOLERANCE * expected, "step " + t);
        }
    }

    @Test
    void inverseTimeDecayPerEpochGivesTheOptimizationAlgorithmsWeekTable() {
        // The Optimization algorithms week (the course named in the README): a0 = 0.2,
        // decay_rate = 1 gives 0.1, 0.067, 0.05, 0.04 in epochs 1 to 4.
        Schedule schedule = new InverseTimeDecay(0.2, 1.0).perEpoch(50);
        double[] perEpoch = {0.1, 0.2 / 3, 0.05, 0.04};
        for (int epoch = 1; epoch <= 4; epoch++) {
            for (long t = (epoch - 1) * 50L + 1; t <= epoch * 50L; t++) {
                assertEquals(perEpoch[epoch - 1], schedule.learningRate(t), "step " + t);
            }
        }
        assertEquals(0.067, schedule.learningRate(51), 5e-4);
    }

    @Test
    void epochsCountFromOne() {
        PerEpoch perEpoch = new PerEpoch(new ConstantSchedule(1), 3);
        long[] epochs = {1, 1, 1, 2, 2, 2, 3};
        for (int t = 1; t <= epochs.length; t++) {
            assertEquals(epochs[t - 1], perEpoch.epoch(t), "step " + t);
        }
        assertEquals(Long.MAX_VALUE / 3 + 1, perEpoch.epoch(Long.MAX_VALUE));
    }

    @Test
    void endpointsAreExact() {
        CosineAnnealing cosine = new CosineAnnealing(0.3, 0.1, 7);
        assertEquals(0.3, cosine.learningRate(1));
        assertEquals(0.1, cosine.learningRate(8));
        assertEquals(0.1, cosine.learningRate(Long.MAX_VALUE));
        LinearWarmup warmup = new LinearWarmup(0.3, 0.1, 7);
        assertEquals(0.3 * 0.1, warmup.learningRate(1));
        assertEquals(0.3, warmup.learningRate(8));
        assertEquals(0.3, warmup.learningRate(Long.MAX_VALUE));
        assertEquals(0.25, new StepDecay(1, 0.5, 10).learningRate(21));
        assertEquals(0.0, new ExponentialDecay(1, 0.5).learningRate(Long.MAX_VALUE));
        assertEquals(0.1, new MultiStepDecay(0.1, 0.5).learningRate(Long.MAX_VALUE));
    }

    @Test
    void aManualScheduleGivesTheRateLastSetInAnyThread() {
        ManualSchedule manual = new ManualSchedule(0.1);
        assertEquals(0.1, manual.learningRate(1));
        CompletableFuture.runAsync(() -> manual.set(0.05)).join();
        assertEquals(0.05, manual.learningRate(2));
        assertEquals(0.05, manual.current());
        manual.set(0.0);
        assertEquals(0.0, manual.learningRate(1));
    }
}
