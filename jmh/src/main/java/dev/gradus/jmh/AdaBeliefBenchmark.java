package dev.gradus.jmh;

import dev.gradus.AdaBelief;
import dev.gradus.UpdateRule;

/**
 * One step of AdaBelief ({@link AdaBelief#DEFAULT}: betas 0.9 and 0.999, {@code eps} and
 * {@code epsRoot} 1e-16, {@code a = 1e-3}) over {@code n} elements. Traffic (see
 * {@link StreamState#bytesPerElement()}): read {@code w, g, m, s}, write {@code w, m, s}.
 */
public class AdaBeliefBenchmark extends RuleBenchmark {

    private static final float EPSILON = 1e-16f;
    private static final float EPSILON_ROOT = 1e-16f;

    @Override
    protected UpdateRule measuredRule() {
        return AdaBelief.DEFAULT;
    }

    /** Optax's {@code adabelief} step over {@code float[]}, its bias corrections in double. */
    @Override
    protected void textbook() {
        long t = ++step;
        float stepSize = (float) (learningRate / (1 - Math.pow(0.9, t)));
        float correction2 = (float) (1 - Math.pow(0.999, t));
        float[] w = array(0);
        float[] g = array(1);
        float[] m = array(2);
        float[] s = array(3);
        for (int i = 0; i < w.length; i++) {
            m[i] = 0.9f * m[i] + (float) (1 - 0.9) * g[i];
            float e = g[i] - m[i];
            s[i] = 0.999f * s[i] + (float) (1 - 0.999) * (e * e) + EPSILON_ROOT;
            w[i] -= stepSize * m[i] / ((float) Math.sqrt(s[i] / correction2) + EPSILON);
        }
    }
}
