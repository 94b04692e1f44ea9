package dev.gradus.jmh;

import dev.gradus.Adamax;
import dev.gradus.UpdateRule;

/**
 * One step of Adamax ({@code m = 0.9 m + 0.1 g}, {@code u = max(0.999 u, |g| + 1e-8)},
 * {@code w -= a / (1 - 0.9^t) * m / u}, {@code a = 2e-3}, Adamax's default) over {@code n}
 * elements. Traffic (see {@link StreamState#bytesPerElement()}):
 * read {@code w, g, m, u}, write {@code w, m, u}.
 */
public class AdamaxBenchmark extends RuleBenchmark {

    @Override
    protected UpdateRule measuredRule() {
        return Adamax.DEFAULT;
    }

    /** {@code m = b1 m + (1 - b1) g; u = max(b2 u, |g| + eps); w -= lr / (1 - b1^t) * m / u} over {@code float[]}. */
    @Override
    protected void textbook() {
        float stepSize = (float) (learningRate / (1 - Math.pow(0.9, ++step)));
        float b1 = 0.9f;
        float oneMinusB1 = (float) (1 - 0.9);
        float b2 = 0.999f;
        float eps = 1e-8f;
        float[] w = array(0);
        float[] g = array(1);
        float[] m = array(2);
        float[] u = array(3);
        for (int i = 0; i < w.length; i++) {
            m[i] = b1 * m[i] + oneMinusB1 * g[i];
            u[i] = Math.max(b2 * u[i], Math.abs(g[i]) + eps);
            w[i] -= stepSize * (m[i] / u[i]);
        }
    }
}
