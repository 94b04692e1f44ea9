package dev.gradus.internal.vector;

import static dev.gradus.internal.vector.Vectors.LANES;
import static dev.gradus.internal.vector.Vectors.ORDER;
import static dev.gradus.internal.vector.Vectors.SPECIES;
import static jdk.incubator.vector.FloatVector.fromMemorySegment;

import dev.gradus.internal.ScalarKernels;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.FloatVector;

/**
 * Every update rule of {@link ScalarKernels} a vector at a time, in one loop: the template of the
 * {@link Specializations}. A copy is made for one rule ({@link LoopOptions#rule}) and one set of
 * options, all {@code static final}, so C2 parses only that rule's branch and the options it
 * selects. The effective gradient, the last operation ({@code w - step} in place, or the update)
 * and the scalar tail are written once for all rules.
 *
 * <p>The per-step scalars come as {@code k0} to {@code k7}, in the order of the rule's
 * {@code KernelSet} method:
 * <ul>
 *   <li>SGD: {@code learningRate};</li>
 *   <li>momentum: {@code momentum, gradientScale, stepSize};</li>
 *   <li>AdaGrad: {@code learningRate, epsilon};</li>
 *   <li>RMSProp: {@code decay, oneMinusDecay, learningRate, epsilon, momentum};</li>
 *   <li>Adam: {@code beta1, oneMinusBeta1, beta2, oneMinusBeta2, stepSize, secondMomentScale,
 *       epsilon};</li>
 *   <li>Lion: {@code beta1, oneMinusBeta1, beta2, oneMinusBeta2, learningRate, decoupledDecay};</li>
 *   <li>Adamax: {@code beta1, oneMinusBeta1, beta2, epsilon, stepSize};</li>
 *   <li>Adadelta: {@code rho, oneMinusRho, epsilon, learningRate};</li>
 *   <li>Rprop: {@code etaMinus, etaPlus, stepSizeMin, stepSizeMax, rate};</li>
 *   <li>the moment rules, one branch: NAdam {@code beta1, oneMinusBeta1, beta2, oneMinusBeta2,
 *       gradientStep, momentumStep, secondMomentScale, epsilon}; AdaBelief {@code beta1,
 *       oneMinusBeta1, beta2, oneMinusBeta2, stepSize, epsilonRoot, secondMomentScale, epsilon};
 *       Yogi the same slots, {@code k2} and {@code k5} unused.</li>
 * </ul>
 * The state buffers are the rule's, in the same order (RMSProp: square average, gradient average,
 * momentum buffer; Adam: {@code m, v, vmax}).
 */
final class RuleLoop implements Loops.Rule {

    private static final int OPTIONS = Specializations.options(MethodHandles.lookup());
    private static final Class<? extends MemorySegment> SEGMENTS = LoopOptions.segmentClass(OPTIONS);
    private static final int RULE = LoopOptions.rule(OPTIONS);
    private static final boolean SCALED = LoopOptions.has(OPTIONS, LoopOptions.SCALED);
    private static final boolean COUPLED_DECAY = LoopOptions.has(OPTIONS, LoopOptions.COUPLED_DECAY);
    private static final boolean EMITS_UPDATE = LoopOptions.has(OPTIONS, LoopOptions.EMITS_UPDATE);
    private static final boolean EPSILON_INSIDE = LoopOptions.has(OPTIONS, LoopOptions.EPSILON_INSIDE);
    private static final boolean NESTEROV = LoopOptions.has(OPTIONS, LoopOptions.NESTEROV);
    private static final boolean CENTERED = LoopOptions.has(OPTIONS, LoopOptions.CENTERED);
    private static final boolean MOMENTUM = LoopOptions.has(OPTIONS, LoopOptions.MOMENTUM);
    private static final boolean AMSGRAD = LoopOptions.has(OPTIONS, LoopOptions.AMSGRAD);
    private static final boolean DECOUPLED_DECAY = LoopOptions.has(OPTIONS, LoopOptions.DECOUPLED_DECAY);
    /** Adam's and NAdam's decoupled decay: the step starts from {@code w * decayFactor}. */
    private static final boolean SCALES_WEIGHTS = DECOUPLED_DECAY
            && (RULE == LoopOptions.RULE_ADAM || RULE == LoopOptions.RULE_NADAM);
    /** NAdam, AdaBelief and Yogi: Adam's moments but for the second's update and the step. */
    private static final boolean MOMENT_RULE = RULE == LoopOptions.RULE_NADAM || RULE == LoopOptions.RULE_ADABELIEF
            || RULE == LoopOptions.RULE_YOGI;

