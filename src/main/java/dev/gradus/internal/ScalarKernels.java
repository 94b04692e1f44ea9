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
 * either side (see docs/decisions/0003-no-fma.md).
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

    @Override
    public void sgd(MemorySegment param, MemorySegment gradient, long from, long to,
                    float learningRate, float weightDecay, boolean maximize) {
        for (long i = from; i < to; i++) {
            long at = i * Float.BYTES;
            float w = param.get(FLOAT, at);
            float g = effectiveGradient(gradient.get(FLOAT, at), w, weightDecay, maximize);
            param.set(FLOAT, at, w - learningRate * g);
        }
    }

    @Override
    public void adam(MemorySegment param, MemorySegment gradient, MemorySegment m, MemorySegment v,
                     long from, long to,
                     float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
                     float stepSize, float inverseSqrtCorrection2, float epsilon,
                     float weightDecay, boolean maximize) {
        for (long i = from; i < to; i++) {
            long at = i * Float.BYTES;
            float w = param.get(FLOAT, at);
            float g = effectiveGradient(gradient.get(FLOAT, at), w, weightDecay, maximize);
            float m1 = beta1 * m.get(FLOAT, at) + oneMinusBeta1 * g;
            float v1 = beta2 * v.get(FLOAT, at) + oneMinusBeta2 * (g * g);
            // sqrt in double then narrowed is the correctly rounded float sqrt (double carries more
            // than 2 * 24 + 2 bits), which is what the vector lanes compute.
            float denominator = (float) Math.sqrt(v1) * inverseSqrtCorrection2 + epsilon;
            m.set(FLOAT, at, m1);
            v.set(FLOAT, at, v1);
            param.set(FLOAT, at, w - stepSize * (m1 / denominator));
        }
    }
}
