package dev.gradus.jmh.report.model;

import java.util.List;

/**
 * One metric of a JMH result: the score JMH aggregated over all measurement iterations of all
 * forks, its error, its unit, and the raw values per fork and iteration.
 *
 * @param score the aggregated score (for the primary metric the mean)
 * @param error the half-width of the score's 99.9% confidence interval, NaN when unknown
 * @param unit  for example {@code ns/op} or {@code B/op}
 * @param forks the raw values, one list per fork in iteration order; for a profiler's metric only
 *              the iterations it reported (JMH's GC profiler leaves out an iteration that
 *              allocated nothing)
 */
public record Metric(double score, double error, String unit, List<List<Double>> forks) {

    /** The raw values, copied. */
    public Metric {
        forks = forks.stream().<List<Double>>map(List::copyOf).toList();
    }

    /**
     * A metric without raw values.
     *
     * @param score the score
     * @param error its error
     * @param unit  its unit
     * @return the metric
     */
    public static Metric of(double score, double error, String unit) {
        return new Metric(score, error, unit, List.of());
    }

    /**
     * The raw values of all forks, fork after fork.
     *
     * @return the samples
     */
    public Samples samples() {
        return new Samples(forks.stream().flatMap(List::stream).toList());
    }
}
