package dev.gradus.jmh.report.text;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * JMH's own output, with a progress line before each benchmark, for example
 * {@code [3/32] AdamBenchmark.gradus n=65536 threads=1, ~4 min left}. One instance serves the
 * JMH runs of all thread counts, so {@code total} counts every method, size and thread count.
 * The time left is the planned time per benchmark until one has finished, then the average time
 * the finished ones took, times the benchmarks not yet finished.
 */
public final class ProgressFormat implements OutputFormat {

    private final OutputFormat delegate;
    private final int total;
    private final Duration planned;
    private final long startNanos = System.nanoTime();
    private int started;

    /**
     * A progress format over JMH's own.
     *
     * @param delegate     JMH's output format
     * @param total        the number of benchmarks of the run
     * @param perBenchmark the planned time of one benchmark
     */
    public ProgressFormat(OutputFormat delegate, int total, Duration perBenchmark) {
        this.delegate = delegate;
        this.total = total;
        this.planned = perBenchmark;
    }

    @Override
    public void startBenchmark(BenchmarkParams params) {
        Duration each = started == 0 ? planned : Duration.ofNanos(System.nanoTime() - startNanos).dividedBy(started);
        started++;
        String name = params.getBenchmark();
        String n = params.getParamsKeys().contains("n") ? params.getParam("n") : null;
        delegate.println("");
        delegate.println(line(started, total, name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1),
                n, params.getThreads(), each.multipliedBy(Math.max(1, total - started + 1))));
        delegate.startBenchmark(params);
    }

    /**
     * The progress line of benchmark {@code k} of {@code total}, for example
     * {@code [3/32] AdamBenchmark.gradus n=65536 threads=2, ~4 min left}; without
     * {@code n=} when {@code n} is {@code null}.
     */
    static String line(int k, int total, String benchmark, String n, int threads, Duration left) {
        return "[" + k + "/" + total + "] " + benchmark + (n == null ? "" : " n=" + n) + " threads=" + threads
                + ", ~" + approximately(left) + " left";
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

    @Override
    public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
        delegate.iteration(benchParams, params, iteration);
    }

    @Override
    public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration,
                                IterationResult data) {
        delegate.iterationResult(benchParams, params, iteration, data);
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        delegate.endBenchmark(result);
    }

    @Override
    public void startRun() {
        delegate.startRun();
    }

    @Override
    public void endRun(Collection<RunResult> result) {
        delegate.endRun(result);
    }

    @Override
    public void print(String s) {
        delegate.print(s);
    }

    @Override
    public void println(String s) {
        delegate.println(s);
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public void verbosePrintln(String s) {
        delegate.verbosePrintln(s);
    }

    @Override
    public void write(int b) {
        delegate.write(b);
    }

    @Override
    public void write(byte[] b) throws IOException {
        delegate.write(b);
    }
}
