package dev.gradus.examples;

import dev.gradus.examples.chart.Axis;
import dev.gradus.examples.chart.Figure;
import dev.gradus.examples.chart.Palette;
import dev.gradus.examples.chart.Panel;
import dev.gradus.examples.chart.Series;
import dev.gradus.schedule.CosineAnnealing;
import dev.gradus.schedule.ExponentialDecay;
import dev.gradus.schedule.InverseSqrtDecay;
import dev.gradus.schedule.InverseTimeDecay;
import dev.gradus.schedule.LinearWarmup;
import dev.gradus.schedule.Schedule;
import dev.gradus.schedule.StepDecay;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.SequencedMap;

/**
 * The learning-rate decays of the Optimization algorithms week next to cosine annealing and a
 * linear warm-up, all from {@code a0 = 0.2}, evaluated at every step {@code t} of a run of
 * {@value #STEPS_PER_EPOCH} steps per epoch ({@code n} is the epoch, counted from 1):
 *
 * <pre>
 *   a0 / (1 + d n)                 InverseTimeDecay(a0, d).perEpoch(s)
 *   0.95^n a0                      ExponentialDecay(a0, 0.95).perEpoch(s)
 *   k / sqrt(n) a0                 InverseSqrtDecay(a0, k).perEpoch(s)
 *   0.5^floor((n - 1) / 10) a0     StepDecay(a0, 0.5, 10).perEpoch(s)
 *   cosine from a0 to a_min        CosineAnnealing(a0, a_min, steps)           (per step)
 *   warm-up, then cosine           LinearWarmup(a0, 0.05, w).followedBy(w, cosine)
 * </pre>
 */
public final class DecaySchedules {

    /** The epochs of the chart. */
    public static final int EPOCHS = 50;
    /** The steps (mini-batches) per epoch. */
    public static final int STEPS_PER_EPOCH = 10;
    /** The initial learning rate of every schedule. */
    public static final double A0 = 0.2;

    private static final double MINIMUM = 0.002;
    private static final int WARMUP_EPOCHS = 5;

    /**
     * The result of a run.
     *
     * @param schedules the schedules by label, in the chart's order
     * @param rates     the rate of each schedule at steps {@code t = 1 .. epochs * stepsPerEpoch}
     *                  ({@code rates.get(label)[t - 1]})
     * @param figure    the chart
     */
    public record Result(SequencedMap<String, Schedule> schedules, SequencedMap<String, double[]> rates, Figure figure) {
    }

    private DecaySchedules() {
    }

    /**
     * Evaluates every schedule at every step of {@code epochs} epochs and draws them.
     *
     * @param epochs the epochs, {@code > WARMUP_EPOCHS} (5)
     * @return the schedules, their rates and the chart
     */
    public static Result run(int epochs) {
        SequencedMap<String, Schedule> schedules = schedules(epochs);
        int steps = epochs * STEPS_PER_EPOCH;
        SequencedMap<String, double[]> rates = new LinkedHashMap<>();
        double[] epochAxis = new double[steps];
        for (int t = 1; t <= steps; t++) {
            epochAxis[t - 1] = (double) t / STEPS_PER_EPOCH;
        }
        Panel panel = new Panel(String.format(Locale.ROOT, "a0 = %.1f, %d steps per epoch", A0, STEPS_PER_EPOCH),
                Axis.linear("epoch", 0, epochs), Axis.linear("learning rate a", 0, 0.22));
        int i = 0;
        for (var entry : schedules.entrySet()) {
            double[] values = new double[steps];
            for (int t = 1; t <= steps; t++) {
                values[t - 1] = entry.getValue().learningRate(t);
            }
            rates.put(entry.getKey(), values);
            panel.add(new Series(entry.getKey(), Palette.color(i++), Series.Style.LINE, epochAxis, values));
        }
        Figure figure = new Figure("Learning-rate decay: the course's schedules, cosine and warm-up", 1, 900, 420)
                .note("each schedule's learningRate(t) at every step t; the per-epoch ones hold for the "
                        + STEPS_PER_EPOCH + " steps of an epoch")
                .add(panel);
        return new Result(schedules, rates, figure);
    }

    /** The schedules drawn, by label. */
    static SequencedMap<String, Schedule> schedules(int epochs) {
        long steps = (long) epochs * STEPS_PER_EPOCH;
        long warmup = (long) WARMUP_EPOCHS * STEPS_PER_EPOCH;
        SequencedMap<String, Schedule> schedules = new LinkedHashMap<>();
        schedules.put("a0 / (1 + 0.2 epoch)", new InverseTimeDecay(A0, 0.2).perEpoch(STEPS_PER_EPOCH));
        schedules.put("0.95^epoch a0", new ExponentialDecay(A0, 0.95).perEpoch(STEPS_PER_EPOCH));
        schedules.put("1 / sqrt(epoch) a0", new InverseSqrtDecay(A0, 1.0).perEpoch(STEPS_PER_EPOCH));
        schedules.put("staircase: halve every 10 epochs", new StepDecay(A0, 0.5, 10).perEpoch(STEPS_PER_EPOCH));
        schedules.put("cosine to 0.002 (per step)", new CosineAnnealing(A0, MINIMUM, steps));
        schedules.put("5-epoch linear warm-up, then cosine",
                new LinearWarmup(A0, 0.05, warmup).followedBy(warmup, new CosineAnnealing(A0, MINIMUM, steps - warmup)));
        return schedules;
    }
}
