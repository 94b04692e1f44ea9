package dev.gradus.internal.vector;

import static dev.gradus.internal.vector.LoopOptions.AMSGRAD;
import static dev.gradus.internal.vector.LoopOptions.CENTERED;
import static dev.gradus.internal.vector.LoopOptions.DECOUPLED_DECAY;
import static dev.gradus.internal.vector.LoopOptions.EPSILON_INSIDE;
import static dev.gradus.internal.vector.LoopOptions.MOMENTUM;
import static dev.gradus.internal.vector.LoopOptions.NESTEROV;
import static dev.gradus.internal.vector.LoopOptions.RULE_ADAGRAD;
import static dev.gradus.internal.vector.LoopOptions.RULE_ADAM;
import static dev.gradus.internal.vector.LoopOptions.RULE_MOMENTUM;
import static dev.gradus.internal.vector.LoopOptions.RULE_RMS_PROP;
import static dev.gradus.internal.vector.LoopOptions.RULE_SGD;
import static dev.gradus.internal.vector.LoopOptions.forRule;
import static dev.gradus.internal.vector.LoopOptions.gradient;
import static dev.gradus.internal.vector.LoopOptions.segments;
import static dev.gradus.internal.vector.LoopOptions.when;
import static dev.gradus.internal.vector.Vectors.LANES;
import static dev.gradus.internal.vector.Vectors.ORDER;
import static dev.gradus.internal.vector.Vectors.SPECIES;
import static jdk.incubator.vector.FloatVector.fromMemorySegment;

import dev.gradus.internal.KernelSet;
import dev.gradus.internal.ScalarKernels;
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

    private static final Specializations<Loops.Rule> LOOPS = new Specializations<>(Loops.Rule.class, RuleLoop.class);

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
    public void sgd(MemorySegment param, MemorySegment update, MemorySegment gradient, long from, long to,
                    float learningRate, float weightDecay, boolean maximize) {
        LOOPS.of(forRule(RULE_SGD) | gradient(weightDecay, maximize)
                        | segments(param, update, gradient, null, null, null))
                .run(param, update, gradient, null, null, null, from, to, learningRate, 0f, 0f, 0f, 0f, 0f, 0f, 1f,
                        weightDecay);
    }

    @Override
    public void momentum(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment velocity,
                         long from, long to, float momentum, float gradientScale, float stepSize, boolean nesterov,
                         float weightDecay, boolean maximize) {
        LOOPS.of(forRule(RULE_MOMENTUM) | gradient(weightDecay, maximize) | when(nesterov, NESTEROV)
                        | segments(param, update, gradient, velocity, null, null))
                .run(param, update, gradient, velocity, null, null, from, to, momentum, gradientScale, stepSize,
                        0f, 0f, 0f, 0f, 1f, weightDecay);
    }

    @Override
    public void adagrad(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment accumulator,
                        long from, long to, float learningRate, float epsilon, boolean epsilonInside,
                        float weightDecay, boolean maximize) {
        LOOPS.of(forRule(RULE_ADAGRAD) | gradient(weightDecay, maximize) | when(epsilonInside, EPSILON_INSIDE)
                        | segments(param, update, gradient, accumulator, null, null))
                .run(param, update, gradient, accumulator, null, null, from, to, learningRate, epsilon, 0f, 0f, 0f,
                        0f, 0f, 1f, weightDecay);
    }

    @Override
    public void rmsProp(MemorySegment param, MemorySegment update, MemorySegment gradient,
                        MemorySegment squareAverage, MemorySegment gradientAverage, MemorySegment momentumBuffer,
                        long from, long to, float decay, float oneMinusDecay, float learningRate, float epsilon,
                        boolean epsilonInside, boolean centered, boolean withMomentum, float momentum,
                        float weightDecay, boolean maximize) {
        LOOPS.of(forRule(RULE_RMS_PROP) | gradient(weightDecay, maximize) | when(epsilonInside, EPSILON_INSIDE)
                        | when(centered, CENTERED) | when(withMomentum, MOMENTUM)
                        | segments(param, update, gradient, squareAverage, gradientAverage, momentumBuffer))
                .run(param, update, gradient, squareAverage, gradientAverage, momentumBuffer, from, to, decay,
                        oneMinusDecay, learningRate, epsilon, momentum, 0f, 0f, 1f, weightDecay);
    }

    @Override
    public void adam(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m,
                     MemorySegment v, MemorySegment vmax, long from, long to,
                     float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
                     float stepSize, float secondMomentScale, float epsilon, boolean epsilonInside, boolean amsgrad,
                     float decayFactor, float weightDecay, boolean maximize) {
        LOOPS.of(forRule(RULE_ADAM) | gradient(weightDecay, maximize) | when(epsilonInside, EPSILON_INSIDE)
                        | when(amsgrad, AMSGRAD) | when(decayFactor != 1f, DECOUPLED_DECAY)
                        | segments(param, update, gradient, m, v, vmax))
                .run(param, update, gradient, m, v, vmax, from, to, beta1, oneMinusBeta1, beta2, oneMinusBeta2,
                        stepSize, secondMomentScale, epsilon, decayFactor, weightDecay);
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
}
