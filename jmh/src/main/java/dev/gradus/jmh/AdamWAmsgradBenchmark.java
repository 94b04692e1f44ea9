package dev.gradus.jmh;

import dev.gradus.Adam;
import dev.gradus.UpdateRule;

/**
 * One step of AdamW with AMSGrad ({@link Adam#adamW()}, {@code lambda = 1e-2}, {@code a = 1e-3})
 * over {@code n} elements, Adam's heaviest form. Traffic (see {@link StreamState#bytesPerElement()}):
 * read {@code w, g, m, v, vmax}, write {@code w, m, v, vmax}.
 */
public class AdamWAmsgradBenchmark extends RuleBenchmark {

    private static final Adam RULE = Adam.adamW().withAmsgrad(true);

    @Override
    protected UpdateRule measuredRule() {
        return RULE;
    }

    /** Decoupled decay, the moments, their running maximum and Algorithm 1's update over {@code float[]}. */
    @Override
    protected void textbook() {
        long t = ++step;
        float b1 = (float) RULE.beta1();
        float b2 = (float) RULE.beta2();
        float eps = (float) RULE.epsilon();
        float lr = (float) learningRate;
        float lambda = (float) RULE.weightDecay();
        float bc1 = (float) (1 - Math.pow(b1, t));
        float bc2 = (float) (1 - Math.pow(b2, t));
        float[] w = array(0);
        float[] g = array(1);
        float[] m = array(2);
        float[] v = array(3);
        float[] vmax = array(4);
        for (int i = 0; i < w.length; i++) {
            w[i] -= lr * lambda * w[i];
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            vmax[i] = Math.max(vmax[i], v[i]);
            w[i] -= lr * (m[i] / bc1) / ((float) Math.sqrt(vmax[i] / bc2) + eps);
        }
    }
}
