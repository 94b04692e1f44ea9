package dev.gradus.internal.vector;

import dev.gradus.CustomStep;
import dev.gradus.CustomRule;
import static dev.gradus.internal.vector.LoopOptions.AMSGRAD;
import static dev.gradus.internal.vector.LoopOptions.BF16_GRADIENT;
import static dev.gradus.internal.vector.LoopOptions.CENTERED;
import static dev.gradus.internal.vector.LoopOptions.DECOUPLED_DECAY;
import static dev.gradus.internal.vector.LoopOptions.EPSILON_INSIDE;
import static dev.gradus.internal.vector.LoopOptions.KAHAN_WEIGHTS;
import static dev.gradus.internal.vector.LoopOptions.MOMENTUM;
import static dev.gradus.internal.vector.LoopOptions.NESTEROV;
import static dev.gradus.internal.vector.LoopOptions.RULE_ADABELIEF;
import static dev.gradus.internal.vector.LoopOptions.RULE_ADADELTA;
import static dev.gradus.internal.vector.LoopOptions.RULE_ADAGRAD;
import static dev.gradus.internal.vector.LoopOptions.RULE_ADAM;
import static dev.gradus.internal.vector.LoopOptions.RULE_ADAMAX;
import static dev.gradus.internal.vector.LoopOptions.RULE_LION;
import static dev.gradus.internal.vector.LoopOptions.RULE_MOMENTUM;
import static dev.gradus.internal.vector.LoopOptions.RULE_NADAM;
import static dev.gradus.internal.vector.LoopOptions.RULE_RMS_PROP;
import static dev.gradus.internal.vector.LoopOptions.RULE_RPROP;
import static dev.gradus.internal.vector.LoopOptions.RULE_SGD;
import static dev.gradus.internal.vector.LoopOptions.RULE_YOGI;
import static dev.gradus.internal.vector.LoopOptions.forRule;
import static dev.gradus.internal.vector.LoopOptions.gradient;
import static dev.gradus.internal.vector.LoopOptions.segments;
import static dev.gradus.internal.vector.LoopOptions.storedSegments;
import static dev.gradus.internal.vector.LoopOptions.when;
import static dev.gradus.internal.vector.Vectors.LANES;
import static dev.gradus.internal.vector.Vectors.ORDER;
import static dev.gradus.internal.vector.Vectors.SPECIES;
import static jdk.incubator.vector.FloatVector.fromMemorySegment;

import dev.gradus.internal.KernelSet;
import dev.gradus.internal.ScalarKernels;
import dev.gradus.internal.precision.Conversions;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;

/**
 * The Vector API kernels: the same operations in the same order as {@link ScalarKernels}, one
 * vector of the chosen species ({@link Vectors}) at a time, with the last
 * {@code (to - from) % lanes} elements handed to the scalar kernel. Loaded reflectively by
 * {@code KernelProvider} only after it checked that the incubator module is present and C2 is on.
 *
 * <p>Each update rule runs the copy of {@link RuleLoop} made for the rule, the call's options and
 * its kind of memory ({@link Specializations}, {@link LoopOptions}): every rule and option set has
 * a loop of its own, which C2 compiles once, with only the operations its options select.
 */
public final class VectorKernels implements KernelSet {

    /** System property forcing a species width in bits (64, 128, 256 or 512), for tests. */
    public static final String BITS_PROPERTY = Vectors.BITS_PROPERTY;

    /** The smallest preferred width worth using: narrower vectors lose to the scalar loop. */
    private static final int MINIMUM_PREFERRED_BITS = 128;

    private static final Specializations<Loops.Rule> LOOPS = new Specializations<>(Loops.Rule.class, RuleLoop.class,
            LoopOptions.COUNT);
    private static final Specializations<Loops.StoredAdam> STORED_ADAM =
            new Specializations<>(Loops.StoredAdam.class, StoredAdamLoop.class, LoopOptions.COUNT);
    private static final Specializations<Loops.ScheduleFree> SCHEDULE_FREE =
            new Specializations<>(Loops.ScheduleFree.class, ScheduleFreeLoop.class, LoopOptions.COUNT);

    private VectorKernels() {
    }

    /**
     * Creates the vector kernels, after defining the plain loop of every rule to check that its
     * specialized copies can be made.
     *
     * @throws UnsupportedOperationException saying why, if the preferred species is narrower than
     *                                       128 bits and no width was forced
     * @throws IllegalStateException         if the loops cannot be copied
     */
    public static KernelSet create() {
        if (!Vectors.forced() && SPECIES.vectorBitSize() < MINIMUM_PREFERRED_BITS) {
            throw new UnsupportedOperationException("the preferred float species has "
                    + SPECIES.vectorBitSize() + " bits, under " + MINIMUM_PREFERRED_BITS);
        }
        LOOPS.of(forRule(RULE_SGD));
        return new VectorKernels();
    }

