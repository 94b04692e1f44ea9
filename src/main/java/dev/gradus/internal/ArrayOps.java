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
}
