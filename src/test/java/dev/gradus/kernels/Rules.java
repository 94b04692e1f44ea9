package dev.gradus.kernels;

import dev.gradus.AdaBelief;
import dev.gradus.AdaGrad;
import dev.gradus.Adafactor;
import dev.gradus.Adadelta;
import dev.gradus.Adam;
import dev.gradus.Adamax;
import dev.gradus.EpsilonPlacement;
import dev.gradus.Lamb;
import dev.gradus.Lars;
import dev.gradus.Lion;
import dev.gradus.Momentum;
import dev.gradus.NAdam;
import dev.gradus.RAdam;
import dev.gradus.RmsProp;
import dev.gradus.Rprop;
import dev.gradus.Sgd;
import dev.gradus.UpdateRule;
import dev.gradus.Yogi;
import dev.gradus.testing.property.Gen;
import java.util.List;
import java.util.SplittableRandom;

/** Every rule the kernel properties cover, with generators of all its options. */
final class Rules {

    private static final Gen<Double> DECAY_RATES = Gen.elementOf(0.0, 0.5, 0.9, 0.99, 0.999, 0.9999);
    private static final Gen<Double> EPSILONS = Gen.elementOf(1e-8, 1e-10, 1e-3, 1e-30, 1.0);
    private static final Gen<Double> WEIGHT_DECAYS = Gen.elementOf(0.0, 0.0, 1e-2, 0.3);
    private static final Gen<Double> TYPICAL_WEIGHT_DECAYS = Gen.elementOf(0.0, 1e-4, 1e-2);

    private Rules() {
    }

    static List<RuleFamily> all() {
        return List.of(
                new RuleFamily("sgd", Rules::sgd, random -> new Sgd(TYPICAL_WEIGHT_DECAYS.next(random), random.nextBoolean()),
                        rule -> ((Sgd) rule).withWeightDecay(0)),
                new RuleFamily("momentum", random -> momentum(random, DECAY_RATES, WEIGHT_DECAYS),
                        random -> momentum(random, Gen.elementOf(0.5, 0.9, 0.99), TYPICAL_WEIGHT_DECAYS),
                        rule -> ((Momentum) rule).withWeightDecay(0)),
                new RuleFamily("adagrad", random -> adagrad(random, EPSILONS, WEIGHT_DECAYS),
                        random -> adagrad(random, Gen.elementOf(1e-10, 1e-8), TYPICAL_WEIGHT_DECAYS),
                        rule -> ((AdaGrad) rule).withWeightDecay(0)),
                new RuleFamily("rmsprop", random -> rmsProp(random, DECAY_RATES, EPSILONS, WEIGHT_DECAYS),
                        random -> rmsProp(random, Gen.elementOf(0.9, 0.99), Gen.elementOf(1e-8, 1e-6),
                                TYPICAL_WEIGHT_DECAYS),
                        rule -> ((RmsProp) rule).withWeightDecay(0)),
                new RuleFamily("adam", random -> adam(random, DECAY_RATES, DECAY_RATES, EPSILONS, WEIGHT_DECAYS),
                        random -> adam(random, Gen.elementOf(0.0, 0.5, 0.9), Gen.elementOf(0.9, 0.99, 0.999),
                                Gen.elementOf(1e-8, 1e-6), TYPICAL_WEIGHT_DECAYS),
                        rule -> ((Adam) rule).withWeightDecay(0)),
                moments("adamax", Rules::adamax, Gen.elementOf(0.9, 0.999), Gen.elementOf(1e-8, 1e-6)),
                new RuleFamily("adadelta", random -> new Adadelta(DECAY_RATES.next(random), EPSILONS.next(random),
                                WEIGHT_DECAYS.next(random), random.nextBoolean()),
                        random -> new Adadelta(Gen.elementOf(0.9, 0.95).next(random), Gen.elementOf(1e-6, 1e-8).next(random),
                                TYPICAL_WEIGHT_DECAYS.next(random), random.nextBoolean()),
                        rule -> ((Adadelta) rule).withWeightDecay(0)),
                new RuleFamily("rprop", random -> rprop(random, WEIGHT_DECAYS),
                        random -> rprop(random, TYPICAL_WEIGHT_DECAYS),
                        rule -> ((Rprop) rule).withWeightDecay(0)),
                moments("radam", Rules::radam, Gen.elementOf(0.9, 0.999), Gen.elementOf(1e-8, 1e-6)),
                moments("nadam", Rules::nadam, Gen.elementOf(0.9, 0.99), Gen.elementOf(1e-8, 1e-6)),
                moments("adabelief", Rules::adabelief, Gen.elementOf(0.9, 0.999), Gen.elementOf(1e-16, 1e-8)),
                moments("yogi", Rules::yogi, Gen.elementOf(0.9, 0.999), Gen.elementOf(1e-3, 1e-6)),
                ScheduleFreeCases.adamW(DECAY_RATES, EPSILONS, WEIGHT_DECAYS, TYPICAL_WEIGHT_DECAYS),
                ScheduleFreeCases.sgd(WEIGHT_DECAYS, TYPICAL_WEIGHT_DECAYS),
                new RuleFamily("lion", random -> lion(random, DECAY_RATES, WEIGHT_DECAYS),
                        random -> lion(random, Gen.elementOf(0.9, 0.95), TYPICAL_WEIGHT_DECAYS),
                        rule -> ((Lion) rule).withWeightDecay(0)));
    }

