package dev.gradus.internal.vector;

import dev.gradus.internal.KernelSet;
import dev.gradus.internal.ScalarKernels;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernels: the same operations in the same order as {@link ScalarKernels}, one
 * vector of {@link #SPECIES} at a time, with the last {@code (to - from) % lanes} elements handed
 * to the scalar kernel. Loaded reflectively by {@code KernelProvider} only after it checked that
 * the incubator module is present and C2 is on.
 */
public final class VectorKernels implements KernelSet {

    /** System property forcing a species width in bits (64, 128, 256 or 512), for tests. */
    public static final String BITS_PROPERTY = "gradus.vector.bits";

    /** The smallest preferred width worth using: narrower vectors lose to the scalar loop. */
    private static final int MINIMUM_PREFERRED_BITS = 128;

    // static final, so that C2 treats the species as a constant and intrinsifies every operation.
    private static final VectorSpecies<Float> SPECIES = selectSpecies();
    private static final int LANES = SPECIES.length();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private VectorKernels() {
    }

    /**
     * Creates the vector kernels.
     *
     * @throws UnsupportedOperationException saying why, if the preferred species is narrower than
     *                                       128 bits and no width was forced
     */
    public static KernelSet create() {
        if (System.getProperty(BITS_PROPERTY) == null && SPECIES.vectorBitSize() < MINIMUM_PREFERRED_BITS) {
            throw new UnsupportedOperationException("the preferred float species has "
                    + SPECIES.vectorBitSize() + " bits, under " + MINIMUM_PREFERRED_BITS);
        }
        return new VectorKernels();
    }

    private static VectorSpecies<Float> selectSpecies() {
        String forced = System.getProperty(BITS_PROPERTY);
        if (forced == null) {
            return FloatVector.SPECIES_PREFERRED;
        }
        int bits = switch (forced.strip()) {
            case "64" -> 64;
            case "128" -> 128;
            case "256" -> 256;
            case "512" -> 512;
            default -> throw new IllegalArgumentException(
                    BITS_PROPERTY + " must be 64, 128, 256 or 512, got " + forced);
        };
        return VectorSpecies.of(float.class, VectorShape.forBitSize(bits));
    }

    @Override
    public String name() {
        return "vector-" + SPECIES.vectorBitSize();
    }

    private static FloatVector load(MemorySegment segment, long byteOffset) {
        return FloatVector.fromMemorySegment(SPECIES, segment, byteOffset, ORDER);
    }

    private static FloatVector effectiveGradient(FloatVector g, FloatVector w, float weightDecay,
                                                 boolean maximize) {
        FloatVector signed = maximize ? g.neg() : g;
        return weightDecay != 0f ? signed.add(w.mul(weightDecay)) : signed;
    }

    @Override
    public void sgd(MemorySegment param, MemorySegment gradient, long from, long to,
                    float learningRate, float weightDecay, boolean maximize) {
        long i = from;
        for (long bound = from + SPECIES.loopBound(to - from); i < bound; i += LANES) {
            long at = i * Float.BYTES;
            FloatVector w = load(param, at);
            FloatVector g = effectiveGradient(load(gradient, at), w, weightDecay, maximize);
            w.sub(g.mul(learningRate)).intoMemorySegment(param, at, ORDER);
        }
        ScalarKernels.INSTANCE.sgd(param, gradient, i, to, learningRate, weightDecay, maximize);
    }

    /** {@code sqrt(q + epsilon)} or {@code sqrt(q) + epsilon}. */
    private static FloatVector denominator(FloatVector q, float epsilon, boolean epsilonInside) {
        return epsilonInside ? q.add(epsilon).sqrt() : q.sqrt().add(epsilon);
    }

    @Override
    public void momentum(MemorySegment param, MemorySegment gradient, MemorySegment velocity, long from, long to,
                         float momentum, float gradientScale, float stepSize, boolean nesterov,
                         float weightDecay, boolean maximize) {
        long i = from;
        for (long bound = from + SPECIES.loopBound(to - from); i < bound; i += LANES) {
            long at = i * Float.BYTES;
            FloatVector w = load(param, at);
            FloatVector g = effectiveGradient(load(gradient, at), w, weightDecay, maximize);
            FloatVector v = load(velocity, at).mul(momentum).add(g.mul(gradientScale));
            FloatVector update = nesterov ? g.add(v.mul(momentum)) : v;
            v.intoMemorySegment(velocity, at, ORDER);
            w.sub(update.mul(stepSize)).intoMemorySegment(param, at, ORDER);
        }
        ScalarKernels.INSTANCE.momentum(param, gradient, velocity, i, to, momentum, gradientScale, stepSize, nesterov,
                weightDecay, maximize);
    }

    @Override
    public void adagrad(MemorySegment param, MemorySegment gradient, MemorySegment accumulator, long from, long to,
                        float learningRate, float epsilon, boolean epsilonInside, float weightDecay,
                        boolean maximize) {
        long i = from;
        for (long bound = from + SPECIES.loopBound(to - from); i < bound; i += LANES) {
            long at = i * Float.BYTES;
            FloatVector w = load(param, at);
            FloatVector g = effectiveGradient(load(gradient, at), w, weightDecay, maximize);
            FloatVector r = load(accumulator, at).add(g.mul(g));
            r.intoMemorySegment(accumulator, at, ORDER);
            w.sub(g.div(denominator(r, epsilon, epsilonInside)).mul(learningRate)).intoMemorySegment(param, at, ORDER);
        }
        ScalarKernels.INSTANCE.adagrad(param, gradient, accumulator, i, to, learningRate, epsilon, epsilonInside,
                weightDecay, maximize);
    }

    @Override
    public void rmsProp(MemorySegment param, MemorySegment gradient, MemorySegment squareAverage,
                        MemorySegment gradientAverage, MemorySegment momentumBuffer, long from, long to,
                        float decay, float oneMinusDecay, float learningRate, float epsilon, boolean epsilonInside,
                        boolean centered, boolean withMomentum, float momentum, float weightDecay,
                        boolean maximize) {
        long i = from;
        for (long bound = from + SPECIES.loopBound(to - from); i < bound; i += LANES) {
            long at = i * Float.BYTES;
            FloatVector w = load(param, at);
            FloatVector g = effectiveGradient(load(gradient, at), w, weightDecay, maximize);
            FloatVector s = load(squareAverage, at).mul(decay).add(g.mul(g).mul(oneMinusDecay));
            s.intoMemorySegment(squareAverage, at, ORDER);
            FloatVector q = s;
            if (centered) {
                FloatVector mean = load(gradientAverage, at).mul(decay).add(g.mul(oneMinusDecay));
                mean.intoMemorySegment(gradientAverage, at, ORDER);
                q = s.sub(mean.mul(mean)).max(0f);
            }
            FloatVector scaled = g.div(denominator(q, epsilon, epsilonInside));
            if (withMomentum) {
                scaled = load(momentumBuffer, at).mul(momentum).add(scaled);
                scaled.intoMemorySegment(momentumBuffer, at, ORDER);
            }
            w.sub(scaled.mul(learningRate)).intoMemorySegment(param, at, ORDER);
        }
        ScalarKernels.INSTANCE.rmsProp(param, gradient, squareAverage, gradientAverage, momentumBuffer, i, to, decay,
                oneMinusDecay, learningRate, epsilon, epsilonInside, centered, withMomentum, momentum, weightDecay,
                maximize);
    }

    @Override
    public void adam(MemorySegment param, MemorySegment gradient, MemorySegment m, MemorySegment v, MemorySegment vmax,
                     long from, long to,
                     float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
                     float stepSize, float secondMomentScale, float epsilon, boolean epsilonInside, boolean amsgrad,
                     float decayFactor, float weightDecay, boolean maximize) {
        long i = from;
        for (long bound = from + SPECIES.loopBound(to - from); i < bound; i += LANES) {
            long at = i * Float.BYTES;
            FloatVector w = load(param, at);
            FloatVector g = effectiveGradient(load(gradient, at), w, weightDecay, maximize);
            if (decayFactor != 1f) {
                w = w.mul(decayFactor);
            }
            FloatVector m1 = load(m, at).mul(beta1).add(g.mul(oneMinusBeta1));
            FloatVector v1 = load(v, at).mul(beta2).add(g.mul(g).mul(oneMinusBeta2));
            m1.intoMemorySegment(m, at, ORDER);
            v1.intoMemorySegment(v, at, ORDER);
            FloatVector u = v1;
            if (amsgrad) {
                u = load(vmax, at).max(v1);
                u.intoMemorySegment(vmax, at, ORDER);
            }
            FloatVector denominator = epsilonInside
                    ? u.mul(secondMomentScale).add(epsilon).sqrt()
                    : u.sqrt().mul(secondMomentScale).add(epsilon);
            w.sub(m1.div(denominator).mul(stepSize)).intoMemorySegment(param, at, ORDER);
        }
        ScalarKernels.INSTANCE.adam(param, gradient, m, v, vmax, i, to, beta1, oneMinusBeta1, beta2, oneMinusBeta2,
                stepSize, secondMomentScale, epsilon, epsilonInside, amsgrad, decayFactor, weightDecay, maximize);
    }

    @Override
    public void ewma(MemorySegment average, MemorySegment value, long from, long to, float decay,
                     float oneMinusDecay) {
        long i = from;
        for (long bound = from + SPECIES.loopBound(to - from); i < bound; i += LANES) {
            long at = i * Float.BYTES;
            load(average, at).mul(decay).add(load(value, at).mul(oneMinusDecay)).intoMemorySegment(average, at, ORDER);
        }
        ScalarKernels.INSTANCE.ewma(average, value, i, to, decay, oneMinusDecay);
    }

    // The int species of the same width, for reading the raw bits of floats.
    private static final VectorSpecies<Integer> INT_SPECIES = SPECIES.withLanes(int.class);
    private static final int EXPONENT_BITS = 0x7f800000;
    /** Ranges of at least this many floats (1 MiB) are first checked in four streams. */
    private static final long FOUR_STREAMS_MIN_FLOATS = 1 << 18;

    /** The lanes of the vector at element {@code i} that are NaN or infinite: those with every exponent bit set. */
    private static VectorMask<Integer> nonFinite(MemorySegment values, long i) {
        return IntVector.fromMemorySegment(INT_SPECIES, values, i * Float.BYTES, ORDER)
                .and(EXPONENT_BITS).eq(EXPONENT_BITS);
    }

    /**
     * Tests the raw int bits of the floats: a float is NaN or infinite exactly when all its
     * exponent bits are set, {@code (bits & 0x7f800000) == 0x7f800000}, which is
     * {@link Float#isFinite} negated, so the answer is exact. Per vector this is a load, an
     * {@code and}, a compare and a test of the mask, integer operations that run at about a vector
     * per cycle in cache; {@code test(IS_FINITE)} (a mask conversion more) and {@code x - x == 0}
     * (float ports only) measured slower.
     *
     * <p>Beyond the caches one stream of loads does not reach the memory bandwidth (on a 2-core
     * AVX2 EPYC, 16M floats took 3.1 ms in one stream and 2.0 ms in four), so a range of at least
     * {@link #FOUR_STREAMS_MIN_FLOATS} is first checked in four quarters read side by side. In
     * cache the single stream is faster, so shorter ranges use it alone. (The single-stream loop
     * has a method of its own: with the four-stream branch in the same method, C2 compiled it
     * 1.5 times slower in cache.)
     */
    @Override
    public long firstNonFinite(MemorySegment values, long from, long to) {
        if (to - from >= FOUR_STREAMS_MIN_FLOATS) {
            return firstNonFiniteOfLongRange(values, from, to);
        }
        return firstNonFiniteInOneStream(values, from, to);
    }

    /**
     * Checks the four quarters of {@code [from, to)} (in whole vectors) side by side; if none holds
     * a non-finite element, only the elements after them remain to search, otherwise the single
     * stream searches from {@code from} and stops at the first one.
     */
    private static long firstNonFiniteOfLongRange(MemorySegment values, long from, long to) {
        long quarter = SPECIES.loopBound((to - from) / 4);
        boolean found = anyNonFiniteInFourStreams(values, from, quarter);
        return firstNonFiniteInOneStream(values, found ? from : from + 4 * quarter, to);
    }

    /** Whether {@code [from, from + 4 * quarter)} holds a NaN or an infinity, reading its quarters side by side. */
    private static boolean anyNonFiniteInFourStreams(MemorySegment values, long from, long quarter) {
        for (long i = from, end = from + quarter; i < end; i += LANES) {
            if (nonFinite(values, i).or(nonFinite(values, i + quarter))
                    .or(nonFinite(values, i + 2 * quarter).or(nonFinite(values, i + 3 * quarter))).anyTrue()) {
                return true;
            }
        }
        return false;
    }

    /** The first non-finite element of {@code [from, to)}, a vector at a time, the tail handed to the scalar kernel. */
    private static long firstNonFiniteInOneStream(MemorySegment values, long from, long to) {
        long i = from;
        for (long bound = from + SPECIES.loopBound(to - from); i < bound; i += LANES) {
            // nonFinite(values, i) spelled out: with the call, C2 compiled this loop 1.4 times slower in cache.
            VectorMask<Integer> nonFinite = IntVector.fromMemorySegment(INT_SPECIES, values, i * Float.BYTES, ORDER)
                    .and(EXPONENT_BITS).eq(EXPONENT_BITS);
            if (nonFinite.anyTrue()) {
                return i + nonFinite.firstTrue();
            }
        }
        return ScalarKernels.INSTANCE.firstNonFinite(values, i, to);
    }
}
