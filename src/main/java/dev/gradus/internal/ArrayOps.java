package dev.gradus.internal;

/**
 * Elementwise passes over the first {@code n} floats of arrays: the steps the {@link ChunkedKernels}
 * compose every rule of. Each pass is one float operation or a short fixed sequence of them, in
 * the order and with the operands of the {@link ScalarKernels}' formulas (an intermediate stored in
 * a float array is the float the scalar formula holds in a local), so a rule composed of them gives
 * the scalar kernels' bits.
 *
 * <p>One short loop per method, with no option tested inside: C2 compiles each in a few
 * milliseconds and vectorizes it, and the same passes serve every rule. One loop per rule with its
 * options inside took C2 seconds, which delayed the compilation of the vector kernels.
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

    /** {@code x = max(x, y)}, as {@link Math#max(float, float)}. */
    static void maxInto(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            x[i] = Math.max(x[i], y[i]);
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

    /** {@code out = sqrt(q) + epsilon}. */
    static void rootPlus(float[] out, float[] q, float epsilon, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = (float) Math.sqrt(q[i]) + epsilon;
        }
    }

    /** {@code out = sqrt(u * scale + epsilon)}. */
    static void rootOfScaledSum(float[] out, float[] u, float scale, float epsilon, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = (float) Math.sqrt(u[i] * scale + epsilon);
        }
    }

    /** {@code out = sqrt(u) * scale + epsilon}. */
    static void scaledRootPlus(float[] out, float[] u, float scale, float epsilon, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = (float) Math.sqrt(u[i]) * scale + epsilon;
        }
    }

    /** {@code out = a / b}. */
    static void quotient(float[] out, float[] a, float[] b, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = a[i] / b[i];
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
