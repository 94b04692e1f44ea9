package dev.gradus.examples;

import dev.gradus.Optimizer;
import dev.gradus.UpdateRule;
import dev.gradus.examples.chart.Axis;
import dev.gradus.examples.chart.Figure;
import dev.gradus.examples.chart.Palette;
import dev.gradus.examples.chart.Panel;
import dev.gradus.examples.chart.Series;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;
import java.util.SplittableRandom;

/**
 * A small {@link Mlp} (2-h-h-1, tanh, hand-written backpropagation; h = 16 in the chart) learns to tell two
 * interleaved spirals apart from the same start with each rule, through an {@link Optimizer}:
 *
 * <pre>{@code
 * try (Optimizer optimizer = Optimizer.builder(rule, learningRate).build()) {
 *     network.parameters().forEach((name, w) -> optimizer.add(name, w, network.gradients().get(name)));
 *     for each mini-batch:
 *         optimizer.zeroGradients();
 *         network.backward(batch, rows);       // writes the gradients
 *         optimizer.step();                    // updates every parameter in place
 * }
 * }</pre>
 *
 * Each rule's learning rate is the one of the grid {@code 10^(k/2)}, {@code k = -6 .. 1}, that
 * ends with the lowest training loss (those runs also warm the JIT up before the timed runs); the chart shows the
 * chosen run's training loss against steps and against the wall time of its steps (forward,
 * backward and optimizer step; the loss evaluations are not timed), the least at each point of
 * three identical runs. The wall time depends on the machine and its load: that panel differs
 * from run to run.
 */
public final class MlpTraining {

    /**
     * The size of a run.
     *
     * @param examples  the training examples
     * @param steps     the mini-batch steps per rule
     * @param evalEvery the steps between two evaluations of the training loss
     * @param hidden    the units of each hidden layer
     */
    public record Size(int examples, int steps, int evalEvery, int hidden) {
    }

    /** The size of the chart. */
    public static final Size FULL = new Size(512, 2000, 20, 16);

    /** The examples of a mini-batch. */
    static final int BATCH = 64;
    /** The seed of the training set and of its shuffles. */
    static final long DATA_SEED = 11;
    /** The seed of the network's initial weights. */
    static final long WEIGHT_SEED = 12;
    private static final int TIMED_RUNS = 3;

    /**
     * One rule's training run.
     *
     * @param label        the rule's name
     * @param learningRate the tuned learning rate
     * @param steps        the steps at which the loss was evaluated (0 is the start)
     * @param millis       the cumulated wall time of the steps up to each evaluation, in milliseconds
     * @param losses       the loss on the whole training set at each evaluation
     */
    public record Run(String label, double learningRate, double[] steps, double[] millis, double[] losses) {

        /** {@return the loss before the first step} */
        public double initialLoss() {
            return losses[0];
        }

        /** {@return the loss after the last step} */
        public double finalLoss() {
            return losses[losses.length - 1];
        }
    }

    /**
     * The result.
     *
     * @param runs   one per rule, in the chart's order
     * @param figure the chart
     */
    public record Result(List<Run> runs, Figure figure) {
    }

    private MlpTraining() {
    }

