package dev.gradus.internal.warmup;

import dev.gradus.CustomStep;
import dev.gradus.CustomRule;
import dev.gradus.internal.KernelSet;
import dev.gradus.internal.precision.Conversions;
import java.lang.foreign.MemorySegment;

/**
 * An immutable routing of each call to the kernels that serve it now: the vector kernels when
 * the call's {@link Signature} (family, options, kind of memory) has been warmed up or its range
 * is long ({@link #DIRECT_LENGTH}), the cold kernels otherwise. A call whose signature {@link Staging} has not seen yet reports it, which
 * starts its warm-up. Per call this costs the signature (a few tests of the arguments) and two
 * tests of array elements.
 *
 * <p>Staging publishes a new instance whenever a signature is seen or warmed, so a caller that
 * reads the kernels once per step uses one routing for the whole step.
 */
final class StagedKernels implements KernelSet {

    /**
     * The range from which a call runs on the vector kernels before they are warmed, and with it
     * every later call of its signature: one call over so many elements runs the vector loop often
     * enough for C2 to compile it while it runs (on-stack replacement).
     */
    static final long DIRECT_LENGTH = 1 << 18;

    private final Staging staging;
    private final String name;
    private final KernelSet cold;
    private final KernelSet vector;
    private final long[] seen;
    private final long[] warm;
    private final long failed;

    /**
     * @param staging told of signatures not seen yet
     * @param name    what {@link #name()} reports
     * @param cold    the kernels of signatures not warmed
     * @param vector  the kernels of warmed signatures, or {@code null} if none is
     * @param seen    the signatures seen of each family, indexed by {@link KernelFamily#ordinal()}; not copied
     * @param warm    the signatures of each family whose calls run on the vector kernels; not copied
     * @param failed  the {@link KernelFamily#bit()}s of the families that stay on the cold kernels
     */
    StagedKernels(Staging staging, String name, KernelSet cold, KernelSet vector, long[] seen, long[] warm,
                  long failed) {
        this.staging = staging;
        this.name = name;
        this.cold = cold;
        this.vector = vector;
        this.seen = seen;
        this.warm = warm;
        this.failed = failed;
    }

    /**
     * The kernels of a call of {@code family} with signature {@code signature} on {@code [from, to)},
     * reporting the signature if it is new: the vector kernels once it is warmed, or once a call
     * of it spanned at least {@link #DIRECT_LENGTH} elements ({@link Staging#direct}), else the
     * cold kernels.
     */
    private KernelSet route(KernelFamily family, int signature, long from, long to) {
        long bit = Signature.bit(signature);
        int f = family.ordinal();
        if ((warm[f] & bit) != 0) {
            return vector;
        }
        if (to - from >= DIRECT_LENGTH && (failed & family.bit()) == 0) {
            return staging.direct(family, signature);
        }
        if ((seen[f] & bit) == 0) {
            staging.see(family, signature);
        }
        return cold;
    }

    /** {@code inPlace}, or {@code emitting} for a call that emits the update. */
    private static KernelFamily family(MemorySegment update, KernelFamily inPlace, KernelFamily emitting) {
        return update == null ? inPlace : emitting;
    }

    @Override
    public String name() {
        return name;
    }

    /** The vector conversions once the vector kernels are loaded, the scalar ones before. */
    @Override
    public Conversions conversions() {
        return vector != null ? vector.conversions() : cold.conversions();
    }

    @Override
    public void sgd(MemorySegment param, MemorySegment update, MemorySegment gradient, long from, long to,
                    float learningRate, float clipValue, float factor, float weightDecay, boolean scaled) {
        route(family(update, KernelFamily.SGD, KernelFamily.SGD_UPDATE), Signature.sgd(param, weightDecay, scaled),
                from, to)
                .sgd(param, update, gradient, from, to, learningRate, clipValue, factor, weightDecay, scaled);
    }

