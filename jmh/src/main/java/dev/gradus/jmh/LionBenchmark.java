package dev.gradus.jmh;

import dev.gradus.Lion;
import dev.gradus.UpdateRule;

/**
 * One step of Lion ({@code c = 0.9 m + 0.1 g}, {@code m = 0.99 m + 0.01 g},
 * {@code w -= a signum(c)}, {@code a = 1e-4}, Lion's default) over {@code n} elements. Traffic (see
 * {@link StreamState#bytesPerElement()}): read {@code w, g, m}, write {@code w, m}.
 */
public class LionBenchmark extends RuleBenchmark {

    @Override
    protected UpdateRule measuredRule() {
        return Lion.DEFAULT;
    }

    /** {@code c = b1 m + (1 - b1) g; m = b2 m + (1 - b2) g; w -= lr signum(c)} over {@code float[]}. */
    @Override
    protected void textbook() {
        float lr = (float) learningRate;
        float b1 = 0.9f;
        float oneMinusB1 = (float) (1 - 0.9);
        float b2 = 0.99f;
        float oneMinusB2 = (float) (1 - 0.99);
        float[] w = array(0);
        float[] g = array(1);
        float[] m = array(2);
        for (int i = 0; i < w.length; i++) {
            float c = b1 * m[i] + oneMinusB1 * g[i];
            m[i] = b2 * m[i] + oneMinusB2 * g[i];
            w[i] -= lr * Math.signum(c);
        }
    }
}
