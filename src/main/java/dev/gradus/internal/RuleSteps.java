package dev.gradus.internal;

import dev.gradus.AdaBelief;
import dev.gradus.AdaGrad;
import dev.gradus.Adadelta;
import dev.gradus.Adafactor;
import dev.gradus.Adam;
import dev.gradus.Adamax;
import dev.gradus.CustomRule;
import dev.gradus.EpsilonPlacement;
import dev.gradus.Lion;
import dev.gradus.Momentum;
import dev.gradus.NAdam;
import dev.gradus.RAdam;
import dev.gradus.RmsProp;
import dev.gradus.Rprop;
import dev.gradus.ScheduleFreeAdamW;
import dev.gradus.ScheduleFreeSgd;
import dev.gradus.Sgd;
import dev.gradus.UpdateRule;
import dev.gradus.Yogi;
import java.lang.foreign.MemorySegment;

/**
 * One step of any rule on validated arguments: computes the rule's per-step scalars once, in
 * {@code double}, narrows them to {@code float} and hands them to the given kernels. Shared by
 * the public facade, the benchmarks and the tests, so that every path derives the same floats from
 * the same hyperparameters.
 */
public final class RuleSteps {

    private RuleSteps() {
    }

    /**
     * Step {@code step} of {@code rule} on {@code [from, to)}.
     *
     * @param state0 the rule's first state buffer, or null if it keeps none
     * @param state1 its second, or null
     * @param state2 its third, or null
     */
    public static void step(KernelSet kernels, UpdateRule rule, double learningRate, long step, MemorySegment param,
                            MemorySegment gradient, MemorySegment state0, MemorySegment state1,
                            MemorySegment state2, long from, long to) {
        step(kernels, rule, learningRate, step, param, null, gradient, state0, state1, state2, from, to);
    }

    /**
     * Step {@code step} of {@code rule} on {@code [from, to)}, in place if {@code update} is null,
     * else writing the update into {@code update} (see {@link KernelSet}).
     *
     * @param update null, or the buffer that receives the update
     * @param state0 the rule's first state buffer, or null if it keeps none
     * @param state1 its second, or null
     * @param state2 its third, or null
     */
    public static void step(KernelSet kernels, UpdateRule rule, double learningRate, long step, MemorySegment param,
                            MemorySegment update, MemorySegment gradient, MemorySegment state0,
                            MemorySegment state1, MemorySegment state2, long from, long to) {
        run(kernels, rule, learningRate, step, param, update, gradient, state0, state1, state2, from, to, false,
                Float.POSITIVE_INFINITY, 1f);
    }

    /**
     * Step {@code step} of {@code rule} on {@code [from, to)} with the gradient scaled by
     * {@code clipScale} inside the kernel (see {@link KernelSet#sgd}), in place if {@code update}
     * is null, else writing the update into {@code update}. Every call of this method multiplies,
     * whatever the scale, so that a clipped optimizer's steps share one compiled loop whether its
     * factor is 1 or not.
     *
     * @param update    null, or the buffer that receives the update
     * @param state0    the rule's first state buffer, or null if it keeps none
     * @param state1    its second, or null
     * @param state2    its third, or null
     * @param clipScale the factor of the gradient, 1 without clipping
     */
    public static void step(KernelSet kernels, UpdateRule rule, double learningRate, long step, MemorySegment param,
                            MemorySegment update, MemorySegment gradient, MemorySegment state0,
                            MemorySegment state1, MemorySegment state2, long from, long to, float clipScale) {
        step(kernels, rule, learningRate, step, param, update, gradient, state0, state1, state2, from, to,
                Float.POSITIVE_INFINITY, clipScale);
    }

    /**
     * {@link #step(KernelSet, UpdateRule, double, long, MemorySegment, MemorySegment, MemorySegment,
     * MemorySegment, MemorySegment, MemorySegment, long, long, float) step} with each gradient
     * element clamped to {@code [-clipValue, clipValue]} before the scale: {@code clamp(g) * clipScale}.
     *
     * @param clipValue the largest absolute value a gradient element keeps, {@code +inf} for none
     * @param clipScale the factor of the gradient, 1 without clipping by norm
     */
    public static void step(KernelSet kernels, UpdateRule rule, double learningRate, long step, MemorySegment param,
                            MemorySegment update, MemorySegment gradient, MemorySegment state0,
                            MemorySegment state1, MemorySegment state2, long from, long to, float clipValue,
                            float clipScale) {
        run(kernels, rule, learningRate, step, param, update, gradient, state0, state1, state2, from, to, true,
                clipValue, clipScale);
    }

