package dev.gradus.examples;

import dev.gradus.Adam;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains one {@link Objective} with Adam under every {@link StorageConfiguration}, from the same
 * start with the same sequence of mini-batches, and measures each run against the float32 one.
 * Each step reads the model's weights ({@link StoredRun#modelWeights}), computes the objective's
 * float32 gradient there and steps through the stored buffers; after it, the run counts the
 * weights whose Adam state has {@code m != 0} but {@code v = 0}, a second moment that underflowed.
 */
final class StorageComparison {

    private StorageComparison() {
    }

    /**
     * The runs of every configuration, the float32 reference first.
     *
     * @param objective    the problem
     * @param rule         the update rule
     * @param learningRate its learning rate, constant
     * @param steps        the steps of each run
     * @param every        the steps between two samples of the loss and distance
     * @return one run per configuration, in the order of {@link StorageConfiguration#all()}
     */
    static List<PrecisionRun> run(Objective objective, Adam rule, double learningRate, int steps, int every) {
        List<PrecisionRun> runs = new ArrayList<>();
        PrecisionRun reference = null;
        for (StorageConfiguration configuration : StorageConfiguration.all()) {
            PrecisionRun run = train(objective, configuration, rule, learningRate, steps, every, reference);
            reference = reference == null ? run : reference;
            runs.add(run);
        }
        return List.copyOf(runs);
    }

    /** One run; its distances are to {@code reference}'s weights, or zero for the reference itself (null). */
    static PrecisionRun train(Objective objective, StorageConfiguration configuration, Adam rule,
                              double learningRate, int steps, int every, PrecisionRun reference) {
        StoredRun run = new StoredRun(rule, configuration.plan(), objective.start());
        float[] w = objective.start();
        float[] g = new float[w.length];
        int points = steps / every + 1;
        double[] sampled = new double[points];
        double[] losses = new double[points];
        double[] distances = new double[points];
        float[][] weights = new float[points][];
        float[] m = new float[w.length];
        float[] v = new float[w.length];
        int unscaled = 0;
        run.modelWeights(w);
        int point = 0;
        for (long t = 0; t <= steps; t++) {
            if (t > 0) {
                objective.gradient(t, w, g);
                run.step(learningRate, g);
                run.modelWeights(w);
                unscaled = Math.max(unscaled, unscaled(run, m, v));
            }
            if (t % every == 0) {
                sampled[point] = t;
                losses[point] = objective.loss(w);
                weights[point] = w.clone();
                distances[point] = reference == null ? 0 : distance(w, reference.weights()[point]);
                point++;
            }
        }
        return new PrecisionRun(configuration.label(), sampled, losses, distances, weights, run.gradientUnderflows(),
                unscaled);
    }

    /** {@return the weights whose Adam state has {@code m != 0} and {@code v = 0}} */
    private static int unscaled(StoredRun run, float[] m, float[] v) {
        run.state(0, m);
        run.state(1, v);
        int count = 0;
        for (int i = 0; i < m.length; i++) {
            if (m[i] != 0 && v[i] == 0) {
                count++;
            }
        }
        return count;
    }

    /** {@return the L2 distance of {@code a} and {@code b}, in double} */
    static double distance(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }
}
