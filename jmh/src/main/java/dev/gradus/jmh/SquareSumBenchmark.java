package dev.gradus.jmh;

import dev.gradus.Norms;
import java.lang.foreign.MemorySegment;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * The reductions of clipping over {@code n} gradient elements: {@link Norms#sumOfSquares} in its
 * fixed order and {@link Norms#maxAbs}, against the scalar loop a Java user would write,
 * {@code s += (double) g[i] * g[i]} over a {@code float[]} (one chain of dependent additions, which
 * the JIT may not reorder). Not a rule of the throughput report; run it by hand (see
 * {@code jmh/README.md}), for example {@code SquareSumBenchmark -p n=4096,16777216}.
 */
public class SquareSumBenchmark extends StreamState {

    private MemorySegment g;
    private float[] array;

    @Override
    protected int bufferCount() {
        return 2;
    }

    @Override
    protected void bind(TrialBuffers buffers) {
        g = buffers.segment(TrialBuffers.GRADIENTS);
        array = buffers.array(TrialBuffers.GRADIENTS);
    }

    @Override
    protected void callGradusOnce() {
        Norms.sumOfSquares(0.0, g, 0, 0);
        Norms.maxAbs(g, 0, 0);
    }

    /** The sum of squares in the fixed order. */
    @Benchmark
    public double sumOfSquares() {
        return Norms.sumOfSquares(g);
    }

    /** The largest absolute value. */
    @Benchmark
    public float maxAbs() {
        return Norms.maxAbs(g, 0, n);
    }

    /** The plain loop in double over a {@code float[]}: the baseline. */
    @Benchmark
    public double scalarLoop() {
        double sum = 0.0;
        for (float x : array) {
            sum += (double) x * x;
        }
        return sum;
    }
}
