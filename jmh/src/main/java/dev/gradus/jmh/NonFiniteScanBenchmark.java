package dev.gradus.jmh;

import dev.gradus.Adam;
import dev.gradus.Kernels;
import java.lang.foreign.MemorySegment;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * The cost of checking a gradient for NaN and infinities before an optimizer step: an
 * {@link Adam#DEFAULT} step ({@code a = 1e-3}) over {@code n} elements alone, the same step after
 * {@link Kernels#firstNonFinite} over the gradient (as an optimizer that skips or rejects a
 * non-finite gradient runs it), and the scan alone. The gradients are finite, so every scan reads
 * the whole gradient. Not a rule of the throughput report: it has no {@code gradus} method.
 *
 * <p>Run it by hand (see jmh/README.md), for example with {@code NonFiniteScanBenchmark -p
 * n=65536,16777216}; the scan's overhead is {@code scanThenAdamStep / adamStep - 1}.
 */
public class NonFiniteScanBenchmark extends StreamState {

    // Inputs in non-final fields, so that C2 cannot fold them into the benchmark as constants.
    private Adam rule = Adam.DEFAULT;
    private double learningRate = Adam.DEFAULT_LEARNING_RATE;
    private long step;
    private MemorySegment w;
    private MemorySegment g;
    private MemorySegment m;
    private MemorySegment v;

    @Override
    protected int bufferCount() {
        return 4;
    }

    @Override
    protected void bind(TrialBuffers buffers) {
        step = 0;
        w = buffers.segment(TrialBuffers.PARAMETERS);
        g = buffers.segment(TrialBuffers.GRADIENTS);
        m = buffers.segment(2);
        v = buffers.segment(3);
    }

    @Override
    protected void callGradusOnce() {
        Kernels.firstNonFinite(g, 0, 0);
        Kernels.adam(rule, learningRate, 1, w, g, m, v, 0, 0);
    }

    /** An Adam step through the public API, without a check. */
    @Benchmark
    public void adamStep() {
        Kernels.adam(rule, learningRate, ++step, w, g, m, v);
    }

    /** The scan of the gradient, then the Adam step if the gradient is finite (always, here). */
    @Benchmark
    public long scanThenAdamStep() {
        long nonFinite = Kernels.firstNonFinite(g);
        if (nonFinite < 0) {
            Kernels.adam(rule, learningRate, ++step, w, g, m, v);
        }
        return nonFinite;
    }

    /** The scan of the gradient alone. */
    @Benchmark
    public long scan() {
        return Kernels.firstNonFinite(g);
    }
}
