package dev.gradus.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The scalar kernels: the specification every vector kernel must match bit for bit, the fallback
 * when the Vector API is unavailable, and the tail loop of the vector kernels.
 *
 * <p>Operation order is part of the contract: every {@code +}, {@code -}, {@code *}, {@code /}
 * and {@code sqrt} is a separately rounded float operation in the order written here, and the
 * vector kernels perform the same operations in the same order. No fused multiply-add is used on
 * either side (see docs/decisions/0003-operation-order-and-no-fma.md). A square root is taken in
 * double and narrowed, which is the correctly rounded float square root (double carries more
 * than 2 * 24 + 2 bits), the value the vector lanes compute.
 */
public final class ScalarKernels implements KernelSet {

    /** The single instance. */
    public static final ScalarKernels INSTANCE = new ScalarKernels();

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private ScalarKernels() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    /** The effective gradient: sign flip for maximize, then coupled weight decay. */
    static float effectiveGradient(float g, float w, float weightDecay, boolean maximize) {
        float signed = maximize ? -g : g;
        return weightDecay != 0f ? signed + weightDecay * w : signed;
    }

    private static float sqrt(float x) {
        return (float) Math.sqrt(x);
    }

    /** {@code sqrt(q + epsilon)} or {@code sqrt(q) + epsilon}. */
    private static float denominator(float q, float epsilon, boolean epsilonInside) {
        return epsilonInside ? sqrt(q + epsilon) : sqrt(q) + epsilon;
    }

    /**
     * The last operation of every rule, {@code w - step}: written into {@code param} in place, or
     * the update {@code step} into {@code update}.
     */
    private static void finish(MemorySegment param, MemorySegment update, long at, float w, float step) {
        if (update == null) {
            param.set(FLOAT, at, w - step);
        } else {
            update.set(FLOAT, at, step);
        }
    }

    /**
     * The last operation of Adam with decoupled decay, whose {@code result} is not {@code w - step}:
     * {@code result} in place, or the update {@code w - result}.
     */
    private static void finishDecayed(MemorySegment param, MemorySegment update, long at, float w, float result) {
        if (update == null) {
            param.set(FLOAT, at, result);
        } else {
            update.set(FLOAT, at, w - result);
        }
    }

    @Override
    public void sgd(MemorySegment param, MemorySegment update, MemorySegment gradient, long from, long to,
                    float learningRate, float weightDecay, boolean maximize) {
        for (long i = from; i < to; i++) {
            long at = i * Float.BYTES;
            float w = param.get(FLOAT, at);
            float g = effectiveGradient(gradient.get(FLOAT, at), w, weightDecay, maximize);
            finish(param, update, at, w, learningRate * g);
        }
    }

    @Override
    public void momentum(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment velocity,
                         long from, long to,
                         float momentum, float gradientScale, float stepSize, boolean nesterov,
                         float weightDecay, boolean maximize) {
        for (long i = from; i < to; i++) {
            long at = i * Float.BYTES;
            float w = param.get(FLOAT, at);
            float g = effectiveGradient(gradient.get(FLOAT, at), w, weightDecay, maximize);
            float v = momentum * velocity.get(FLOAT, at) + gradientScale * g;
            velocity.set(FLOAT, at, v);
            finish(param, update, at, w, stepSize * (nesterov ? g + momentum * v : v));
        }
    }

    @Override
    public void adagrad(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment accumulator,
                        long from, long to,
                        float learningRate, float epsilon, boolean epsilonInside, float weightDecay,
                        boolean maximize) {
        for (long i = from; i < to; i++) {
            long at = i * Float.BYTES;
            float w = param.get(FLOAT, at);
            float g = effectiveGradient(gradient.get(FLOAT, at), w, weightDecay, maximize);
            float r = accumulator.get(FLOAT, at) + g * g;
            accumulator.set(FLOAT, at, r);
            finish(param, update, at, w, learningRate * (g / denominator(r, epsilon, epsilonInside)));
        }
    }

    @Override
    public void rmsProp(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment squareAverage,
                        MemorySegment gradientAverage, MemorySegment momentumBuffer, long from, long to,
                        float decay, float oneMinusDecay, float learningRate, float epsilon, boolean epsilonInside,
                        boolean centered, boolean withMomentum, float momentum, float weightDecay,
                        boolean maximize) {
        for (long i = from; i < to; i++) {
            long at = i * Float.BYTES;
            float w = param.get(FLOAT, at);
            float g = effectiveGradient(gradient.get(FLOAT, at), w, weightDecay, maximize);
            float s = decay * squareAverage.get(FLOAT, at) + oneMinusDecay * (g * g);
            squareAverage.set(FLOAT, at, s);
            float q = s;
            if (centered) {
                float mean = decay * gradientAverage.get(FLOAT, at) + oneMinusDecay * g;
                gradientAverage.set(FLOAT, at, mean);
                // Rounding can push s - mean^2 below zero, where its square root would be NaN.
                q = Math.max(s - mean * mean, 0f);
            }
            float scaled = g / denominator(q, epsilon, epsilonInside);
            if (withMomentum) {
                float buffered = momentum * momentumBuffer.get(FLOAT, at) + scaled;
                momentumBuffer.set(FLOAT, at, buffered);
                scaled = buffered;
            }
            finish(param, update, at, w, learningRate * scaled);
        }
    }

    @Override
    public void adam(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m,
                     MemorySegment v, MemorySegment vmax,
                     long from, long to,
                     float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
                     float stepSize, float secondMomentScale, float epsilon, boolean epsilonInside, boolean amsgrad,
                     float decayFactor, float weightDecay, boolean maximize) {
        for (long i = from; i < to; i++) {
            long at = i * Float.BYTES;
            float w = param.get(FLOAT, at);
            float g = effectiveGradient(gradient.get(FLOAT, at), w, weightDecay, maximize);
            float base = decayFactor != 1f ? w * decayFactor : w;
            float m1 = beta1 * m.get(FLOAT, at) + oneMinusBeta1 * g;
            float v1 = beta2 * v.get(FLOAT, at) + oneMinusBeta2 * (g * g);
            m.set(FLOAT, at, m1);
            v.set(FLOAT, at, v1);
            float q = v1;
            if (amsgrad) {
                q = Math.max(vmax.get(FLOAT, at), v1);
                vmax.set(FLOAT, at, q);
            }
            float denominator = epsilonInside
                    ? sqrt(q * secondMomentScale + epsilon)
                    : sqrt(q) * secondMomentScale + epsilon;
            float step = stepSize * (m1 / denominator);
            if (decayFactor == 1f) {
                finish(param, update, at, w, step);
            } else {
                finishDecayed(param, update, at, w, base - step);
            }
        }
    }

    @Override
    public void ewma(MemorySegment average, MemorySegment value, long from, long to, float decay,
                     float oneMinusDecay) {
        for (long i = from; i < to; i++) {
            long at = i * Float.BYTES;
            average.set(FLOAT, at, decay * average.get(FLOAT, at) + oneMinusDecay * value.get(FLOAT, at));
        }
    }

    @Override
    public long firstNonFinite(MemorySegment values, long from, long to) {
        for (long i = from; i < to; i++) {
            if (!Float.isFinite(values.get(FLOAT, i * Float.BYTES))) {
                return i;
            }
        }
        return -1;
    }
}