    /**
     * Tunes and trains the network with every rule and draws the losses.
     *
     * @param size the examples, steps and evaluation interval
     * @return the runs and the chart
     */
    public static Result run(Size size) {
        float[] data = twoSpirals(size.examples());
        SequencedMap<String, UpdateRule> rules = BowlTrajectories.rules();
        Map<String, Double> rates = new LinkedHashMap<>();
        rules.forEach((label, rule) -> rates.put(label, tune(label, rule, data, size)));
        List<Run> runs = new ArrayList<>(); // timed after all the tuning runs have warmed the JIT up
        rules.forEach((label, rule) -> runs.add(fastestOf(TIMED_RUNS, label, rule, rates.get(label), data, size)));
        double maxMillis = runs.stream().mapToDouble(r -> r.millis()[r.millis().length - 1]).max().orElse(1);
        Panel bySteps = new Panel("Training loss against steps", Axis.linear("step", 0, size.steps()),
                lossAxis(runs)).legend(false);
        Panel byTime = new Panel("Training loss against wall time", Axis.linear("milliseconds", 0, Axis.roundUp(maxMillis)),
                lossAxis(runs));
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            String label = String.format(Locale.ROOT, "%s, a = %.3g", run.label(), run.learningRate());
            bySteps.add(new Series(label, Palette.color(i), Series.Style.LINE, run.steps(), run.losses()));
            byTime.add(new Series(label, Palette.color(i), Series.Style.LINE, run.millis(), run.losses()));
        }
        Figure figure = new Figure("A 2-" + size.hidden() + "-" + size.hidden() + "-1 network trained by backpropagation with each rule", 2, 600, 400)
                .note(String.format(Locale.ROOT, "two spirals, %d examples, mini-batches of %d, Optimizer with one thread, time: fastest of 3 runs; "
                        + "learning rate: the best of 10^(k/2) after %d steps", size.examples(), BATCH, size.steps()))
                .add(bySteps).add(byTime);
        return new Result(List.copyOf(runs), figure);
    }

    /** The learning rate of the grid {@code 10^(k/2)} with which {@code rule} ends lowest. */
    static double tune(String label, UpdateRule rule, float[] data, Size size) {
        double best = Double.NaN;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (int k = -6; k <= 1; k++) {
            double rate = Math.pow(10, k / 2.0);
            double loss = train(label, rule, rate, data, size).finalLoss();
            if (loss < bestLoss) {
                bestLoss = loss;
                best = rate;
            }
        }
        if (Double.isNaN(best)) {
            throw new IllegalStateException(label + " diverged at every learning rate of the grid");
        }
        return best;
    }

    /**
     * {@code count} identical runs (the losses do not change from run to run), with the wall time
     * at each point the least of the runs': the run least disturbed by the rest of the machine.
     */
    static Run fastestOf(int count, String label, UpdateRule rule, double learningRate, float[] data, Size size) {
        Run fastest = train(label, rule, learningRate, data, size);
        double[] millis = fastest.millis();
        for (int i = 1; i < count; i++) {
            double[] again = train(label, rule, learningRate, data, size).millis();
            for (int p = 0; p < millis.length; p++) {
                millis[p] = Math.min(millis[p], again[p]);
            }
        }
        return new Run(label, learningRate, fastest.steps(), millis, fastest.losses());
    }

    /** A logarithmic loss axis from a power of ten under the lowest loss up to 1. */
    private static Axis lossAxis(List<Run> runs) {
        double lowest = runs.stream().flatMapToDouble(r -> Arrays.stream(r.losses()))
                .filter(v -> v > 0).min().orElse(0.01);
        return Axis.logarithmic("training loss (log scale)", Math.pow(10, Math.floor(Math.log10(Math.min(lowest, 0.1)))), 1);
    }

    /** Trains a fresh network (the same initial weights every time) with {@code rule}. */
    static Run train(String label, UpdateRule rule, double learningRate, float[] data, Size size) {
        int examples = data.length / 3;
        Mlp network = new Mlp(size.hidden(), WEIGHT_SEED);
        BatchSequence batches = new BatchSequence(data, 3, BATCH, DATA_SEED);
        int points = size.steps() / size.evalEvery() + 1;
        double[] steps = new double[points];
        double[] millis = new double[points];
        double[] losses = new double[points];
        losses[0] = network.loss(data, examples);
        long nanos = 0;
        int point = 1;
        try (Optimizer optimizer = Optimizer.builder(rule, learningRate).build()) {
            Map<String, MemorySegment> gradients = network.gradients();
            network.parameters().forEach((name, values) -> optimizer.add(name, values, gradients.get(name)));
            for (long t = 1; t <= size.steps(); t++) {
                long start = System.nanoTime();
                int rows = batches.gather(t);
                optimizer.zeroGradients();
                network.backward(batches.rows(), rows);
                optimizer.step();
                nanos += System.nanoTime() - start;
                if (t % size.evalEvery() == 0) {
                    steps[point] = t;
                    millis[point] = nanos / 1e6;
                    losses[point++] = network.loss(data, examples);
                }
            }
        }
        return new Run(label, learningRate, steps, millis, losses);
    }

    /**
     * Two interleaved spirals of one and a half turns, radius 0.2 to 2, with Gaussian noise of
     * 0.08: rows {@code x1, x2, y}.
     */
    static float[] twoSpirals(int examples) {
        SplittableRandom random = new SplittableRandom(DATA_SEED);
        float[] rows = new float[examples * 3];
        for (int i = 0; i < examples; i++) {
            int label = i % 2;
            double along = random.nextDouble();
            double radius = 0.2 + 1.8 * along;
            double angle = 3 * Math.PI * along + Math.PI * label;
            rows[3 * i] = (float) (radius * Math.cos(angle) + 0.08 * random.nextGaussian());
            rows[3 * i + 1] = (float) (radius * Math.sin(angle) + 0.08 * random.nextGaussian());
            rows[3 * i + 2] = label;
        }
        return rows;
    }
}
