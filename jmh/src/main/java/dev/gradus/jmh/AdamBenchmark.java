package dev.gradus.jmh;

import dev.gradus.Adam;
import dev.gradus.UpdateRule;

/**
 * One step of {@link Adam#DEFAULT} ({@code a = 1e-3}) over {@code n} elements. Traffic (see
 * {@link StreamState#bytesPerElement()}): read {@code w, g, m, v}, write {@code w, m, v}.
 */
public class AdamBenchmark extends RuleBenchmark {

    @Override
    protected UpdateRule measuredRule() {
        return Adam.DEFAULT;
    }

    /**
     * Algorithm 1 of the paper as a Java user would write it over {@code float[]}: three divides
     * and a square root per element. C2 auto-vectorizes it.
     */
    @Override
    protected void textbook() {
        long t = ++step;
        float b1 = (float) Adam.DEFAULT.beta1();
        float b2 = (float) Adam.DEFAULT.beta2();
        float eps = (float) Adam.DEFAULT.epsilon();
        float lr = (float) learningRate;
        float bc1 = (float) (1 - Math.pow(b1, t));
        float bc2 = (float) (1 - Math.pow(b2, t));
        float[] w = array(0);
        float[] g = array(1);
        float[] m = array(2);
        float[] v = array(3);
        for (int i = 0; i < w.length; i++) {
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            float mHat = m[i] / bc1;
            float vHat = v[i] / bc2;
            w[i] -= lr * mHat / ((float) Math.sqrt(vHat) + eps);
        }
    }
}
