package dev.gradus.jmh;

import dev.gradus.RmsProp;
import dev.gradus.UpdateRule;

/**
 * One step of centered RMSProp with momentum 0.9 ({@code b = 0.9}, {@code a = 1e-3}) over
 * {@code n} elements, the rule's heaviest form. Traffic (see
 * {@link StreamState#bytesPerElement()}): read {@code w, g, s, mbar, buf}, write {@code w, s, mbar, buf}.
 */
public class RmsPropCenteredBenchmark extends RuleBenchmark {

    private static final RmsProp RULE = RmsProp.DEFAULT.withCentered(true).withMomentum(0.9);

    @Override
    protected UpdateRule measuredRule() {
        return RULE;
    }

    /** The centered formula with momentum over {@code float[]}, as PyTorch's documentation writes it. */
    @Override
    protected void textbook() {
        float lr = (float) learningRate;
        float b = (float) RULE.decay();
        float eps = (float) RULE.epsilon();
        float mu = (float) RULE.momentum();
        float[] w = array(0);
        float[] g = array(1);
        float[] s = array(2);
        float[] mbar = array(3);
        float[] buf = array(4);
        for (int i = 0; i < w.length; i++) {
            s[i] = b * s[i] + (1 - b) * g[i] * g[i];
            mbar[i] = b * mbar[i] + (1 - b) * g[i];
            buf[i] = mu * buf[i] + g[i] / ((float) Math.sqrt(s[i] - mbar[i] * mbar[i]) + eps);
            w[i] -= lr * buf[i];
        }
    }
}
