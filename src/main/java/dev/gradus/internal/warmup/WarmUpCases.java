package dev.gradus.internal.warmup;

import dev.gradus.AdaGrad;
import dev.gradus.Adam;
import dev.gradus.EpsilonPlacement;
import dev.gradus.Momentum;
import dev.gradus.RmsProp;
import dev.gradus.Sgd;
import dev.gradus.UpdateRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The calls that replay {@link Signature}s: for each signature, a rule with exactly its options
 * (through {@link dev.gradus.internal.RuleSteps}, which derives the kernel's arguments as every
 * entry point does) on memory of its kind. Options that only change the per-step scalars (Adam's
 * form, momentum's dampening or bias correction) leave the signature as it is.
 */
final class WarmUpCases {

    private static final double DECAY = 1e-2;

    private WarmUpCases() {
    }

    /** The cases of {@code family} for every signature in {@code signatures}, in signature order. */
    static List<WarmUpCase> of(KernelFamily family, long signatures) {
        List<WarmUpCase> cases = new ArrayList<>();
        for (int signature = 0; signature < Long.SIZE; signature++) {
            if ((signatures & Signature.bit(signature)) != 0) {
                cases.addAll(of(family, signature));
            }
        }
        return cases;
    }

    /** The cases of one signature: one call, or three for the scan (all finite, a NaN, a long range). */
    static List<WarmUpCase> of(KernelFamily family, int signature) {
        boolean heap = (signature & Signature.HEAP) != 0;
        if (family == KernelFamily.NON_FINITE_SCAN) {
            List<WarmUpCase> scans = new ArrayList<>();
            for (WarmUpCase.ScanTarget target : WarmUpCase.ScanTarget.values()) {
                scans.add(new WarmUpCase(family, null, heap, target));
            }
            return scans;
        }
        UpdateRule rule = family == KernelFamily.EWMA ? null : rule(family, signature);
        return List.of(new WarmUpCase(family, rule, heap, null));
    }

    private static boolean has(int signature, int bit) {
        return (signature & bit) != 0;
    }

    private static UpdateRule rule(KernelFamily family, int signature) {
        boolean maximize = has(signature, Signature.MAXIMIZE);
        double coupled = has(signature, Signature.COUPLED_DECAY) ? DECAY : 0;
        EpsilonPlacement placement = has(signature, Signature.EPSILON_INSIDE)
                ? EpsilonPlacement.INSIDE_SQRT : EpsilonPlacement.OUTSIDE_SQRT;
        boolean variant = has(signature, Signature.VARIANT);
        boolean second = has(signature, Signature.SECOND_VARIANT);
        return switch (family.inPlace()) {
            case SGD -> new Sgd(coupled, maximize);
            case MOMENTUM -> (variant ? Momentum.nesterov(0.9) : Momentum.heavyBall(0.9)).withWeightDecay(coupled)
                    .withMaximize(maximize);
            case ADAGRAD -> AdaGrad.DEFAULT.withEpsilonPlacement(placement).withWeightDecay(coupled)
                    .withMaximize(maximize);
            case RMS_PROP -> RmsProp.DEFAULT.withCentered(variant).withMomentum(second ? 0.9 : 0)
                    .withEpsilonPlacement(placement).withWeightDecay(coupled).withMaximize(maximize);
            case ADAM -> Adam.DEFAULT.withAmsgrad(variant).withEpsilonPlacement(placement).withMaximize(maximize)
                    .withWeightDecay(second ? DECAY : coupled).withDecoupledWeightDecay(second);
            default -> throw new IllegalArgumentException(family + " has no rule");
        };
    }
}
