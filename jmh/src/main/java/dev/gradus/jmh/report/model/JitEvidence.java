package dev.gradus.jmh.report.model;

import dev.gradus.jmh.harness.JitProfiler;
import java.util.Locale;

/**
 * Which code a result measured, as {@link JitProfiler} recorded it in the forks: the benchmark
 * threads' execution samples during the measurement iterations by the tier of the code they ran,
 * and the compilations and deoptimizations meanwhile, summed over the forks.
 *
 * @param c2              samples in C2 code
 * @param c1              samples in C1 code
 * @param interpreted     samples in the interpreter
 * @param compilations    compilations of the running code's methods during the measurement
 * @param deoptimizations deoptimizations of the benchmark threads during the measurement
 */
public record JitEvidence(double c2, double c1, double interpreted, double compilations, double deoptimizations) {

    /** No evidence: the result was measured without the profiler, or without a flight recorder. */
    public static final JitEvidence NONE = new JitEvidence(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /**
     * The evidence of a result.
     *
     * @param result the result
     * @return its counts, {@link #NONE} when it has none
     */
    public static JitEvidence of(JmhResult result) {
        if (!result.secondary().containsKey(JitProfiler.C2)) {
            return NONE;
        }
        return new JitEvidence(result.secondaryScore(JitProfiler.C2), result.secondaryScore(JitProfiler.C1),
                result.secondaryScore(JitProfiler.INTERPRETED), result.secondaryScore(JitProfiler.COMPILATIONS),
                result.secondaryScore(JitProfiler.DEOPTIMIZATIONS));
    }

    /**
     * Whether there is evidence.
     *
     * @return {@code false} for {@link #NONE}
     */
    public boolean recorded() {
        return !Double.isNaN(c2);
    }

    /**
     * The samples whose tier is known.
     *
     * @return C2, C1 and interpreted samples together; NaN without evidence
     */
    public double samples() {
        return c2 + c1 + interpreted;
    }

    /**
     * The share of the samples in C2 code.
     *
     * @return percent; NaN without samples
     */
    public double c2Percent() {
        return percent(c2);
    }

    /**
     * The evidence in words.
     *
     * @return for example {@code "C2 12%, C1 61%, interpreted 27% of 170 samples, 9 deoptimizations"};
     *         {@code "-"} without evidence
     */
    public String describe() {
        if (!recorded()) {
            return "-";
        }
        return String.format(Locale.ROOT, "C2 %.0f%%, C1 %.0f%%, interpreted %.0f%% of %.0f samples%s", c2Percent(),
                percent(c1), percent(interpreted), samples(),
                deoptimizations > 0 ? String.format(Locale.ROOT, ", %.0f deoptimizations", deoptimizations) : "");
    }

    private double percent(double count) {
        return samples() > 0 ? 100 * count / samples() : Double.NaN;
    }
}
