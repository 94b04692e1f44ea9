package dev.gradus.internal;

import dev.gradus.CustomRule;
import dev.gradus.CustomStep;
import dev.gradus.internal.precision.Conversions;
import dev.gradus.internal.precision.ScalarConversions;
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
 * {@code w * decayFactor} for Adam's and NAdam's decoupled decay, and {@code s} is the rule's step. With
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
     * The conversions between float and 16-bit buffers that go with these kernels: the scalar
     * ones, unless the vector kernels serve.
     */
    default Conversions conversions() {
        return ScalarConversions.INSTANCE;
    }

    /**
     * Gradient descent on {@code [from, to)}: {@code g = min(max(g, -clipValue), clipValue) * factor}
     * if {@code scaled}; if {@code weightDecay != 0}, {@code g = g + weightDecay * w};
     * {@code w = w - learningRate * g}. Every rule forms its effective gradient so. The clamp is
     * value clipping ({@code clipValue = +inf} leaves every value, NaN included, as it is); the
     * factor carries the rule's maximize (its sign flipped) and a norm clipping's scale.
     * {@code scaled} is off when none applies, so that the plain step neither clamps nor
     * multiplies, and on for every step of a clipped optimizer, whatever its factor, so that one
     * compiled loop serves them all (decision 0016).
     *
     * @param param    modified, or read only if {@code update} is given
     * @param update   null to step in place, else receives the update
     * @param gradient not modified, unless it is {@code update}
     */
    void sgd(MemorySegment param, MemorySegment update, MemorySegment gradient, long from, long to,
             float learningRate, float clipValue, float factor, float weightDecay, boolean scaled);

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
                  float clipValue, float factor, float weightDecay, boolean scaled);

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
                 float learningRate, float epsilon, boolean epsilonInside, float clipValue, float factor, float weightDecay, boolean scaled);

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
                 boolean centered, boolean withMomentum, float momentum, float clipValue, float factor, float weightDecay, boolean scaled);

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
              float decayFactor, float clipValue, float factor, float weightDecay, boolean scaled);

    /**
     * {@link #adam} in place without AMSGrad with {@code m} and {@code v} stored as bfloat16, on
     * float32 weights {@code param} or, given a {@code compensation}, on bfloat16
     * Kahan-compensated weights, with a float32 or bfloat16 gradient: each element's buffers are
     * widened, the moments stepped in float32 as {@link #adam} steps them (the weights from the
     * moments before narrowing), and every 16-bit buffer narrowed to nearest even, in one pass over
     * the whole vectors of {@code [from, to)}. Kahan weights are stepped from {@code w = p + c} and
     * stored as {@code p' = bf16(w')}, {@code c' = bf16(w' - p')}. The bits are those of the tiled
     * step on the same plan ({@code TiledStep}). Kernels without such a loop step nothing.
     *
     * @param compensation the bfloat16 Kahan compensation, modified; null for float32 weights
     * @param bf16Gradient whether the gradient is bfloat16, else float32
     * @param m the first moment, bfloat16 element {@code i} at byte {@code 2 i}, modified
     * @param v the second moment, the same
     * @return the end of the elements stepped, from {@code from}: the caller steps the rest; these
     *         kernels return {@code from}
     */
    default long adamBf16State(MemorySegment param, MemorySegment compensation, MemorySegment gradient,
                              boolean bf16Gradient, MemorySegment m, MemorySegment v,
                               long from, long to, float beta1, float oneMinusBeta1, float beta2,
                               float oneMinusBeta2, float stepSize, float secondMomentScale, float epsilon,
                               boolean epsilonInside, float decayFactor, float clipValue, float factor,
                               float weightDecay, boolean scaled) {
        return from;
    }

    /**
     * Lion on {@code [from, to)}, with the effective gradient {@code g} formed as in {@link #sgd}:
     * <pre>
     *   c = beta1 * m + oneMinusBeta1 * g
     *   m = beta2 * m + oneMinusBeta2 * g
     *   u = signum(c) + decoupledDecay * w        (signum(c) alone if decoupledDecay == 0)
     *   w = w - learningRate * u
     * </pre>
     * {@code signum} is {@link ScalarKernels#signum(float)}: {@link Math#signum(float)} by
     * arithmetic alone ({@code +-1}, {@code +-0} kept, NaN stays NaN).
     *
     * @param param    modified, or read only if {@code update} is given
     * @param update   null to step in place, else receives the update
     * @param gradient not modified, unless it is {@code update}
     * @param momentum {@code m}, modified
     */
    void lion(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment momentum,
              long from, long to, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
              float learningRate, float decoupledDecay, float clipValue, float factor, float weightDecay,
              boolean scaled);

    /**
     * Adamax on {@code [from, to)}, with the effective gradient {@code g} formed as in {@link #sgd}:
     * <pre>
     *   m = beta1 * m + oneMinusBeta1 * g
     *   u = max(beta2 * u, |g| + epsilon)
     *   w = w - stepSize * (m / u)
     * </pre>
     *
     * @param param    modified, or read only if {@code update} is given
     * @param update   null to step in place, else receives the update
     * @param gradient not modified, unless it is {@code update}
     * @param m        first moment, modified
     * @param u        infinity norm, modified
     */
    void adamax(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m, MemorySegment u,
                long from, long to, float beta1, float oneMinusBeta1, float beta2, float epsilon, float stepSize,
                float clipValue, float factor, float weightDecay, boolean scaled);

    /**
     * Adadelta on {@code [from, to)}, with the effective gradient {@code g} formed as in {@link #sgd}:
     * <pre>
     *   s = rho * s + oneMinusRho * (g * g)
     *   d = (sqrt(x + epsilon) / sqrt(s + epsilon)) * g
     *   x = rho * x + oneMinusRho * (d * d)
     *   w = w - learningRate * d
     * </pre>
     *
     * @param param         modified, or read only if {@code update} is given
     * @param update        null to step in place, else receives the update
     * @param gradient      not modified, unless it is {@code update}
     * @param squareAverage {@code s}, modified
     * @param updateAverage {@code x}, modified
     */
    void adadelta(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment squareAverage,
                  MemorySegment updateAverage, long from, long to, float rho, float oneMinusRho, float epsilon,
                  float learningRate, float clipValue, float factor, float weightDecay, boolean scaled);

    /**
     * Rprop on {@code [from, to)}, with the effective gradient {@code g} formed as in {@link #sgd}:
     * <pre>
     *   d      = signum(g * previous);   grow = max(d, 0);   shrink = max(-d, 0)
     *   eta    = grow * etaPlus + shrink * etaMinus + (1 - (grow + shrink))
     *   s      = min(max(s * eta, stepSizeMin), stepSizeMax)
     *   g      = g * (1 - shrink)
     *   w      = w - signum(g) * s * rate;   previous = g
     * </pre>
     * with {@link ScalarKernels#signum(float)}: {@code eta} is {@code etaPlus} where the sign held,
     * {@code etaMinus} where it flipped (and the gradient is then dropped), else 1, by arithmetic
     * alone so that every width computes it without masks.
     *
     * @param param    modified, or read only if {@code update} is given
     * @param update   null to step in place, else receives the update
     * @param gradient not modified, unless it is {@code update}
     * @param previous the previous step's kept gradient, modified
     * @param stepSize the step sizes {@code s}, modified
     */
    void rprop(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment previous,
               MemorySegment stepSize, long from, long to, float etaMinus, float etaPlus, float stepSizeMin,
               float stepSizeMax, float rate, float clipValue, float factor, float weightDecay, boolean scaled);

    /**
     * NAdam on {@code [from, to)}, with the effective gradient {@code g} formed as in {@link #sgd}:
     * <pre>
     *   w = w * decayFactor                                    if decayFactor != 1 (decoupled decay)
     *   m = beta1 * m + oneMinusBeta1 * g
     *   v = beta2 * v + oneMinusBeta2 * (g * g)
     *   d = sqrt(v) * secondMomentScale + epsilon
     *   w = w - (gradientStep * g + momentumStep * m) / d
     * </pre>
     *
     * @param param    modified, or read only if {@code update} is given
     * @param update   null to step in place, else receives the update
     * @param gradient not modified, unless it is {@code update}
     * @param m        first moment, modified
     * @param v        second moment, modified
     */
    void nadam(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m, MemorySegment v,
               long from, long to, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
               float gradientStep, float momentumStep, float secondMomentScale, float epsilon, float decayFactor,
               float clipValue, float factor, float weightDecay, boolean scaled);

    /**
     * AdaBelief on {@code [from, to)}, with the effective gradient {@code g} formed as in {@link #sgd}:
     * <pre>
     *   m = beta1 * m + oneMinusBeta1 * g
     *   e = g - m
     *   s = beta2 * s + oneMinusBeta2 * (e * e) + epsilonRoot
     *   w = w - stepSize * (m / (sqrt(s) * secondMomentScale + epsilon))
     * </pre>
     *
     * @param param    modified, or read only if {@code update} is given
     * @param update   null to step in place, else receives the update
     * @param gradient not modified, unless it is {@code update}
     * @param m        first moment, modified
     * @param s        second central moment, modified
     */
    void adabelief(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m,
                   MemorySegment s, long from, long to, float beta1, float oneMinusBeta1, float beta2,
                   float oneMinusBeta2, float stepSize, float epsilonRoot, float secondMomentScale, float epsilon,
                   float clipValue, float factor, float weightDecay, boolean scaled);

    /**
     * Yogi on {@code [from, to)}, with the effective gradient {@code g} formed as in {@link #sgd}:
     * <pre>
     *   m = beta1 * m + oneMinusBeta1 * g
     *   q = g * g
     *   v = v - oneMinusBeta2 * signum(v - q) * q
     *   w = w - stepSize * (m / (sqrt(v) * secondMomentScale + epsilon))
     * </pre>
     * with {@link ScalarKernels#signum(float)}, arithmetic alone, so that every width computes it
     * without masks.
     *
     * @param param    modified, or read only if {@code update} is given
     * @param update   null to step in place, else receives the update
     * @param gradient not modified, unless it is {@code update}
     * @param m        first moment, modified
     * @param v        second moment, modified
     */
    void yogi(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m, MemorySegment v,
              long from, long to, float beta1, float oneMinusBeta1, float oneMinusBeta2, float stepSize,
              float secondMomentScale, float epsilon, float clipValue, float factor, float weightDecay,
              boolean scaled);

    /**
     * Adafactor's second-moment accumulation, on {@code count} elements:
     * {@code sums[sumsFrom + j] = keep * sums[sumsFrom + j] + weight * (v * v)} with
     * {@code v = values[valuesFrom + j]}. The buffers are indexed from different elements: a
     * matrix's row of gradients adds into its column sums.
     *
     * @param sums   modified
     * @param values not modified
     */
    void accumulateSquares(MemorySegment sums, MemorySegment values, long sumsFrom, long valuesFrom, long count,
                           float keep, float weight);

    /**
     * Adafactor's direction, on {@code count} elements:
     * {@code update[from + j] = g / sqrt(max(rowScale * variance[varianceFrom + j], floor))} with
     * {@code g = gradient[from + j]}, times {@code factor} first if {@code scaled}.
     *
     * @param update   receives the direction; may be the gradient itself, but no other buffer of the call
     * @param gradient not modified, unless it is {@code update}
     * @param variance not modified
     */
    void factoredDirection(MemorySegment update, MemorySegment gradient, MemorySegment variance, long from,
                           long varianceFrom, long count, float rowScale, float floor, float factor, boolean scaled);

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

    /**
     * {@code start} plus the sum of the squares of the elements of {@code [from, to)}, in double,
     * in the order {@link ReductionOrder} fixes by element positions: every implementation, vector
     * width and split at block boundaries gives the same bits. NaN (canonical) if an element is NaN,
     * else {@code +Infinity} if one is infinite.
     *
     * @param values not modified
     * @param start  the sum so far, to continue (for example over the blocks of other buffers)
     */
    double sumOfSquares(MemorySegment values, long from, long to, double start);

    /**
     * The largest absolute value of the elements of {@code [from, to)}, {@code 0} for an empty
     * range, or {@link Float#NaN} (canonical) if an element is NaN.
     *
     * @param values not modified
     */
    float maxAbs(MemorySegment values, long from, long to);

    /**
     * A step of a rule defined outside Gradus on {@code [from, to)}: its {@link CustomRule#scalarStep}
     * in the scalar and chunked kernels, its {@link CustomRule#vectorStep} in the vector kernels.
     *
     * @param rule the rule
     * @param step its buffers and scalars
     */
    void custom(CustomRule rule, CustomStep step, long from, long to);

    /**
     * A schedule-free step ({@code ScheduleFreeAdamW}, {@code ScheduleFreeSgd}) on
     * {@code [from, to)}, with {@code g} clamped and multiplied as in {@link #sgd} if {@code scaled}:
     * <pre>
     *   d = g                                                          if v == null (SGD)
     *   s = beta2 * v + oneMinusBeta2 * (g * g);  v = s;  d = g / (sqrt(s) + epsilon)   otherwise
     *   d = d + decay * y                                              if decay != 0
     *   y = (base + lerpWeight * (zr - y)) + yStep * d
     *   z = zr - zStep * d
     * </pre>
     * with {@code y} the parameter, {@code zr} read from {@code zSource} (the parameter on step 1,
     * where {@code z} starts as a copy of it, else {@code z}) and {@code base} read from
     * {@code base}: the parameter, or {@code zSource}, as the caller chose for {@code torch.lerp}'s
     * two forms. Every element's values are read before any is written.
     *
     * @param param    {@code y}, modified
     * @param gradient not modified
     * @param z        receives {@code z}
     * @param zSource  where {@code z} is read: {@code z} or {@code param}
     * @param base     where the interpolation starts: {@code param} or {@code zSource}
     * @param v        the second moment, modified, or null for SGD
     */
    void scheduleFree(MemorySegment param, MemorySegment gradient, MemorySegment z, MemorySegment zSource,
                      MemorySegment base, MemorySegment v, long from, long to, float beta2, float oneMinusBeta2,
                      float epsilon, float lerpWeight, float yStep, float zStep, float decay, float clipValue,
                      float factor, boolean scaled);

    /**
     * {@code torch.lerp}'s arithmetic on {@code [from, to)}:
     * {@code out = base + k * (end - start)}, {@code base} being {@code start} (and {@code k} the
     * weight) or {@code end} (and {@code k = -(1 - weight)}) as the caller chose. Every element is
     * read before it is written, so {@code out} may be {@code start} or {@code end}.
     *
     * @param out   receives the interpolation
     * @param start not modified unless it is {@code out}
     * @param end   not modified unless it is {@code out}
     * @param base  {@code start} or {@code end}
     */
    void lerp(MemorySegment out, MemorySegment start, MemorySegment end, MemorySegment base, long from, long to,
              float k);
}
