package dev.gradus.jmh.report.model;

import java.util.Arrays;
import java.util.List;

/**
 * The values of one metric over the iterations of all forks of a benchmark (JMH's raw data), in
 * the order JMH measured them, and their order statistics.
 *
 * @param values the values, in the order measured
 */
public record Samples(List<Double> values) {

    /** No values. */
    public static final Samples NONE = new Samples(List.of());

    /** The values, copied. */
    public Samples {
        values = List.copyOf(values);
    }

    /**
     * The number of values.
     *
     * @return how many there are
     */
    public int count() {
        return values.size();
    }

    /**
     * The smallest value.
     *
     * @return the minimum, NaN without values
     */
    public double min() {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    /**
     * The largest value.
     *
     * @return the maximum, NaN without values
     */
    public double max() {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /**
     * The median: the middle value, or the mean of the two middle ones.
     *
     * @return the median, NaN without values
     */
    public double median() {
        double[] sorted = sorted();
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * The values in ascending order.
     *
     * @return a new sorted array
     */
    public double[] sorted() {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }
}