    @Override
    public String name() {
        return "vector-" + SPECIES.vectorBitSize();
    }

    @Override
    public Conversions conversions() {
        return VectorConversions.INSTANCE;
    }

    @Override
    public void sgd(MemorySegment param, MemorySegment update, MemorySegment gradient, long from, long to,
                    float learningRate, float clipValue, float factor, float weightDecay, boolean scaled) {
        LOOPS.of(forRule(RULE_SGD) | gradient(weightDecay, scaled)
                        | segments(param, update, gradient, null, null, null))
                .run(param, update, gradient, null, null, null, from, to, learningRate, 0f, 0f, 0f, 0f, 0f, 0f, 0f,
                        1f, clipValue, factor, weightDecay);
    }

    @Override
    public void momentum(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment velocity,
                         long from, long to, float momentum, float gradientScale, float stepSize, boolean nesterov,
                         float clipValue, float factor, float weightDecay, boolean scaled) {
        LOOPS.of(forRule(RULE_MOMENTUM) | gradient(weightDecay, scaled) | when(nesterov, NESTEROV)
                        | segments(param, update, gradient, velocity, null, null))
                .run(param, update, gradient, velocity, null, null, from, to, momentum, gradientScale, stepSize,
                        0f, 0f, 0f, 0f, 0f, 1f, clipValue, factor, weightDecay);
    }

    @Override
    public void adagrad(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment accumulator,
                        long from, long to, float learningRate, float epsilon, boolean epsilonInside,
                        float clipValue, float factor, float weightDecay, boolean scaled) {
        LOOPS.of(forRule(RULE_ADAGRAD) | gradient(weightDecay, scaled) | when(epsilonInside, EPSILON_INSIDE)
                        | segments(param, update, gradient, accumulator, null, null))
                .run(param, update, gradient, accumulator, null, null, from, to, learningRate, epsilon, 0f, 0f, 0f,
                        0f, 0f, 0f, 1f, clipValue, factor, weightDecay);
    }

    @Override
    public void rmsProp(MemorySegment param, MemorySegment update, MemorySegment gradient,
                        MemorySegment squareAverage, MemorySegment gradientAverage, MemorySegment momentumBuffer,
                        long from, long to, float decay, float oneMinusDecay, float learningRate, float epsilon,
                        boolean epsilonInside, boolean centered, boolean withMomentum, float momentum,
                        float clipValue, float factor, float weightDecay, boolean scaled) {
        LOOPS.of(forRule(RULE_RMS_PROP) | gradient(weightDecay, scaled) | when(epsilonInside, EPSILON_INSIDE)
                        | when(centered, CENTERED) | when(withMomentum, MOMENTUM)
                        | segments(param, update, gradient, squareAverage, gradientAverage, momentumBuffer))
                .run(param, update, gradient, squareAverage, gradientAverage, momentumBuffer, from, to, decay,
                        oneMinusDecay, learningRate, epsilon, momentum, 0f, 0f, 0f, 1f, clipValue, factor, weightDecay);
    }

    @Override
    public void adam(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m,
                     MemorySegment v, MemorySegment vmax, long from, long to,
                     float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
                     float stepSize, float secondMomentScale, float epsilon, boolean epsilonInside, boolean amsgrad,
                     float decayFactor, float clipValue, float factor, float weightDecay, boolean scaled) {
        LOOPS.of(forRule(RULE_ADAM) | gradient(weightDecay, scaled) | when(epsilonInside, EPSILON_INSIDE)
                        | when(amsgrad, AMSGRAD) | when(decayFactor != 1f, DECOUPLED_DECAY)
                        | segments(param, update, gradient, m, v, vmax))
                .run(param, update, gradient, m, v, vmax, from, to, beta1, oneMinusBeta1, beta2, oneMinusBeta2,
                        stepSize, secondMomentScale, epsilon, 0f, decayFactor, clipValue, factor, weightDecay);
    }

    /** The copy of {@link StoredAdamLoop} for the call's options; none at two lanes, whose 16-bit elements fill no short vector. */
    @Override
    public long adamBf16State(MemorySegment param, MemorySegment compensation, MemorySegment gradient,
                              boolean bf16Gradient, MemorySegment m, MemorySegment v,
                              long from, long to, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
                              float stepSize, float secondMomentScale, float epsilon, boolean epsilonInside,
                              float decayFactor, float clipValue, float factor, float weightDecay, boolean scaled) {
        if (LANES < 4) {
            return from;
        }
        return STORED_ADAM.of(gradient(weightDecay, scaled) | when(epsilonInside, EPSILON_INSIDE)
                        | when(decayFactor != 1f, DECOUPLED_DECAY) | when(compensation != null, KAHAN_WEIGHTS)
                        | when(bf16Gradient, BF16_GRADIENT) | storedSegments(param, compensation, gradient, bf16Gradient, m, v))
                .run(param, compensation, gradient, m, v, from, to, beta1, oneMinusBeta1, beta2, oneMinusBeta2, stepSize,
                        secondMomentScale, epsilon, decayFactor, clipValue, factor, weightDecay);
    }