    /** The factor the kernels multiply the gradient by: the clip scale, with the sign flipped for maximize. */
    private static float factor(boolean maximize, float clipScale) {
        return maximize ? -clipScale : clipScale;
    }

    private static void run(KernelSet kernels, UpdateRule rule, double learningRate, long step, MemorySegment param,
                            MemorySegment update, MemorySegment gradient, MemorySegment state0, MemorySegment state1,
                            MemorySegment state2, long from, long to, boolean clipped, float clipValue,
                            float clipScale) {
        // Tests of the type rather than a pattern switch, whose first run costs milliseconds to
        // link (it spins a class), on the first step of every program.
        if (rule instanceof Adam adam) {
            adam(kernels, adam, learningRate, step, param, update, gradient, state0, state1, state2, from, to,
                    clipValue, factor(adam.maximize(), clipScale), clipped || adam.maximize());
        } else if (rule instanceof Sgd sgd) {
            kernels.sgd(param, update, gradient, from, to, (float) learningRate, clipValue,
                    factor(sgd.maximize(), clipScale), (float) sgd.weightDecay(), clipped || sgd.maximize());
        } else if (rule instanceof Momentum momentum) {
            momentum(kernels, momentum, learningRate, step, param, update, gradient, state0, from, to,
                    clipValue, factor(momentum.maximize(), clipScale), clipped || momentum.maximize());
        } else if (rule instanceof AdaGrad adagrad) {
            kernels.adagrad(param, update, gradient, state0, from, to, (float) learningRate,
                    (float) adagrad.epsilon(), adagrad.epsilonPlacement() == EpsilonPlacement.INSIDE_SQRT,
                    clipValue, factor(adagrad.maximize(), clipScale), (float) adagrad.weightDecay(),
                    clipped || adagrad.maximize());
        } else if (rule instanceof RmsProp rmsProp) {
            rmsProp(kernels, rmsProp, learningRate, param, update, gradient, state0, state1, state2, from, to,
                    clipValue, factor(rmsProp.maximize(), clipScale), clipped || rmsProp.maximize());
        } else if (rule instanceof Rprop rprop) {
            kernels.rprop(param, update, gradient, state0, state1, from, to, (float) rprop.etaMinus(),
                    (float) rprop.etaPlus(), (float) rprop.stepSizeMin(), (float) rprop.stepSizeMax(),
                    (float) (learningRate / rprop.initialStepSize()), clipValue,
                    factor(rprop.maximize(), clipScale), (float) rprop.weightDecay(), clipped || rprop.maximize());
        } else if (rule instanceof Adadelta adadelta) {
            kernels.adadelta(param, update, gradient, state0, state1, from, to, (float) adadelta.rho(),
                    (float) (1.0 - adadelta.rho()), (float) adadelta.epsilon(), (float) learningRate, clipValue,
                    factor(adadelta.maximize(), clipScale), (float) adadelta.weightDecay(),
                    clipped || adadelta.maximize());
        } else if (rule instanceof NAdam nadam) {
            nadam(kernels, nadam, learningRate, step, param, update, gradient, state0, state1, from, to, clipValue,
                    factor(nadam.maximize(), clipScale), clipped || nadam.maximize());
        } else if (rule instanceof AdaBelief adabelief) {
            double correction1 = BiasCorrection.of(adabelief.beta1(), step);
            double correction2 = BiasCorrection.of(adabelief.beta2(), step);
            kernels.adabelief(param, update, gradient, state0, state1, from, to, (float) adabelief.beta1(),
                    (float) (1.0 - adabelief.beta1()), (float) adabelief.beta2(), (float) (1.0 - adabelief.beta2()),
                    (float) (learningRate / correction1), (float) adabelief.epsilonRoot(),
                    (float) (1.0 / Math.sqrt(correction2)), (float) adabelief.epsilon(), clipValue,
                    factor(adabelief.maximize(), clipScale), (float) adabelief.weightDecay(),
                    clipped || adabelief.maximize());
        } else if (rule instanceof Yogi yogi) {
            kernels.yogi(param, update, gradient, state0, state1, from, to, (float) yogi.beta1(),
                    (float) (1.0 - yogi.beta1()), (float) (1.0 - yogi.beta2()),
                    (float) (learningRate / BiasCorrection.of(yogi.beta1(), step)),
                    (float) (1.0 / Math.sqrt(BiasCorrection.of(yogi.beta2(), step))), (float) yogi.epsilon(),
                    clipValue, factor(yogi.maximize(), clipScale), (float) yogi.weightDecay(),
                    clipped || yogi.maximize());
        } else if (rule instanceof RAdam radam) {
            radam(kernels, radam, learningRate, step, param, update, gradient, state0, state1, from, to, clipValue,
                    factor(radam.maximize(), clipScale), clipped || radam.maximize());
        } else if (rule instanceof Adamax adamax) {
            kernels.adamax(param, update, gradient, state0, state1, from, to, (float) adamax.beta1(),
                    (float) (1.0 - adamax.beta1()), (float) adamax.beta2(), (float) adamax.epsilon(),
                    (float) (learningRate / BiasCorrection.of(adamax.beta1(), step)), clipValue,
                    factor(adamax.maximize(), clipScale), (float) adamax.weightDecay(), clipped || adamax.maximize());
        } else if (rule instanceof Lion lion) {
            kernels.lion(param, update, gradient, state0, from, to, (float) lion.beta1(), (float) (1.0 - lion.beta1()),
                    (float) lion.beta2(), (float) (1.0 - lion.beta2()), (float) learningRate,
                    (float) lion.weightDecay(), clipValue, factor(lion.maximize(), clipScale), 0f,
                    clipped || lion.maximize());
        } else if (rule instanceof Adafactor adafactor && update == null) {
            AdafactorStep.step(kernels, adafactor, learningRate, step, param, gradient, 1, to - from, state0, state1,
                    state2, from, to, clipScale, clipped);
        } else if (ScheduleFreeAveraging.is(rule) && update == null) {
            boolean adamW = rule instanceof ScheduleFreeAdamW;
            boolean maximize = adamW ? ((ScheduleFreeAdamW) rule).maximize() : ((ScheduleFreeSgd) rule).maximize();
            ScheduleFreeStep.step(kernels, rule, learningRate, step, param, gradient, state0, adamW ? state1 : null,
                    adamW ? state2 : state1, from, to, clipValue, factor(maximize, clipScale), clipped || maximize);
        } else if (rule instanceof CustomRule custom && update == null) {
            CustomStepArguments arguments = CustomStepArguments.forThisThread();
            arguments.set(step, (float) learningRate, clipped, clipValue, clipScale, param, gradient, state0, state1,
                    state2, custom.stateBuffers());
            try {
                kernels.custom(custom, arguments, from, to);
            } finally {
                arguments.clear();
            }
        } else if (LayerWise.is(rule) && update == null) {
            LayerWise.step(kernels, rule, learningRate, step, param, gradient, state0, state1, state2, from, to,
                    clipValue, clipScale);
        } else {
            throw new IllegalArgumentException("no kernels for " + rule);
        }
    }

