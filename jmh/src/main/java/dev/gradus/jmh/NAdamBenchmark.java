package dev.gradus.jmh;

import dev.gradus.NAdam;
import dev.gradus.UpdateRule;

/**
 * One step of NAdam ({@link NAdam#DEFAULT}: betas 0.9 and 0.999, {@code eps = 1e-8},
 * {@code psi = 4e-3}, {@code a = 2e-3}) over {@code n} elements, at the step count the trial has
 * reached. Traffic (see {@link StreamState#bytesPerElement()}): read {@code w, g, m, v}, write
 * {@code w, m, v}.
 */
public class NAdamBenchmark extends RuleBenchmark {

    private static final float BETA1 = 0.9f;
    private static final float ONE_MINUS_BETA1 = (float) (1 - 0.9);
    private static final float BETA2 = 0.999f;
    private static final float ONE_MINUS_BETA2 = (float) (1 - 0.999);
    private static final float EPSILON = 1e-8f;

    /** The product of the momentum schedule so far, kept as PyTorch keeps it, for {@link #textbook()}. */
    private double muProduct;

    @Override
    protected UpdateRule measuredRule() {
        return NAdam.DEFAULT;
    }

    /** PyTorch's NAdam step over {@code float[]}, its per-step scalars in double. */
    @Override
    protected void textbook() {
        long t = ++step;
        double mu = 0.9 * (1 - 0.5 * Math.pow(0.96, t * 4e-3));
        double muNext = 0.9 * (1 - 0.5 * Math.pow(0.96, (t + 1) * 4e-3));
        muProduct = (t == 1 ? 1 : muProduct) * mu;
        float gradientStep = (float) (learningRate * (1 - mu) / (1 - muProduct));
        float momentumStep = (float) (learningRate * muNext / (1 - muProduct * muNext));
        float correction2 = (float) (1 - Math.pow(0.999, t));
        float[] w = array(0);
        float[] g = array(1);
        float[] m = array(2);
        float[] v = array(3);
        for (int i = 0; i < w.length; i++) {
            m[i] = BETA1 * m[i] + ONE_MINUS_BETA1 * g[i];
            v[i] = BETA2 * v[i] + ONE_MINUS_BETA2 * (g[i] * g[i]);
            float d = (float) Math.sqrt(v[i] / correction2) + EPSILON;
            w[i] -= gradientStep * g[i] / d + momentumStep * m[i] / d;
        }
    }
}
