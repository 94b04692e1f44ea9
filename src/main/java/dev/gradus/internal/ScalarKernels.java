package dev.gradus.internal;

import dev.gradus.CustomStep;
import dev.gradus.CustomRule;
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

    /**
     * The effective gradient: if scaled, clamped to {@code [-clipValue, clipValue]} and multiplied
     * by the factor (maximize's sign and a clipping scale); then coupled weight decay.
     */
    static float effectiveGradient(float g, float w, float clipValue, float factor, float weightDecay, boolean scaled) {
        float s = scaled ? clamp(g, clipValue) * factor : g;
        return weightDecay != 0f ? s + weightDecay * w : s;
    }

    /**
     * The sign of {@code x} by arithmetic alone, so that every vector width computes it the same
     * way without masks: {@code min(max(x * 2^127 * 2^127, -1), 1)}. That is
     * {@link Math#signum(float)} for every value but NaN ({@code +-1}, and {@code +-0} unchanged:
     * the two products take the smallest subnormal past 1 and the largest value to infinity); a
     * NaN stays NaN, possibly quieted.
     */
    public static float signum(float x) {
        return Math.min(Math.max(x * 0x1p127f * 0x1p127f, -1f), 1f);
    }

    /**
     * {@code min(max(g, -limit), limit)} with {@link Math#max} and {@link Math#min}: NaN stays NaN,
     * and an infinite limit leaves every value as it is.
     */
    static float clamp(float g, float limit) {
        return Math.min(Math.max(g, -limit), limit);
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
     * The last operation of a rule with decoupled decay (Adam's, NAdam's), whose {@code result} is
     * not {@code w - step}: {@code result} in place, or the update {@code w - result}.
     */
    private static void finishDecayed(MemorySegment param, MemorySegment update, long at, float w, float result) {
        if (update == null) {
            param.set(FLOAT, at, result);
        } else {
            update.set(FLOAT, at, w - result);
        }
    }

    /** The last operation, {@code w * decayFactor - step}, or {@code w - step} if the factor is 1. */
    private static void finish(MemorySegment param, MemorySegment update, long at, float w, float decayFactor,
                               float step) {
        if (decayFactor == 1f) {
            finish(param, update, at, w, step);
        } else {
            finishDecayed(param, update, at, w, w * decayFactor - step);
        }
    }

    /**
     * An exponentially weighted average's update, {@code keep * x + weight * value} with {@code x}
     * the element of {@code state} at byte offset {@code at}: stored there and returned.
     */
    private static float blend(MemorySegment state, long at, float keep, float weight, float value) {
        float x = keep * state.get(FLOAT, at) + weight * value;
        state.set(FLOAT, at, x);
        return x;
    }

    /** {@code sqrt(q) * scale + epsilon}: Adam's denominator with epsilon outside, and its kin's. */
    private static float scaledRoot(float q, float scale, float epsilon) {
        return sqrt(q) * scale + epsilon;
    }

    @Override
    public void sgd(MemorySegment param, MemorySegment update, MemorySegment gradient, long from, long to,
                    float learningRate, float clipValue, float factor, float weightDecay, boolean scaled) {
        for (long i = from; i < to; i++) {
            long at = i * Float.BYTES;
            float w = param.get(FLOAT, at);
            float g = effectiveGradient(gradient.get(FLOAT, at), w, clipValue, factor, weightDecay, scaled);
            finish(param, update, at, w, learningRate * g);
        }
    }

    @Override
    public void momentum(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment velocity,
                         long from, long to,
                         float momentum, float gradientScale, float stepSize, boolean nesterov,
                         float clipValue, float factor, float weightDecay, boolean scaled) {
        for (long i = from; i < to; i++) {
            long at = i * Float.BYTES;
            float w = param.get(FLOAT, at);
            float g = effectiveGradient(gradient.get(FLOAT, at), w, clipValue, factor, weightDecay, scaled);
            float v = momentum * velocity.get(FLOAT, at) + gradientScale * g;
            velocity.set(FLOAT, at, v);
            finish(param, update, at, w, stepSize * (nesterov ? g + momentum * v : v));
        }
    }

    @Override
    public void adagrad(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment accumulator,
                        long from, long to,
                        float learningRate, float epsilon, boolean epsilonInside, float clipValue, float factor, float weightDecay,
                        boolean scaled) {
        for (long i = from; i < to; i++) {
            long at = i * Float.BYTES;
            float w = param.get(FLOAT, at);
            float g = effectiveGradient(gradient.get(FLOAT, at), w, clipValue, factor, weightDecay, scaled);
            float r = accumulator.get(FLOAT, at) + g * g;
            accumulator.set(FLOAT, at, r);
            finish(param, update, at, w, learningRate * (g / denominator(r, epsilon, epsilonInside)));
        }
    }

    @Override
    public void rmsProp(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment squareAverage,
                        MemorySegment gradientAverage, MemorySegment momentumBuffer, long from, long to,
                        float decay, float oneMinusDecay, float learningRate, float epsilon, boolean epsilonInside,
                        boolean centered, boolean withMomentum, float momentum, float clipValue, float factor, float weightDecay,
                        boolean scaled) {
        for (long i = from; i < to; i++) {
            long at = i * Float.BYTES;
            float w = param.get(FLOAT, at);
            float g = effectiveGradient(gradient.get(FLOAT, at), w, clipValue, factor, weightDecay, scaled);
            float s = decay * squareAverage.get(FLOAT, at) + oneMinusDecay * (g * g);
            squareAverage.set(FLOAT, at, s);
            float q = s;
            if (centered) {
                float mean = decay * gradientAverage.get(FLOAT, at) + oneMinusDecay * g;
                gradientAverage.set(FLOAT, at, mean);
                // Rounding can push s - mean^2 below zero, where its square root would be NaN.
                q = Math.max(s - mean * mean, 0f);
            }
            float normalized = g / denominator(q, epsilon, epsilonInside);
            if (withMomentum) {
                float buffered = momentum * momentumBuffer.get(FLOAT, at) + normalized;
                momentumBuffer.set(FLOAT, at, buffered);
                normalized = buffered;
            }
            finish(param, update, at, w, learningRate * normalized);
        }
    }

    @Override
    public void adam(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m,
                     MemorySegment v, MemorySegment vmax,
                     long from, long to,
                     float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
                     float stepSize, float secondMomentScale, float epsilon, boolean epsilonInside, boolean amsgrad,
                     float decayFactor, float clipValue, float factor, float weightDecay, boolean scaled) {
        for (long i = from; i < to; i++) {
            long at = i * Float.BYTES;
            float w = param.get(FLOAT, at);
            float g = effectiveGradient(gradient.get(FLOAT, at), w, clipValue, factor, weightDecay, scaled);
            float m1 = blend(m, at, beta1, oneMinusBeta1, g);
            float v1 = blend(v, at, beta2, oneMinusBeta2, g * g);
            float q = v1;
            if (amsgrad) {
                q = Math.max(vmax.get(FLOAT, at), v1);
                vmax.set(FLOAT, at, q);
            }
            float denominator = epsilonInside
                    ? sqrt(q * secondMomentScale + epsilon)
                    : scaledRoot(q, secondMomentScale, epsilon);
            finish(param, update, at, w, decayFactor, stepSize * (m1 / denominator));
        }
    }

    @Override
    public void lion(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment momentum,
                     long from, long to, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
                     float learningRate, float decoupledDecay, float clipValue, float factor, float weightDecay,
                     boolean scaled) {
        for (long i = from; i < to; i++) {
            long at = i * Float.BYTES;
            float w = param.get(FLOAT, at);
            float g = effectiveGradient(gradient.get(FLOAT, at), w, clipValue, factor, weightDecay, scaled);
            float m = momentum.get(FLOAT, at);
            float u = signum(beta1 * m + oneMinusBeta1 * g);
            if (decoupledDecay != 0f) {
                u = u + decoupledDecay * w;
            }
            momentum.set(FLOAT, at, beta2 * m + oneMinusBeta2 * g);
            finish(param, update, at, w, learningRate * u);
        }
    }

    @Override
    public void adamax(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m,
                       MemorySegment u, long from, long to, float beta1, float oneMinusBeta1, float beta2,
                       float epsilon, float stepSize, float clipValue, float factor, float weightDecay,
                       boolean scaled) {
        for (long i = from; i < to; i++) {
            long at = i * Float.BYTES;
            float w = param.get(FLOAT, at);
            float g = effectiveGradient(gradient.get(FLOAT, at), w, clipValue, factor, weightDecay, scaled);
            float m1 = beta1 * m.get(FLOAT, at) + oneMinusBeta1 * g;
            float u1 = Math.max(beta2 * u.get(FLOAT, at), Math.abs(g) + epsilon);
            m.set(FLOAT, at, m1);
            u.set(FLOAT, at, u1);
            finish(param, update, at, w, stepSize * (m1 / u1));
        }
    }

    @Override
    public void adadelta(MemorySegment param, MemorySegment update, MemorySegment gradient,
                         MemorySegment squareAverage, MemorySegment updateAverage, long from, long to, float rho,
                         float oneMinusRho, float epsilon, float learningRate, float clipValue, float factor,
                         float weightDecay, boolean scaled) {
        for (long i = from; i < to; i++) {
            long at = i * Float.BYTES;
            float w = param.get(FLOAT, at);
            float g = effectiveGradient(gradient.get(FLOAT, at), w, clipValue, factor, weightDecay, scaled);
            float s = rho * squareAverage.get(FLOAT, at) + oneMinusRho * (g * g);
            float x = updateAverage.get(FLOAT, at);
            float d = sqrt(x + epsilon) / sqrt(s + epsilon) * g;
            squareAverage.set(FLOAT, at, s);
            updateAverage.set(FLOAT, at, rho * x + oneMinusRho * (d * d));
            finish(param, update, at, w, learningRate * d);
        }
    }

    @Override
    public void rprop(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment previous,
                      MemorySegment stepSize, long from, long to, float etaMinus, float etaPlus, float stepSizeMin,
                      float stepSizeMax, float rate, float clipValue, float factor, float weightDecay,
                      boolean scaled) {
        for (long i = from; i < to; i++) {
            long at = i * Float.BYTES;
            float w = param.get(FLOAT, at);
            float g = effectiveGradient(gradient.get(FLOAT, at), w, clipValue, factor, weightDecay, scaled);
            float direction = signum(g * previous.get(FLOAT, at));
            float grow = Math.max(direction, 0f);
            float shrink = Math.max(-direction, 0f);
            float eta = grow * etaPlus + shrink * etaMinus + (1f - (grow + shrink));
            float s = Math.min(Math.max(stepSize.get(FLOAT, at) * eta, stepSizeMin), stepSizeMax);
            float kept = g * (1f - shrink);
            stepSize.set(FLOAT, at, s);
            previous.set(FLOAT, at, kept);
            finish(param, update, at, w, signum(kept) * s * rate);
        }
    }

    @Override
    public void nadam(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m,
                      MemorySegment v, long from, long to, float beta1, float oneMinusBeta1, float beta2,
                      float oneMinusBeta2, float gradientStep, float momentumStep, float secondMomentScale,
                      float epsilon, float decayFactor, float clipValue, float factor, float weightDecay,
                      boolean scaled) {
        for (long i = from; i < to; i++) {
            long at = i * Float.BYTES;
            float w = param.get(FLOAT, at);
            float g = effectiveGradient(gradient.get(FLOAT, at), w, clipValue, factor, weightDecay, scaled);
            float m1 = blend(m, at, beta1, oneMinusBeta1, g);
            float v1 = blend(v, at, beta2, oneMinusBeta2, g * g);
            finish(param, update, at, w, decayFactor,
                    (gradientStep * g + momentumStep * m1) / scaledRoot(v1, secondMomentScale, epsilon));
        }
    }

    @Override
    public void adabelief(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m,
                          MemorySegment s, long from, long to, float beta1, float oneMinusBeta1, float beta2,
                          float oneMinusBeta2, float stepSize, float epsilonRoot, float secondMomentScale,
                          float epsilon, float clipValue, float factor, float weightDecay, boolean scaled) {
        for (long i = from; i < to; i++) {
            long at = i * Float.BYTES;
            float w = param.get(FLOAT, at);
            float g = effectiveGradient(gradient.get(FLOAT, at), w, clipValue, factor, weightDecay, scaled);
            float m1 = blend(m, at, beta1, oneMinusBeta1, g);
            float e = g - m1;
            float s1 = beta2 * s.get(FLOAT, at) + oneMinusBeta2 * (e * e) + epsilonRoot;
            s.set(FLOAT, at, s1);
            finish(param, update, at, w, stepSize * (m1 / scaledRoot(s1, secondMomentScale, epsilon)));
        }
    }

    @Override
    public void yogi(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m,
                     MemorySegment v, long from, long to, float beta1, float oneMinusBeta1, float oneMinusBeta2,
                     float stepSize, float secondMomentScale, float epsilon, float clipValue, float factor,
                     float weightDecay, boolean scaled) {
        for (long i = from; i < to; i++) {
            long at = i * Float.BYTES;
            float w = param.get(FLOAT, at);
            float g = effectiveGradient(gradient.get(FLOAT, at), w, clipValue, factor, weightDecay, scaled);
            float m1 = blend(m, at, beta1, oneMinusBeta1, g);
            float q = g * g;
            float v0 = v.get(FLOAT, at);
            float v1 = v0 - oneMinusBeta2 * signum(v0 - q) * q;
            v.set(FLOAT, at, v1);
            finish(param, update, at, w, stepSize * (m1 / scaledRoot(v1, secondMomentScale, epsilon)));
        }
    }

    @Override
    public void accumulateSquares(MemorySegment sums, MemorySegment values, long sumsFrom, long valuesFrom, long count,
                                  float keep, float weight) {
        for (long j = 0; j < count; j++) {
            long at = (sumsFrom + j) * Float.BYTES;
            float v = values.get(FLOAT, (valuesFrom + j) * Float.BYTES);
            sums.set(FLOAT, at, keep * sums.get(FLOAT, at) + weight * (v * v));
        }
    }

    @Override
    public void factoredDirection(MemorySegment update, MemorySegment gradient, MemorySegment variance, long from,
                                  long varianceFrom, long count, float rowScale, float floor, float factor,
                                  boolean scaled) {
        for (long j = 0; j < count; j++) {
            long at = (from + j) * Float.BYTES;
            float g = gradient.get(FLOAT, at);
            float scaledG = scaled ? g * factor : g;
            float q = Math.max(rowScale * variance.get(FLOAT, (varianceFrom + j) * Float.BYTES), floor);
            update.set(FLOAT, at, scaledG / sqrt(q));
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

    @Override
    public double sumOfSquares(MemorySegment values, long from, long to, double start) {
        double sum = start;
        for (long lo = from; lo < to; ) {
            long hi = ReductionOrder.blockEnd(lo, to);
            sum += blockSumOfSquares(values, lo, hi);
            lo = hi;
        }
        return ReductionOrder.canonical(sum);
    }

    /** The total of one block's part {@code [lo, hi)}: each partial in turn, its elements in index order. */
    private static double blockSumOfSquares(MemorySegment values, long lo, long hi) {
        int partials = ReductionOrder.PARTIALS;
        double total = 0.0;
        for (int j = 0; j < partials; j++) {
            double partial = 0.0;
            // The first element at or after lo with i mod PARTIALS == j.
            for (long i = lo + Math.floorMod(j - lo, partials); i < hi; i += partials) {
                double x = values.get(FLOAT, i * Float.BYTES);
                partial += x * x;
            }
            total += partial;
        }
        return total;
    }

    @Override
    public float maxAbs(MemorySegment values, long from, long to) {
        float max = 0f;
        for (long i = from; i < to; i++) {
            max = Math.max(max, Math.abs(values.get(FLOAT, i * Float.BYTES)));
        }
        return ReductionOrder.canonical(max);
    }

    @Override
    public void custom(CustomRule rule, CustomStep step, long from, long to) {
        rule.scalarStep(step, from, to);
    }

    @Override
    public void scheduleFree(MemorySegment param, MemorySegment gradient, MemorySegment z, MemorySegment zSource,
                             MemorySegment base, MemorySegment v, long from, long to, float beta2,
                             float oneMinusBeta2, float epsilon, float lerpWeight, float yStep, float zStep,
                             float decay, float clipValue, float factor, boolean scaled) {
        for (long i = from; i < to; i++) {
            long at = i * Float.BYTES;
            float y = param.get(FLOAT, at);
            float zr = zSource.get(FLOAT, at);
            float b = base.get(FLOAT, at);
            float d = effectiveGradient(gradient.get(FLOAT, at), y, clipValue, factor, 0f, scaled);
            if (v != null) {
                float s = beta2 * v.get(FLOAT, at) + oneMinusBeta2 * (d * d);
                v.set(FLOAT, at, s);
                d = d / (sqrt(s) + epsilon);
            }
            if (decay != 0f) {
                d = d + decay * y;
            }
            param.set(FLOAT, at, (b + lerpWeight * (zr - y)) + yStep * d);
            z.set(FLOAT, at, zr - zStep * d);
        }
    }

    @Override
    public void lerp(MemorySegment out, MemorySegment start, MemorySegment end, MemorySegment base, long from,
                     long to, float k) {
        for (long i = from; i < to; i++) {
            long at = i * Float.BYTES;
            out.set(FLOAT, at, base.get(FLOAT, at) + k * (end.get(FLOAT, at) - start.get(FLOAT, at)));
        }
    }
}
