package dev.gradus.djl.example;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import dev.gradus.Adam;
import dev.gradus.djl.GradusOptimizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;

/**
 * Trains the same multilayer perceptron twice with DJL's {@code Trainer} on the PyTorch engine,
 * from the same initial weights over the same batches: once with DJL's Adam, once with Gradus's
 * Adam through {@link GradusOptimizer}, both at learning rate {@code 1e-3} with
 * {@code b1 = 0.9, b2 = 0.999, eps = 1e-8}. Prints the mean loss of every epoch side by side and
 * the time per step.
 *
 * <p>The data: {@code samples} inputs {@code x} uniform in {@code [-1, 1)^features} and targets
 * {@code y = sum_j c_j sin(a_j . x)} of a fixed random teacher, seeded. The model:
 * {@code features -> hidden -> ReLU -> hidden -> ReLU -> 1}, L2 loss, mini-batches in a fixed order.
 *
 * <p>Options: {@code --epochs N} (20), {@code --samples N} (4096), {@code --features N} (16),
 * {@code --hidden N} (512), {@code --batch N} (64), {@code --threads N} (1, the Gradus step's
 * workers; on a machine with few cores, more workers compete for the cores with libtorch's own
 * intra-op threads, which can slow the whole step: see {@code djl/README.md}).
 */
public final class MlpTrainingExample {

    private static final float LEARNING_RATE = 1e-3f;
    private static final int SEED = 20261202;

    private MlpTrainingExample() {
    }

    /**
     * The example's sizes.
     *
     * @param epochs   passes over the data
     * @param samples  examples in the data
     * @param features inputs per example
     * @param hidden   units of each hidden layer
     * @param batch    examples per step
     * @param threads  workers of the Gradus step
     */
    public record Options(int epochs, int samples, int features, int hidden, int batch, int threads) {

        /** The defaults the class Javadoc lists. */
        public static final Options DEFAULT = new Options(20, 4096, 16, 512, 64, 1);

