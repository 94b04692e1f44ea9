package dev.gradus.jmh;

import dev.gradus.RmsProp;
import dev.gradus.UpdateRule;

/**
 * One step of {@link RmsProp#DEFAULT} ({@code b = 0.9}, {@code a = 1e-3}) over {@code n}
 * elements: one square root and one division per element. Traffic: {@value #BYTES_PER_ELEMENT}
 * bytes per element (read {@code w, g, s}, write {@code w, s}).
 */
public class RmsPropBenchmark extends RuleBenchmark {

    /** Bytes read and written per element by one step. */
    public static final int BYTES_PER_ELEMENT = 20;

    private float[] wa;
    private float[] ga;
    private float[] sa;

    @Override
    protected UpdateRule measuredRule() {
        return RmsProp.DEFAULT;
    }

    @Override
    protected void bindArrays(Buffers buffers) {
        wa = buffers.array(Buffers.PARAMETERS);
        ga = buffers.array(Buffers.GRADIENTS);
        sa = buffers.array(2);
    }

    /** {@code s = b * s + (1 - b) * g * g; w -= lr * g / (sqrt(s) + eps)} over {@code float[]}. */
    @Override
    protected void textbook() {
        float lr = (float) learningRate;
        float b = (float) RmsProp.DEFAULT.decay();
        float eps = (float) RmsProp.DEFAULT.epsilon();
        float[] w = wa;
        float[] g = ga;
        float[] s = sa;
        for (int i = 0; i < w.length; i++) {
            s[i] = b * s[i] + (1 - b) * g[i] * g[i];
            w[i] -= lr * g[i] / ((float) Math.sqrt(s[i]) + eps);
        }
    }
}