    /**
     * Momentum: the gradient's weight {@code 1 - d} (1 on step 1 when the rule copies the first
     * gradient, as PyTorch does) and the step size {@code a}, or {@code a / (1 - mu^t)} with bias
     * correction.
     */
    private static void momentum(KernelSet kernels, Momentum rule, double learningRate, long step,
                                 MemorySegment param, MemorySegment update, MemorySegment gradient,
                                 MemorySegment velocity, long from, long to, float clipValue, float factor,
                                 boolean scaled) {
        float gradientScale = step == 1 && rule.firstStepCopiesGradient() ? 1f : (float) (1.0 - rule.dampening());
        double stepSize = rule.biasCorrection()
                ? learningRate / BiasCorrection.of(rule.momentum(), step)
                : learningRate;
        kernels.momentum(param, update, gradient, velocity, from, to, (float) rule.momentum(), gradientScale,
                (float) stepSize, rule.nesterov(), clipValue, factor, (float) rule.weightDecay(), scaled);
    }

    /** RMSProp: picks the gradient average and momentum buffer out of the state the rule keeps. */
    private static void rmsProp(KernelSet kernels, RmsProp rule, double learningRate, MemorySegment param,
                                MemorySegment update, MemorySegment gradient, MemorySegment state0,
                                MemorySegment state1, MemorySegment state2, long from, long to, float clipValue,
                                float factor, boolean scaled) {
        MemorySegment gradientAverage = rule.centered() ? state1 : null;
        MemorySegment momentumBuffer = rule.hasMomentum() ? (rule.centered() ? state2 : state1) : null;
        kernels.rmsProp(param, update, gradient, state0, gradientAverage, momentumBuffer, from, to,
                (float) rule.decay(), (float) (1.0 - rule.decay()), (float) learningRate, (float) rule.epsilon(),
                rule.epsilonPlacement() == EpsilonPlacement.INSIDE_SQRT, rule.centered(), rule.hasMomentum(),
                (float) rule.momentum(), clipValue, factor, (float) rule.weightDecay(), scaled);
    }

