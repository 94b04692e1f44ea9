package dev.gradus.examples.custom;

import dev.gradus.CustomRule;
import dev.gradus.CustomStep;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Lion (Chen et al. 2023) written as a user would write it, against Gradus's public API alone:
 * the example of {@code docs/custom-rules.md}. It computes what the built-in {@link dev.gradus.Lion}
 * computes, in the same operation order, so the two give the same bits, and the benchmarks compare
 * their speed.
 *
 * <pre>
 *   g &lt;- min(max(g, -clipValue), clipValue) * gradientScale      if the step is clipped
 *   c  = b1 * m + (1 - b1) * g
 *   m &lt;- b2 * m + (1 - b2) * g
 *   u  = sign(c) + lambda * w        (the decay term only if lambda != 0)
 *   w &lt;- w - a * u
 * </pre>
 * {@code sign} is computed by arithmetic, {@code min(max(c * 2^127 * 2^127, -1), 1)}, which every
 * vector width computes without lane masks.
 *
 * <p>State: the momentum {@code m}.
 *
 * @param beta1       {@code b1}, in {@code [0, 1)}
 * @param beta2       {@code b2}, in {@code [0, 1)}
 * @param weightDecay {@code lambda}, decoupled, {@code >= 0}
 */
public record CustomLion(double beta1, double beta2, double weightDecay) implements CustomRule {

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    /** Lion's defaults: betas 0.9 and 0.99, no decay. */
    public static final CustomLion DEFAULT = new CustomLion(0.9, 0.99, 0.0);

    /**
     * Validates the hyperparameters as the kernels receive them, as floats.
     *
     * @throws IllegalArgumentException naming the hyperparameter and its value
     */
    public CustomLion {
        requireDecayRate("beta1", beta1);
        requireDecayRate("beta2", beta2);
        if (!((float) weightDecay >= 0f && Float.isFinite((float) weightDecay))) {
            throw new IllegalArgumentException("weightDecay must be >= 0 and finite as a float, got " + weightDecay);
        }
    }

    private static void requireDecayRate(String name, double value) {
        if (!((float) value >= 0f && (float) value < 1f)) {
            throw new IllegalArgumentException(name + " must be in [0, 1) as a float, got " + value);
        }
    }

    @Override
    public int stateBuffers() {
        return 1;
    }

    @Override
    public String stateName(int index) {
        return "m";
    }

    @Override
    public CustomLion withWeightDecay(double lambda) {
        return new CustomLion(beta1, beta2, lambda);
    }

    @Override
    public double defaultLearningRate() {
        return 1e-4;
    }

    @Override
    public void scalarStep(CustomStep step, long from, long to) {
        MemorySegment param = step.parameter();
        MemorySegment gradient = step.gradient();
        MemorySegment momentum = step.state(0);
        float b1 = (float) beta1;
        float oneMinusB1 = (float) (1.0 - beta1);
        float b2 = (float) beta2;
        float oneMinusB2 = (float) (1.0 - beta2);
        float decay = (float) weightDecay;
        float a = step.learningRate();
        for (long i = from; i < to; i++) {
            long at = i * Float.BYTES;
            float w = param.get(FLOAT, at);
            float g = CustomStep.effectiveGradient(gradient.get(FLOAT, at), step.clipped(), step.clipValue(),
                    step.gradientScale());
            float m = momentum.get(FLOAT, at);
            float u = sign(b1 * m + oneMinusB1 * g);
            if (decay != 0f) {
                u = u + decay * w;
            }
            momentum.set(FLOAT, at, b2 * m + oneMinusB2 * g);
            param.set(FLOAT, at, w - a * u);
        }
    }

    @Override
    public void vectorStep(CustomStep step, long from, long to) {
        long done = CustomLionVector.step(this, step, from, to);
        scalarStep(step, done, to);
    }

    /** {@code min(max(x * 2^127 * 2^127, -1), 1)}: the sign of {@code x}, zeros and NaN kept. */
    static float sign(float x) {
        return Math.min(Math.max(x * 0x1p127f * 0x1p127f, -1f), 1f);
    }
}
