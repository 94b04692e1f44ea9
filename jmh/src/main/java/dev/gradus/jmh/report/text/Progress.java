package dev.gradus.jmh.report.text;

import dev.gradus.jmh.harness.HostLoadProfiler;
import dev.gradus.jmh.harness.WarmupProfiler;
import dev.gradus.jmh.report.model.JitEvidence;
import dev.gradus.jmh.report.model.JmhResult;
import dev.gradus.jmh.report.model.Units;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The console's view of a run while JMH's own output goes to a file: a line before each benchmark,
 * {@code [3/128] adam n=65536 threads=1 gradus, ~8 min left}, and an indented line after it with
 * what it measured, a re-measurement or an invalid result. The time left is the planned time per
 * benchmark until one has finished, then the average time the finished ones took, times the
 * benchmarks not yet finished.
 */
public final class Progress {

    /** A share of the CPUs other processes used during a measurement above which the line says so, in percent. */
    public static final double BUSY_PERCENT = 25;

    private static final String INDENT = "        ";

    private final PrintStream console;
    private final int total;
    private final Duration planned;
    private final long startNanos = System.nanoTime();
    private int started;

    /**
     * Progress over a run.
     *
     * @param console      where the lines go
     * @param total        the number of benchmarks of the run
     * @param perBenchmark the planned time of one benchmark
     */
    public Progress(PrintStream console, int total, Duration perBenchmark) {
        this.console = console;
        this.total = total;
        this.planned = perBenchmark;
    }

    /**
     * Prints the line before a benchmark.
     *
     * @param label what runs, for example {@code adam n=65536 threads=1 gradus}
     * @return the line printed
     */
    public String start(String label) {
        Duration each = started == 0 ? planned : Duration.ofNanos(System.nanoTime() - startNanos).dividedBy(started);
        started++;
        String line = line(started, total, label, each.multipliedBy(Math.max(1, total - started + 1)));
        console.println(line);
        return line;
    }

    /**
     * Prints an indented line under the current benchmark.
     *
     * @param text the line
     */
    public void note(String text) {
        console.println(INDENT + text);
    }

    /**
     * The line before benchmark {@code k} of {@code total}.
     *
     * @param k         the benchmark's number, from 1
     * @param total     the number of benchmarks
     * @param label     what runs
     * @param left      the estimated time left, this benchmark included
     * @return for example {@code [3/32] adam n=65536 threads=2 gradus, ~4 min left}
     */
    public static String line(int k, int total, String label, Duration left) {
        return "[" + k + "/" + total + "] " + label + ", ~" + approximately(left) + " left";
    }

    /**
     * What an {@code AverageTime} result measured, in one line: the mean time per element with the
     * median and minimum, the bytes allocated, the adaptive warm-up, the share of its execution
     * samples in C2 code, and the CPU other processes took when that was much.
     *
     * @param result   the result
     * @param elements the elements one operation updates, all threads together
     * @return for example {@code 0.354 ns/elem (median 0.351, min 0.349), 0 B/op, warm-up 1.3 s, C2 100% of
     *         172 samples}
     */
    public static String outcome(JmhResult result, double elements) {
        List<String> parts = new ArrayList<>();
        double mean = result.nanosPerOp().value() / elements;
        parts.add(String.format(Locale.ROOT, "%.3f ns/elem (median %.3f, min %.3f)", mean,
                result.nanosSamples().median() / elements, result.nanosSamples().min() / elements));
        double bytes = result.allocatedBytesPerOp();
        if (!Double.isNaN(bytes)) {
            parts.add(Units.bytes(bytes) + "/op");
        }
        double warmup = result.secondaryScore(WarmupProfiler.TIME);
        if (!Double.isNaN(warmup)) {
            parts.add(String.format(Locale.ROOT, "warm-up %.1f s%s", warmup,
                    result.secondaryScore(WarmupProfiler.STEADY) == 0 ? " (not steady)" : ""));
        }
        JitEvidence jit = JitEvidence.of(result);
        if (jit.recorded()) {
            parts.add(String.format(Locale.ROOT, "C2 %.0f%% of %.0f samples", jit.c2Percent(), jit.samples()));
        }
        double others = result.secondaryScore(HostLoadProfiler.OTHERS);
        if (others > BUSY_PERCENT) {
            parts.add(String.format(Locale.ROOT, "other processes used %.0f%% of the CPUs", others));
        }
        return String.join(", ", parts);
    }

    /**
     * A duration in round words.
     *
     * @param duration the duration
     * @return {@code "40 s"} under two minutes, else whole minutes: {@code "4 min"}
     */
    public static String approximately(Duration duration) {
        long seconds = Math.max(1, Math.round(duration.toMillis() / 1000.0));
        return seconds < 120 ? seconds + " s" : Math.round(seconds / 60.0) + " min";
    }
}
