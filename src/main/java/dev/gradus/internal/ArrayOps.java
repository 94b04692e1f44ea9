package dev.gradus.internal;

import java.util.Arrays;

/**
 * Elementwise passes over the first {@code n} floats of arrays: the steps the {@link ChunkedKernels}
 * compose every rule of. Each pass is one float operation or a short fixed sequence of them, in
 * the order and with the operands of the {@link ScalarKernels}' formulas (an intermediate stored in
 * a float array is the float the scalar formula holds in a local), so a rule composed of them gives
 * the scalar kernels' bits.
 *
 * <p>One short loop per method, with no option tested inside: C2 compiles each in a few
 * milliseconds and vectorizes it, and the same passes serve every rule. One loop per rule with its
 * options inside took C2 seconds, which delayed the compilation of the vector kernels. The
 * commonest steps (Adam after the effective gradient, plain RMSProp) have fused passes
 * of their own: one loop instead of five is fewer methods for the JIT to compile at start-up, and
 * fewer trips through the arrays.
 */
final class ArrayOps {

    private ArrayOps() {
    }

    /** {@code x = -x}. */
    static void negate(float[] x, int n) {
        for (int i = 0; i < n; i++) {
            x[i] = -x[i];
        }
    }

    /** {@code out = a + k * b}. */
    static void sumScaled(float[] out, float[] a, float k, float[] b, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = a[i] + k * b[i];
        }
    }

    /** {@code x = x - k * y}. */
    static void subtractScaled(float[] x, float k, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            x[i] = x[i] - k * y[i];
        }
    }

    /** {@code x = x * k}. */
    static void scale(float[] x, float k, int n) {
        for (int i = 0; i < n; i++) {
            x[i] = x[i] * k;
        }
    }

    /** {@code x = clamp(x, limit) * k}, the clamp of {@link ScalarKernels#clamp}. */
    static void clampAndScale(float[] x, float limit, float k, int n) {
        for (int i = 0; i < n; i++) {
            x[i] = ScalarKernels.clamp(x[i], limit) * k;
        }
    }

    /**
     * Adadelta after the effective gradient: {@code s = rho s + (1 - rho) g^2},
     * {@code d = sqrt(x + eps) / sqrt(s + eps) * g}, {@code x = rho x + (1 - rho) d^2},
     * {@code w = w - k * d}.
     */
    static void adadelta(float[] w, float[] g, float[] s, float[] x, int n, float rho, float oneMinusRho,
                         float epsilon, float k) {
        for (int i = 0; i < n; i++) {
            s[i] = rho * s[i] + oneMinusRho * (g[i] * g[i]);
            float d = (float) Math.sqrt(x[i] + epsilon) / (float) Math.sqrt(s[i] + epsilon) * g[i];
            x[i] = rho * x[i] + oneMinusRho * (d * d);
            w[i] = w[i] - k * d;
        }
    }

    /** Rprop after the effective gradient, as {@code KernelSet.rprop} gives it, {@code w} stepped in place. */
    static void rprop(float[] w, float[] g, float[] previous, float[] stepSize, int n, float etaMinus, float etaPlus,
                      float stepSizeMin, float stepSizeMax, float rate) {
        for (int i = 0; i < n; i++) {
            float direction = ScalarKernels.signum(g[i] * previous[i]);
            float grow = Math.max(direction, 0f);
            float shrink = Math.max(-direction, 0f);
            float eta = grow * etaPlus + shrink * etaMinus + (1f - (grow + shrink));
            stepSize[i] = Math.min(Math.max(stepSize[i] * eta, stepSizeMin), stepSizeMax);
            previous[i] = g[i] * (1f - shrink);
            w[i] = w[i] - ScalarKernels.signum(previous[i]) * stepSize[i] * rate;
        }
    }

    /**
     * Adamax after the effective gradient: {@code m = b1 m + (1 - b1) g},
     * {@code u = max(b2 u, |g| + eps)}, {@code w = w - k * (m / u)}.
     */
    static void adamax(float[] w, float[] g, float[] m, float[] u, int n, float beta1, float oneMinusBeta1,
                       float beta2, float epsilon, float k) {
        for (int i = 0; i < n; i++) {
            m[i] = beta1 * m[i] + oneMinusBeta1 * g[i];
            u[i] = Math.max(beta2 * u[i], Math.abs(g[i]) + epsilon);
            w[i] = w[i] - k * (m[i] / u[i]);
        }
    }

    /** {@code out = signum(kx * x + ky * y)}, with {@link ScalarKernels#signum(float)}. */
    static void signOfBlend(float[] out, float kx, float[] x, float ky, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = ScalarKernels.signum(kx * x[i] + ky * y[i]);
        }
    }

    /** {@code x = kx * x + ky * y}. */
    static void blend(float[] x, float kx, float ky, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            x[i] = kx * x[i] + ky * y[i];
        }
    }

    /** {@code x = kx * x + ky * (y * y)}. */
    static void blendSquare(float[] x, float kx, float ky, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            x[i] = kx * x[i] + ky * (y[i] * y[i]);
        }
    }

    /** {@code x = x + y * y}. */
    static void accumulateSquare(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            x[i] = x[i] + y[i] * y[i];
        }
    }

    /** {@code out = max(s - m * m, 0)}: the centered second moment, never negative. */
    static void centeredSecondMoment(float[] out, float[] s, float[] m, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = Math.max(s[i] - m[i] * m[i], 0f);
        }
    }

    /** {@code out = sqrt(q + epsilon)}, the float square root (of a double, narrowed: correctly rounded). */
    static void rootOfSum(float[] out, float[] q, float epsilon, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = (float) Math.sqrt(q[i] + epsilon);
        }
    }

    /** {@code out = sqrt(q * k + epsilon)}. */
    static void rootOfScaledSum(float[] out, float[] q, float k, float epsilon, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = (float) Math.sqrt(q[i] * k + epsilon);
        }
    }

    /** {@code out = sqrt(q) * k + epsilon}. */
    static void scaledRootPlus(float[] out, float[] q, float k, float epsilon, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = (float) Math.sqrt(q[i]) * k + epsilon;
        }
    }

    /** {@code x = max(x, y)}. */
    static void runningMax(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            x[i] = Math.max(x[i], y[i]);
        }
    }

    /** {@code out = a - b}. */
    static void difference(float[] out, float[] a, float[] b, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = a[i] - b[i];
        }
    }

    /** {@code x = -0f}: the base of the update form, from which {@code -0f - s} is exactly {@code -s}. */
    static void negativeZero(float[] x, int n) {
        Arrays.fill(x, 0, n, -0f);
    }

    /** {@code out = sqrt(q) + epsilon}. */
    static void rootPlus(float[] out, float[] q, float epsilon, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = (float) Math.sqrt(q[i]) + epsilon;
        }
    }

    /** {@code out = a / b}. */
    static void quotient(float[] out, float[] a, float[] b, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = a[i] / b[i];
        }
    }

    /**
     * Adam after the effective gradient, epsilon outside the square root:
     * {@code m = b1 * m + c1 * g; v = b2 * v + c2 * (g * g); w = w - a * (m / (sqrt(v) * s + eps))}.
     */
    static void adam(float[] w, float[] g, float[] m, float[] v, int n, float b1, float c1, float b2, float c2,
                     float a, float s, float eps) {
        for (int i = 0; i < n; i++) {
            float m1 = b1 * m[i] + c1 * g[i];
            float v1 = b2 * v[i] + c2 * (g[i] * g[i]);
            m[i] = m1;
            v[i] = v1;
            w[i] = w[i] - a * (m1 / ((float) Math.sqrt(v1) * s + eps));
        }
    }

    /** {@link #adam} with epsilon inside the square root: {@code sqrt(v * s + eps)}. */
    static void adamEpsilonInside(float[] w, float[] g, float[] m, float[] v, int n, float b1, float c1, float b2,
                                  float c2, float a, float s, float eps) {
        for (int i = 0; i < n; i++) {
            float m1 = b1 * m[i] + c1 * g[i];
            float v1 = b2 * v[i] + c2 * (g[i] * g[i]);
            m[i] = m1;
            v[i] = v1;
            w[i] = w[i] - a * (m1 / (float) Math.sqrt(v1 * s + eps));
        }
    }

    /**
     * NAdam after the effective gradient (and the decay factor, applied to {@code w} beforehand):
     * {@code m = b1 * m + c1 * g; v = b2 * v + c2 * (g * g);
     * w = w - (kg * g + km * m) / (sqrt(v) * s + eps)}.
     */
    static void nadam(float[] w, float[] g, float[] m, float[] v, int n, float b1, float c1, float b2, float c2,
                      float kg, float km, float s, float eps) {
        for (int i = 0; i < n; i++) {
            m[i] = b1 * m[i] + c1 * g[i];
            v[i] = b2 * v[i] + c2 * (g[i] * g[i]);
            w[i] = w[i] - (kg * g[i] + km * m[i]) / ((float) Math.sqrt(v[i]) * s + eps);
        }
    }

    /**
     * AdaBelief after the effective gradient: {@code m = b1 * m + c1 * g; e = g - m;
     * q = b2 * q + c2 * (e * e) + root; w = w - a * (m / (sqrt(q) * s + eps))}.
     */
    static void adabelief(float[] w, float[] g, float[] m, float[] q, int n, float b1, float c1, float b2, float c2,
                          float a, float root, float s, float eps) {
        for (int i = 0; i < n; i++) {
            float m1 = b1 * m[i] + c1 * g[i];
            float e = g[i] - m1;
            m[i] = m1;
            q[i] = b2 * q[i] + c2 * (e * e) + root;
            w[i] = w[i] - a * (m1 / ((float) Math.sqrt(q[i]) * s + eps));
        }
    }

    /**
     * Yogi after the effective gradient: {@code m = b1 * m + c1 * g; v = v - c2 * signum(v - g * g) * (g * g);
     * w = w - a * (m / (sqrt(v) * s + eps))}, with {@link ScalarKernels#signum(float)}.
     */
    static void yogi(float[] w, float[] g, float[] m, float[] v, int n, float b1, float c1, float c2, float a,
                     float s, float eps) {
        for (int i = 0; i < n; i++) {
            float q = g[i] * g[i];
            m[i] = b1 * m[i] + c1 * g[i];
            v[i] = v[i] - c2 * ScalarKernels.signum(v[i] - q) * q;
            w[i] = w[i] - a * (m[i] / ((float) Math.sqrt(v[i]) * s + eps));
        }
    }

    /**
     * RMSProp, neither centered nor with momentum, after the effective gradient, epsilon outside:
     * {@code s = d * s + c * (g * g); w = w - a * (g / (sqrt(s) + eps))}.
     */
    static void rmsProp(float[] w, float[] g, float[] sq, int n, float d, float c, float a, float eps) {
        for (int i = 0; i < n; i++) {
            float s1 = d * sq[i] + c * (g[i] * g[i]);
            sq[i] = s1;
            w[i] = w[i] - a * (g[i] / ((float) Math.sqrt(s1) + eps));
        }
    }

    /** {@link #rmsProp} with epsilon inside the square root: {@code sqrt(s + eps)}. */
    static void rmsPropEpsilonInside(float[] w, float[] g, float[] sq, int n, float d, float c, float a, float eps) {
        for (int i = 0; i < n; i++) {
            float s1 = d * sq[i] + c * (g[i] * g[i]);
            sq[i] = s1;
            w[i] = w[i] - a * (g[i] / (float) Math.sqrt(s1 + eps));
        }
    }

    /** The index of the first NaN or infinity among the first {@code n}, or -1. */
    static int firstNonFinite(float[] x, int n) {
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(x[i])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code partials[(first + i) mod partials.length] += (double) x[i] * x[i]} for each {@code i} in
     * index order: the partial sums of {@link ReductionOrder}, {@code first} being the partial of
     * {@code x[0]}. The length of {@code partials} is a power of two.
     */
    static void accumulateSquares(double[] partials, int first, float[] x, int n) {
        int mask = partials.length - 1;
        for (int i = 0; i < n; i++) {
            double value = x[i];
            partials[(first + i) & mask] += value * value;
        }
    }

    /** {@code +0.0} plus each element of {@code x} in index order. */
    static double total(double[] x) {
        double total = 0.0;
        for (double value : x) {
            total += value;
        }
        return total;
    }

    /** The largest of {@code max} and the absolute values of the first {@code n} of {@code x}; NaN if any is. */
    static float maxAbs(float max, float[] x, int n) {
        float result = max;
        for (int i = 0; i < n; i++) {
            result = Math.max(result, Math.abs(x[i]));
        }
        return result;
    }
}
