package dev.gradus.examples;

import dev.gradus.Adam;
import dev.gradus.examples.chart.Axis;
import dev.gradus.examples.chart.Figure;
import dev.gradus.examples.chart.Palette;
import dev.gradus.examples.chart.Panel;
import dev.gradus.examples.chart.Series;
import dev.gradus.precision.StorageType;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Convergence with low-precision storage: Adam ({@link Adam#DEFAULT}: {@code b1 = 0.9},
 * {@code b2 = 0.999}, {@code eps = 1e-8}) trains each problem under every
 * {@link StorageConfiguration} for a fixed number of steps at a constant learning rate, and each
 * run is compared with the float32 run by its loss and by the distance of its weights to the
 * float32 weights at the same step ({@link PrecisionRun}). The charted problems:
 * <ul>
 *   <li>the elongated bowl {@code 0.02 x^2 + y^2} of {@link BowlTrajectories} at {@code a = 0.01}:
 *       steps small against the weights, where a bfloat16 weight rounded to nearest stops
 *       moving once {@code |a * step| < |w| 2^-9}, half a unit in its last place;</li>
 *   <li>the same bowl with its loss scaled by {@code 2^-20}: the same Adam path in float32 (up
 *       to {@code eps}), gradients near {@code 3e-7} and second moments near {@code 1e-16},
 *       below float16's range ({@code 6e-8} to {@code 65504});</li>
 *   <li>the 2-16-16-1 network of {@link MlpTraining} on its two spirals and mini-batches, at
 *       {@code a = 0.01}.</li>
 * </ul>
 * Two more problems go into the tables only: the bowl and the network at the learning rates the
 * guide's charts tuned ({@code 0.75} for 60 steps and {@code 0.1}).
 */
public final class PrecisionStudy {

    /**
     * One problem of the study.
     *
     * @param title        its name in the tables and the chart
     * @param objective    the problem
     * @param learningRate Adam's learning rate, constant
     * @param steps        the steps of each run
     * @param every        the steps between two samples of the loss and the distance
     * @param charted      whether the chart shows it
     */
    record Case(String title, Objective objective, double learningRate, int steps, int every, boolean charted) {
    }

    /**
     * The size of a study.
     *
     * @param bowlSteps  the steps on each bowl
     * @param bowlEvery  the steps between two samples on the bowls
     * @param mlp        the network's examples, hidden units, steps and sampling
     * @param guideRates whether to add the two problems at the guide's learning rates
     */
    public record Size(int bowlSteps, int bowlEvery, MlpTraining.Size mlp, boolean guideRates) {
    }

    /**
     * A problem's runs.
     *
     * @param problem the problem
     * @param runs    one per configuration, float32 first
     */
    public record Outcome(Case problem, List<PrecisionRun> runs) {

        /**
         * The run of a configuration.
         *
         * @param label the configuration's label
         * @return its run
         * @throws IllegalArgumentException if no configuration has that label
         */
        public PrecisionRun run(String label) {
            return runs.stream().filter(r -> r.label().equals(label)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no configuration named " + label));
        }

        /**
         * The distance between the float32 run's final weights and their rounding to
         * {@code type}: the least distance a model stored in {@code type} can have.
         *
         * @param type a 16-bit type
         * @return {@code || round(w32) - w32 ||_2}
         */
        public double roundingFloor(StorageType type) {
            float[][] weights = runs.getFirst().weights();
            float[] w = weights[weights.length - 1];
            float[] rounded = new float[w.length];
            for (int i = 0; i < w.length; i++) {
                rounded[i] = StoredBuffers.stored(type, w[i]);
            }
            return StorageComparison.distance(rounded, w);
        }
    }

    /**
     * The study's result.
     *
     * @param outcomes one per problem
     * @param figure   the chart of the charted problems
     */
    public record Result(List<Outcome> outcomes, Figure figure) {

        /**
         * The outcome of a problem.
         *
         * @param title the problem's title, or its start
         * @return its outcome
         * @throws IllegalArgumentException if no problem's title starts so
         */
        public Outcome outcome(String title) {
            return outcomes.stream().filter(o -> o.problem().title().startsWith(title)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no problem named " + title));
        }
    }

    /** The study of {@code docs/precision-convergence.md}. */
    public static final Size FULL = new Size(2000, 10, MlpTraining.FULL, true);

    /** The small learning rate of the charted problems. */
    static final double RATE = 0.01;
    /** The factor of the scaled bowl's loss. */
    static final float SCALE = 0x1p-20f;

    private PrecisionStudy() {
    }

    /** {@return the problems of a study of this size, the charted ones first} */
    static List<Case> problems(Size size) {
        MlpTraining.Size mlp = size.mlp();
        String network = "the 2-" + mlp.hidden() + "-" + mlp.hidden() + "-1 network";
        List<Case> cases = new ArrayList<>(List.of(
                new Case("bowl, a = 0.01", Objective.bowl(), RATE, size.bowlSteps(), size.bowlEvery(), true),
                new Case("bowl scaled by 2^-20, a = 0.01", Objective.bowl().scaled(SCALE), RATE,
                        size.bowlSteps(), size.bowlEvery(), true),
                new Case(network + ", a = 0.01", new MlpObjective(mlp), RATE, mlp.steps(), mlp.evalEvery(),
                        true)));
        if (size.guideRates()) {
            cases.add(new Case("bowl, a = 0.75 (the guide's rate)", Objective.bowl(), Math.pow(10, -1 / 8.0),
                    BowlTrajectories.STEPS, 1, false));
            cases.add(new Case(network + ", a = 0.1 (the guide's rate)", new MlpObjective(mlp), 0.1,
                    mlp.steps(), mlp.evalEvery(), false));
        }
        return List.copyOf(cases);
    }

    /**
     * Trains every problem under every configuration and draws the charted ones.
     *
     * @param size the steps and problems
     * @return the runs and the chart
     */
    public static Result run(Size size) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Case problem : problems(size)) {
            outcomes.add(new Outcome(problem, StorageComparison.run(problem.objective(), Adam.DEFAULT,
                    problem.learningRate(), problem.steps(), problem.every())));
        }
        Figure figure = new Figure("Adam with low-precision storage against float32", 2, 640, 380)
                .note("each problem trained under every configuration from the same start with the same batches; "
                        + "right: L2 distance of the model's weights to the float32 run's at the same step");
        for (Outcome outcome : outcomes) {
            if (outcome.problem().charted()) {
                figure.add(panel(outcome, true)).add(panel(outcome, false));
            }
        }
        return new Result(List.copyOf(outcomes), figure);
    }

    /**
     * The loss panel, or the distance panel, of one problem. The float32 run is drawn last, black
     * and dashed, so that the runs that follow it stay visible under it; its distance, zero, is
     * not drawn (a logarithmic axis has no zero), but the legend names it.
     */
    private static Panel panel(Outcome outcome, boolean loss) {
        Case problem = outcome.problem();
        List<double[]> values = outcome.runs().stream().map(r -> positive(loss ? r.losses() : r.distances())).toList();
        Panel panel = new Panel(problem.title() + (loss ? ": loss" : ": distance to float32"),
                Axis.linear("step", 0, problem.steps()),
                logarithmic(loss ? "loss (log scale)" : "distance (log scale)", values)).legend(!loss);
        for (int i = 1; i <= values.size(); i++) {
            int k = i % values.size();
            PrecisionRun run = outcome.runs().get(k);
            String color = k == 0 ? "#000000" : Palette.color(k - 1);
            Series.Style style = k == 0 || run.label().startsWith("fp16") ? Series.Style.DASHED : Series.Style.LINE;
            panel.add(new Series(run.label(), color, style, run.steps(), values.get(k)));
        }
        return panel;
    }

    /** {@code values} with every value that is not positive and finite replaced by NaN, which a chart leaves out. */
    private static double[] positive(double[] values) {
        return Arrays.stream(values).map(v -> v > 0 && Double.isFinite(v) ? v : Double.NaN).toArray();
    }

    /** A logarithmic axis from the power of ten under the least value to the one over the largest. */
    private static Axis logarithmic(String title, List<double[]> values) {
        double[] finite = values.stream().flatMapToDouble(Arrays::stream).filter(Double::isFinite).toArray();
        double low = Math.floor(Math.log10(Arrays.stream(finite).min().orElse(1e-3)));
        double high = Math.ceil(Math.log10(Arrays.stream(finite).max().orElse(1)));
        return Axis.logarithmic(title, Math.pow(10, low), Math.pow(10, Math.max(high, low + 1)));
    }

    /**
     * Prints one Markdown table per problem: each configuration's final loss, its distance to the
     * float32 weights (final and largest over the samples), its largest weight, and the counts of
     * {@link PrecisionRun}.
     *
     * @param result the study
     * @param out    where to print
     */
    public static void print(Result result, PrintStream out) {
        for (Outcome outcome : result.outcomes()) {
            Case problem = outcome.problem();
            out.printf(Locale.ROOT, "%n### %s, %d steps%n%n", problem.title(), problem.steps());
            out.printf(Locale.ROOT, "float32 weights rounded to bf16 are %.3g away from them, to fp16 %.3g.%n%n",
                    outcome.roundingFloor(StorageType.BFLOAT16), outcome.roundingFloor(StorageType.FLOAT16));
            out.println("| configuration | final loss | distance, final | distance, max | largest weight "
                    + "| gradients stored as 0 | weights with m != 0, v = 0 |");
            out.println("|---|---|---|---|---|---|---|");
            for (PrecisionRun run : outcome.runs()) {
                out.printf(Locale.ROOT, "| %s | %.3g | %.3g | %.3g | %.3g | %d | %d |%n", run.label(), run.finalLoss(),
                        run.finalDistance(), run.maxDistance(), run.largestWeight(), run.gradientUnderflows(),
                        run.unscaledSteps());
            }
        }
    }
}
