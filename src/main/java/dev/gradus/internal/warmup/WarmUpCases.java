package dev.gradus.internal.warmup;

import dev.gradus.AdaBelief;
import dev.gradus.AdaGrad;
import dev.gradus.Adadelta;
import dev.gradus.Adam;
import dev.gradus.Adamax;
import dev.gradus.EpsilonPlacement;
import dev.gradus.Lion;
import dev.gradus.Momentum;
import dev.gradus.NAdam;
import dev.gradus.RmsProp;
import dev.gradus.Rprop;
import dev.gradus.ScheduleFreeAdamW;
import dev.gradus.ScheduleFreeSgd;
import dev.gradus.Sgd;
import dev.gradus.UpdateRule;
import dev.gradus.Yogi;
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

    /** The cases of one signature: one call, or three for the scan and the reductions (all finite, a NaN, a long range). */
    static List<WarmUpCase> of(KernelFamily family, int signature) {
        boolean heap = (signature & Signature.HEAP) != 0;
        if (family.readsOnly()) {
            List<WarmUpCase> scans = new ArrayList<>();
            for (WarmUpCase.ScanTarget target : WarmUpCase.ScanTarget.values()) {
                scans.add(new WarmUpCase(family, null, heap, false, target, false));
            }
            return scans;
        }
        UpdateRule rule = family == KernelFamily.EWMA || family == KernelFamily.LERP || family.adafactor() ? null
                : rule(family, signature);
        boolean bf16Gradient = isAdamOnBf16State(family) && has(signature, Signature.VARIANT);
        return List.of(new WarmUpCase(family, rule, heap, has(signature, Signature.SCALED), null, bf16Gradient));
    }

    private static boolean isAdamOnBf16State(KernelFamily family) {
        return family == KernelFamily.ADAM_BF16_STATE || family == KernelFamily.ADAM_BF16_KAHAN;
    }

    private static boolean has(int signature, int bit) {
        return (signature & bit) != 0;
    }

    private static UpdateRule rule(KernelFamily family, int signature) {
        boolean maximize = has(signature, Signature.SCALED);
        double coupled = has(signature, Signature.COUPLED_DECAY) ? DECAY : 0;
        EpsilonPlacement placement = has(signature, Signature.EPSILON_INSIDE)
                ? EpsilonPlacement.INSIDE_SQRT : EpsilonPlacement.OUTSIDE_SQRT;
        // Adam's one pass on bfloat16 state has no AMSGrad: its variant is the case's bfloat16 gradient.
        boolean variant = has(signature, Signature.VARIANT) && !isAdamOnBf16State(family);
        boolean second = has(signature, Signature.SECOND_VARIANT);
        return switch (isAdamOnBf16State(family) ? KernelFamily.ADAM : family.inPlace()) {
            case SGD -> new Sgd(coupled, maximize);
            case MOMENTUM -> (variant ? Momentum.nesterov(0.9) : Momentum.heavyBall(0.9)).withWeightDecay(coupled)
                    .withMaximize(maximize);
            case ADAGRAD -> AdaGrad.DEFAULT.withEpsilonPlacement(placement).withWeightDecay(coupled)
                    .withMaximize(maximize);
            case RMS_PROP -> RmsProp.DEFAULT.withCentered(variant).withMomentum(second ? 0.9 : 0)
                    .withEpsilonPlacement(placement).withWeightDecay(coupled).withMaximize(maximize);
            case ADAM -> Adam.DEFAULT.withAmsgrad(variant).withEpsilonPlacement(placement).withMaximize(maximize)
                    .withWeightDecay(second ? DECAY : coupled).withDecoupledWeightDecay(second);
            case LION -> new Lion(0.9, 0.99, second ? DECAY : 0, maximize);
            case ADAMAX -> new Adamax(0.9, 0.999, 1e-8, coupled, maximize);
            case ADADELTA -> new Adadelta(0.9, 1e-6, coupled, maximize);
            case RPROP -> Rprop.DEFAULT.withWeightDecay(coupled).withMaximize(maximize);
            case NADAM -> NAdam.DEFAULT.withWeightDecay(second ? DECAY : coupled).withDecoupledWeightDecay(second)
                    .withMaximize(maximize);
            case ADABELIEF -> AdaBelief.DEFAULT.withWeightDecay(coupled).withMaximize(maximize);
            case YOGI -> Yogi.DEFAULT.withWeightDecay(coupled).withMaximize(maximize);
            case SCHEDULE_FREE -> variant
                    ? ScheduleFreeAdamW.DEFAULT.withWeightDecay(coupled).withMaximize(maximize)
                    : ScheduleFreeSgd.DEFAULT.withWeightDecay(coupled).withMaximize(maximize);
            default -> throw new IllegalArgumentException(family + " has no rule");
        };
    }
}
