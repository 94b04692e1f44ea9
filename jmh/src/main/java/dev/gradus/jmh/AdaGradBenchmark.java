package dev.gradus.jmh;

import dev.gradus.AdaGrad;
import dev.gradus.UpdateRule;

/**
 * One step of {@link AdaGrad#DEFAULT} ({@code a = 1e-2}) over {@code n} elements: one square root
 * and one division per element. Traffic (see {@link StreamState#bytesPerElement()}): read
 * {@code w, g, r}, write {@code w, r}.
 */
public class AdaGradBenchmark extends RuleBenchmark {

    @Override
    protected UpdateRule measuredRule() {
        return AdaGrad.DEFAULT;
    }

    /** {@code r += g * g; w -= lr * g / (sqrt(r) + eps)} over {@code float[]}. */
    @Override
    protected void textbook() {
        float lr = (float) learningRate;
        float eps = (float) AdaGrad.DEFAULT.epsilon();
        float[] w = array(0);
        float[] g = array(1);
        float[] r = array(2);
        for (int i = 0; i < w.length; i++) {
            r[i] += g[i] * g[i];
            w[i] -= lr * g[i] / ((float) Math.sqrt(r[i]) + eps);
        }
    }
}