    /**
     * The rules whose step on a range treats the range as a whole: the layer-wise LARS and LAMB
     * (the range is the layer) and Adafactor (the range is a vector).
     */
    static List<RuleFamily> wholeRange() {
        return List.of(
                new RuleFamily("adafactor", random -> adafactor(random, WEIGHT_DECAYS),
                        random -> adafactor(random, TYPICAL_WEIGHT_DECAYS),
                        rule -> ((Adafactor) rule).withWeightDecay(0)),
                new RuleFamily("lars", random -> lars(random, DECAY_RATES, WEIGHT_DECAYS),
                        random -> lars(random, Gen.elementOf(0.0, 0.9), TYPICAL_WEIGHT_DECAYS),
                        rule -> ((Lars) rule).withWeightDecay(0)),
                new RuleFamily("lamb", random -> lamb(random, DECAY_RATES, DECAY_RATES, WEIGHT_DECAYS),
                        random -> lamb(random, Gen.elementOf(0.9, 0.5), Gen.elementOf(0.999, 0.99),
                                TYPICAL_WEIGHT_DECAYS),
                        rule -> ((Lamb) rule).withWeightDecay(0)));
    }

    private static Adafactor adafactor(SplittableRandom random, Gen<Double> weightDecays) {
        return new Adafactor(Gen.elementOf(-0.8, -0.5, 0.0).next(random), Gen.elementOf(0x1p-23, 1e-20).next(random),
                Gen.elementOf(1e-3, 0.0).next(random), Gen.elementOf(1.0, 2.0).next(random), weightDecays.next(random),
                random.nextInt(4) == 0);
    }

    private static Lars lars(SplittableRandom random, Gen<Double> momenta, Gen<Double> weightDecays) {
        return new Lars(momenta.next(random), Gen.elementOf(1e-3, 0.02, 1.0).next(random), weightDecays.next(random),
                Gen.elementOf(0.0, 1e-8).next(random), random.nextBoolean(), random.nextInt(4) == 0);
    }

    private static Lamb lamb(SplittableRandom random, Gen<Double> beta1s, Gen<Double> beta2s,
                             Gen<Double> weightDecays) {
        return new Lamb(beta1s.next(random), beta2s.next(random), EPSILONS.next(random), weightDecays.next(random),
                random.nextInt(4) == 0);
    }

    /** Builds a rule of the Adam family from generators of its betas, epsilons and weight decays. */
    @FunctionalInterface
    private interface MomentRule {
        UpdateRule next(SplittableRandom random, Gen<Double> betas, Gen<Double> epsilons, Gen<Double> weightDecays);
    }

    /**
     * A family of the Adam kind: every decay rate, epsilon and weight decay, or the typical betas
     * and epsilons given with typical weight decays; without weight decay through the rule's own
     * {@link UpdateRule#withWeightDecay}.
     */
    private static RuleFamily moments(String name, MomentRule rule, Gen<Double> typicalBetas,
                                      Gen<Double> typicalEpsilons) {
        return new RuleFamily(name, random -> rule.next(random, DECAY_RATES, EPSILONS, WEIGHT_DECAYS),
                random -> rule.next(random, typicalBetas, typicalEpsilons, TYPICAL_WEIGHT_DECAYS),
                r -> r.withWeightDecay(0));
    }

    private static UpdateRule adamax(SplittableRandom random, Gen<Double> betas, Gen<Double> epsilons,
                                     Gen<Double> weightDecays) {
        return new Adamax(betas.next(random), betas.next(random), epsilons.next(random), weightDecays.next(random),
                random.nextBoolean());
    }