    @Override
    public void lion(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment momentum,
                     long from, long to, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
                     float learningRate, float decoupledDecay, float clipValue, float factor, float weightDecay,
                     boolean scaled) {
        LOOPS.of(forRule(RULE_LION) | gradient(weightDecay, scaled) | when(decoupledDecay != 0f, DECOUPLED_DECAY)
                        | segments(param, update, gradient, momentum, null, null))
                .run(param, update, gradient, momentum, null, null, from, to, beta1, oneMinusBeta1, beta2,
                        oneMinusBeta2, learningRate, decoupledDecay, 0f, 0f, 1f, clipValue, factor, weightDecay);
    }

    @Override
    public void adadelta(MemorySegment param, MemorySegment update, MemorySegment gradient,
                         MemorySegment squareAverage, MemorySegment updateAverage, long from, long to, float rho,
                         float oneMinusRho, float epsilon, float learningRate, float clipValue, float factor,
                         float weightDecay, boolean scaled) {
        LOOPS.of(forRule(RULE_ADADELTA) | gradient(weightDecay, scaled)
                        | segments(param, update, gradient, squareAverage, updateAverage, null))
                .run(param, update, gradient, squareAverage, updateAverage, null, from, to, rho, oneMinusRho, epsilon,
                        learningRate, 0f, 0f, 0f, 0f, 1f, clipValue, factor, weightDecay);
    }

    @Override
    public void rprop(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment previous,
                      MemorySegment stepSize, long from, long to, float etaMinus, float etaPlus, float stepSizeMin,
                      float stepSizeMax, float rate, float clipValue, float factor, float weightDecay,
                      boolean scaled) {
        LOOPS.of(forRule(RULE_RPROP) | gradient(weightDecay, scaled)
                        | segments(param, update, gradient, previous, stepSize, null))
                .run(param, update, gradient, previous, stepSize, null, from, to, etaMinus, etaPlus, stepSizeMin,
                        stepSizeMax, rate, 0f, 0f, 0f, 1f, clipValue, factor, weightDecay);
    }

    @Override
    public void adamax(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m,
                       MemorySegment u, long from, long to, float beta1, float oneMinusBeta1, float beta2,
                       float epsilon, float stepSize, float clipValue, float factor, float weightDecay,
                       boolean scaled) {
        LOOPS.of(forRule(RULE_ADAMAX) | gradient(weightDecay, scaled) | segments(param, update, gradient, m, u, null))
                .run(param, update, gradient, m, u, null, from, to, beta1, oneMinusBeta1, beta2, epsilon, stepSize,
                        0f, 0f, 0f, 1f, clipValue, factor, weightDecay);
    }

    @Override
    public void nadam(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m,
                      MemorySegment v, long from, long to, float beta1, float oneMinusBeta1, float beta2,
                      float oneMinusBeta2, float gradientStep, float momentumStep, float secondMomentScale,
                      float epsilon, float decayFactor, float clipValue, float factor, float weightDecay,
                      boolean scaled) {
        LOOPS.of(forRule(RULE_NADAM) | gradient(weightDecay, scaled) | when(decayFactor != 1f, DECOUPLED_DECAY)
                        | segments(param, update, gradient, m, v, null))
                .run(param, update, gradient, m, v, null, from, to, beta1, oneMinusBeta1, beta2, oneMinusBeta2,
                        gradientStep, momentumStep, secondMomentScale, epsilon, decayFactor, clipValue, factor,
                        weightDecay);
    }

    @Override
    public void adabelief(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m,
                          MemorySegment s, long from, long to, float beta1, float oneMinusBeta1, float beta2,
                          float oneMinusBeta2, float stepSize, float epsilonRoot, float secondMomentScale,
                          float epsilon, float clipValue, float factor, float weightDecay, boolean scaled) {
        LOOPS.of(forRule(RULE_ADABELIEF) | gradient(weightDecay, scaled) | segments(param, update, gradient, m, s, null))
                .run(param, update, gradient, m, s, null, from, to, beta1, oneMinusBeta1, beta2, oneMinusBeta2,
                        stepSize, epsilonRoot, secondMomentScale, epsilon, 1f, clipValue, factor, weightDecay);
    }