    /**
     * RAdam on Adam's kernel: a rectified step as the efficient form with step size
     * {@code a r sqrt(c2) / c1}; otherwise the root's scale 0 and epsilon 1, a denominator of 1,
     * and the step size {@code a / c1}. Decoupled decay as Adam's.
     */
    private static void radam(KernelSet kernels, RAdam rule, double learningRate, long step, MemorySegment param,
                              MemorySegment update, MemorySegment gradient, MemorySegment m, MemorySegment v,
                              long from, long to, float clipValue, float factor, boolean scaled) {
        double correction1 = BiasCorrection.of(rule.beta1(), step);
        double correction2 = BiasCorrection.of(rule.beta2(), step);
        double rectification = rule.rectification(step);
        boolean rectified = rectification > 0;
        double stepSize = rectified
                ? learningRate * rectification * Math.sqrt(correction2) / correction1
                : learningRate / correction1;
        boolean decoupled = rule.decoupledWeightDecay();
        kernels.adam(param, update, gradient, m, v, null, from, to,
                (float) rule.beta1(), (float) (1.0 - rule.beta1()), (float) rule.beta2(), (float) (1.0 - rule.beta2()),
                (float) stepSize, rectified ? 1f : 0f, rectified ? (float) rule.epsilon() : 1f, false, false,
                decayFactor(decoupled, learningRate, rule.weightDecay()), clipValue, factor,
                decoupled ? 0f : (float) rule.weightDecay(), scaled);
    }

    /**
     * NAdam: with {@code mu_t} the momentum schedule and {@code P_t} its product
     * ({@link NAdam#logMuProduct}, computed from {@code t}), the gradient's step size
     * {@code a (1 - mu_t) / (1 - P_t)} and the moment's {@code a mu_{t+1} / (1 - P_t mu_{t+1})},
     * each {@code 1 - P} as {@code -expm1(ln P)}; the root of {@code v} scaled by
     * {@code 1 / sqrt(1 - b2^t)}, as Adam's Algorithm 1. Decoupled decay as Adam's.
     */
    private static void nadam(KernelSet kernels, NAdam rule, double learningRate, long step, MemorySegment param,
                              MemorySegment update, MemorySegment gradient, MemorySegment m, MemorySegment v,
                              long from, long to, float clipValue, float factor, boolean scaled) {
        double mu = rule.momentumCache(step);
        double muNext = rule.momentumCache(step + 1);
        double logProduct = rule.logMuProduct(step);
        double gradientStep = learningRate * (1.0 - mu) / -Math.expm1(logProduct);
        double momentumStep = learningRate * muNext / -Math.expm1(logProduct + Math.log(muNext));
        boolean decoupled = rule.decoupledWeightDecay();
        kernels.nadam(param, update, gradient, m, v, from, to, (float) rule.beta1(), (float) (1.0 - rule.beta1()),
                (float) rule.beta2(), (float) (1.0 - rule.beta2()), (float) gradientStep, (float) momentumStep,
                (float) (1.0 / Math.sqrt(BiasCorrection.of(rule.beta2(), step))), (float) rule.epsilon(),
                decayFactor(decoupled, learningRate, rule.weightDecay()), clipValue, factor,
                decoupled ? 0f : (float) rule.weightDecay(), scaled);
    }

    /** The factor of the weights of decoupled decay, {@code 1 - a * lambda}, or 1 for coupled decay. */
    private static float decayFactor(boolean decoupled, double learningRate, double weightDecay) {
        return decoupled ? (float) (1.0 - learningRate * weightDecay) : 1f;
    }

