package dev.gradus.internal.warmup;

import dev.gradus.internal.KernelSet;
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
    private final int failed;

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
                  int failed) {
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

    @Override
    public void sgd(MemorySegment param, MemorySegment update, MemorySegment gradient, long from, long to,
                    float learningRate,
                    float weightDecay, boolean maximize) {
        route(family(update, KernelFamily.SGD, KernelFamily.SGD_UPDATE), Signature.sgd(param, weightDecay, maximize), from, to)
                .sgd(param, update, gradient, from, to, learningRate, weightDecay, maximize);
    }

    @Override
    public void momentum(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment velocity,
                         long from, long to,
                         float momentum, float gradientScale, float stepSize, boolean nesterov, float weightDecay,
                         boolean maximize) {
        route(family(update, KernelFamily.MOMENTUM, KernelFamily.MOMENTUM_UPDATE),
                Signature.momentum(param, nesterov, weightDecay, maximize), from, to).momentum(param, update, gradient,
                        velocity, from, to, momentum, gradientScale, stepSize,
                nesterov, weightDecay, maximize);
    }

    @Override
    public void adagrad(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment accumulator,
                        long from, long to,
                        float learningRate, float epsilon, boolean epsilonInside, float weightDecay,
                        boolean maximize) {
        route(family(update, KernelFamily.ADAGRAD, KernelFamily.ADAGRAD_UPDATE),
                Signature.adagrad(param, epsilonInside, weightDecay, maximize), from, to).adagrad(param, update, gradient,
                        accumulator, from, to, learningRate, epsilon, epsilonInside,
                weightDecay, maximize);
    }

    @Override
    public void rmsProp(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment squareAverage,
                        MemorySegment gradientAverage, MemorySegment momentumBuffer, long from, long to, float decay,
                        float oneMinusDecay, float learningRate, float epsilon, boolean epsilonInside,
                        boolean centered, boolean withMomentum, float momentum, float weightDecay,
                        boolean maximize) {
        route(family(update, KernelFamily.RMS_PROP, KernelFamily.RMS_PROP_UPDATE),
                Signature.rmsProp(param, epsilonInside, centered, withMomentum, weightDecay, maximize), from, to)
                .rmsProp(param, update, gradient, squareAverage, gradientAverage,
                momentumBuffer, from, to, decay, oneMinusDecay, learningRate, epsilon, epsilonInside, centered,
                withMomentum, momentum, weightDecay, maximize);
    }

    @Override
    public void adam(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m,
                     MemorySegment v,
                     MemorySegment vmax, long from, long to, float beta1, float oneMinusBeta1, float beta2,
                     float oneMinusBeta2, float stepSize, float secondMomentScale, float epsilon,
                     boolean epsilonInside, boolean amsgrad, float decayFactor, float weightDecay,
                     boolean maximize) {
        route(family(update, KernelFamily.ADAM, KernelFamily.ADAM_UPDATE),
                Signature.adam(param, epsilonInside, amsgrad, decayFactor, weightDecay, maximize), from,
                to)
                .adam(param, update, gradient, m, v, vmax, from, to, beta1, oneMinusBeta1, beta2,
                oneMinusBeta2, stepSize, secondMomentScale, epsilon, epsilonInside, amsgrad, decayFactor, weightDecay,
                maximize);
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
}
