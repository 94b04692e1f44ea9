package dev.gradus.internal;

import static dev.gradus.internal.ChunkScratch.GRADIENT;
import static dev.gradus.internal.ChunkScratch.PARAM;
import static dev.gradus.internal.ChunkScratch.STATE;
import static dev.gradus.internal.ChunkScratch.TEMP;

import java.lang.foreign.MemorySegment;

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

    /** {@code g = maximize ? -g : g}, then {@code g = g + weightDecay * w} if the decay is not 0. */
    private static void effectiveGradient(float[] g, float[] w, int n, float weightDecay, boolean maximize) {
        if (maximize) {
            ArrayOps.negate(g, n);
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

    @Override
    public void sgd(MemorySegment param, MemorySegment gradient, long from, long to,
                    float learningRate, float weightDecay, boolean maximize) {
        ChunkScratch s = scratch.get();
        float[] w = s.arrays[PARAM];
        float[] g = s.arrays[GRADIENT];
        for (long start = from; start < to; start += chunk) {
            int n = length(start, to);
            long at = start * Float.BYTES;
            s.load(PARAM, param, at, n);
            s.load(GRADIENT, gradient, at, n);
            effectiveGradient(g, w, n, weightDecay, maximize);
            ArrayOps.subtractScaled(w, learningRate, g, n);
            s.store(PARAM, param, at, n);
        }
    }

    @Override
    public void momentum(MemorySegment param, MemorySegment gradient, MemorySegment velocity, long from, long to,
                         float momentum, float gradientScale, float stepSize, boolean nesterov,
                         float weightDecay, boolean maximize) {
        ChunkScratch s = scratch.get();
        float[] w = s.arrays[PARAM];
        float[] g = s.arrays[GRADIENT];
        float[] v = s.arrays[STATE];
        float[] update = nesterov ? s.arrays[TEMP] : v;
        for (long start = from; start < to; start += chunk) {
            int n = length(start, to);
            long at = start * Float.BYTES;
            s.load(PARAM, param, at, n);
            s.load(GRADIENT, gradient, at, n);
            s.load(STATE, velocity, at, n);
            effectiveGradient(g, w, n, weightDecay, maximize);
            ArrayOps.blend(v, momentum, gradientScale, g, n);
            if (nesterov) {
                ArrayOps.sumScaled(update, g, momentum, v, n);
            }
            ArrayOps.subtractScaled(w, stepSize, update, n);
            s.store(STATE, velocity, at, n);
            s.store(PARAM, param, at, n);
        }
    }

    @Override
    public void adagrad(MemorySegment param, MemorySegment gradient, MemorySegment accumulator, long from, long to,
                        float learningRate, float epsilon, boolean epsilonInside, float weightDecay,
                        boolean maximize) {
        ChunkScratch s = scratch.get();
        float[] w = s.arrays[PARAM];
        float[] g = s.arrays[GRADIENT];
        float[] r = s.arrays[STATE];
        float[] t = s.arrays[TEMP];
        for (long start = from; start < to; start += chunk) {
            int n = length(start, to);
            long at = start * Float.BYTES;
            s.load(PARAM, param, at, n);
            s.load(GRADIENT, gradient, at, n);
            s.load(STATE, accumulator, at, n);
            effectiveGradient(g, w, n, weightDecay, maximize);
            ArrayOps.accumulateSquare(r, g, n);
            denominator(t, r, n, epsilon, epsilonInside);
            ArrayOps.quotient(t, g, t, n);
            ArrayOps.subtractScaled(w, learningRate, t, n);
            s.store(STATE, accumulator, at, n);
            s.store(PARAM, param, at, n);
        }
    }

    @Override
    public void rmsProp(MemorySegment param, MemorySegment gradient, MemorySegment squareAverage,
                        MemorySegment gradientAverage, MemorySegment momentumBuffer, long from, long to,
                        float decay, float oneMinusDecay, float learningRate, float epsilon, boolean epsilonInside,
                        boolean centered, boolean withMomentum, float momentum, float weightDecay,
                        boolean maximize) {
        ChunkScratch s = scratch.get();
        float[] w = s.arrays[PARAM];
        float[] g = s.arrays[GRADIENT];
        float[] square = s.arrays[STATE];
        float[] mean = s.arrays[STATE + 1];
        float[] buffer = s.arrays[STATE + 2];
        float[] t = s.arrays[TEMP];
        for (long start = from; start < to; start += chunk) {
            int n = length(start, to);
            long at = start * Float.BYTES;
            s.load(PARAM, param, at, n);
            s.load(GRADIENT, gradient, at, n);
            s.load(STATE, squareAverage, at, n);
            effectiveGradient(g, w, n, weightDecay, maximize);
            if (!centered && !withMomentum) {
                if (epsilonInside) {
                    ArrayOps.rmsPropEpsilonInside(w, g, square, n, decay, oneMinusDecay, learningRate, epsilon);
                } else {
                    ArrayOps.rmsProp(w, g, square, n, decay, oneMinusDecay, learningRate, epsilon);
                }
                s.store(STATE, squareAverage, at, n);
                s.store(PARAM, param, at, n);
                continue;
            }
            ArrayOps.blendSquare(square, decay, oneMinusDecay, g, n);
            float[] q = square;
            if (centered) {
                s.load(STATE + 1, gradientAverage, at, n);
                ArrayOps.blend(mean, decay, oneMinusDecay, g, n);
                ArrayOps.centeredSecondMoment(t, square, mean, n);
                q = t;
                s.store(STATE + 1, gradientAverage, at, n);
            }
            denominator(t, q, n, epsilon, epsilonInside);
            ArrayOps.quotient(t, g, t, n);
            float[] scaled = t;
            if (withMomentum) {
                s.load(STATE + 2, momentumBuffer, at, n);
                ArrayOps.sumScaled(buffer, t, momentum, buffer, n);
                scaled = buffer;
                s.store(STATE + 2, momentumBuffer, at, n);
            }
            ArrayOps.subtractScaled(w, learningRate, scaled, n);
            s.store(STATE, squareAverage, at, n);
            s.store(PARAM, param, at, n);
        }
    }

    @Override
    public void adam(MemorySegment param, MemorySegment gradient, MemorySegment m, MemorySegment v, MemorySegment vmax,
                     long from, long to,
                     float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
                     float stepSize, float secondMomentScale, float epsilon, boolean epsilonInside, boolean amsgrad,
                     float decayFactor, float weightDecay, boolean maximize) {
        ChunkScratch s = scratch.get();
        float[] w = s.arrays[PARAM];
        float[] g = s.arrays[GRADIENT];
        float[] first = s.arrays[STATE];
        float[] second = s.arrays[STATE + 1];
        float[] u = s.arrays[STATE + 2];
        for (long start = from; start < to; start += chunk) {
            int n = length(start, to);
            long at = start * Float.BYTES;
            s.load(PARAM, param, at, n);
            s.load(GRADIENT, gradient, at, n);
            s.load(STATE, m, at, n);
            s.load(STATE + 1, v, at, n);
            effectiveGradient(g, w, n, weightDecay, maximize);
            if (decayFactor != 1f) {
                ArrayOps.scale(w, decayFactor, n);
            }
            if (amsgrad) {
                s.load(STATE + 2, vmax, at, n);
                if (epsilonInside) {
                    ArrayOps.amsgradEpsilonInside(w, g, first, second, u, n, beta1, oneMinusBeta1, beta2,
                            oneMinusBeta2, stepSize, secondMomentScale, epsilon);
                } else {
                    ArrayOps.amsgrad(w, g, first, second, u, n, beta1, oneMinusBeta1, beta2, oneMinusBeta2, stepSize,
                            secondMomentScale, epsilon);
                }
                s.store(STATE + 2, vmax, at, n);
            } else if (epsilonInside) {
                ArrayOps.adamEpsilonInside(w, g, first, second, n, beta1, oneMinusBeta1, beta2, oneMinusBeta2,
                        stepSize, secondMomentScale, epsilon);
            } else {
                ArrayOps.adam(w, g, first, second, n, beta1, oneMinusBeta1, beta2, oneMinusBeta2, stepSize,
                        secondMomentScale, epsilon);
            }
            s.store(STATE, m, at, n);
            s.store(STATE + 1, v, at, n);
            s.store(PARAM, param, at, n);
        }
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
}