    /**
     * Adam: with {@code c1 = 1 - b1^t} and {@code c2 = 1 - b2^t}, Algorithm 1 steps by
     * {@code a / c1} and scales the root of {@code v} by {@code 1 / sqrt(c2)} (or {@code v} by
     * {@code 1 / c2} with epsilon inside); the efficient form steps by {@code a * sqrt(c2) / c1}
     * and leaves {@code v} unscaled. Decoupled decay multiplies the weights by {@code 1 - a * lambda}.
     */
    private static void adam(KernelSet kernels, Adam rule, double learningRate, long step, MemorySegment param,
                             MemorySegment update, MemorySegment gradient, MemorySegment m, MemorySegment v,
                             MemorySegment vmax, long from, long to, float clipValue, float factor,
                             boolean scaled) {
        adam(kernels, rule, learningRate, step, param, update, gradient, m, v, vmax, from, to, clipValue, factor,
                scaled, false, false);
    }

    /**
     * Adam's in-place step without AMSGrad through {@link KernelSet#adamBf16State}: float32
     * weights, or bfloat16 ones Kahan-compensated by {@code compensation}, a float32 or
     * bfloat16 gradient; {@code m} and {@code v} stored as bfloat16 and every 16-bit buffer
     * narrowed to nearest even, in one pass over the whole vectors of {@code [from, to)}, with the
     * gradient clamped and scaled if {@code clipped}, as {@link #step} does; unclipped,
     * {@code clipValue} and {@code clipScale} are ignored.
     *
     * @param compensation the bfloat16 Kahan compensation; null for float32 weights
     * @param bf16Gradient whether the gradient is bfloat16, else float32
     *
     * @return the end of the elements stepped: {@code from} if the kernels have no such pass
     */
    public static long adamBf16State(KernelSet kernels, Adam rule, double learningRate, long step,
                                     MemorySegment param, MemorySegment compensation, MemorySegment gradient,
                                     boolean bf16Gradient, MemorySegment m, MemorySegment v, long from, long to,
                                     boolean clipped, float clipValue, float clipScale) {
        return adam(kernels, rule, learningRate, step, param, compensation, gradient, m, v, null, from, to,
                clipped ? clipValue : Float.POSITIVE_INFINITY, factor(rule.maximize(), clipped ? clipScale : 1f),
                clipped || rule.maximize(), true, bf16Gradient);
    }

    /**
     * Adam's per-step scalars, then {@link KernelSet#adam}, or its bfloat16 state pass if
     * {@code bf16State}, to which {@code update} is the Kahan compensation and {@code bf16Gradient}
     * says the gradient's type.
     */
    private static long adam(KernelSet kernels, Adam rule, double learningRate, long step, MemorySegment param,
                             MemorySegment update, MemorySegment gradient, MemorySegment m, MemorySegment v,
                             MemorySegment vmax, long from, long to, float clipValue, float factor,
                             boolean scaled, boolean bf16State, boolean bf16Gradient) {
        double correction1 = BiasCorrection.of(rule.beta1(), step);
        double correction2 = BiasCorrection.of(rule.beta2(), step);
        boolean inside = rule.epsilonPlacement() == EpsilonPlacement.INSIDE_SQRT;
        boolean algorithm1 = rule.form() == Adam.Form.ALGORITHM_1;
        double stepSize = algorithm1 ? learningRate / correction1 : learningRate * Math.sqrt(correction2) / correction1;
        double secondMomentScale = !algorithm1 ? 1.0 : inside ? 1.0 / correction2 : 1.0 / Math.sqrt(correction2);
        boolean decoupled = rule.decoupledWeightDecay();
        float decayFactor = decayFactor(decoupled, learningRate, rule.weightDecay());
        float weightDecay = decoupled ? 0f : (float) rule.weightDecay();
        if (bf16State) {
            return kernels.adamBf16State(param, update, gradient, bf16Gradient, m, v, from, to, (float) rule.beta1(),
                    (float) (1.0 - rule.beta1()), (float) rule.beta2(), (float) (1.0 - rule.beta2()),
                    (float) stepSize, (float) secondMomentScale, (float) rule.epsilon(), inside, decayFactor,
                    clipValue, factor, weightDecay, scaled);
        }
        kernels.adam(param, update, gradient, m, v, vmax, from, to,
                (float) rule.beta1(), (float) (1.0 - rule.beta1()),
                (float) rule.beta2(), (float) (1.0 - rule.beta2()),
                (float) stepSize, (float) secondMomentScale, (float) rule.epsilon(), inside, rule.amsgrad(),
                decayFactor, clipValue, factor, weightDecay, scaled);
        return to;
    }
}
