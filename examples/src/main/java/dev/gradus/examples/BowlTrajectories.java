package dev.gradus.examples;

import dev.gradus.AdaGrad;
import dev.gradus.Adam;
import dev.gradus.Momentum;
import dev.gradus.RmsProp;
import dev.gradus.Sgd;
import dev.gradus.UpdateRule;
import dev.gradus.examples.chart.Axis;
import dev.gradus.examples.chart.Figure;
import dev.gradus.examples.chart.Palette;
import dev.gradus.examples.chart.Panel;
import dev.gradus.examples.chart.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every rule on the elongated bowl of the Optimization algorithms week:
 *
 * <pre>
 *   f(x, y) = 0.02 x^2 + y^2        gradient (0.04 x, 2 y), minimum f(0, 0) = 0
 * </pre>
 *
 * fifty times steeper across ({@code y}) than along ({@code x}). Each rule starts at
 * {@code (-9, 1.5)} and takes {@code steps} steps of {@link dev.gradus.Kernels#step}; its learning
 * rate is the one of the grid {@code 10^(k/8)}, {@code k = -24 .. 4}, whose run ends lowest.
 * Gradient descent zig-zags across the valley, momentum averages the zig-zag out, and the
 * adaptive rules (AdaGrad, RMSProp, Adam) rescale each coordinate so they head for the minimum
 * more directly.
 */
public final class BowlTrajectories {

    /** The steps each rule takes in the chart. */
    public static final int STEPS = 60;

    private static final float[] START = {-9f, 1.5f};
    private static final double STRETCH = 0.02;

    /**
     * One rule's path.
     *
     * @param label        the rule's name
     * @param rule         the rule
     * @param learningRate the tuned learning rate
     * @param xs           {@code x} at steps {@code 0 .. steps}
     * @param ys           {@code y} at steps {@code 0 .. steps}
     */
    public record Trajectory(String label, UpdateRule rule, double learningRate, double[] xs, double[] ys) {

        /**
         * The first step at which the path is within {@code radius} of the minimum.
         *
         * @param radius the distance from {@code (0, 0)}
         * @return the step, or -1 if the path never gets that close
         */
        public int firstStepWithin(double radius) {
            for (int i = 0; i < xs.length; i++) {
                if (Math.hypot(xs[i], ys[i]) <= radius) {
                    return i;
                }
            }
            return -1;
        }

        /** {@return how many times {@code y} changes sign along the path: the zig-zags across the valley} */
        public int crossings() {
            int count = 0;
            for (int i = 1; i < ys.length; i++) {
                if (Math.signum(ys[i]) * Math.signum(ys[i - 1]) < 0) {
                    count++;
                }
            }
            return count;
        }
    }

    /**
     * The result of a run.
     *
     * @param trajectories one per rule, in the order of the chart
     * @param figure       the chart
     */
    public record Result(List<Trajectory> trajectories, Figure figure) {

        /**
         * The trajectory of a rule.
         *
         * @param label the rule's name as in the chart
         * @return its trajectory
         * @throws IllegalArgumentException if no rule has that name
         */
        public Trajectory trajectory(String label) {
            return trajectories.stream().filter(t -> t.label().equals(label)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no trajectory named " + label));
        }
    }

    private BowlTrajectories() {
    }

    /**
     * Tunes and runs every rule, and draws their paths over the contours of {@code f}.
     *
     * @param steps the steps per run, {@code >= 1}
     * @return the paths and the chart
     */
    public static Result run(int steps) {
        List<Trajectory> trajectories = new ArrayList<>();
        rules().forEach((label, rule) -> trajectories.add(tuned(label, rule, steps)));
        Figure figure = new Figure("Every rule on the elongated bowl f(x, y) = 0.02 x\u00b2 + y\u00b2", 3, 400, 300)
                .note(String.format(Locale.ROOT,
                        "start (-9, 1.5), %d steps each; learning rate: the best of 10^(k/8) after %d steps", steps, steps));
        for (int i = 0; i < trajectories.size(); i++) {
            Trajectory t = trajectories.get(i);
            Panel panel = new Panel(String.format(Locale.ROOT, "%s, a = %.3g", t.label(), t.learningRate()),
                    Axis.linear("x", -10, 2), Axis.linear("y", -2.5, 2.5)).legend(false);
            contours(panel);
            panel.add(new Series(t.label(), Palette.color(i), Series.Style.LINE_AND_DOTS, t.xs(), t.ys()));
            panel.mark(0, 0, "minimum");
            figure.add(panel);
        }
        return new Result(List.copyOf(trajectories), figure);
    }

    /** The rules drawn, by name, in the chart's order. */
    static java.util.SequencedMap<String, UpdateRule> rules() {
        java.util.SequencedMap<String, UpdateRule> rules = new java.util.LinkedHashMap<>();
        rules.put("gradient descent", Sgd.DEFAULT);
        rules.put("momentum (EWMA, b = 0.9)", Momentum.ewma(0.9));
        rules.put("Nesterov (0.9)", Momentum.nesterov(0.9));
        rules.put("AdaGrad", AdaGrad.DEFAULT);
        rules.put("RMSProp (b = 0.9)", RmsProp.DEFAULT);
        rules.put("Adam", Adam.DEFAULT);
        return rules;
    }

    /** The run of the grid's learning rate that ends with the lowest {@code f}. */
    static Trajectory tuned(String label, UpdateRule rule, int steps) {
        Trajectory best = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (int k = -24; k <= 4; k++) {
            Trajectory candidate = path(label, rule, Math.pow(10, k / 8.0), steps);
            double loss = f(candidate.xs()[steps], candidate.ys()[steps]);
            if (loss < bestLoss) {
                bestLoss = loss;
                best = candidate;
            }
        }
        if (best == null) {
            throw new IllegalStateException(label + " diverged at every learning rate of the grid");
        }
        return best;
    }

    /** The path of {@code rule} at {@code learningRate} from the start. */
    static Trajectory path(String label, UpdateRule rule, double learningRate, int steps) {
        RuleRun run = new RuleRun(rule, START);
        float[] w = run.parameters();
        float[] g = run.gradient();
        double[] xs = new double[steps + 1];
        double[] ys = new double[steps + 1];
        xs[0] = w[0];
        ys[0] = w[1];
        for (int t = 1; t <= steps; t++) {
            gradient(w, g);
            run.step(learningRate);
            xs[t] = w[0];
            ys[t] = w[1];
        }
        return new Trajectory(label, rule, learningRate, xs, ys);
    }

    /** {@return a copy of the start {@code (-9, 1.5)} of every path} */
    static float[] start() {
        return START.clone();
    }

    /** Writes the gradient {@code (0.04 x, 2 y)} of {@code f} at {@code w = (x, y)} into {@code g}. */
    static void gradient(float[] w, float[] g) {
        g[0] = (float) (2 * STRETCH * w[0]);
        g[1] = 2 * w[1];
    }

    /** {@return the bowl's height at {@code (x, y)}} */
    static double f(double x, double y) {
        return STRETCH * x * x + y * y;
    }

    /** The level sets {@code f = c}: ellipses with half-axes {@code sqrt(c / 0.02)} and {@code sqrt(c)}. */
    private static void contours(Panel panel) {
        for (double level : new double[] {0.01, 0.05, 0.15, 0.4, 0.8, 1.4, 2.2, 3.87, 5.5}) {
            int n = 72;
            double[] xs = new double[n + 1];
            double[] ys = new double[n + 1];
            for (int i = 0; i <= n; i++) {
                double angle = 2 * Math.PI * i / n;
                xs[i] = Math.sqrt(level / STRETCH) * Math.cos(angle);
                ys[i] = Math.sqrt(level) * Math.sin(angle);
            }
            panel.guide(xs, ys);
        }
    }
}
