package dev.gradus.internal;

import dev.gradus.CustomStep;
import dev.gradus.CustomRule;
import static dev.gradus.internal.ChunkScratch.GRADIENT;
import static dev.gradus.internal.ChunkScratch.PARAM;
import static dev.gradus.internal.ChunkScratch.STATE;
import static dev.gradus.internal.ChunkScratch.TEMP;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The formulas of {@link ScalarKernels}, operation for operation, run over chunks of at most
 * {@link #DEFAULT_CHUNK} floats that are copied into this thread's float arrays, updated there by
 * {@link ArrayOps} passes and copied back. They give the bits of the scalar kernels (the same
 * float operations in the same order on the same values) and serve while the vector kernels are
 * not yet compiled, and for good where the vector kernels cannot serve.
 *
 * <p>Why arrays: a fresh JVM interprets each kernel until the JIT compiles it. The interpreter
 * runs a loop over {@code float[]} several times faster than one that reads and writes
 * {@code MemorySegment}s (each access is a chain of calls there), a bulk copy costs about the
 * same interpreted or compiled, and C2 compiles a short array loop quickly and vectorizes it.
 * The chunks are small enough for the arrays to stay in the level-1 cache.
 *
 * <p>The gradient's copy is overwritten with the effective gradient (sign flip, coupled weight
 * decay); only the parameter and the state are copied back. Each calling thread gets its arrays
 * on its first call (six chunks, 24 KiB with the default chunk); later calls allocate nothing.
 */
public final class ChunkedKernels implements KernelSet {

    /** Floats per chunk: 4 KiB per array, 24 KiB for the six. */
    public static final int DEFAULT_CHUNK = 1024;

    /** The instance with the default chunk. */
    public static final ChunkedKernels INSTANCE = new ChunkedKernels(DEFAULT_CHUNK);

    /** The rules of {@link #moments}. */
    private static final int NADAM = 0;
    private static final int ADABELIEF = 1;
    private static final int YOGI = 2;

    private final int chunk;
    private final ChunkScratch.PerThread scratch;

    private ChunkedKernels(int chunk) {
        this.chunk = chunk;
        this.scratch = new ChunkScratch.PerThread(chunk);
    }

