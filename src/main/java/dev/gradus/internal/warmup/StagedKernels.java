package dev.gradus.internal.warmup;

import dev.gradus.internal.KernelSet;
import java.lang.foreign.MemorySegment;

/**
 * An immutable routing of each call to the kernels that serve it now: the vector kernels when
 * the call's {@link Signature} (family, options, kind of memory) has been warmed up, the cold
 * kernels otherwise. A call whose signature {@link Staging} has not seen yet reports it, which
 * starts its warm-up. Per call this costs the signature (a few tests of the arguments) and two
 * tests of final fields.
 *
 * <p>Staging publishes a new instance whenever a signature is seen or warmed, so a caller that
 * reads the kernels once per step uses one routing for the whole step.
 */
final class StagedKernels implements KernelSet {

    private final Staging staging;
    private final String name;
    private final KernelSet cold;
    private final KernelSet vector;
    private final long sgdSeen;
    private final long sgdWarm;
    private final long momentumSeen;
    private final long momentumWarm;
    private final long adagradSeen;
    private final long adagradWarm;
    private final long rmsPropSeen;
    private final long rmsPropWarm;
    private final long adamSeen;
    private final long adamWarm;
    private final long ewmaSeen;
    private final long ewmaWarm;
    private final long scanSeen;
    private final long scanWarm;

    /**
     * @param staging told of signatures not seen yet
     * @param name    what {@link #name()} reports
     * @param cold    the kernels of signatures not warmed
     * @param vector  the kernels of warmed signatures, or {@code null} if none is
     * @param seen    the signatures seen of each family, indexed by {@link KernelFamily#ordinal()}
     * @param warm    the signatures warmed of each family
     */
    StagedKernels(Staging staging, String name, KernelSet cold, KernelSet vector, long[] seen, long[] warm) {
        this.staging = staging;
        this.name = name;
        this.cold = cold;
        this.vector = vector;
        this.sgdSeen = seen[KernelFamily.SGD.ordinal()];
        this.sgdWarm = warm[KernelFamily.SGD.ordinal()];
        this.momentumSeen = seen[KernelFamily.MOMENTUM.ordinal()];
        this.momentumWarm = warm[KernelFamily.MOMENTUM.ordinal()];
        this.adagradSeen = seen[KernelFamily.ADAGRAD.ordinal()];
        this.adagradWarm = warm[KernelFamily.ADAGRAD.ordinal()];
        this.rmsPropSeen = seen[KernelFamily.RMS_PROP.ordinal()];
        this.rmsPropWarm = warm[KernelFamily.RMS_PROP.ordinal()];
        this.adamSeen = seen[KernelFamily.ADAM.ordinal()];
        this.adamWarm = warm[KernelFamily.ADAM.ordinal()];
        this.ewmaSeen = seen[KernelFamily.EWMA.ordinal()];
        this.ewmaWarm = warm[KernelFamily.EWMA.ordinal()];
        this.scanSeen = seen[KernelFamily.NON_FINITE_SCAN.ordinal()];
        this.scanWarm = warm[KernelFamily.NON_FINITE_SCAN.ordinal()];
    }

    /** The kernels of signature {@code signature} of {@code family}, reporting it if it is new. */
    private KernelSet route(KernelFamily family, int signature, long seen, long warm) {
        long bit = Signature.bit(signature);
        if ((seen & bit) == 0) {
            staging.see(family, signature);
        }
        return (warm & bit) != 0 ? vector : cold;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void sgd(MemorySegment param, MemorySegment gradient, long from, long to, float learningRate,
                    float weightDecay, boolean maximize) {
        route(KernelFamily.SGD, Signature.sgd(param, weightDecay, maximize), sgdSeen, sgdWarm)
                .sgd(param, gradient, from, to, learningRate, weightDecay, maximize);
    }

    @Override
    public void momentum(MemorySegment param, MemorySegment gradient, MemorySegment velocity, long from, long to,
                         float momentum, float gradientScale, float stepSize, boolean nesterov, float weightDecay,
                         boolean maximize) {
        route(KernelFamily.MOMENTUM, Signature.momentum(param, nesterov, weightDecay, maximize), momentumSeen,
                momentumWarm).momentum(param, gradient, velocity, from, to, momentum, gradientScale, stepSize,
                nesterov, weightDecay, maximize);
    }

    @Override
    public void adagrad(MemorySegment param, MemorySegment gradient, MemorySegment accumulator, long from, long to,
                        float learningRate, float epsilon, boolean epsilonInside, float weightDecay,
                        boolean maximize) {
        route(KernelFamily.ADAGRAD, Signature.adagrad(param, epsilonInside, weightDecay, maximize), adagradSeen,
                adagradWarm).adagrad(param, gradient, accumulator, from, to, learningRate, epsilon, epsilonInside,
                weightDecay, maximize);
    }

    @Override
    public void rmsProp(MemorySegment param, MemorySegment gradient, MemorySegment squareAverage,
                        MemorySegment gradientAverage, MemorySegment momentumBuffer, long from, long to, float decay,
                        float oneMinusDecay, float learningRate, float epsilon, boolean epsilonInside,
                        boolean centered, boolean withMomentum, float momentum, float weightDecay,
                        boolean maximize) {
        route(KernelFamily.RMS_PROP, Signature.rmsProp(param, epsilonInside, centered, withMomentum, weightDecay,
                maximize), rmsPropSeen, rmsPropWarm).rmsProp(param, gradient, squareAverage, gradientAverage,
                momentumBuffer, from, to, decay, oneMinusDecay, learningRate, epsilon, epsilonInside, centered,
                withMomentum, momentum, weightDecay, maximize);
    }

    @Override
    public void adam(MemorySegment param, MemorySegment gradient, MemorySegment m, MemorySegment v,
                     MemorySegment vmax, long from, long to, float beta1, float oneMinusBeta1, float beta2,
                     float oneMinusBeta2, float stepSize, float secondMomentScale, float epsilon,
                     boolean epsilonInside, boolean amsgrad, float decayFactor, float weightDecay,
                     boolean maximize) {
        route(KernelFamily.ADAM, Signature.adam(param, epsilonInside, amsgrad, decayFactor, weightDecay, maximize),
                adamSeen, adamWarm).adam(param, gradient, m, v, vmax, from, to, beta1, oneMinusBeta1, beta2,
                oneMinusBeta2, stepSize, secondMomentScale, epsilon, epsilonInside, amsgrad, decayFactor, weightDecay,
                maximize);
    }

    @Override
    public void ewma(MemorySegment average, MemorySegment value, long from, long to, float decay,
                     float oneMinusDecay) {
        route(KernelFamily.EWMA, Signature.memory(average), ewmaSeen, ewmaWarm)
                .ewma(average, value, from, to, decay, oneMinusDecay);
    }

    @Override
    public long firstNonFinite(MemorySegment values, long from, long to) {
        return route(KernelFamily.NON_FINITE_SCAN, Signature.memory(values), scanSeen, scanWarm)
                .firstNonFinite(values, from, to);
    }
}
