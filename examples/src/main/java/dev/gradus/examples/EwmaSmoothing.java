package dev.gradus.examples;

import dev.gradus.Ewma;
import dev.gradus.examples.chart.Axis;
import dev.gradus.examples.chart.Figure;
import dev.gradus.examples.chart.Panel;
import dev.gradus.examples.chart.Series;
import java.util.Random;

/**
 * Exponentially weighted averages of a noisy daily temperature, the example of the Optimization
 * algorithms week, with {@link Ewma}:
 *
 * <pre>
 *   v_0 = 0,   v_t = b v_{t-1} + (1 - b) theta_t,   corrected: v_t / (1 - b^t)
 * </pre>
 *
 * With {@code b = 0.9} the average follows about the last 10 days; with {@code b = 0.98} about
 * the last 50, smoother and later. Started at zero, the uncorrected averages begin near 0 and
 * take about {@code 1 / (1 - b)} days to catch up; the corrected ones start on the data.
 */
public final class EwmaSmoothing {

    /** The days of the chart: one year. */
    public static final int DAYS = 365;

    private static final long SEED = 20_260_101L;
    private static final int ZOOM_DAYS = 40;

    /**
     * The result of a run.
     *
     * @param temperatures        the noisy series, day 1 first
     * @param fast                {@code b = 0.9}, uncorrected
     * @param fastCorrected       {@code b = 0.9}, bias-corrected
     * @param slow                {@code b = 0.98}, uncorrected
     * @param slowCorrected       {@code b = 0.98}, bias-corrected
     * @param figure              the chart
     */
    public record Result(double[] temperatures, double[] fast, double[] fastCorrected, double[] slow,
                         double[] slowCorrected, Figure figure) {
    }

    private EwmaSmoothing() {
    }

    /**
     * Generates the series, averages it four ways and draws the year and its first 40 days.
     *
     * @param days the length of the series, {@code >= 1}
     * @return the series, the averages and the chart
     */
    public static Result run(int days) {
        double[] temperatures = temperatures(days);
        double[][] fast = averages(0.9, temperatures);
        double[][] slow = averages(0.98, temperatures);
        Figure figure = new Figure("Exponentially weighted averages of a noisy daily temperature", 2, 560, 380)
                .note("v(t) = b v(t-1) + (1 - b) theta(t) from v(0) = 0; dashed: uncorrected, solid: divided by 1 - b^t");
        figure.add(panel("The year", days, temperatures, fast, slow));
        figure.add(panel("The first " + Math.min(ZOOM_DAYS, days) + " days", Math.min(ZOOM_DAYS, days), temperatures, fast,
                slow));
        return new Result(temperatures, fast[0], fast[1], slow[0], slow[1], figure);
    }

    /** A seasonal curve, cold in January, plus Gaussian day-to-day noise of 6 F. */
    static double[] temperatures(int days) {
        Random random = new Random(SEED);
        double[] values = new double[days];
        for (int d = 0; d < days; d++) {
            values[d] = 52 - 14 * Math.cos(2 * Math.PI * (d - 20) / 365.0) + 6 * random.nextGaussian();
        }
        return values;
    }

    /** {@code {uncorrected, corrected}} averages of {@code series} with decay {@code b}. */
    static double[][] averages(double b, double[] series) {
        Ewma average = new Ewma(b);
        double[] plain = new double[series.length];
        double[] corrected = new double[series.length];
        for (int i = 0; i < series.length; i++) {
            average.add(series[i]);
            plain[i] = average.value();
            corrected[i] = average.corrected();
        }
        return new double[][] {plain, corrected};
    }

    private static Panel panel(String title, int days, double[] temperatures, double[][] fast, double[][] slow) {
        Panel panel = new Panel(title, Axis.linear("day", 0, days + 1), Axis.linear("temperature (F)", 0, 80));
        panel.add(Series.indexed("daily temperature", "#7f7f7f", Series.Style.DOTS, head(temperatures, days)));
        panel.add(Series.indexed("b = 0.9", "#d62728", Series.Style.DASHED, head(fast[0], days)));
        panel.add(Series.indexed("b = 0.9, corrected", "#d62728", Series.Style.LINE, head(fast[1], days)));
        panel.add(Series.indexed("b = 0.98", "#2ca02c", Series.Style.DASHED, head(slow[0], days)));
        panel.add(Series.indexed("b = 0.98, corrected", "#2ca02c", Series.Style.LINE, head(slow[1], days)));
        return panel;
    }

    private static double[] head(double[] values, int n) {
        return java.util.Arrays.copyOf(values, n);
    }
}
