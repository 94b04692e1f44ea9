package dev.gradus.jmh;

import dev.gradus.Momentum;
import dev.gradus.UpdateRule;

/**
 * One step of heavy-ball momentum ({@code v = 0.9 v + g}, {@code w -= a v}, {@code a = 1e-2}) over
 * {@code n} elements. Traffic (see {@link StreamState#bytesPerElement()}): read {@code w, g, v},
 * write {@code w, v}.
 */
public class MomentumBenchmark extends RuleBenchmark {

    @Override
    protected UpdateRule measuredRule() {
        return Momentum.heavyBall(0.9);
    }

    /** {@code v = mu * v + g; w -= lr * v} over {@code float[]}. */
    @Override
    protected void textbook() {
        float lr = (float) learningRate;
        float mu = 0.9f;
        float[] w = array(0);
        float[] g = array(1);
        float[] v = array(2);
        for (int i = 0; i < w.length; i++) {
            v[i] = mu * v[i] + g[i];
            w[i] -= lr * v[i];
        }
    }
}
