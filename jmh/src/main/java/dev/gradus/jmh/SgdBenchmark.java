package dev.gradus.jmh;

import dev.gradus.Kernels;
import dev.gradus.Sgd;
import dev.gradus.internal.RuleSteps;
import dev.gradus.internal.ScalarKernels;
import java.lang.foreign.MemorySegment;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * One step of {@link Sgd#DEFAULT} ({@code w -= a * g}, {@code a = 1e-2}) over {@code n}
 * elements, in the four {@link Variant}s. Traffic: {@value #BYTES_PER_ELEMENT} bytes per
 * element (read {@code w, g}, write {@code w}).
 */
public class SgdBenchmark extends StreamState {

    /** Bytes read and written per element by one step. */
    public static final int BYTES_PER_ELEMENT = 3 * Float.BYTES;

    // Inputs in non-final fields, so that C2 cannot fold them into the benchmark as constants.
    private Sgd rule = Sgd.DEFAULT;
    private double learningRate = Sgd.DEFAULT_LEARNING_RATE;
    private float learningRateFloat = (float) Sgd.DEFAULT_LEARNING_RATE;

    private MemorySegment w;
    private MemorySegment g;
    private float[] wArray;
    private float[] gArray;

    @Override
    protected int bufferCount() {
        return 2;
    }

    @Override
    protected void bind(Buffers buffers) {
        w = buffers.segment(Buffers.PARAMETERS);
        g = buffers.segment(Buffers.GRADIENTS);
        wArray = buffers.array(Buffers.PARAMETERS);
        gArray = buffers.array(Buffers.GRADIENTS);
    }

    /** The public API on native segments. */
    @Benchmark
    public void gradus() {
        Kernels.sgd(rule, learningRate, w, g);
    }

    /** The scalar kernel on the same segments, with the scalars the facade passes. */
    @Benchmark
    public void scalarSegments() {
        RuleSteps.step(ScalarKernels.INSTANCE, rule, learningRate, 1, w, g, null, null, null, 0, n);
    }

    /** The loop a Java user would write over {@code float[]}; C2 auto-vectorizes it. */
    @Benchmark
    public void textbookArray() {
        float lr = learningRateFloat;
        float[] wa = wArray;
        float[] ga = gArray;
        for (int i = 0; i < wa.length; i++) {
            wa[i] -= lr * ga[i];
        }
    }

    /** The same traffic with one subtraction per element: the memory roofline. */
    @Benchmark
    public void roofline() {
        StreamKernels.readTwoWriteOne(w, g, n);
    }
}
