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
 *
 * <h2>In place, or the update emitted</h2>
 * Every rule ends with {@code w = b - s}: {@code b} is the parameter {@code w}, or
 * {@code w * decayFactor} for Adam's decoupled decay, and {@code s} is the rule's step. With
 * {@code update == null} a kernel writes {@code b - s} into {@code param}. Otherwise it leaves
 * {@code param} as it is, updates the state as before, and writes into {@code update} the
 * update {@code u = s}, or {@code u = w - (b - s)} where {@code b} is not {@code w}. Applying
 * it as {@code w - u} in float arithmetic gives the in-place result bit for bit: always where
 * {@code u = s}, and where {@code u = w - (b - s)} whenever {@code b - s} lies within
 * {@code [w/2, 2w]}, where the subtraction {@code w - (b - s)} is exact (Sterbenz's lemma).
 * {@code update} may be the gradient itself, since each element's gradient is read before its
 * update is written, but no other buffer of the call.
 */
public interface KernelSet {

    /** A short name of this implementation: {@code "scalar"} or {@code "vector-<bits>"}. */
    String name();

    /**
     * Gradient descent on {@code [from, to)}: {@code g = maximize ? -g : g}; if
     * {@code weightDecay != 0}, {@code g = g + weightDecay * w}; {@code w = w - learningRate * g}.
     *
     * @param param    modified, or read only if {@code update} is given
     * @param update   null to step in place, else receives the update
     * @param gradient not modified, unless it is {@code update}
     */
    void sgd(MemorySegment param, MemorySegment update, MemorySegment gradient, long from, long to,
             float learningRate, float weightDecay, boolean maximize);

    /**
     * Momentum on {@code [from, to)}, with the effective gradient {@code g} formed as in
     * {@link #sgd}:
     * <pre>
     *   v = momentum * v + gradientScale * g
     *   w = w - stepSize * (nesterov ? g + momentum * v : v)
     * </pre>
     *
     * @param param    modified, or read only if {@code update} is given
     * @param update   null to step in place, else receives the update
     * @param gradient not modified, unless it is {@code update}
     * @param velocity modified
     */
    void momentum(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment velocity,
                  long from, long to,
                  float momentum, float gradientScale, float stepSize, boolean nesterov,
                  float weightDecay, boolean maximize);

    /**
     * AdaGrad on {@code [from, to)}, with the effective gradient {@code g} formed as in {@link #sgd}:
     * <pre>
     *   r = r + g * g
     *   w = w - learningRate * (g / (epsilonInside ? sqrt(r + epsilon) : sqrt(r) + epsilon))
     * </pre>
     *
     * @param param       modified, or read only if {@code update} is given
     * @param update      null to step in place, else receives the update
     * @param gradient    not modified, unless it is {@code update}
     * @param accumulator modified
     */
    void adagrad(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment accumulator,
                 long from, long to,
                 float learningRate, float epsilon, boolean epsilonInside, float weightDecay, boolean maximize);

    /**
     * RMSProp on {@code [from, to)}, with the effective gradient {@code g} formed as in {@link #sgd}:
     * <pre>
     *   s = decay * s + oneMinusDecay * (g * g)
     *   q = max(s - mbar * mbar, 0)  after  mbar = decay * mbar + oneMinusDecay * g   if centered, else s
     *   d = epsilonInside ? sqrt(q + epsilon) : sqrt(q) + epsilon
     *   buf = momentum * buf + g / d;  w = w - learningRate * buf            if withMomentum
     *   w = w - learningRate * (g / d)                                       otherwise
     * </pre>
     *
     * @param param           modified, or read only if {@code update} is given
     * @param update          null to step in place, else receives the update
     * @param gradient        not modified, unless it is {@code update}
     * @param squareAverage   modified
     * @param gradientAverage modified if centered, else not accessed (may be null)
     * @param momentumBuffer  modified if withMomentum, else not accessed (may be null)
     */
    void rmsProp(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment squareAverage,
                 MemorySegment gradientAverage, MemorySegment momentumBuffer, long from, long to,
                 float decay, float oneMinusDecay, float learningRate, float epsilon, boolean epsilonInside,
                 boolean centered, boolean withMomentum, float momentum, float weightDecay, boolean maximize);

    /**
     * Adam on {@code [from, to)}, with the effective gradient {@code g} formed as in
     * {@link #sgd}:
     * <pre>
     *   w = w * decayFactor                                    if decayFactor != 1 (decoupled decay)
     *   m = beta1 * m + oneMinusBeta1 * g
     *   v = beta2 * v + oneMinusBeta2 * (g * g)
     *   q = amsgrad ? (vmax = max(vmax, v)) : v
     *   d = epsilonInside ? sqrt(q * secondMomentScale + epsilon) : sqrt(q) * secondMomentScale + epsilon
     *   w = w - stepSize * (m / d)
     * </pre>
     *
     * @param param    modified, or read only if {@code update} is given
     * @param update   null to step in place, else receives the update
     * @param gradient not modified, unless it is {@code update}
     * @param m        first moment, modified
     * @param v        second moment, modified
     * @param vmax     running maximum of v, modified if amsgrad, else not accessed (may be null)
     */
    void adam(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m, MemorySegment v,
              MemorySegment vmax,
              long from, long to,
              float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
              float stepSize, float secondMomentScale, float epsilon, boolean epsilonInside, boolean amsgrad,
              float decayFactor, float weightDecay, boolean maximize);

    /**
     * Exponentially weighted average on {@code [from, to)}:
     * {@code average = decay * average + oneMinusDecay * value}.
     *
     * @param average modified
     * @param value   not modified
     */
    void ewma(MemorySegment average, MemorySegment value, long from, long to, float decay, float oneMinusDecay);

    /**
     * The index of the first element of {@code [from, to)} that is NaN or infinite, or {@code -1}
     * if every element there is finite. Finite means {@link Float#isFinite}: zeros, subnormals and
     * {@code +-Float.MAX_VALUE} are finite; every NaN payload and both infinities are not.
     *
     * @param values not modified
     */
    long firstNonFinite(MemorySegment values, long from, long to);
}
