package dev.gradus.reference;

/**
 * Independent double-precision implementations of the update rules, written from the textbook
 * formulas with none of the kernels' rearrangements (Adam divides by {@code 1 - b^t} per element,
 * as in Algorithm 1 of Kingma &amp; Ba). The scalar kernels are checked against these, which catches
 * a formula that is wrong on both the scalar and the vector side.
 */
public final class TextbookOptimizers {

    private TextbookOptimizers() {
    }

    /** The effective gradient of every rule: sign flip for maximize, then coupled L2 decay. */
    static double effectiveGradient(double g, double w, double weightDecay, boolean maximize) {
        double signed = maximize ? -g : g;
        return signed + weightDecay * w;
    }

    /** {@code w <- w - a * g} on every element. */
    public static void sgd(double learningRate, double weightDecay, boolean maximize, double[] w, double[] g) {
        for (int i = 0; i < w.length; i++) {
            w[i] -= learningRate * effectiveGradient(g[i], w[i], weightDecay, maximize);
        }
    }

    /** Adam, Algorithm 1, step {@code t}, on every element. */
    public static void adam(double learningRate, double beta1, double beta2, double epsilon, double weightDecay,
                            boolean maximize, long t, double[] w, double[] g, double[] m, double[] v) {
        for (int i = 0; i < w.length; i++) {
            double grad = effectiveGradient(g[i], w[i], weightDecay, maximize);
            m[i] = beta1 * m[i] + (1 - beta1) * grad;
            v[i] = beta2 * v[i] + (1 - beta2) * grad * grad;
            double mHat = m[i] / (1 - Math.pow(beta1, t));
            double vHat = v[i] / (1 - Math.pow(beta2, t));
            w[i] -= learningRate * mHat / (Math.sqrt(vHat) + epsilon);
        }
    }
}
