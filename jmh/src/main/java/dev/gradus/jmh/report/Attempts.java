package dev.gradus.jmh.report;

import dev.gradus.jmh.report.model.JmhResult;
import dev.gradus.jmh.report.model.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Measures a benchmark until its result passes its {@link Verdict}, as many times as allowed: a
 * result that allocates, ran uncompiled, whose warm-up was not steady, that is bimodal or is still
 * warming is measured again (with a longer warm-up, as the {@link Plan} says) when the plan and the
 * {@link TimeBudget} allow another attempt; the last result counts, and when it still fails, the
 * report marks it invalid.
 */
final class Attempts {

    /** One measurement. */
    @FunctionalInterface
    interface Measurement {
        /**
         * Measures the benchmark once.
         *
         * @param attempt the attempt, from 1
         * @return the result
         * @throws Exception when JMH fails
         */
        JmhResult measure(int attempt) throws Exception;
    }

    /** What to say about each attempt. */
    @FunctionalInterface
    interface Listener {
        /**
         * Called after each attempt.
         *
         * @param attempt the attempt, from 1
         * @param result  its result
         * @param verdict its verdict
         * @param last    whether no attempt follows
         */
        void measured(int attempt, JmhResult result, Verdict verdict, boolean last);
    }

    private Attempts() {
    }

    /**
     * Measures until a result passes or no further attempt is allowed.
     *
     * @param mayAttempt  whether an attempt after the first may run, asked with its number (2, 3,
     *                    ...) as soon as the one before has failed
     * @param measurement one measurement
     * @param listener    told of each attempt
     * @return every result, in order; the last one counts
     * @throws Exception when a measurement fails
     */
    static List<JmhResult> measure(IntPredicate mayAttempt, Measurement measurement, Listener listener)
            throws Exception {
        List<JmhResult> results = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            JmhResult result = measurement.measure(attempt);
            results.add(result);
            Verdict verdict = Verdict.of(result);
            boolean last = verdict.valid() || !mayAttempt.test(attempt + 1);
            listener.measured(attempt, result, verdict, last);
            if (last) {
                return results;
            }
        }
    }
}
