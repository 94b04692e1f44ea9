package dev.gradus.jmh.harness;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.IterationType;

/**
 * Reports which code the benchmark ran while it was measured, from a flight recording of the fork
 * ({@link JitRecording}, counted by {@link JitTally}): how many of the benchmark threads' execution
 * samples ran C2 code ({@value #C2}), C1 code ({@value #C1}) and the interpreter
 * ({@value #INTERPRETED}), and the compilations ({@value #COMPILATIONS}) and deoptimizations
 * ({@value #DEOPTIMIZATIONS}) during the measurement. Compiled code allocates nothing whether C1
 * or C2 compiled it, and a scalar loop allocates nothing even interpreted; only this tells that a
 * result measured code C2 had compiled.
 *
 * <p>The recording starts before the first iteration, so before the trial's set-up and the
 * adaptive warm-up, and every compilation of the benchmark's code is in it. The counts come with
 * the last measurement iteration, after the recording has been read (a fraction of a second, not
 * measured); one line of the fork's output gives them in words. All are counts, summed over
 * iterations and forks (JMH counts an iteration without a value as 0 for the other policies).
 * Nothing when the JVM has no flight recorder. Add it with
 * {@code -prof dev.gradus.jmh.harness.JitProfiler}; the report does.
 */
public final class JitProfiler implements InternalProfiler {

    /** The metric of the samples of the measured code in C2 code. */
    public static final String C2 = "gradus.jit.c2";
    /** The metric of the samples of the measured code in C1 code. */
    public static final String C1 = "gradus.jit.c1";
    /** The metric of the samples of the measured code in the interpreter. */
    public static final String INTERPRETED = "gradus.jit.interpreted";
    /** The metric of the compilations of sampled methods during the measurement. */
    public static final String COMPILATIONS = "gradus.jit.compilations";
    /** The metric of the benchmark threads' deoptimizations during the measurement. */
    public static final String DEOPTIMIZATIONS = "gradus.jit.deoptimizations";

    private JitRecording recording;
    private boolean unavailable;
    private int measured;

    /** The profiler, as JMH creates it in each fork. */
    public JitProfiler() {
    }

    @Override
    public String getDescription() {
        return "Gradus JIT evidence: which tier ran the measured code, from a flight recording";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        if (recording == null && !unavailable) {
            try {
                recording = JitRecording.start();
            } catch (RuntimeException | LinkageError e) {
                unavailable = true;
                System.out.println("# Gradus JIT: no flight recording (" + e + ")");
            }
        }
        if (recording != null && iterationParams.getType() == IterationType.MEASUREMENT) {
            recording.beginIteration();
        }
    }

    @Override
    @SuppressWarnings("rawtypes") // JMH's interface declares the raw type
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        if (recording == null || iterationParams.getType() != IterationType.MEASUREMENT) {
            return List.of();
        }
        recording.endIteration();
        if (++measured < iterationParams.getCount()) {
            return List.of();
        }
        try (JitRecording done = recording) {
            recording = null;
            unavailable = true;
            long start = System.nanoTime();
            JitTally tally = done.tally();
            System.out.printf(Locale.ROOT, "# Gradus JIT of the measurement: %s (recording read in %.2f s)%n",
                    tally.describe(), (System.nanoTime() - start) / 1e9);
            return results(tally);
        } catch (IOException | RuntimeException e) {
            // No evidence rather than a failed benchmark: the report then says the result has none.
            System.out.println("# Gradus JIT: the recording could not be read (" + e + ")");
            return List.of();
        }
    }

    private static List<ScalarResult> results(JitTally tally) {
        return List.of(count(C2, tally.c2(), "samples"), count(C1, tally.c1(), "samples"),
                count(INTERPRETED, tally.interpreted(), "samples"),
                count(COMPILATIONS, tally.compilations(), "compilations"),
                count(DEOPTIMIZATIONS, tally.deoptimizations(), "deoptimizations"));
    }

    private static ScalarResult count(String metric, int count, String unit) {
        return new ScalarResult(metric, count, unit, AggregationPolicy.SUM);
    }
}
