package dev.gradus.jmh;

import dev.gradus.RmsProp;
import dev.gradus.UpdateRule;

/**
 * One step of {@link RmsProp#DEFAULT} ({@code b = 0.9}, {@code a = 1e-3}) over {@code n}
 * elements: one square root and one division per element. Traffic (see
 * {@link StreamState#bytesPerElement()}): read {@code w, g, s}, write {@code w, s}.
 */
public class RmsPropBenchmark extends RuleBenchmark {

    @Override
    protected UpdateRule measuredRule() {
        return RmsProp.DEFAULT;
    }

    /** {@code s = b * s + (1 - b) * g * g; w -= lr * g / (sqrt(s) + eps)} over {@code float[]}. */
    @Override
    protected void textbook() {
        Textbook.rmsProp(array(0), array(1), array(2), (float) learningRate, (float) RmsProp.DEFAULT.decay(),
                (float) RmsProp.DEFAULT.epsilon());
    }
}