    @Override
    public void run(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment state0,
                    MemorySegment state1, MemorySegment state2, long from, long to,
                    float k0, float k1, float k2, float k3, float k4, float k5, float k6, float k7,
                    float decayFactor, float clipValue, float factor, float weightDecay) {
        // Cast to the class of this copy's kind of memory, a constant: see LoopOptions.
        param = SEGMENTS.cast(param);
        update = SEGMENTS.cast(update);
        gradient = SEGMENTS.cast(gradient);
        state0 = SEGMENTS.cast(state0);
        state1 = SEGMENTS.cast(state1);
        state2 = SEGMENTS.cast(state2);
        long i = from;
        for (long bound = from + SPECIES.loopBound(to - from); i < bound; i += LANES) {
            long at = i * Float.BYTES;
            FloatVector w = fromMemorySegment(SPECIES, param, at, ORDER);
            FloatVector g = fromMemorySegment(SPECIES, gradient, at, ORDER);
            if (SCALED) {
                g = g.max(-clipValue).min(clipValue).mul(factor);
            }
            if (COUPLED_DECAY) {
                g = g.add(w.mul(weightDecay));
            }
            FloatVector step;
            if (RULE == LoopOptions.RULE_SGD) {
                step = g.mul(k0);
            } else if (RULE == LoopOptions.RULE_MOMENTUM) {
                FloatVector v = fromMemorySegment(SPECIES, state0, at, ORDER).mul(k0).add(g.mul(k1));
                v.intoMemorySegment(state0, at, ORDER);
                step = (NESTEROV ? g.add(v.mul(k0)) : v).mul(k2);
            } else if (RULE == LoopOptions.RULE_ADAGRAD) {
                FloatVector r = fromMemorySegment(SPECIES, state0, at, ORDER).add(g.mul(g));
                r.intoMemorySegment(state0, at, ORDER);
                step = g.div(EPSILON_INSIDE ? r.add(k1).sqrt() : r.sqrt().add(k1)).mul(k0);
            } else if (RULE == LoopOptions.RULE_RMS_PROP) {
                FloatVector s = fromMemorySegment(SPECIES, state0, at, ORDER).mul(k0).add(g.mul(g).mul(k1));
                s.intoMemorySegment(state0, at, ORDER);
                FloatVector q = s;
                if (CENTERED) {
                    FloatVector mean = fromMemorySegment(SPECIES, state1, at, ORDER).mul(k0).add(g.mul(k1));
                    mean.intoMemorySegment(state1, at, ORDER);
                    q = s.sub(mean.mul(mean)).max(0f);
                }
                FloatVector scaled = g.div(EPSILON_INSIDE ? q.add(k3).sqrt() : q.sqrt().add(k3));
                if (MOMENTUM) {
                    scaled = fromMemorySegment(SPECIES, state2, at, ORDER).mul(k4).add(scaled);
                    scaled.intoMemorySegment(state2, at, ORDER);
                }
                step = scaled.mul(k2);
            } else if (RULE == LoopOptions.RULE_LION) {
                FloatVector m = fromMemorySegment(SPECIES, state0, at, ORDER);
                FloatVector c = m.mul(k0).add(g.mul(k1));
                m.mul(k2).add(g.mul(k3)).intoMemorySegment(state0, at, ORDER);
                FloatVector u = signum(c);
                if (DECOUPLED_DECAY) {
                    u = u.add(w.mul(k5));
                }
                step = u.mul(k4);
            } else if (RULE == LoopOptions.RULE_RPROP) {
                FloatVector direction = signum(g.mul(fromMemorySegment(SPECIES, state0, at, ORDER)));
                FloatVector grow = direction.max(0f);
                FloatVector shrink = direction.neg().max(0f);
                FloatVector eta = grow.mul(k1).add(shrink.mul(k0)).add(grow.add(shrink).neg().add(1f));
                FloatVector s = fromMemorySegment(SPECIES, state1, at, ORDER).mul(eta).max(k2).min(k3);
                FloatVector kept = g.mul(shrink.neg().add(1f));
                s.intoMemorySegment(state1, at, ORDER);
                kept.intoMemorySegment(state0, at, ORDER);
                step = signum(kept).mul(s).mul(k4);
            } else if (RULE == LoopOptions.RULE_ADADELTA) {
                FloatVector s = fromMemorySegment(SPECIES, state0, at, ORDER).mul(k0).add(g.mul(g).mul(k1));
                FloatVector x = fromMemorySegment(SPECIES, state1, at, ORDER);
                FloatVector d = x.add(k2).sqrt().div(s.add(k2).sqrt()).mul(g);
                s.intoMemorySegment(state0, at, ORDER);
                x.mul(k0).add(d.mul(d).mul(k1)).intoMemorySegment(state1, at, ORDER);
                step = d.mul(k3);
            } else if (MOMENT_RULE) {
                FloatVector m = fromMemorySegment(SPECIES, state0, at, ORDER).mul(k0).add(g.mul(k1));
                FloatVector v = fromMemorySegment(SPECIES, state1, at, ORDER);
                if (RULE == LoopOptions.RULE_YOGI) {
                    FloatVector q = g.mul(g);
                    v = v.sub(signum(v.sub(q)).mul(k3).mul(q));
                } else if (RULE == LoopOptions.RULE_ADABELIEF) {
                    FloatVector e = g.sub(m);
                    v = v.mul(k2).add(e.mul(e).mul(k3)).add(k5);
                } else {
                    v = v.mul(k2).add(g.mul(g).mul(k3));
                }
                m.intoMemorySegment(state0, at, ORDER);
                v.intoMemorySegment(state1, at, ORDER);
                FloatVector denominator = v.sqrt().mul(k6).add(k7);
                step = RULE == LoopOptions.RULE_NADAM
                        ? g.mul(k4).add(m.mul(k5)).div(denominator)
                        : m.div(denominator).mul(k4);
            } else if (RULE == LoopOptions.RULE_ADAMAX) {
                FloatVector m = fromMemorySegment(SPECIES, state0, at, ORDER).mul(k0).add(g.mul(k1));
                FloatVector u = fromMemorySegment(SPECIES, state1, at, ORDER).mul(k2).max(g.abs().add(k3));
                m.intoMemorySegment(state0, at, ORDER);
                u.intoMemorySegment(state1, at, ORDER);
                step = m.div(u).mul(k4);
            } else {
                FloatVector m = fromMemorySegment(SPECIES, state0, at, ORDER).mul(k0).add(g.mul(k1));
                FloatVector v = fromMemorySegment(SPECIES, state1, at, ORDER).mul(k2).add(g.mul(g).mul(k3));
                m.intoMemorySegment(state0, at, ORDER);
                v.intoMemorySegment(state1, at, ORDER);
                FloatVector q = v;
                if (AMSGRAD) {
                    q = fromMemorySegment(SPECIES, state2, at, ORDER).max(v);
                    q.intoMemorySegment(state2, at, ORDER);
                }
                FloatVector denominator = EPSILON_INSIDE ? q.mul(k5).add(k6).sqrt() : q.sqrt().mul(k5).add(k6);
                step = m.div(denominator).mul(k4);
            }
            // Decoupled decay (Adam, NAdam) steps from w * decayFactor, and its update is w minus the result.
            FloatVector result = (SCALES_WEIGHTS ? w.mul(decayFactor) : w).sub(step);
            FloatVector emitted = SCALES_WEIGHTS ? w.sub(result) : step;
            (EMITS_UPDATE ? emitted : result).intoMemorySegment(EMITS_UPDATE ? update : param, at, ORDER);
        }
        tail(param, update, gradient, state0, state1, state2, i, to, k0, k1, k2, k3, k4, k5, k6, k7, decayFactor,
                clipValue, factor, weightDecay);
    }