    /**
     * Kernels with chunks of {@code chunk} floats, for tests that cross many chunk boundaries.
     *
     * @param chunk floats per chunk, at least 1
     * @return the kernels
     * @throws IllegalArgumentException if {@code chunk < 1}
     */
    public static ChunkedKernels withChunk(int chunk) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be >= 1, got " + chunk);
        }
        return new ChunkedKernels(chunk);
    }

    @Override
    public String name() {
        return "chunked";
    }

    private int length(long start, long to) {
        return (int) Math.min(chunk, to - start);
    }

    /** {@code g = clamp(g, clipValue) * factor} if {@code scaled}, then {@code g = g + weightDecay * w} if the decay is not 0. */
    private static void effectiveGradient(float[] g, float[] w, int n, float clipValue, float factor, float weightDecay,
                                          boolean scaled) {
        if (scaled) {
            ArrayOps.clampAndScale(g, clipValue, factor, n);
        }
        if (weightDecay != 0f) {
            ArrayOps.sumScaled(g, g, weightDecay, w, n);
        }
    }

    /** {@code out = epsilonInside ? sqrt(q + epsilon) : sqrt(q) + epsilon}. */
    private static void denominator(float[] out, float[] q, int n, float epsilon, boolean epsilonInside) {
        if (epsilonInside) {
            ArrayOps.rootOfSum(out, q, epsilon, n);
        } else {
            ArrayOps.rootPlus(out, q, epsilon, n);
        }
    }

    /**
     * Loads the chunk of the parameter and the gradient at byte offset {@code at} and forms the
     * effective gradient. For the update form ({@code update} given) the parameter's array then
     * holds {@code -0f}, the base from which the rule's last operation {@code w - s} leaves exactly
     * {@code -s}, zeros' signs included.
     */
    private static void begin(ChunkScratch s, MemorySegment param, MemorySegment gradient, MemorySegment update,
                              long at, int n, float clipValue, float factor, float weightDecay, boolean scaled) {
        s.load(PARAM, param, at, n);
        s.load(GRADIENT, gradient, at, n);
        effectiveGradient(s.arrays[GRADIENT], s.arrays[PARAM], n, clipValue, factor, weightDecay, scaled);
        if (update != null) {
            ArrayOps.negativeZero(s.arrays[PARAM], n);
        }
    }

    /**
     * Stores the chunk's result: the parameter in place, or the update {@code s}, negating the
     * {@code -s} that the base set by {@link #begin} left.
     */
    private static void end(ChunkScratch s, MemorySegment param, MemorySegment update, long at, int n) {
        if (update == null) {
            s.store(PARAM, param, at, n);
        } else {
            ArrayOps.negate(s.arrays[PARAM], n);
            s.store(PARAM, update, at, n);
        }
    }

    @Override
    public void sgd(MemorySegment param, MemorySegment update, MemorySegment gradient, long from, long to,
                    float learningRate, float clipValue, float factor, float weightDecay, boolean scaled) {
        ChunkScratch s = scratch.get();
        for (long start = from; start < to; start += chunk) {
            int n = length(start, to);
            long at = start * Float.BYTES;
            begin(s, param, gradient, update, at, n, clipValue, factor, weightDecay, scaled);
            ArrayOps.subtractScaled(s.arrays[PARAM], learningRate, s.arrays[GRADIENT], n);
            end(s, param, update, at, n);
        }
    }

    @Override
    public void momentum(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment velocity,
                         long from, long to, float momentum, float gradientScale, float stepSize, boolean nesterov,
                         float clipValue, float factor, float weightDecay, boolean scaled) {
        ChunkScratch s = scratch.get();
        float[] g = s.arrays[GRADIENT];
        float[] v = s.arrays[STATE];
        float[] step = nesterov ? s.arrays[TEMP] : v;
        for (long start = from; start < to; start += chunk) {
            int n = length(start, to);
            long at = start * Float.BYTES;
            begin(s, param, gradient, update, at, n, clipValue, factor, weightDecay, scaled);
            s.load(STATE, velocity, at, n);
            ArrayOps.blend(v, momentum, gradientScale, g, n);
            if (nesterov) {
                ArrayOps.sumScaled(step, g, momentum, v, n);
            }
            ArrayOps.subtractScaled(s.arrays[PARAM], stepSize, step, n);
            s.store(STATE, velocity, at, n);
            end(s, param, update, at, n);
        }
    }

    @Override
    public void adagrad(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment accumulator,
                        long from, long to, float learningRate, float epsilon, boolean epsilonInside,
                        float clipValue, float factor, float weightDecay, boolean scaled) {
        ChunkScratch s = scratch.get();
        float[] r = s.arrays[STATE];
        float[] t = s.arrays[TEMP];
        for (long start = from; start < to; start += chunk) {
            int n = length(start, to);
            long at = start * Float.BYTES;
            begin(s, param, gradient, update, at, n, clipValue, factor, weightDecay, scaled);
            s.load(STATE, accumulator, at, n);
            ArrayOps.accumulateSquare(r, s.arrays[GRADIENT], n);
            denominator(t, r, n, epsilon, epsilonInside);
            ArrayOps.quotient(t, s.arrays[GRADIENT], t, n);
            ArrayOps.subtractScaled(s.arrays[PARAM], learningRate, t, n);
            s.store(STATE, accumulator, at, n);
            end(s, param, update, at, n);
        }
    }

    @Override
    public void rmsProp(MemorySegment param, MemorySegment update, MemorySegment gradient,
                        MemorySegment squareAverage, MemorySegment gradientAverage, MemorySegment momentumBuffer,
                        long from, long to, float decay, float oneMinusDecay, float learningRate, float epsilon,
                        boolean epsilonInside, boolean centered, boolean withMomentum, float momentum,
                        float clipValue, float factor, float weightDecay, boolean scaled) {
        ChunkScratch s = scratch.get();
        float[] w = s.arrays[PARAM];
        float[] g = s.arrays[GRADIENT];
        float[] square = s.arrays[STATE];
        float[] t = s.arrays[TEMP];
        boolean plain = !centered && !withMomentum;
        for (long start = from; start < to; start += chunk) {
            int n = length(start, to);
            long at = start * Float.BYTES;
            begin(s, param, gradient, update, at, n, clipValue, factor, weightDecay, scaled);
            s.load(STATE, squareAverage, at, n);
            if (plain && epsilonInside) {
                ArrayOps.rmsPropEpsilonInside(w, g, square, n, decay, oneMinusDecay, learningRate, epsilon);
            } else if (plain) {
                ArrayOps.rmsProp(w, g, square, n, decay, oneMinusDecay, learningRate, epsilon);
            } else {
                ArrayOps.blendSquare(square, decay, oneMinusDecay, g, n);
                float[] q = centered ? centeredSecondMoment(s, gradientAverage, at, n, decay, oneMinusDecay) : square;
                denominator(t, q, n, epsilon, epsilonInside);
                ArrayOps.quotient(t, g, t, n);
                float[] normalized = withMomentum ? buffered(s, momentumBuffer, at, n, momentum) : t;
                ArrayOps.subtractScaled(w, learningRate, normalized, n);
            }
            s.store(STATE, squareAverage, at, n);
            end(s, param, update, at, n);
        }
    }

    /**
     * RMSProp's gradient average {@code mbar = decay * mbar + oneMinusDecay * g}, stored, and the
     * centered second moment {@code max(s - mbar * mbar, 0)} into the temporary array, returned.
     */
    private static float[] centeredSecondMoment(ChunkScratch s, MemorySegment gradientAverage, long at, int n,
                                                float decay, float oneMinusDecay) {
        float[] mean = s.arrays[STATE + 1];
        s.load(STATE + 1, gradientAverage, at, n);
        ArrayOps.blend(mean, decay, oneMinusDecay, s.arrays[GRADIENT], n);
        ArrayOps.centeredSecondMoment(s.arrays[TEMP], s.arrays[STATE], mean, n);
        s.store(STATE + 1, gradientAverage, at, n);
        return s.arrays[TEMP];
    }

    /** RMSProp's momentum buffer {@code buf = momentum * buf + t}, stored and returned. */
    private static float[] buffered(ChunkScratch s, MemorySegment momentumBuffer, long at, int n, float momentum) {
        float[] buffer = s.arrays[STATE + 2];
        s.load(STATE + 2, momentumBuffer, at, n);
        ArrayOps.sumScaled(buffer, s.arrays[TEMP], momentum, buffer, n);
        s.store(STATE + 2, momentumBuffer, at, n);
        return buffer;
    }

    @Override
    public void adam(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m,
                     MemorySegment v, MemorySegment vmax, long from, long to,
                     float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
                     float stepSize, float secondMomentScale, float epsilon, boolean epsilonInside, boolean amsgrad,
                     float decayFactor, float clipValue, float factor, float weightDecay, boolean scaled) {
        ChunkScratch s = scratch.get();
        float[] w = s.arrays[PARAM];
        float[] g = s.arrays[GRADIENT];
        float[] first = s.arrays[STATE];
        float[] second = s.arrays[STATE + 1];
        for (long start = from; start < to; start += chunk) {
            int n = length(start, to);
            long at = start * Float.BYTES;
            beginMoments(s, param, gradient, update, m, v, at, n, decayFactor, clipValue, factor, weightDecay, scaled);
            if (amsgrad) {
                amsgrad(s, vmax, at, n, beta1, oneMinusBeta1, beta2, oneMinusBeta2, stepSize, secondMomentScale,
                        epsilon, epsilonInside);
            } else if (epsilonInside) {
                ArrayOps.adamEpsilonInside(w, g, first, second, n, beta1, oneMinusBeta1, beta2, oneMinusBeta2,
                        stepSize, secondMomentScale, epsilon);
            } else {
                ArrayOps.adam(w, g, first, second, n, beta1, oneMinusBeta1, beta2, oneMinusBeta2, stepSize,
                        secondMomentScale, epsilon);
            }
            endMoments(s, param, update, m, v, at, n, decayFactor);
        }
    }

    /**
     * {@link #begin} for a rule with two moments and possibly decoupled decay (Adam, NAdam,
     * AdaBelief, Yogi), then loads both moments. With a decay factor other than 1 the parameter is
     * loaded in both forms and multiplied by the factor, the base of the step; {@link #endMoments}
     * then emits {@code w} minus the result.
     */
    private static void beginMoments(ChunkScratch s, MemorySegment param, MemorySegment gradient,
                                     MemorySegment update, MemorySegment m, MemorySegment v, long at, int n,
                                     float decayFactor, float clipValue, float factor, float weightDecay,
                                     boolean scaled) {
        boolean decoupled = decayFactor != 1f;
        begin(s, param, gradient, decoupled ? null : update, at, n, clipValue, factor, weightDecay, scaled);
        s.load(STATE, m, at, n);
        s.load(STATE + 1, v, at, n);
        if (decoupled) {
            ArrayOps.scale(s.arrays[PARAM], decayFactor, n);
        }
    }

    /**
     * Stores both moments and the chunk's result, as {@link #end} does, or with decoupled decay and
     * the update form the update {@code w - result}, {@code w} read again from the parameter.
     */
    private static void endMoments(ChunkScratch s, MemorySegment param, MemorySegment update, MemorySegment m,
                                   MemorySegment v, long at, int n, float decayFactor) {
        s.store(STATE, m, at, n);
        s.store(STATE + 1, v, at, n);
        if (decayFactor != 1f && update != null) {
            float[] w = s.arrays[PARAM];
            s.load(GRADIENT, param, at, n);
            ArrayOps.difference(w, s.arrays[GRADIENT], w, n);
            s.store(PARAM, update, at, n);
        } else {
            end(s, param, update, at, n);
        }
    }

    @Override
    public void lion(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment momentum,
                     long from, long to, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
                     float learningRate, float decoupledDecay, float clipValue, float factor, float weightDecay,
                     boolean scaled) {
        ChunkScratch s = scratch.get();
        float[] w = s.arrays[PARAM];
        float[] g = s.arrays[GRADIENT];
        float[] m = s.arrays[STATE];
        float[] u = s.arrays[TEMP];
        for (long start = from; start < to; start += chunk) {
            int n = length(start, to);
            long at = start * Float.BYTES;
            // The parameter is loaded in both forms: the decay reads it.
            begin(s, param, gradient, null, at, n, clipValue, factor, weightDecay, scaled);
            s.load(STATE, momentum, at, n);
            ArrayOps.signOfBlend(u, beta1, m, oneMinusBeta1, g, n);
            if (decoupledDecay != 0f) {
                ArrayOps.sumScaled(u, u, decoupledDecay, w, n);
            }
            ArrayOps.blend(m, beta2, oneMinusBeta2, g, n);
            s.store(STATE, momentum, at, n);
            if (update == null) {
                ArrayOps.subtractScaled(w, learningRate, u, n);
                s.store(PARAM, param, at, n);
            } else {
                ArrayOps.scale(u, learningRate, n);
                s.store(TEMP, update, at, n);
            }
        }
    }

    @Override
    public void adadelta(MemorySegment param, MemorySegment update, MemorySegment gradient,
                         MemorySegment squareAverage, MemorySegment updateAverage, long from, long to, float rho,
                         float oneMinusRho, float epsilon, float learningRate, float clipValue, float factor,
                         float weightDecay, boolean scaled) {
        ChunkScratch s = scratch.get();
        for (long start = from; start < to; start += chunk) {
            int n = length(start, to);
            long at = start * Float.BYTES;
            begin(s, param, gradient, update, at, n, clipValue, factor, weightDecay, scaled);
            s.load(STATE, squareAverage, at, n);
            s.load(STATE + 1, updateAverage, at, n);
            ArrayOps.adadelta(s.arrays[PARAM], s.arrays[GRADIENT], s.arrays[STATE], s.arrays[STATE + 1], n, rho,
                    oneMinusRho, epsilon, learningRate);
            s.store(STATE, squareAverage, at, n);
            s.store(STATE + 1, updateAverage, at, n);
            end(s, param, update, at, n);
        }
    }

    @Override
    public void rprop(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment previous,
                      MemorySegment stepSize, long from, long to, float etaMinus, float etaPlus, float stepSizeMin,
                      float stepSizeMax, float rate, float clipValue, float factor, float weightDecay,
                      boolean scaled) {
        ChunkScratch s = scratch.get();
        for (long start = from; start < to; start += chunk) {
            int n = length(start, to);
            long at = start * Float.BYTES;
            begin(s, param, gradient, update, at, n, clipValue, factor, weightDecay, scaled);
            s.load(STATE, previous, at, n);
            s.load(STATE + 1, stepSize, at, n);
            ArrayOps.rprop(s.arrays[PARAM], s.arrays[GRADIENT], s.arrays[STATE], s.arrays[STATE + 1], n, etaMinus,
                    etaPlus, stepSizeMin, stepSizeMax, rate);
            s.store(STATE, previous, at, n);
            s.store(STATE + 1, stepSize, at, n);
            end(s, param, update, at, n);
        }
    }

    @Override
    public void adamax(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m,
                       MemorySegment u, long from, long to, float beta1, float oneMinusBeta1, float beta2,
                       float epsilon, float stepSize, float clipValue, float factor, float weightDecay,
                       boolean scaled) {
        ChunkScratch s = scratch.get();
        for (long start = from; start < to; start += chunk) {
            int n = length(start, to);
            long at = start * Float.BYTES;
            begin(s, param, gradient, update, at, n, clipValue, factor, weightDecay, scaled);
            s.load(STATE, m, at, n);
            s.load(STATE + 1, u, at, n);
            ArrayOps.adamax(s.arrays[PARAM], s.arrays[GRADIENT], s.arrays[STATE], s.arrays[STATE + 1], n, beta1,
                    oneMinusBeta1, beta2, epsilon, stepSize);
            s.store(STATE, m, at, n);
            s.store(STATE + 1, u, at, n);
            end(s, param, update, at, n);
        }
    }

    @Override
    public void nadam(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m,
                      MemorySegment v, long from, long to, float beta1, float oneMinusBeta1, float beta2,
                      float oneMinusBeta2, float gradientStep, float momentumStep, float secondMomentScale,
                      float epsilon, float decayFactor, float clipValue, float factor, float weightDecay,
                      boolean scaled) {
        moments(NADAM, param, update, gradient, m, v, from, to, beta1, oneMinusBeta1, beta2, oneMinusBeta2,
                gradientStep, momentumStep, secondMomentScale, epsilon, decayFactor, clipValue, factor, weightDecay,
                scaled);
    }

    @Override
    public void adabelief(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m,
                          MemorySegment s, long from, long to, float beta1, float oneMinusBeta1, float beta2,
                          float oneMinusBeta2, float stepSize, float epsilonRoot, float secondMomentScale,
                          float epsilon, float clipValue, float factor, float weightDecay, boolean scaled) {
        moments(ADABELIEF, param, update, gradient, m, s, from, to, beta1, oneMinusBeta1, beta2, oneMinusBeta2,
                stepSize, epsilonRoot, secondMomentScale, epsilon, 1f, clipValue, factor, weightDecay, scaled);
    }

    @Override
    public void yogi(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m,
                     MemorySegment v, long from, long to, float beta1, float oneMinusBeta1, float oneMinusBeta2,
                     float stepSize, float secondMomentScale, float epsilon, float clipValue, float factor,
                     float weightDecay, boolean scaled) {
        moments(YOGI, param, update, gradient, m, v, from, to, beta1, oneMinusBeta1, 0f, oneMinusBeta2, stepSize, 0f,
                secondMomentScale, epsilon, 1f, clipValue, factor, weightDecay, scaled);
    }

    /**
     * NAdam, AdaBelief or Yogi ({@code rule}), chunk by chunk, with their scalars in the slots of
     * {@code KernelSet.nadam}: {@code k4} is NAdam's gradient step or the others' step size,
     * {@code k5} NAdam's momentum step or AdaBelief's epsilon root.
     */
    private void moments(int rule, MemorySegment param, MemorySegment update, MemorySegment gradient,
                         MemorySegment m, MemorySegment v, long from, long to, float beta1, float oneMinusBeta1,
                         float beta2, float oneMinusBeta2, float k4, float k5, float secondMomentScale, float epsilon,
                         float decayFactor, float clipValue, float factor, float weightDecay, boolean scaled) {
        ChunkScratch s = scratch.get();
        float[][] a = s.arrays;
        for (long start = from; start < to; start += chunk) {
            int n = length(start, to);
            long at = start * Float.BYTES;
            beginMoments(s, param, gradient, update, m, v, at, n, decayFactor, clipValue, factor, weightDecay, scaled);
            if (rule == NADAM) {
                ArrayOps.nadam(a[PARAM], a[GRADIENT], a[STATE], a[STATE + 1], n, beta1, oneMinusBeta1, beta2,
                        oneMinusBeta2, k4, k5, secondMomentScale, epsilon);
            } else if (rule == ADABELIEF) {
                ArrayOps.adabelief(a[PARAM], a[GRADIENT], a[STATE], a[STATE + 1], n, beta1, oneMinusBeta1, beta2,
                        oneMinusBeta2, k4, k5, secondMomentScale, epsilon);
            } else {
                ArrayOps.yogi(a[PARAM], a[GRADIENT], a[STATE], a[STATE + 1], n, beta1, oneMinusBeta1, oneMinusBeta2,
                        k4, secondMomentScale, epsilon);
            }
            endMoments(s, param, update, m, v, at, n, decayFactor);
        }
    }

    /** The scalar kernel: Adafactor's passes read and write each element once, with nothing to stage in arrays. */
    @Override
    public void accumulateSquares(MemorySegment sums, MemorySegment values, long sumsFrom, long valuesFrom, long count,
                                  float keep, float weight) {
        ScalarKernels.INSTANCE.accumulateSquares(sums, values, sumsFrom, valuesFrom, count, keep, weight);
    }

    /** The scalar kernel, as {@link #accumulateSquares}. */
    @Override
    public void factoredDirection(MemorySegment update, MemorySegment gradient, MemorySegment variance, long from,
                                  long varianceFrom, long count, float rowScale, float floor, float factor,
                                  boolean scaled) {
        ScalarKernels.INSTANCE.factoredDirection(update, gradient, variance, from, varianceFrom, count, rowScale, floor,
                factor, scaled);
    }

    /** AMSGrad after the effective gradient, pass by pass, with {@code vmax = max(vmax, v)} in the denominator. */
    private static void amsgrad(ChunkScratch s, MemorySegment vmax, long at, int n, float beta1, float oneMinusBeta1,
                                float beta2, float oneMinusBeta2, float stepSize, float secondMomentScale,
                                float epsilon, boolean epsilonInside) {
        float[] g = s.arrays[GRADIENT];
        float[] first = s.arrays[STATE];
        float[] second = s.arrays[STATE + 1];
        float[] max = s.arrays[STATE + 2];
        float[] t = s.arrays[TEMP];
        s.load(STATE + 2, vmax, at, n);
        ArrayOps.blend(first, beta1, oneMinusBeta1, g, n);
        ArrayOps.blendSquare(second, beta2, oneMinusBeta2, g, n);
        ArrayOps.runningMax(max, second, n);
        if (epsilonInside) {
            ArrayOps.rootOfScaledSum(t, max, secondMomentScale, epsilon, n);
        } else {
            ArrayOps.scaledRootPlus(t, max, secondMomentScale, epsilon, n);
        }
        ArrayOps.quotient(t, first, t, n);
        ArrayOps.subtractScaled(s.arrays[PARAM], stepSize, t, n);
        s.store(STATE + 2, vmax, at, n);
    }

    @Override
    public void ewma(MemorySegment average, MemorySegment value, long from, long to, float decay,
                     float oneMinusDecay) {
        ChunkScratch s = scratch.get();
        for (long start = from; start < to; start += chunk) {
            int n = length(start, to);
            long at = start * Float.BYTES;
            s.load(PARAM, average, at, n);
            s.load(GRADIENT, value, at, n);
            ArrayOps.blend(s.arrays[PARAM], decay, oneMinusDecay, s.arrays[GRADIENT], n);
            s.store(PARAM, average, at, n);
        }
    }

    @Override
    public long firstNonFinite(MemorySegment values, long from, long to) {
        ChunkScratch s = scratch.get();
        for (long start = from; start < to; start += chunk) {
            int n = length(start, to);
            s.load(GRADIENT, values, start * Float.BYTES, n);
            int i = ArrayOps.firstNonFinite(s.arrays[GRADIENT], n);
            if (i >= 0) {
                return start + i;
            }
        }
        return -1;
    }

    @Override
    public double sumOfSquares(MemorySegment values, long from, long to, double start) {
        ChunkScratch s = scratch.get();
        double sum = start;
        for (long lo = from; lo < to; ) {
            long hi = ReductionOrder.blockEnd(lo, to);
            Arrays.fill(s.partials, 0.0);
            for (long piece = lo; piece < hi; piece += chunk) {
                int n = length(piece, hi);
                s.load(GRADIENT, values, piece * Float.BYTES, n);
                ArrayOps.accumulateSquares(s.partials, (int) (piece % ReductionOrder.PARTIALS), s.arrays[GRADIENT], n);
            }
            sum += ArrayOps.total(s.partials);
            lo = hi;
        }
        return ReductionOrder.canonical(sum);
    }

    @Override
    public float maxAbs(MemorySegment values, long from, long to) {
        ChunkScratch s = scratch.get();
        float max = 0f;
        for (long start = from; start < to; start += chunk) {
            int n = length(start, to);
            s.load(GRADIENT, values, start * Float.BYTES, n);
            max = ArrayOps.maxAbs(max, s.arrays[GRADIENT], n);
        }
        return ReductionOrder.canonical(max);
    }

    /** The rule's own scalar kernel: Gradus cannot stage a user's formula in arrays. */
    @Override
    public void custom(CustomRule rule, CustomStep step, long from, long to) {
        rule.scalarStep(step, from, to);
    }

    /**
     * The scalar kernel: the schedule-free step reads up to five buffers and writes three, which
     * staging in arrays would copy twice for no gain in a start-up kernel.
     */
    @Override
    public void scheduleFree(MemorySegment param, MemorySegment gradient, MemorySegment z, MemorySegment zSource,
                             MemorySegment base, MemorySegment v, long from, long to, float beta2,
                             float oneMinusBeta2, float epsilon, float lerpWeight, float yStep, float zStep,
                             float decay, float clipValue, float factor, boolean scaled) {
        ScalarKernels.INSTANCE.scheduleFree(param, gradient, z, zSource, base, v, from, to, beta2, oneMinusBeta2,
                epsilon, lerpWeight, yStep, zStep, decay, clipValue, factor, scaled);
    }

    /** The scalar kernel: the evaluation view is computed once per evaluation, not per step. */
    @Override
    public void lerp(MemorySegment out, MemorySegment start, MemorySegment end, MemorySegment base, long from,
                     long to, float k) {
        ScalarKernels.INSTANCE.lerp(out, start, end, base, from, to, k);
    }
}
