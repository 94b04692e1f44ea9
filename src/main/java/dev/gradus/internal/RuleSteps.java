package dev.gradus.internal;

import dev.gradus.AdaGrad;
import dev.gradus.Adam;
import dev.gradus.EpsilonPlacement;
import dev.gradus.Momentum;
import dev.gradus.RmsProp;
import dev.gradus.Sgd;
import dev.gradus.UpdateRule;
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
        // Tests of the type rather than a pattern switch, whose first run costs milliseconds to
        // link (it spins a class), on the first step of every program.
        if (rule instanceof Adam adam) {
            adam(kernels, adam, learningRate, step, param, update, gradient, state0, state1, state2, from, to);
        } else if (rule instanceof Sgd sgd) {
            kernels.sgd(param, update, gradient, from, to, (float) learningRate, (float) sgd.weightDecay(),
                    sgd.maximize());
        } else if (rule instanceof Momentum momentum) {
            momentum(kernels, momentum, learningRate, step, param, update, gradient, state0, from, to);
        } else if (rule instanceof AdaGrad adagrad) {
            kernels.adagrad(param, update, gradient, state0, from, to, (float) learningRate,
                    (float) adagrad.epsilon(), adagrad.epsilonPlacement() == EpsilonPlacement.INSIDE_SQRT,
                    (float) adagrad.weightDecay(), adagrad.maximize());
        } else if (rule instanceof RmsProp rmsProp) {
            rmsProp(kernels, rmsProp, learningRate, param, update, gradient, state0, state1, state2, from, to);
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
                                 MemorySegment velocity, long from, long to) {
        float gradientScale = step == 1 && rule.firstStepCopiesGradient() ? 1f : (float) (1.0 - rule.dampening());
        double stepSize = rule.biasCorrection()
                ? learningRate / BiasCorrection.of(rule.momentum(), step)
                : learningRate;
        kernels.momentum(param, update, gradient, velocity, from, to, (float) rule.momentum(), gradientScale,
                (float) stepSize, rule.nesterov(), (float) rule.weightDecay(), rule.maximize());
    }

    /** RMSProp: picks the gradient average and momentum buffer out of the state the rule keeps. */
    private static void rmsProp(KernelSet kernels, RmsProp rule, double learningRate, MemorySegment param,
                                MemorySegment update, MemorySegment gradient, MemorySegment state0,
                                MemorySegment state1, MemorySegment state2, long from, long to) {
        MemorySegment gradientAverage = rule.centered() ? state1 : null;
        MemorySegment momentumBuffer = rule.hasMomentum() ? (rule.centered() ? state2 : state1) : null;
        kernels.rmsProp(param, update, gradient, state0, gradientAverage, momentumBuffer, from, to,
                (float) rule.decay(), (float) (1.0 - rule.decay()), (float) learningRate, (float) rule.epsilon(),
                rule.epsilonPlacement() == EpsilonPlacement.INSIDE_SQRT, rule.centered(), rule.hasMomentum(),
                (float) rule.momentum(), (float) rule.weightDecay(), rule.maximize());
    }

    /**
     * Adam: with {@code c1 = 1 - b1^t} and {@code c2 = 1 - b2^t}, Algorithm 1 steps by
     * {@code a / c1} and scales the root of {@code v} by {@code 1 / sqrt(c2)} (or {@code v} by
     * {@code 1 / c2} with epsilon inside); the efficient form steps by {@code a * sqrt(c2) / c1}
     * and leaves {@code v} unscaled. Decoupled decay multiplies the weights by {@code 1 - a * lambda}.
     */
    private static void adam(KernelSet kernels, Adam rule, double learningRate, long step, MemorySegment param,
                             MemorySegment update, MemorySegment gradient, MemorySegment m, MemorySegment v,
                             MemorySegment vmax, long from, long to) {
        double correction1 = BiasCorrection.of(rule.beta1(), step);
        double correction2 = BiasCorrection.of(rule.beta2(), step);
        boolean inside = rule.epsilonPlacement() == EpsilonPlacement.INSIDE_SQRT;
        boolean algorithm1 = rule.form() == Adam.Form.ALGORITHM_1;
        double stepSize = algorithm1 ? learningRate / correction1 : learningRate * Math.sqrt(correction2) / correction1;
        double secondMomentScale = !algorithm1 ? 1.0 : inside ? 1.0 / correction2 : 1.0 / Math.sqrt(correction2);
        boolean decoupled = rule.decoupledWeightDecay();
        kernels.adam(param, update, gradient, m, v, vmax, from, to,
                (float) rule.beta1(), (float) (1.0 - rule.beta1()),
                (float) rule.beta2(), (float) (1.0 - rule.beta2()),
                (float) stepSize, (float) secondMomentScale, (float) rule.epsilon(), inside, rule.amsgrad(),
                decoupled ? (float) (1.0 - learningRate * rule.weightDecay()) : 1f,
                decoupled ? 0f : (float) rule.weightDecay(), rule.maximize());
    }
}
