package dev.gradus.jmh;

import dev.gradus.Adam;
import dev.gradus.UpdateRule;

/**
 * One step of {@link Adam#DEFAULT} ({@code a = 1e-3}) over {@code n} elements. Traffic (see
 * {@link StreamState#bytesPerElement()}): read {@code w, g, m, v}, write {@code w, m, v}.
 */
public class AdamBenchmark extends RuleBenchmark {

    @Override
    protected UpdateRule measuredRule() {
        return Adam.DEFAULT;
    }

    /** Algorithm 1 of the paper as a Java user would write it: {@link Textbook#adam}. */
    @Override
    protected void textbook() {
        Textbook.adam(array(0), array(1), array(2), array(3), ++step, (float) learningRate,
                (float) Adam.DEFAULT.beta1(), (float) Adam.DEFAULT.beta2(), (float) Adam.DEFAULT.epsilon());
    }
}