    @Override
    public void momentum(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment velocity,
                         long from, long to, float momentum, float gradientScale, float stepSize, boolean nesterov,
                         float clipValue, float factor, float weightDecay, boolean scaled) {
        route(family(update, KernelFamily.MOMENTUM, KernelFamily.MOMENTUM_UPDATE),
                Signature.momentum(param, nesterov, weightDecay, scaled), from, to)
                .momentum(param, update, gradient, velocity, from, to, momentum, gradientScale, stepSize, nesterov,
                        clipValue, factor, weightDecay, scaled);
    }

    @Override
    public void adagrad(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment accumulator,
                        long from, long to, float learningRate, float epsilon, boolean epsilonInside,
                        float clipValue, float factor, float weightDecay, boolean scaled) {
        route(family(update, KernelFamily.ADAGRAD, KernelFamily.ADAGRAD_UPDATE),
                Signature.adagrad(param, epsilonInside, weightDecay, scaled), from, to)
                .adagrad(param, update, gradient, accumulator, from, to, learningRate, epsilon, epsilonInside,
                        clipValue, factor, weightDecay, scaled);
    }

    @Override
    public void rmsProp(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment squareAverage,
                        MemorySegment gradientAverage, MemorySegment momentumBuffer, long from, long to, float decay,
                        float oneMinusDecay, float learningRate, float epsilon, boolean epsilonInside,
                        boolean centered, boolean withMomentum, float momentum,
                        float clipValue, float factor, float weightDecay, boolean scaled) {
        route(family(update, KernelFamily.RMS_PROP, KernelFamily.RMS_PROP_UPDATE),
                Signature.rmsProp(param, epsilonInside, centered, withMomentum, weightDecay, scaled), from, to)
                .rmsProp(param, update, gradient, squareAverage, gradientAverage, momentumBuffer, from, to, decay,
                        oneMinusDecay, learningRate, epsilon, epsilonInside, centered, withMomentum, momentum,
                        clipValue, factor, weightDecay, scaled);
    }

    @Override
    public void adam(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m,
                     MemorySegment v, MemorySegment vmax, long from, long to, float beta1, float oneMinusBeta1,
                     float beta2, float oneMinusBeta2, float stepSize, float secondMomentScale, float epsilon,
                     boolean epsilonInside, boolean amsgrad, float decayFactor,
                     float clipValue, float factor, float weightDecay, boolean scaled) {
        route(family(update, KernelFamily.ADAM, KernelFamily.ADAM_UPDATE),
                Signature.adam(param, epsilonInside, amsgrad, decayFactor, weightDecay, scaled), from, to)
                .adam(param, update, gradient, m, v, vmax, from, to, beta1, oneMinusBeta1, beta2, oneMinusBeta2,
                        stepSize, secondMomentScale, epsilon, epsilonInside, amsgrad, decayFactor,
                        clipValue, factor, weightDecay, scaled);
    }

    @Override
    public long adamBf16State(MemorySegment param, MemorySegment compensation, MemorySegment gradient,
                              boolean bf16Gradient, MemorySegment m, MemorySegment v,
                              long from, long to, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
                              float stepSize, float secondMomentScale, float epsilon, boolean epsilonInside,
                              float decayFactor, float clipValue, float factor, float weightDecay, boolean scaled) {
        return route(compensation == null ? KernelFamily.ADAM_BF16_STATE : KernelFamily.ADAM_BF16_KAHAN,
                Signature.adamBf16State(param, bf16Gradient, epsilonInside, decayFactor, weightDecay, scaled), from, to)
                .adamBf16State(param, compensation, gradient, bf16Gradient, m, v, from, to, beta1, oneMinusBeta1,
                        beta2, oneMinusBeta2, stepSize, secondMomentScale, epsilon, epsilonInside, decayFactor,
                        clipValue, factor, weightDecay, scaled);
    }

