package dev.gradus.schedulefree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gradus.Adam;
import dev.gradus.Kernels;
import dev.gradus.Optimizer;
import dev.gradus.ParameterGroup;
import dev.gradus.ScheduleFreeAdamW;
import dev.gradus.ScheduleFreeSgd;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schedule-free rules refuse out-of-range hyperparameters, ranges other than the whole
 * parameter in {@link Kernels#step}, the update form, and view buffers of the wrong length,
 * read-only or overlapping, each with a message naming the argument; a refused call writes nothing.
 */
class ScheduleFreeValidationTest {

    private static final ScheduleFreeAdamW ADAMW = ScheduleFreeAdamW.DEFAULT;
    private static final ScheduleFreeSgd SGD = ScheduleFreeSgd.DEFAULT;

    static Stream<Arguments> badHyperparameters() {
        return Stream.of(
                row("AdamW beta1 0", () -> ADAMW.withBetas(0, 0.999),
                        "beta1 must be > 0, with 1 - 1/beta1 finite as a float (the evaluation view's weight), got 0.0"),
                row("AdamW beta1 1e-40", () -> ADAMW.withBetas(1e-40, 0.999),
                        "beta1 must be > 0, with 1 - 1/beta1 finite as a float (the evaluation view's weight), got 1.0E-40"),
                row("AdamW beta1 1", () -> ADAMW.withBetas(1, 0.999), "beta1 must be in [0, 1), got 1.0"),
                row("AdamW beta2 1", () -> ADAMW.withBetas(0.9, 1), "beta2 must be in [0, 1), got 1.0"),
                row("AdamW epsilon 0", () -> ADAMW.withEpsilon(0), "epsilon must be finite and > 0, got 0.0"),
                row("AdamW weightDecay -1", () -> ADAMW.withWeightDecay(-1), "weightDecay must be finite and >= 0, got -1.0"),
                row("AdamW r -1", () -> ADAMW.withAveraging(-1, 2), "r must be finite and >= 0, got -1.0"),
                row("AdamW r NaN", () -> ADAMW.withAveraging(Double.NaN, 2), "r must be finite and >= 0, got NaN"),
                row("AdamW weightLrPower +Inf", () -> ADAMW.withAveraging(0, Double.POSITIVE_INFINITY),
                        "weightLrPower must be finite and >= 0, got Infinity"),
                row("SGD momentum 0", () -> SGD.withMomentum(0),
                        "momentum must be > 0, with 1 - 1/momentum finite as a float (the evaluation view's weight), got 0.0"),
                row("SGD momentum 1", () -> SGD.withMomentum(1), "momentum must be in [0, 1), got 1.0"),
                row("SGD momentum NaN", () -> SGD.withMomentum(Double.NaN), "momentum must be in [0, 1), got NaN"),
                row("SGD weightDecay NaN", () -> SGD.withWeightDecay(Double.NaN), "weightDecay must be finite and >= 0, got NaN"),
                row("SGD weightLrPower -2", () -> SGD.withAveraging(0, -2), "weightLrPower must be finite and >= 0, got -2.0"));
    }

    static Stream<Arguments> badCalls() {
        Arena arena = Arena.ofAuto();
        MemorySegment y = arena.allocate(ValueLayout.JAVA_FLOAT, 10);
        MemorySegment g = arena.allocate(ValueLayout.JAVA_FLOAT, 10);
        MemorySegment z = arena.allocate(ValueLayout.JAVA_FLOAT, 10);
        MemorySegment v = arena.allocate(ValueLayout.JAVA_FLOAT, 10);
        MemorySegment averaging = arena.allocate(ValueLayout.JAVA_FLOAT, 4);
        MemorySegment out = arena.allocate(ValueLayout.JAVA_FLOAT, 10);
        List<MemorySegment> state = List.of(z, v, averaging);
        return Stream.of(
                row("step on a range", () -> Kernels.step(ADAMW, 1e-3, 1, y, g, state, 0, 5),
                        "ScheduleFreeAdamW steps a whole parameter per call (it writes the step's averaging at the end),"
                                + " so the range must be [0, 10), got [0, 5)"),
                row("step from 1", () -> Kernels.step(SGD, 1e-3, 1, y, g, List.of(z, averaging), 1, 10),
                        "ScheduleFreeSgd steps a whole parameter per call (it writes the step's averaging at the end),"
                                + " so the range must be [0, 10), got [1, 10)"),
                row("averaging of 10 floats", () -> Kernels.step(SGD, 1e-3, 1, y, g, List.of(z, v)),
                        "averaging holds 10 floats but ScheduleFreeSgd keeps 4 there (the bits of lrMax and weightSum)"),
                row("update form", () -> Kernels.update(ADAMW, 1e-3, 1, y, g, out, state),
                        "rule " + ADAMW + " has no update form: its step moves the parameter toward z and writes z"
                                + " besides; use step"),
                row("view of another rule", () -> Kernels.scheduleFreeEvaluation(Adam.DEFAULT, y, z, out),
                        "rule " + Adam.DEFAULT + " keeps no schedule-free views"),
                row("view: z too short", () -> Kernels.scheduleFreeEvaluation(SGD, y, z.asSlice(0, 36), out),
                        "z holds 9 floats but y holds 10"),
                row("view: out read-only", () -> Kernels.scheduleFreeTraining(SGD, y, z, out.asReadOnly()),
                        "out is read-only but the step writes it"),
                row("view: out overlaps z", () -> Kernels.scheduleFreeEvaluation(SGD, y, z, z),
                        "out overlaps z (the step writes out while it reads z)"),
                row("view: out overlaps part of y", () -> Kernels.scheduleFreeEvaluation(SGD, y.asSlice(0, 20),
                        z.asSlice(0, 20), y.asSlice(4, 20)), "out overlaps y (the step writes out while it reads y)"));
    }

    private static Arguments row(String name, Executable call, String message) {
        return Arguments.of(name, call, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badHyperparameters")
    void aBadHyperparameterIsRefusedWithItsNameAndValue(String name, Executable construction, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCalls")
    void aBadCallIsRefusedWithTheReason(String name, Executable call, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(message, e.getMessage());
    }

    @Test
    void evaluationWeightsRefusesAnotherRuleAndBuffersOfTheOptimizer() {
        try (Arena arena = Arena.ofShared(); Optimizer optimizer = Optimizer.builder(SGD, 0.1).build()) {
            MemorySegment w = arena.allocate(ValueLayout.JAVA_FLOAT, 8);
            MemorySegment g = arena.allocate(ValueLayout.JAVA_FLOAT, 8);
            MemorySegment b = arena.allocate(ValueLayout.JAVA_FLOAT, 8);
            MemorySegment gb = arena.allocate(ValueLayout.JAVA_FLOAT, 8);
            optimizer.add("w", w, g);
            optimizer.add("b", b, gb, ParameterGroup.named("adam").withRule(Adam.DEFAULT));
            assertMessage("parameter b is stepped by " + Adam.DEFAULT + ", which keeps no schedule-free views",
                    () -> optimizer.evaluationWeights("b", arena.allocate(ValueLayout.JAVA_FLOAT, 8)));
            assertMessage("out holds 7 floats but parameter w holds 8",
                    () -> optimizer.evaluationWeights("w", arena.allocate(ValueLayout.JAVA_FLOAT, 7)));
            assertMessage("out overlaps the gradient of parameter b, a buffer of the optimizer",
                    () -> optimizer.evaluationWeights("w", gb));
            assertMessage("out overlaps the values of parameter w, a buffer of the optimizer",
                    () -> optimizer.evaluationWeights("w", w));
            assertMessage("out is read-only but the step writes it",
                    () -> optimizer.evaluationWeights("w", arena.allocate(ValueLayout.JAVA_FLOAT, 8).asReadOnly()));
        }
    }

    private static void assertMessage(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
