package dev.gradus.jmh;

import dev.gradus.UpdateRule;
import dev.gradus.Yogi;

/**
 * One step of Yogi ({@link Yogi#DEFAULT}: betas 0.9 and 0.999, {@code eps = 1e-3},
 * {@code a = 1e-3}) over {@code n} elements. Traffic (see {@link StreamState#bytesPerElement()}):
 * read {@code w, g, m, v}, write {@code w, m, v}.
 */
public class YogiBenchmark extends RuleBenchmark {

    @Override
    protected UpdateRule measuredRule() {
        return Yogi.DEFAULT;
    }

    /** Optax's {@code yogi} step over {@code float[]}, with {@link Math#signum(float)}, its bias corrections in double. */
    @Override
    protected void textbook() {
        long t = ++step;
        float stepSize = (float) (learningRate / (1 - Math.pow(0.9, t)));
        float correction2 = (float) (1 - Math.pow(0.999, t));
        float rate = (float) (1 - 0.999);
        float[] w = array(0);
        float[] g = array(1);
        float[] m = array(2);
        float[] v = array(3);
        for (int i = 0; i < w.length; i++) {
            float square = g[i] * g[i];
            m[i] = 0.9f * m[i] + (float) (1 - 0.9) * g[i];
            v[i] -= rate * Math.signum(v[i] - square) * square;
            w[i] -= stepSize * m[i] / ((float) Math.sqrt(v[i] / correction2) + 1e-3f);
        }
    }
}