        /**
         * Reads {@code --name value} pairs over the defaults.
         *
         * @param args the command line
         * @return the options
         * @throws IllegalArgumentException for an unknown name, a missing or non-positive value
         */
        public static Options parse(String... args) {
            Options options = DEFAULT;
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value");
                }
                int value = Integer.parseInt(args[i + 1]);
                if (value < 1) {
                    throw new IllegalArgumentException("option " + args[i] + " must be >= 1, got " + value);
                }
                options = switch (args[i]) {
                    case "--epochs" -> new Options(value, options.samples, options.features, options.hidden, options.batch, options.threads);
                    case "--samples" -> new Options(options.epochs, value, options.features, options.hidden, options.batch, options.threads);
                    case "--features" -> new Options(options.epochs, options.samples, value, options.hidden, options.batch, options.threads);
                    case "--hidden" -> new Options(options.epochs, options.samples, options.features, value, options.batch, options.threads);
                    case "--batch" -> new Options(options.epochs, options.samples, options.features, options.hidden, value, options.threads);
                    case "--threads" -> new Options(options.epochs, options.samples, options.features, options.hidden, options.batch, value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (--epochs, --samples, --features, --hidden, --batch, --threads)");
                };
            }
            return options;
        }
    }

    /**
     * One training run.
     *
     * @param optimizer       which optimizer
     * @param epochLosses     the mean loss of every epoch
     * @param stepNanos       the mean time of a whole training step (forward, backward, optimizer)
     * @param optimizerNanos  the mean time of the optimizer's part, {@code Trainer.step()}
     * @param totalNanos      the wall time of the whole run
     */
    public record Run(String optimizer, List<Double> epochLosses, double stepNanos, double optimizerNanos, long totalNanos) {
    }

    /**
     * Runs the example with the options of {@code args} and prints the comparison.
     *
     * @param args {@code --name value} options
     * @throws IOException        if the dataset cannot be read
     * @throws TranslateException if a batch cannot be made
     */
    public static void main(String[] args) throws IOException, TranslateException {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        Options options = Options.parse(args);
        List<Run> runs = compare(options);
        System.out.print(report(options, runs));
    }

    /**
     * Trains with DJL's Adam, then with Gradus's.
     *
     * @param options the sizes
     * @return the two runs, DJL's first
     * @throws IOException        if the dataset cannot be read
     * @throws TranslateException if a batch cannot be made
     */
    public static List<Run> compare(Options options) throws IOException, TranslateException {
        List<Run> runs = new ArrayList<>();
        runs.add(train(options, "DJL Adam", block -> Optimizer.adam()
                .optLearningRateTracker(Tracker.fixed(LEARNING_RATE)).build()));
        runs.add(train(options, "Gradus Adam", block -> GradusOptimizer.builder(Adam.DEFAULT, LEARNING_RATE)
                .block(block).threads(options.threads()).build()));
        return runs;
    }

    private static Run train(Options options, String name, Function<SequentialBlock, Optimizer> optimizerOf)
            throws IOException, TranslateException {
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed(SEED);
        SequentialBlock block = new SequentialBlock()
                .add(Linear.builder().setUnits(options.hidden()).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(options.hidden()).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(1).build());
        Optimizer optimizer = optimizerOf.apply(block);
        try (Model model = Model.newInstance("mlp", engine.getEngineName());
             NDManager data = engine.newBaseManager()) {
            model.setBlock(block);
            ArrayDataset dataset = dataset(data, options);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(optimizer).optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(options.batch(), options.features()));
                return fit(trainer, dataset, options, name);
            }
        } finally {
            if (optimizer instanceof AutoCloseable closeable) {
                closeQuietly(closeable);
            }
        }
    }

    private static Run fit(Trainer trainer, ArrayDataset dataset, Options options, String name)
            throws IOException, TranslateException {
        List<Double> losses = new ArrayList<>();
        long stepNanos = 0;
        long optimizerNanos = 0;
        long steps = 0;
        long start = System.nanoTime();
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            double sum = 0;
            int batches = 0;
            for (Batch batch : trainer.iterateDataset(dataset)) {
                try (batch) {
                    long t0 = System.nanoTime();
                    try (GradientCollector collector = trainer.newGradientCollector()) {
                        NDList prediction = trainer.forward(batch.getData());
                        NDArray loss = trainer.getLoss().evaluate(batch.getLabels(), prediction);
                        collector.backward(loss);
                        sum += loss.getFloat();
                    }
                    long t1 = System.nanoTime();
                    trainer.step();
                    long t2 = System.nanoTime();
                    batches++;
                    if (epoch > 0 || options.epochs() == 1) {
                        stepNanos += t2 - t0;
                        optimizerNanos += t2 - t1;
                        steps++;
                    }
                }
            }
            losses.add(sum / batches);
        }
        long total = System.nanoTime() - start;
        return new Run(name, List.copyOf(losses), (double) stepNanos / steps, (double) optimizerNanos / steps, total);
    }

    /** Inputs uniform in [-1, 1), targets of a seeded sine teacher. */
    private static ArrayDataset dataset(NDManager manager, Options options) {
        Random random = new Random(SEED);
        int features = options.features();
        int units = 8;
        float[] a = new float[units * features];
        float[] c = new float[units];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextGaussian();
        }
        for (int j = 0; j < units; j++) {
            c[j] = (float) random.nextGaussian() / units;
        }
        float[] x = new float[options.samples() * features];
        float[] y = new float[options.samples()];
        for (int s = 0; s < options.samples(); s++) {
            for (int f = 0; f < features; f++) {
                x[s * features + f] = random.nextFloat() * 2 - 1;
            }
            double target = 0;
            for (int j = 0; j < units; j++) {
                double dot = 0;
                for (int f = 0; f < features; f++) {
                    dot += a[j * features + f] * x[s * features + f];
                }
                target += c[j] * Math.sin(dot);
            }
            y[s] = (float) target;
        }
        return new ArrayDataset.Builder()
                .setData(manager.create(x, new Shape(options.samples(), features)))
                .optLabels(manager.create(y, new Shape(options.samples(), 1)))
                .setSampling(options.batch(), false)
                .build();
    }

    /**
     * The comparison as text: the loss of every epoch side by side, then the times.
     *
     * @param options the sizes
     * @param runs    the runs
     * @return the text
     */
    public static String report(Options options, List<Run> runs) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "MLP %d-%d-%d-1 on the PyTorch engine (CPU), %d samples, batch %d, "
                        + "%d epochs; Adam lr 1e-3; Gradus step on %d thread(s)%n",
                options.features(), options.hidden(), options.hidden(), options.samples(), options.batch(),
                options.epochs(), options.threads()));
        out.append(String.format(Locale.ROOT, "%-8s", "epoch"));
        runs.forEach(run -> out.append(String.format(Locale.ROOT, "%16s", run.optimizer())));
        out.append(System.lineSeparator());
        for (int e = 0; e < options.epochs(); e++) {
            out.append(String.format(Locale.ROOT, "%-8d", e + 1));
            for (Run run : runs) {
                out.append(String.format(Locale.ROOT, "%16.6f", run.epochLosses().get(e)));
            }
            out.append(System.lineSeparator());
        }
        appendRow(out, "step ms", runs, run -> run.stepNanos() / 1e6);
        appendRow(out, "optim ms", runs, run -> run.optimizerNanos() / 1e6);
        appendRow(out, "total s", runs, run -> run.totalNanos() / 1e9);
        out.append("(step: forward, backward and optimizer; optim: Trainer.step(); means after the first epoch)")
                .append(System.lineSeparator());
        return out.toString();
    }

    private static void appendRow(StringBuilder out, String label, List<Run> runs, Function<Run, Double> value) {
        out.append(String.format(Locale.ROOT, "%-8s", label));
        runs.forEach(run -> out.append(String.format(Locale.ROOT, "%16.3f", value.apply(run))));
        out.append(System.lineSeparator());
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the optimizer failed", e);
        }
    }
}
