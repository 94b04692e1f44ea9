package dev.gradus.examples;

import dev.gradus.Kernels;
import dev.gradus.MiniBatches;
import dev.gradus.Sgd;
import dev.gradus.examples.chart.Axis;
import dev.gradus.examples.chart.Figure;
import dev.gradus.examples.chart.Panel;
import dev.gradus.examples.chart.Series;
import java.lang.foreign.MemorySegment;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Batch, mini-batch and stochastic gradient descent on a logistic regression of generated data,
 * the picture of the Optimization algorithms week: the cost of each step's batch falls smoothly
 * for batch descent and noisily for mini-batches, whose batches differ from step to step, while
 * per epoch the small batches get much further.
 *
 * <pre>
 *   p = sigmoid(w0 + w1 x1 + w2 x2)
 *   J = mean over the batch of -y log p - (1 - y) log(1 - p)
 *   dJ/dw = mean over the batch of (p - y) (1, x1, x2)
 *   w &lt;- w - a dJ/dw                  Kernels.sgd(Sgd.DEFAULT, a, w, g)
 * </pre>
 *
 * {@link MiniBatches} shuffles the examples each epoch (seeded) and gathers each batch's rows;
 * a batch of all {@code m} examples is batch descent, a batch of 1 is stochastic descent.
 */
public final class BatchSizes {

    /**
     * The size of a run.
     *
     * @param examples   the training examples {@code m}
     * @param iterations the steps drawn in the left panel
     * @param epochs     the epochs drawn in the right panel
     */
    public record Size(int examples, int iterations, int epochs) {
    }

    /** The size of the chart. */
    public static final Size FULL = new Size(1024, 300, 20);

    /** The mini-batch size. */
    public static final int MINI_BATCH = 64;

    private static final long SEED = 7;
    private static final int ROW = 3; // x1, x2, y
    private static final double BATCH_RATE = 0.5;
    private static final double STOCHASTIC_RATE = 0.05;

    /**
     * One batch size's run.
     *
     * @param label        the name in the chart
     * @param batchSize    the examples per step
     * @param learningRate the learning rate
     * @param stepCosts    the cost of each step's batch, before the step, for the first iterations
     * @param epochs       the x values (epochs seen) of {@code trainingCosts}
     * @param trainingCosts the cost on the whole training set at those points
     */
    public record Run(String label, int batchSize, double learningRate, double[] stepCosts, double[] epochs,
                      double[] trainingCosts) {

        /** {@return the mean absolute change of the step cost from one step to the next: its noise} */
        public double roughness() {
            double sum = 0;
            for (int i = 1; i < stepCosts.length; i++) {
                sum += Math.abs(stepCosts[i] - stepCosts[i - 1]);
            }
            return sum / (stepCosts.length - 1);
        }
    }

    /**
     * The result.
     *
     * @param batch      batch descent
     * @param miniBatch  mini-batches of {@value #MINI_BATCH}
     * @param stochastic batches of one example
     * @param figure     the chart
     */
    public record Result(Run batch, Run miniBatch, Run stochastic, Figure figure) {
    }

    private BatchSizes() {
    }

    /**
     * Generates the data, runs the three batch sizes and draws their costs.
     *
     * @param size the number of examples, steps and epochs
     * @return the runs and the chart
     */
    public static Result run(Size size) {
        float[] data = data(size.examples());
        Run batch = descend("batch (m = " + size.examples() + ")", data, size, size.examples(), BATCH_RATE);
        Run mini = descend("mini-batch (" + MINI_BATCH + ")", data, size, MINI_BATCH, BATCH_RATE);
        Run stochastic = descend("stochastic (1)", data, size, 1, STOCHASTIC_RATE);

        Panel steps = new Panel("Cost of each step's batch", Axis.linear("iteration (step)", 0, size.iterations()),
                Axis.linear("cost J of the batch", 0, 1.5));
        steps.add(Series.indexed(stochastic.label(), "#9467bd", Series.Style.FAINT, stochastic.stepCosts()));
        steps.add(Series.indexed(mini.label(), "#ff7f0e", Series.Style.LINE, mini.stepCosts()));
        steps.add(Series.indexed(batch.label(), "#1f77b4", Series.Style.LINE, batch.stepCosts()));
        Panel epochs = new Panel("Cost on the whole training set", Axis.linear("epoch", 0, size.epochs()),
                Axis.linear("cost J of all m examples", 0.2, 0.8));
        for (Run run : new Run[] {stochastic, mini, batch}) {
            String color = run == batch ? "#1f77b4" : run == mini ? "#ff7f0e" : "#9467bd";
            epochs.add(new Series(run.label(), color, Series.Style.LINE, run.epochs(), run.trainingCosts()));
        }
        Figure figure = new Figure("Batch, mini-batch and stochastic gradient descent (logistic regression)", 2, 560, 380)
                .note(String.format(Locale.ROOT, "m = %d generated examples; learning rate %.2g (batch, mini-batch), %.2g "
                        + "(stochastic); one shuffle per epoch", size.examples(), BATCH_RATE, STOCHASTIC_RATE))
                .add(steps).add(epochs);
        return new Result(batch, mini, stochastic, figure);
    }