    private static UpdateRule radam(SplittableRandom random, Gen<Double> betas, Gen<Double> epsilons,
                                    Gen<Double> weightDecays) {
        return new RAdam(betas.next(random), betas.next(random), epsilons.next(random), weightDecays.next(random),
                random.nextBoolean(), random.nextBoolean());
    }

    /** NAdam with PyTorch's momentum decay, none, Keras 3's (1), and one that makes {@code mu_t = b1}. */
    private static UpdateRule nadam(SplittableRandom random, Gen<Double> betas, Gen<Double> epsilons,
                                    Gen<Double> weightDecays) {
        return new NAdam(betas.next(random), betas.next(random), epsilons.next(random),
                Gen.elementOf(4e-3, 4e-3, 0.0, 1.0, 1e3).next(random), weightDecays.next(random), random.nextBoolean(),
                random.nextBoolean());
    }

    private static UpdateRule adabelief(SplittableRandom random, Gen<Double> betas, Gen<Double> epsilons,
                                        Gen<Double> weightDecays) {
        return new AdaBelief(betas.next(random), betas.next(random), epsilons.next(random),
                Gen.elementOf(1e-16, 0.0, 1e-8).next(random), weightDecays.next(random), random.nextBoolean());
    }

    private static UpdateRule yogi(SplittableRandom random, Gen<Double> betas, Gen<Double> epsilons,
                                   Gen<Double> weightDecays) {
        return new Yogi(betas.next(random), betas.next(random), epsilons.next(random),
                Gen.elementOf(1e-6, 0.0, 0.1).next(random), weightDecays.next(random), random.nextBoolean());
    }

    private static UpdateRule rprop(SplittableRandom random, Gen<Double> weightDecays) {
        return new Rprop(Gen.elementOf(1e-2, 1e-3, 0.5).next(random), Gen.elementOf(0.5, 0.3).next(random),
                Gen.elementOf(1.2, 2.0).next(random), Gen.elementOf(1e-6, 0.0).next(random),
                Gen.elementOf(50.0, 1.0).next(random), weightDecays.next(random), random.nextBoolean());
    }

    private static UpdateRule lion(SplittableRandom random, Gen<Double> betas, Gen<Double> weightDecays) {
        return new Lion(betas.next(random), betas.next(random), weightDecays.next(random), random.nextBoolean());
    }

    private static UpdateRule sgd(SplittableRandom random) {
        return new Sgd(WEIGHT_DECAYS.next(random), random.nextBoolean());
    }

    private static EpsilonPlacement placement(SplittableRandom random) {
        return random.nextBoolean() ? EpsilonPlacement.OUTSIDE_SQRT : EpsilonPlacement.INSIDE_SQRT;
    }

    private static UpdateRule momentum(SplittableRandom random, Gen<Double> momenta, Gen<Double> weightDecays) {
        double mu = momenta.next(random);
        Momentum base = switch (random.nextInt(5)) {
            case 0 -> Momentum.heavyBall(mu);
            case 1 -> Momentum.ewma(mu);
            case 2 -> Momentum.ewma(mu).withBiasCorrection(true);
            case 3 -> Momentum.nesterov(mu);
            default -> Momentum.pytorch(mu, random.nextBoolean() ? 0.0 : random.nextDouble(), false);
        };
        return base.withWeightDecay(weightDecays.next(random)).withMaximize(random.nextInt(4) == 0);
    }

    private static UpdateRule adagrad(SplittableRandom random, Gen<Double> epsilons, Gen<Double> weightDecays) {
        return new AdaGrad(epsilons.next(random), Gen.elementOf(0.0, 0.1).next(random), placement(random),
                weightDecays.next(random), random.nextInt(4) == 0);
    }

    private static UpdateRule rmsProp(SplittableRandom random, Gen<Double> decays, Gen<Double> epsilons,
                                      Gen<Double> weightDecays) {
        return new RmsProp(decays.next(random), epsilons.next(random), random.nextBoolean(),
                random.nextBoolean() ? 0.0 : Gen.elementOf(0.5, 0.9).next(random), placement(random),
                weightDecays.next(random), random.nextInt(4) == 0);
    }

    private static UpdateRule adam(SplittableRandom random, Gen<Double> beta1s, Gen<Double> beta2s,
                                   Gen<Double> epsilons, Gen<Double> weightDecays) {
        return new Adam(beta1s.next(random), beta2s.next(random), epsilons.next(random),
                random.nextBoolean() ? Adam.Form.ALGORITHM_1 : Adam.Form.EFFICIENT, placement(random),
                random.nextBoolean(), weightDecays.next(random), random.nextBoolean(), random.nextInt(4) == 0);
    }
}
