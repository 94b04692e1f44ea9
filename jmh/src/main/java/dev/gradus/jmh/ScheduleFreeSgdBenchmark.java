package dev.gradus.jmh;

import dev.gradus.ScheduleFreeSgd;
import dev.gradus.UpdateRule;

/**
 * One step of schedule-free SGD ({@link ScheduleFreeSgd#DEFAULT}, {@code a = 1}) over {@code n}
 * elements. Traffic (see {@link StreamState#bytesPerElement()}): read {@code y, g, z}, write
 * {@code y, z}; the averaging's two doubles are not per element.
 */
public class ScheduleFreeSgdBenchmark extends RuleBenchmark {

    private final TextbookAveraging averaging = new TextbookAveraging();

    @Override
    protected UpdateRule measuredRule() {
        return ScheduleFreeSgd.DEFAULT;
    }

    /**
     * The {@code schedulefree} package's step over {@code float[]}, as a Java user would write it:
     * the averaging weight in double, then {@code y} and {@code z} element by element.
     */
    @Override
    protected void textbook() {
        double average = averaging.next(learningRate);
        float c = (float) average;
        float yStep = (float) (learningRate * (0.9 * (1 - average) - 1));
        float zStep = (float) learningRate;
        float[] y = array(0);
        float[] g = array(1);
        float[] z = array(2);
        for (int i = 0; i < y.length; i++) {
            y[i] = y[i] + c * (z[i] - y[i]) + yStep * g[i];
            z[i] -= zStep * g[i];
        }
    }
}