    /** Rows {@code x1, x2, y}: Gaussian features, labels drawn with {@code p = sigmoid(0.5 + 2 x1 - 3 x2)}. */
    static float[] data(int examples) {
        SplittableRandom random = new SplittableRandom(SEED);
        float[] rows = new float[examples * ROW];
        for (int i = 0; i < examples; i++) {
            float x1 = (float) random.nextGaussian();
            float x2 = (float) random.nextGaussian();
            double p = Logistic.sigmoid(0.5 + 2 * x1 - 3 * x2);
            rows[i * ROW] = x1;
            rows[i * ROW + 1] = x2;
            rows[i * ROW + 2] = random.nextDouble() < p ? 1f : 0f;
        }
        return rows;
    }

    private static Run descend(String label, float[] data, Size size, int batchSize, double learningRate) {
        int m = size.examples();
        MiniBatches batches = new MiniBatches(m, batchSize, SEED, MiniBatches.LastBatch.KEEP);
        MemorySegment source = MemorySegment.ofArray(data);
        float[] batchRows = new float[batchSize * ROW];
        MemorySegment batchSegment = MemorySegment.ofArray(batchRows);
        float[] w = new float[3];
        float[] g = new float[3];
        double[] stepCosts = new double[size.iterations()];
        int perEpoch = batches.stepsPerEpoch();
        int every = Math.max(1, perEpoch / 16); // about 16 points per epoch, or one per step
        int points = size.epochs() * perEpoch / every + 1;
        double[] epochs = new double[points];
        double[] trainingCosts = new double[points];
        trainingCosts[0] = cost(w, data, m);
        int point = 1;
        long drawnSteps = (long) size.epochs() * perEpoch;
        MiniBatches.Epoch epoch = null;
        for (long t = 1; t <= Math.max(drawnSteps, stepCosts.length); t++) {
            long e = (t - 1) / perEpoch + 1;        // batch descent takes one step per epoch
            if (epoch == null || epoch.number() != e) {
                epoch = batches.epoch(e);
            }
            int rows = epoch.gather((int) ((t - 1) % perEpoch), source, ROW, batchSegment);
            double batchCost = gradient(w, batchRows, rows, g);
            if (t <= stepCosts.length) {
                stepCosts[(int) t - 1] = batchCost;
            }
            Kernels.sgd(Sgd.DEFAULT, learningRate, w, g);
            if (t <= drawnSteps && t % every == 0) {
                epochs[point] = (double) t / perEpoch;
                trainingCosts[point++] = cost(w, data, m);
            }
        }
        return new Run(label, batchSize, learningRate, stepCosts, epochs, trainingCosts);
    }

    /** Writes the batch's mean gradient into {@code g} and returns the batch's cost before the step. */
    private static double gradient(float[] w, float[] rows, int count, float[] g) {
        double cost = 0;
        double g0 = 0;
        double g1 = 0;
        double g2 = 0;
        for (int i = 0; i < count; i++) {
            double x1 = rows[i * ROW];
            double x2 = rows[i * ROW + 1];
            double y = rows[i * ROW + 2];
            double z = w[0] + w[1] * x1 + w[2] * x2;
            double error = Logistic.sigmoid(z) - y;
            g0 += error;
            g1 += error * x1;
            g2 += error * x2;
            cost += Logistic.logLoss(z, y);
        }
        g[0] = (float) (g0 / count);
        g[1] = (float) (g1 / count);
        g[2] = (float) (g2 / count);
        return cost / count;
    }

    /** The mean cost of {@code w} on the first {@code count} rows. */
    static double cost(float[] w, float[] rows, int count) {
        double cost = 0;
        for (int i = 0; i < count; i++) {
            double z = w[0] + w[1] * rows[i * ROW] + w[2] * rows[i * ROW + 1];
            cost += Logistic.logLoss(z, rows[i * ROW + 2]);
        }
        return cost / count;
    }
}
