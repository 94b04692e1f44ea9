package dev.gradus.compiled;

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
import java.util.List;

/**
 * One option set of one rule, as the JIT sees it: each needs its own compiled loop.
 *
 * @param family the rule's family, which the sweep keeps together
 * @param name   a short name for reports, unique over {@link #all()}
 * @param rule   the rule
 */
record KernelVariant(String family, String name, UpdateRule rule) {

    /** Every option that changes a kernel's loop: AMSGrad, epsilon placement, decoupled and coupled decay, Nesterov, centered, momentum, Lion's decay, maximize, schedule-free AdamW or SGD; and each rule's loop. */
    static List<KernelVariant> all() {
        EpsilonPlacement inside = EpsilonPlacement.INSIDE_SQRT;
        return List.of(
                new KernelVariant("sgd", "sgd", Sgd.DEFAULT),
                new KernelVariant("sgd", "sgd-weight-decay", Sgd.DEFAULT.withWeightDecay(1e-2)),
                new KernelVariant("sgd", "sgd-maximize", Sgd.DEFAULT.withMaximize(true)),
                new KernelVariant("momentum", "heavy-ball", Momentum.heavyBall(0.9)),
                new KernelVariant("momentum", "nesterov", Momentum.nesterov(0.9)),
                new KernelVariant("momentum", "ewma", Momentum.ewma(0.9)),
                new KernelVariant("momentum", "ewma-bias-corrected", Momentum.ewma(0.9).withBiasCorrection(true)),
                new KernelVariant("momentum", "pytorch-dampening", Momentum.pytorch(0.9, 0.1, false)),
                new KernelVariant("momentum", "heavy-ball-weight-decay", Momentum.heavyBall(0.9).withWeightDecay(1e-4)),
                new KernelVariant("adagrad", "adagrad", AdaGrad.DEFAULT),
                new KernelVariant("adagrad", "adagrad-epsilon-inside", AdaGrad.DEFAULT.withEpsilonPlacement(inside)),
                new KernelVariant("adagrad", "adagrad-weight-decay", AdaGrad.DEFAULT.withWeightDecay(1e-2)),
                new KernelVariant("rmsprop", "rmsprop", RmsProp.DEFAULT),
                new KernelVariant("rmsprop", "rmsprop-centered", RmsProp.DEFAULT.withCentered(true)),
                new KernelVariant("rmsprop", "rmsprop-momentum", RmsProp.DEFAULT.withMomentum(0.9)),
                new KernelVariant("rmsprop", "rmsprop-centered-momentum", RmsProp.DEFAULT.withCentered(true).withMomentum(0.9)),
                new KernelVariant("rmsprop", "rmsprop-epsilon-inside", RmsProp.DEFAULT.withEpsilonPlacement(inside)),
                new KernelVariant("rmsprop", "rmsprop-weight-decay", RmsProp.DEFAULT.withWeightDecay(1e-2)),
                new KernelVariant("adam", "adam", Adam.DEFAULT),
                new KernelVariant("adam", "adam-amsgrad", Adam.DEFAULT.withAmsgrad(true)),
                new KernelVariant("adam", "adam-epsilon-inside", Adam.DEFAULT.withEpsilonPlacement(inside)),
                new KernelVariant("adam", "adamw", Adam.adamW()),
                new KernelVariant("adam", "adamw-amsgrad", Adam.adamW().withAmsgrad(true)),
                new KernelVariant("adam", "adam-weight-decay", Adam.DEFAULT.withWeightDecay(1e-2)),
                new KernelVariant("adam", "adam-maximize", Adam.DEFAULT.withMaximize(true)),
                new KernelVariant("adadelta", "adadelta", Adadelta.DEFAULT),
                new KernelVariant("rprop", "rprop", Rprop.DEFAULT),
                new KernelVariant("adamax", "adamax", Adamax.DEFAULT),
                new KernelVariant("adamax", "adamax-weight-decay", Adamax.DEFAULT.withWeightDecay(1e-2)),
                new KernelVariant("nadam", "nadam", NAdam.DEFAULT),
                new KernelVariant("nadam", "nadam-decoupled", NAdam.DEFAULT.withWeightDecay(1e-2)
                        .withDecoupledWeightDecay(true)),
                new KernelVariant("adabelief", "adabelief", AdaBelief.DEFAULT),
                new KernelVariant("yogi", "yogi", Yogi.DEFAULT),
                new KernelVariant("lion", "lion", Lion.DEFAULT),
                new KernelVariant("lion", "lion-weight-decay", Lion.optax()),
                new KernelVariant("lion", "lion-maximize", Lion.DEFAULT.withMaximize(true)),
                new KernelVariant("schedulefree", "schedulefree-adamw", ScheduleFreeAdamW.DEFAULT),
                new KernelVariant("schedulefree", "schedulefree-adamw-weight-decay",
                        ScheduleFreeAdamW.DEFAULT.withWeightDecay(1e-2)),
                new KernelVariant("schedulefree", "schedulefree-sgd", ScheduleFreeSgd.DEFAULT),
                new KernelVariant("schedulefree", "schedulefree-sgd-maximize", ScheduleFreeSgd.DEFAULT.withMaximize(true)));
    }

    @Override
    public String toString() {
        return name;
    }
}
