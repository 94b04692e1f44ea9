package dev.gradus.jmh;

import dev.gradus.Adadelta;
import dev.gradus.UpdateRule;

/**
 * One step of Adadelta ({@link Adadelta#DEFAULT}: {@code rho = 0.9}, {@code eps = 1e-6},
 * {@code a = 1}) over {@code n} elements. Traffic (see {@link StreamState#bytesPerElement()}):
 * read {@code w, g, s, x}, write {@code w, s, x}.
 */
public class AdadeltaBenchmark extends RuleBenchmark {

    @Override
    protected UpdateRule measuredRule() {
        return Adadelta.DEFAULT;
    }

    /** PyTorch's Adadelta step over {@code float[]}. */
    @Override
    protected void textbook() {
        float lr = (float) learningRate;
        float rho = 0.9f;
        float oneMinusRho = (float) (1 - 0.9);
        float eps = 1e-6f;
        float[] w = array(0);
        float[] g = array(1);
        float[] s = array(2);
        float[] x = array(3);
        for (int i = 0; i < w.length; i++) {
            s[i] = rho * s[i] + oneMinusRho * (g[i] * g[i]);
            float d = (float) Math.sqrt(x[i] + eps) / (float) Math.sqrt(s[i] + eps) * g[i];
            x[i] = rho * x[i] + oneMinusRho * (d * d);
            w[i] -= lr * d;
        }
    }
}