    @Override
    public void lion(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment momentum,
                     long from, long to, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
                     float learningRate, float decoupledDecay, float clipValue, float factor, float weightDecay,
                     boolean scaled) {
        route(family(update, KernelFamily.LION, KernelFamily.LION_UPDATE),
                Signature.lion(param, decoupledDecay, weightDecay, scaled), from, to)
                .lion(param, update, gradient, momentum, from, to, beta1, oneMinusBeta1, beta2, oneMinusBeta2,
                        learningRate, decoupledDecay, clipValue, factor, weightDecay, scaled);
    }

    @Override
    public void adadelta(MemorySegment param, MemorySegment update, MemorySegment gradient,
                         MemorySegment squareAverage, MemorySegment updateAverage, long from, long to, float rho,
                         float oneMinusRho, float epsilon, float learningRate, float clipValue, float factor,
                         float weightDecay, boolean scaled) {
        route(family(update, KernelFamily.ADADELTA, KernelFamily.ADADELTA_UPDATE),
                Signature.sgd(param, weightDecay, scaled), from, to)
                .adadelta(param, update, gradient, squareAverage, updateAverage, from, to, rho, oneMinusRho, epsilon,
                        learningRate, clipValue, factor, weightDecay, scaled);
    }

    @Override
    public void rprop(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment previous,
                      MemorySegment stepSize, long from, long to, float etaMinus, float etaPlus, float stepSizeMin,
                      float stepSizeMax, float rate, float clipValue, float factor, float weightDecay,
                      boolean scaled) {
        route(family(update, KernelFamily.RPROP, KernelFamily.RPROP_UPDATE), Signature.sgd(param, weightDecay, scaled),
                from, to)
                .rprop(param, update, gradient, previous, stepSize, from, to, etaMinus, etaPlus, stepSizeMin,
                        stepSizeMax, rate, clipValue, factor, weightDecay, scaled);
    }

    @Override
    public void adamax(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m,
                       MemorySegment u, long from, long to, float beta1, float oneMinusBeta1, float beta2,
                       float epsilon, float stepSize, float clipValue, float factor, float weightDecay,
                       boolean scaled) {
        route(family(update, KernelFamily.ADAMAX, KernelFamily.ADAMAX_UPDATE), Signature.sgd(param, weightDecay, scaled),
                from, to)
                .adamax(param, update, gradient, m, u, from, to, beta1, oneMinusBeta1, beta2, epsilon, stepSize,
                        clipValue, factor, weightDecay, scaled);
    }

    @Override
    public void nadam(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m,
                      MemorySegment v, long from, long to, float beta1, float oneMinusBeta1, float beta2,
                      float oneMinusBeta2, float gradientStep, float momentumStep, float secondMomentScale,
                      float epsilon, float decayFactor, float clipValue, float factor, float weightDecay,
                      boolean scaled) {
        route(family(update, KernelFamily.NADAM, KernelFamily.NADAM_UPDATE),
                Signature.nadam(param, decayFactor, weightDecay, scaled), from, to)
                .nadam(param, update, gradient, m, v, from, to, beta1, oneMinusBeta1, beta2, oneMinusBeta2,
                        gradientStep, momentumStep, secondMomentScale, epsilon, decayFactor, clipValue, factor,
                        weightDecay, scaled);
    }

    @Override
    public void adabelief(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m,
                          MemorySegment s, long from, long to, float beta1, float oneMinusBeta1, float beta2,
                          float oneMinusBeta2, float stepSize, float epsilonRoot, float secondMomentScale,
                          float epsilon, float clipValue, float factor, float weightDecay, boolean scaled) {
        route(family(update, KernelFamily.ADABELIEF, KernelFamily.ADABELIEF_UPDATE),
                Signature.sgd(param, weightDecay, scaled), from, to)
                .adabelief(param, update, gradient, m, s, from, to, beta1, oneMinusBeta1, beta2, oneMinusBeta2,
                        stepSize, epsilonRoot, secondMomentScale, epsilon, clipValue, factor, weightDecay, scaled);
    }

