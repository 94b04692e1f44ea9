package dev.gradus.jmh;

import dev.gradus.RmsProp;
import dev.gradus.UpdateRule;

/**
 * One step of centered RMSProp with momentum 0.9 ({@code b = 0.9}, {@code a = 1e-3}) over
 * {@code n} elements, the rule's heaviest form. Traffic: {@value #BYTES_PER_ELEMENT} bytes per
 * element (read {@code w, g, s, mbar, buf}, write {@code w, s, mbar, buf}).
 */
public class RmsPropCenteredBenchmark extends RuleBenchmark {

    /** Bytes read and written per element by one step. */
    public static final int BYTES_PER_ELEMENT = 36;

    private static final RmsProp RULE = RmsProp.DEFAULT.withCentered(true).withMomentum(0.9);

    private float[] wa;
    private float[] ga;
    private float[] sa;
    private float[] mbara;
    private float[] bufa;

    @Override
    protected UpdateRule measuredRule() {
        return RULE;
    }

    @Override
    protected void bindArrays(Buffers buffers) {
        wa = buffers.array(Buffers.PARAMETERS);
        ga = buffers.array(Buffers.GRADIENTS);
        sa = buffers.array(2);
        mbara = buffers.array(3);
        bufa = buffers.array(4);
    }

    /** The centered formula with momentum over {@code float[]}, as PyTorch's documentation writes it. */
    @Override
    protected void textbook() {
        float lr = (float) learningRate;
        float b = (float) RULE.decay();
        float eps = (float) RULE.epsilon();
        float mu = (float) RULE.momentum();
        float[] w = wa;
        float[] g = ga;
        float[] s = sa;
        float[] mbar = mbara;
        float[] buf = bufa;
        for (int i = 0; i < w.length; i++) {
            s[i] = b * s[i] + (1 - b) * g[i] * g[i];
            mbar[i] = b * mbar[i] + (1 - b) * g[i];
            buf[i] = mu * buf[i] + g[i] / ((float) Math.sqrt(s[i] - mbar[i] * mbar[i]) + eps);
            w[i] -= lr * buf[i];
        }
    }
}
