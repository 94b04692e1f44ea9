package dev.gradus.internal;

import java.lang.foreign.MemorySegment;

/**
 * One implementation of every update rule over {@code [from, to)} element ranges of float
 * buffers. {@link ScalarKernels} is the specification; the vector implementation must produce
 * the same bits for every input. Callers have validated every argument: implementations neither
 * check nor allocate.
 *
 * <p>Per-step scalars arrive already computed and narrowed to {@code float}; the kernels never see
 * a schedule or a step counter. Element {@code i} of a buffer is the float at byte offset
 * {@code 4 * i}, in native byte order, with no alignment required.
 */
public interface KernelSet {

    /** A short name of this implementation: {@code "scalar"} or {@code "vector-<bits>"}. */
    String name();

    /**
     * Gradient descent on {@code [from, to)}: {@code g = maximize ? -g : g}; if
     * {@code weightDecay != 0}, {@code g = g + weightDecay * w}; {@code w = w - learningRate * g}.
     *
     * @param param    modified
     * @param gradient not modified
     */
    void sgd(MemorySegment param, MemorySegment gradient, long from, long to,
             float learningRate, float weightDecay, boolean maximize);

    /**
     * Adam on {@code [from, to)}, with the effective gradient {@code g} formed as in
     * {@link #sgd}:
     * <pre>
     *   m = beta1 * m + oneMinusBeta1 * g
     *   v = beta2 * v + oneMinusBeta2 * (g * g)
     *   w = w - stepSize * (m / (sqrt(v) * inverseSqrtCorrection2 + epsilon))
     * </pre>
     *
     * @param param    modified
     * @param gradient not modified
     * @param m        first moment, modified
     * @param v        second moment, modified
     */
    void adam(MemorySegment param, MemorySegment gradient, MemorySegment m, MemorySegment v,
              long from, long to,
              float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
              float stepSize, float inverseSqrtCorrection2, float epsilon,
              float weightDecay, boolean maximize);
}