    @Override
    public void yogi(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m,
                     MemorySegment v, long from, long to, float beta1, float oneMinusBeta1, float oneMinusBeta2,
                     float stepSize, float secondMomentScale, float epsilon, float clipValue, float factor,
                     float weightDecay, boolean scaled) {
        route(family(update, KernelFamily.YOGI, KernelFamily.YOGI_UPDATE), Signature.sgd(param, weightDecay, scaled),
                from, to)
                .yogi(param, update, gradient, m, v, from, to, beta1, oneMinusBeta1, oneMinusBeta2, stepSize,
                        secondMomentScale, epsilon, clipValue, factor, weightDecay, scaled);
    }

    @Override
    public void accumulateSquares(MemorySegment sums, MemorySegment values, long sumsFrom, long valuesFrom, long count,
                                  float keep, float weight) {
        route(KernelFamily.SQUARE_ACCUMULATION, Signature.memory(sums), 0, count)
                .accumulateSquares(sums, values, sumsFrom, valuesFrom, count, keep, weight);
    }

    @Override
    public void factoredDirection(MemorySegment update, MemorySegment gradient, MemorySegment variance, long from,
                                  long varianceFrom, long count, float rowScale, float floor, float factor,
                                  boolean scaled) {
        route(KernelFamily.FACTORED_DIRECTION, Signature.direction(update, scaled), 0, count)
                .factoredDirection(update, gradient, variance, from, varianceFrom, count, rowScale, floor, factor,
                        scaled);
    }

    @Override
    public void ewma(MemorySegment average, MemorySegment value, long from, long to, float decay,
                     float oneMinusDecay) {
        route(KernelFamily.EWMA, Signature.memory(average), from, to)
                .ewma(average, value, from, to, decay, oneMinusDecay);
    }

    @Override
    public long firstNonFinite(MemorySegment values, long from, long to) {
        return route(KernelFamily.NON_FINITE_SCAN, Signature.memory(values), from, to)
                .firstNonFinite(values, from, to);
    }

    @Override
    public double sumOfSquares(MemorySegment values, long from, long to, double start) {
        return route(KernelFamily.SQUARE_SUM, Signature.memory(values), from, to)
                .sumOfSquares(values, from, to, start);
    }

    @Override
    public float maxAbs(MemorySegment values, long from, long to) {
        return route(KernelFamily.MAX_ABS, Signature.memory(values), from, to).maxAbs(values, from, to);
    }

    /**
     * The rule's vector kernel once the vector kernels are loaded, its scalar kernel before (the
     * first call has them loaded). Gradus does not warm a user's kernels: the JIT compiles them as
     * they run.
     */
    @Override
    public void custom(CustomRule rule, CustomStep step, long from, long to) {
        if (vector != null) {
            vector.custom(rule, step, from, to);
        } else {
            staging.loadForCustomRules();
            cold.custom(rule, step, from, to);
        }
    }

    @Override
    public void scheduleFree(MemorySegment param, MemorySegment gradient, MemorySegment z, MemorySegment zSource,
                             MemorySegment base, MemorySegment v, long from, long to, float beta2,
                             float oneMinusBeta2, float epsilon, float lerpWeight, float yStep, float zStep,
                             float decay, float clipValue, float factor, boolean scaled) {
        route(KernelFamily.SCHEDULE_FREE, Signature.scheduleFree(param, v != null, decay, scaled), from, to)
                .scheduleFree(param, gradient, z, zSource, base, v, from, to, beta2, oneMinusBeta2, epsilon,
                        lerpWeight, yStep, zStep, decay, clipValue, factor, scaled);
    }

    @Override
    public void lerp(MemorySegment out, MemorySegment start, MemorySegment end, MemorySegment base, long from,
                     long to, float k) {
        route(KernelFamily.LERP, Signature.memory(out), from, to).lerp(out, start, end, base, from, to, k);
    }
}
