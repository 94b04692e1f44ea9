package dev.gradus.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gradus.Adam;
import dev.gradus.Sgd;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every out-of-range hyperparameter is rejected at construction with a message naming it. */
class HyperparameterValidationTest {

    static Stream<Arguments> badHyperparameters() {
        return Stream.of(
                row("Sgd weightDecay -1", () -> new Sgd(-1, false), "weightDecay must be finite and >= 0, got -1.0"),
                row("Sgd weightDecay NaN", () -> Sgd.DEFAULT.withWeightDecay(Double.NaN), "weightDecay must be finite and >= 0, got NaN"),
                row("Sgd weightDecay +Inf", () -> Sgd.DEFAULT.withWeightDecay(Double.POSITIVE_INFINITY), "weightDecay must be finite and >= 0, got Infinity"),
                row("Adam beta1 1", () -> Adam.DEFAULT.withBeta1(1.0), "beta1 must be in [0, 1), got 1.0"),
                row("Adam beta1 -0.1", () -> Adam.DEFAULT.withBeta1(-0.1), "beta1 must be in [0, 1), got -0.1"),
                row("Adam beta1 NaN", () -> Adam.DEFAULT.withBeta1(Double.NaN), "beta1 must be in [0, 1), got NaN"),
                row("Adam beta2 1.5", () -> Adam.DEFAULT.withBeta2(1.5), "beta2 must be in [0, 1), got 1.5"),
                row("Adam beta2 -Inf", () -> Adam.DEFAULT.withBeta2(Double.NEGATIVE_INFINITY), "beta2 must be in [0, 1), got -Infinity"),
                row("Adam epsilon 0", () -> Adam.DEFAULT.withEpsilon(0), "epsilon must be finite and > 0, got 0.0"),
                row("Adam epsilon -1e-8", () -> Adam.DEFAULT.withEpsilon(-1e-8), "epsilon must be finite and > 0, got -1.0E-8"),
                row("Adam epsilon +Inf", () -> Adam.DEFAULT.withEpsilon(Double.POSITIVE_INFINITY), "epsilon must be finite and > 0, got Infinity"),
                row("Adam epsilon NaN", () -> Adam.DEFAULT.withEpsilon(Double.NaN), "epsilon must be finite and > 0, got NaN"),
                row("Adam weightDecay -0.01", () -> Adam.DEFAULT.withWeightDecay(-0.01), "weightDecay must be finite and >= 0, got -0.01"));
    }

    private static Arguments row(String name, Executable construction, String message) {
        return Arguments.of(name, construction, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badHyperparameters")
    void isRejectedWithItsNameAndValue(String name, Executable construction, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);
        assertEquals(message, e.getMessage());
    }
}
