package dev.gradus.jmh;

import dev.gradus.Rprop;
import dev.gradus.UpdateRule;

/**
 * One step of Rprop ({@link Rprop#DEFAULT}, its learning rate its initial step size 0.01) over
 * {@code n} elements. Traffic (see {@link StreamState#bytesPerElement()}): read
 * {@code w, g, prev, s}, write {@code w, prev, s}.
 */
public class RpropBenchmark extends RuleBenchmark {

    @Override
    protected UpdateRule measuredRule() {
        return Rprop.DEFAULT;
    }

    /** PyTorch's Rprop step over {@code float[]}. */
    @Override
    protected void textbook() {
        float etaMinus = 0.5f;
        float etaPlus = 1.2f;
        float min = 1e-6f;
        float max = 50f;
        float[] w = array(0);
        float[] g = array(1);
        float[] previous = array(2);
        float[] stepSize = array(3);
        for (int i = 0; i < w.length; i++) {
            float p = g[i] * previous[i];
            float eta = p > 0f ? etaPlus : p < 0f ? etaMinus : 1f;
            stepSize[i] = Math.min(Math.max(stepSize[i] * eta, min), max);
            previous[i] = p < 0f ? 0f : g[i];
            w[i] -= Math.signum(previous[i]) * stepSize[i];
        }
    }
}
