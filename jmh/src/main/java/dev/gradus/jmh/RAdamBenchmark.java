package dev.gradus.jmh;

import dev.gradus.RAdam;
import dev.gradus.UpdateRule;

/**
 * One step of RAdam ({@link RAdam#DEFAULT}, {@code a = 1e-3}) over {@code n} elements, at the step
 * count the trial has reached: rectified from step 6 on, so nearly every measured step is Adam's
 * efficient form scaled by the rectification term. Traffic (see
 * {@link StreamState#bytesPerElement()}): read {@code w, g, m, v}, write {@code w, m, v}.
 */
public class RAdamBenchmark extends RuleBenchmark {

    @Override
    protected UpdateRule measuredRule() {
        return RAdam.DEFAULT;
    }

    /** PyTorch's RAdam step over {@code float[]}, its per-step scalars in double. */
    @Override
    protected void textbook() {
        RAdam rule = RAdam.DEFAULT;
        long t = ++step;
        double c1 = 1 - Math.pow(0.9, t);
        double c2 = 1 - Math.pow(0.999, t);
        boolean rectified = rule.rectified(t);
        float stepSize = (float) (rectified ? learningRate * rule.rectification(t) * Math.sqrt(c2) / c1
                : learningRate / c1);
        float b1 = 0.9f;
        float oneMinusB1 = (float) (1 - 0.9);
        float b2 = 0.999f;
        float oneMinusB2 = (float) (1 - 0.999);
        float eps = 1e-8f;
        float[] w = array(0);
        float[] g = array(1);
        float[] m = array(2);
        float[] v = array(3);
        for (int i = 0; i < w.length; i++) {
            m[i] = b1 * m[i] + oneMinusB1 * g[i];
            v[i] = b2 * v[i] + oneMinusB2 * (g[i] * g[i]);
            w[i] -= rectified ? stepSize * (m[i] / ((float) Math.sqrt(v[i]) + eps)) : stepSize * m[i];
        }
    }
}
