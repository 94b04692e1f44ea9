package dev.gradus.jmh;

import dev.gradus.ScheduleFreeAdamW;
import dev.gradus.UpdateRule;

/**
 * One step of schedule-free AdamW ({@link ScheduleFreeAdamW#DEFAULT}, {@code a = 0.0025}) over
 * {@code n} elements. Traffic (see {@link StreamState#bytesPerElement()}): read {@code y, g, z, v},
 * write {@code y, z, v}; the averaging's two doubles are not per element.
 */
public class ScheduleFreeAdamWBenchmark extends RuleBenchmark {

    private final TextbookAveraging averaging = new TextbookAveraging();
    private long textbookStep;

    @Override
    protected UpdateRule measuredRule() {
        return ScheduleFreeAdamW.DEFAULT;
    }

    /**
     * The {@code schedulefree} package's step over {@code float[]}, as a Java user would write it:
     * the averaging weight in double, then {@code v}, {@code d}, {@code y} and {@code z} element by
     * element (z starts at 0 here rather than at y: the cost is the same).
     */
    @Override
    protected void textbook() {
        long t = ++textbookStep;
        double gamma = learningRate * Math.sqrt(1 - Math.pow(0.999, t));
        double average = averaging.next(gamma);
        float c = (float) average;
        float yStep = (float) (gamma * (0.9 * (1 - average) - 1));
        float zStep = (float) gamma;
        float b2 = 0.999f;
        float oneMinusB2 = (float) (1 - 0.999);
        float eps = 1e-8f;
        float[] y = array(0);
        float[] g = array(1);
        float[] z = array(2);
        float[] v = array(3);
        for (int i = 0; i < y.length; i++) {
            v[i] = b2 * v[i] + oneMinusB2 * (g[i] * g[i]);
            float d = g[i] / ((float) Math.sqrt(v[i]) + eps);
            y[i] = y[i] + c * (z[i] - y[i]) + yStep * d;
            z[i] -= zStep * d;
        }
    }
}