    /** {@link ScalarKernels#signum(float)} lane by lane: arithmetic alone, no masks, at every width. */
    private static FloatVector signum(FloatVector x) {
        return x.mul(0x1p127f).mul(0x1p127f).max(-1f).min(1f);
    }

    /** The last {@code (to - i) % LANES} elements, on the scalar kernel of the rule. */
    private static void tail(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment state0,
                             MemorySegment state1, MemorySegment state2, long i, long to,
                             float k0, float k1, float k2, float k3, float k4, float k5, float k6, float k7,
                             float decayFactor, float clipValue, float factor, float weightDecay) {
        ScalarKernels scalar = ScalarKernels.INSTANCE;
        if (RULE == LoopOptions.RULE_SGD) {
            scalar.sgd(param, update, gradient, i, to, k0, clipValue, factor, weightDecay, SCALED);
        } else if (RULE == LoopOptions.RULE_MOMENTUM) {
            scalar.momentum(param, update, gradient, state0, i, to, k0, k1, k2, NESTEROV, clipValue, factor, weightDecay, SCALED);
        } else if (RULE == LoopOptions.RULE_ADAGRAD) {
            scalar.adagrad(param, update, gradient, state0, i, to, k0, k1, EPSILON_INSIDE, clipValue, factor, weightDecay, SCALED);
        } else if (RULE == LoopOptions.RULE_RMS_PROP) {
            scalar.rmsProp(param, update, gradient, state0, state1, state2, i, to, k0, k1, k2, k3, EPSILON_INSIDE,
                    CENTERED, MOMENTUM, k4, clipValue, factor, weightDecay, SCALED);
        } else if (RULE == LoopOptions.RULE_RPROP) {
            scalar.rprop(param, update, gradient, state0, state1, i, to, k0, k1, k2, k3, k4, clipValue, factor,
                    weightDecay, SCALED);
        } else if (RULE == LoopOptions.RULE_ADADELTA) {
            scalar.adadelta(param, update, gradient, state0, state1, i, to, k0, k1, k2, k3, clipValue, factor,
                    weightDecay, SCALED);
        } else if (RULE == LoopOptions.RULE_NADAM) {
            scalar.nadam(param, update, gradient, state0, state1, i, to, k0, k1, k2, k3, k4, k5, k6, k7, decayFactor,
                    clipValue, factor, weightDecay, SCALED);
        } else if (RULE == LoopOptions.RULE_ADABELIEF) {
            scalar.adabelief(param, update, gradient, state0, state1, i, to, k0, k1, k2, k3, k4, k5, k6, k7, clipValue,
                    factor, weightDecay, SCALED);
        } else if (RULE == LoopOptions.RULE_YOGI) {
            scalar.yogi(param, update, gradient, state0, state1, i, to, k0, k1, k3, k4, k6, k7, clipValue, factor,
                    weightDecay, SCALED);
        } else if (RULE == LoopOptions.RULE_ADAMAX) {
            scalar.adamax(param, update, gradient, state0, state1, i, to, k0, k1, k2, k3, k4, clipValue, factor,
                    weightDecay, SCALED);
        } else if (RULE == LoopOptions.RULE_LION) {
            scalar.lion(param, update, gradient, state0, i, to, k0, k1, k2, k3, k4, k5, clipValue, factor, weightDecay,
                    SCALED);
        } else {
            scalar.adam(param, update, gradient, state0, state1, state2, i, to, k0, k1, k2, k3, k4, k5, k6,
                    EPSILON_INSIDE, AMSGRAD, decayFactor, clipValue, factor, weightDecay, SCALED);
        }
    }
}