    /** Yogi's scalars in the slots of the moment rules ({@link RuleLoop}): {@code k2} and {@code k5} unused. */
    @Override
    public void yogi(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m,
                     MemorySegment v, long from, long to, float beta1, float oneMinusBeta1, float oneMinusBeta2,
                     float stepSize, float secondMomentScale, float epsilon, float clipValue, float factor,
                     float weightDecay, boolean scaled) {
        LOOPS.of(forRule(RULE_YOGI) | gradient(weightDecay, scaled) | segments(param, update, gradient, m, v, null))
                .run(param, update, gradient, m, v, null, from, to, beta1, oneMinusBeta1, 0f, oneMinusBeta2, stepSize,
                        0f, secondMomentScale, epsilon, 1f, clipValue, factor, weightDecay);
    }

    @Override
    public void accumulateSquares(MemorySegment sums, MemorySegment values, long sumsFrom, long valuesFrom, long count,
                                  float keep, float weight) {
        long j = 0;
        for (long bound = SPECIES.loopBound(count); j < bound; j += LANES) {
            long at = (sumsFrom + j) * Float.BYTES;
            FloatVector v = fromMemorySegment(SPECIES, values, (valuesFrom + j) * Float.BYTES, ORDER);
            fromMemorySegment(SPECIES, sums, at, ORDER).mul(keep).add(v.mul(v).mul(weight))
                    .intoMemorySegment(sums, at, ORDER);
        }
        ScalarKernels.INSTANCE.accumulateSquares(sums, values, sumsFrom + j, valuesFrom + j, count - j, keep, weight);
    }

    @Override
    public void factoredDirection(MemorySegment update, MemorySegment gradient, MemorySegment variance, long from,
                                  long varianceFrom, long count, float rowScale, float floor, float factor,
                                  boolean scaled) {
        if (scaled) {
            Directions.scaled(update, gradient, variance, from, varianceFrom, count, rowScale, floor, factor);
        } else {
            Directions.plain(update, gradient, variance, from, varianceFrom, count, rowScale, floor);
        }
    }

    @Override
    public void ewma(MemorySegment average, MemorySegment value, long from, long to, float decay,
                     float oneMinusDecay) {
        long i = from;
        for (long bound = from + SPECIES.loopBound(to - from); i < bound; i += LANES) {
            long at = i * Float.BYTES;
            FloatVector a = fromMemorySegment(SPECIES, average, at, ORDER);
            FloatVector x = fromMemorySegment(SPECIES, value, at, ORDER);
            a.mul(decay).add(x.mul(oneMinusDecay)).intoMemorySegment(average, at, ORDER);
        }
        ScalarKernels.INSTANCE.ewma(average, value, i, to, decay, oneMinusDecay);
    }

    @Override
    public long firstNonFinite(MemorySegment values, long from, long to) {
        return NonFiniteScan.firstNonFinite(values, from, to);
    }

    @Override
    public double sumOfSquares(MemorySegment values, long from, long to, double start) {
        return Reductions.sumOfSquares(values, from, to, start);
    }

    @Override
    public float maxAbs(MemorySegment values, long from, long to) {
        return Reductions.maxAbs(values, from, to);
    }

    @Override
    public void custom(CustomRule rule, CustomStep step, long from, long to) {
        rule.vectorStep(step, from, to);
    }

    @Override
    public void scheduleFree(MemorySegment param, MemorySegment gradient, MemorySegment z, MemorySegment zSource,
                             MemorySegment base, MemorySegment v, long from, long to, float beta2,
                             float oneMinusBeta2, float epsilon, float lerpWeight, float yStep, float zStep,
                             float decay, float clipValue, float factor, boolean scaled) {
        SCHEDULE_FREE.of(when(v != null, ScheduleFreeLoop.NORMALIZED) | gradient(decay, scaled)
                        | segments(param, null, gradient, z, v, null))
                .run(param, gradient, z, zSource, base, v, from, to, beta2, oneMinusBeta2, epsilon, lerpWeight, yStep,
                        zStep, decay, clipValue, factor);
    }

    @Override
    public void lerp(MemorySegment out, MemorySegment start, MemorySegment end, MemorySegment base, long from,
                     long to, float k) {
        long i = from;
        for (long bound = from + SPECIES.loopBound(to - from); i < bound; i += LANES) {
            long at = i * Float.BYTES;
            FloatVector b = fromMemorySegment(SPECIES, base, at, ORDER);
            FloatVector difference = fromMemorySegment(SPECIES, end, at, ORDER)
                    .sub(fromMemorySegment(SPECIES, start, at, ORDER));
            b.add(difference.mul(k)).intoMemorySegment(out, at, ORDER);
        }
        ScalarKernels.INSTANCE.lerp(out, start, end, base, i, to, k);
    }
}
