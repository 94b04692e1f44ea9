package dev.gradus.jmh;

/**
 * Update rules as a Java user would write them over {@code float[]}, the baselines of the
 * benchmarks; C2 auto-vectorizes each loop.
 */
final class Textbook {

    private Textbook() {
    }

    /**
     * Step {@code t} of Adam, Algorithm 1 of the paper: three divides and a square root per element.
     *
     * @param b1 {@code beta1}
     * @param b2 {@code beta2}
     */
    static void adam(float[] w, float[] g, float[] m, float[] v, long t, float lr, float b1, float b2, float eps) {
        float bc1 = (float) (1 - Math.pow(b1, t));
        float bc2 = (float) (1 - Math.pow(b2, t));
        for (int i = 0; i < w.length; i++) {
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            float mHat = m[i] / bc1;
            float vHat = v[i] / bc2;
            w[i] -= lr * mHat / ((float) Math.sqrt(vHat) + eps);
        }
    }

    /**
     * Step {@code t} of Adam with AMSGrad in PyTorch's form: the running maximum of {@code v}
     * replaces {@code v} in the denominator.
     */
    static void amsgrad(float[] w, float[] g, float[] m, float[] v, float[] vmax, long t, float lr, float b1, float b2,
                        float eps) {
        float bc1 = (float) (1 - Math.pow(b1, t));
        float bc2 = (float) (1 - Math.pow(b2, t));
        for (int i = 0; i < w.length; i++) {
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            vmax[i] = Math.max(vmax[i], v[i]);
            w[i] -= lr * (m[i] / bc1) / ((float) Math.sqrt(vmax[i] / bc2) + eps);
        }
    }

    /** One step of RMSProp with decay {@code b}. */
    static void rmsProp(float[] w, float[] g, float[] s, float lr, float b, float eps) {
        for (int i = 0; i < w.length; i++) {
            s[i] = b * s[i] + (1 - b) * g[i] * g[i];
            w[i] -= lr * g[i] / ((float) Math.sqrt(s[i]) + eps);
        }
    }
}
