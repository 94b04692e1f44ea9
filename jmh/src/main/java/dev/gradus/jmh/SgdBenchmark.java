package dev.gradus.jmh;

import dev.gradus.Sgd;
import dev.gradus.UpdateRule;

/**
 * One step of {@link Sgd#DEFAULT} ({@code w -= a * g}, {@code a = 1e-2}) over {@code n} elements.
 * Traffic (see {@link StreamState#bytesPerElement()}): read {@code w, g}, write {@code w}.
 */
public class SgdBenchmark extends RuleBenchmark {

    @Override
    protected UpdateRule measuredRule() {
        return Sgd.DEFAULT;
    }

    /** The loop a Java user would write over {@code float[]}; C2 auto-vectorizes it. */
    @Override
    protected void textbook() {
        float lr = (float) learningRate;
        float[] w = array(0);
        float[] g = array(1);
        for (int i = 0; i < w.length; i++) {
            w[i] -= lr * g[i];
        }
    }
}
