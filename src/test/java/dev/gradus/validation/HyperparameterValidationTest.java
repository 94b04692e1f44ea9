package dev.gradus.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gradus.AdaBelief;
import dev.gradus.AdaGrad;
import dev.gradus.Adam;
import dev.gradus.Momentum;
import dev.gradus.NAdam;
import dev.gradus.RAdam;
import dev.gradus.RmsProp;
import dev.gradus.Sgd;
import dev.gradus.Yogi;
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
                row("Adam weightDecay -0.01", () -> Adam.DEFAULT.withWeightDecay(-0.01), "weightDecay must be finite and >= 0, got -0.01"),
                row("Adam weightDecay NaN decoupled", () -> Adam.adamW().withWeightDecay(Double.NaN), "weightDecay must be finite and >= 0, got NaN"),
                row("Adam form null", () -> Adam.DEFAULT.withForm(null), "form must not be null"),
                row("Adam epsilonPlacement null", () -> Adam.DEFAULT.withEpsilonPlacement(null), "epsilonPlacement must not be null"),
                row("Momentum momentum 1", () -> Momentum.heavyBall(1.0), "momentum must be in [0, 1), got 1.0"),
                row("Momentum momentum -0.5", () -> Momentum.ewma(-0.5), "momentum must be in [0, 1), got -0.5"),
                row("Momentum momentum NaN", () -> Momentum.nesterov(Double.NaN), "momentum must be in [0, 1), got NaN"),
                row("Momentum dampening 1.5", () -> Momentum.pytorch(0.9, 1.5, false), "dampening must be in [0, 1], got 1.5"),
                row("Momentum dampening NaN", () -> Momentum.pytorch(0.9, Double.NaN, false), "dampening must be in [0, 1], got NaN"),
                row("Momentum nesterov with dampening", () -> Momentum.pytorch(0.9, 0.1, true), "nesterov requires dampening 0, got 0.1"),
                row("Momentum pytorch nesterov without momentum", () -> Momentum.pytorch(0, 0, true), "nesterov requires momentum > 0, got 0.0"),
                row("Momentum bias correction of heavy ball", () -> Momentum.heavyBall(0.9).withBiasCorrection(true),
                        "biasCorrection requires the EWMA form (dampening == momentum, no nesterov), got momentum 0.9, dampening 0.0, nesterov false"),
                row("Momentum weightDecay -Inf", () -> Momentum.heavyBall(0.9).withWeightDecay(Double.NEGATIVE_INFINITY), "weightDecay must be finite and >= 0, got -Infinity"),
                row("AdaGrad epsilon 0", () -> AdaGrad.DEFAULT.withEpsilon(0), "epsilon must be finite and > 0, got 0.0"),
                row("AdaGrad epsilon NaN", () -> AdaGrad.DEFAULT.withEpsilon(Double.NaN), "epsilon must be finite and > 0, got NaN"),
                row("AdaGrad initialAccumulator -0.1", () -> AdaGrad.DEFAULT.withInitialAccumulator(-0.1), "initialAccumulator must be finite and >= 0, got -0.1"),
                row("AdaGrad initialAccumulator +Inf", () -> AdaGrad.DEFAULT.withInitialAccumulator(Double.POSITIVE_INFINITY), "initialAccumulator must be finite and >= 0, got Infinity"),
                row("AdaGrad epsilonPlacement null", () -> AdaGrad.DEFAULT.withEpsilonPlacement(null), "epsilonPlacement must not be null"),
                row("AdaGrad weightDecay -1", () -> AdaGrad.DEFAULT.withWeightDecay(-1), "weightDecay must be finite and >= 0, got -1.0"),
                row("RmsProp decay 1", () -> RmsProp.DEFAULT.withDecay(1), "decay must be in [0, 1), got 1.0"),
                row("RmsProp decay NaN", () -> RmsProp.DEFAULT.withDecay(Double.NaN), "decay must be in [0, 1), got NaN"),
                row("RmsProp epsilon -1", () -> RmsProp.DEFAULT.withEpsilon(-1), "epsilon must be finite and > 0, got -1.0"),
                row("RmsProp momentum 1", () -> RmsProp.DEFAULT.withMomentum(1), "momentum must be in [0, 1), got 1.0"),
                row("RmsProp momentum -0.1", () -> RmsProp.DEFAULT.withMomentum(-0.1), "momentum must be in [0, 1), got -0.1"),
                row("RmsProp epsilonPlacement null", () -> RmsProp.DEFAULT.withEpsilonPlacement(null), "epsilonPlacement must not be null"),
                row("RmsProp weightDecay NaN", () -> RmsProp.DEFAULT.withWeightDecay(Double.NaN), "weightDecay must be finite and >= 0, got NaN"),
                row("NAdam beta1 1", () -> NAdam.DEFAULT.withBetas(1.0, 0.999), "beta1 must be in [0, 1), got 1.0"),
                row("NAdam beta2 NaN", () -> NAdam.DEFAULT.withBetas(0.9, Double.NaN), "beta2 must be in [0, 1), got NaN"),
                row("NAdam epsilon 0", () -> NAdam.DEFAULT.withEpsilon(0), "epsilon must be finite and > 0, got 0.0"),
                row("NAdam momentumDecay -0.004", () -> NAdam.DEFAULT.withMomentumDecay(-0.004),
                        "momentumDecay must be finite and >= 0, got -0.004"),
                row("NAdam momentumDecay +Inf", () -> NAdam.DEFAULT.withMomentumDecay(Double.POSITIVE_INFINITY),
                        "momentumDecay must be finite and >= 0, got Infinity"),
                row("NAdam weightDecay NaN decoupled", () -> NAdam.DEFAULT.withDecoupledWeightDecay(true)
                        .withWeightDecay(Double.NaN), "weightDecay must be finite and >= 0, got NaN"),
                row("RAdam weightDecay -1 decoupled", () -> RAdam.DEFAULT.withDecoupledWeightDecay(true)
                        .withWeightDecay(-1), "weightDecay must be finite and >= 0, got -1.0"),
                row("AdaBelief beta2 1", () -> AdaBelief.DEFAULT.withBetas(0.9, 1.0), "beta2 must be in [0, 1), got 1.0"),
                row("AdaBelief epsilon 1e-50", () -> AdaBelief.DEFAULT.withEpsilons(1e-50, 1e-16),
                        "epsilon must be > 0 as the float the kernels use, that is above 2^-150 = "
                                + "7.006492321624085E-46 (smaller values round to 0), got 1.0E-50"),
                row("AdaBelief epsilonRoot -1e-16", () -> AdaBelief.DEFAULT.withEpsilons(1e-16, -1e-16),
                        "epsilonRoot must be finite and >= 0, got -1.0E-16"),
                row("AdaBelief weightDecay NaN", () -> AdaBelief.DEFAULT.withWeightDecay(Double.NaN),
                        "weightDecay must be finite and >= 0, got NaN"),
                row("Yogi beta1 0.99999999", () -> Yogi.DEFAULT.withBetas(0.99999999, 0.999),
                        "beta1 must be below 1 as the float the kernels use, that is below 1 - 2^-25 = "
                                + "0.9999999701976776 (larger values round to 1), got 0.99999999"),
                row("Yogi epsilon -1e-3", () -> Yogi.DEFAULT.withEpsilon(-1e-3), "epsilon must be finite and > 0, got -0.001"),
                row("Yogi initialAccumulator -1e-6", () -> Yogi.DEFAULT.withInitialAccumulator(-1e-6),
                        "initialAccumulator must be finite and >= 0, got -1.0E-6"),
                row("Yogi initialAccumulator 1e39", () -> Yogi.DEFAULT.withInitialAccumulator(1e39),
                        "initialAccumulator must be at most 3.4028235E38 in magnitude (Float.MAX_VALUE: larger values "
                                + "round to infinity as the float the kernels use), got 1.0E39"),
                row("Yogi weightDecay -0.5", () -> Yogi.DEFAULT.withWeightDecay(-0.5), "weightDecay must be finite and >= 0, got -0.5"));
    }

    private static Arguments row(String name, Executable construction, String message) {
        return Arguments.of(name, construction, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badHyperparameters")
    void isRejectedWithItsNameAndValue(String name, Executable construction, String message) {
        RuntimeException e = assertThrows(RuntimeException.class, construction);
        assertEquals(message.contains("must not be null") ? NullPointerException.class : IllegalArgumentException.class,
                e.getClass());
        assertEquals(message, e.getMessage());
    }
}
