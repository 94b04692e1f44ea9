package dev.gradus.jmh;

import dev.gradus.Ewma;
import dev.gradus.internal.ScalarKernels;
import java.lang.foreign.MemorySegment;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * One in-place update {@code average = 0.9 * average + 0.1 * value} ({@link Ewma#update}) over
 * {@code n} elements, in the four variants the report pairs ({@code gradus}, {@code scalarSegments},
 * {@code textbookArray}, {@code roofline}). Traffic (see {@link StreamState#bytesPerElement()}): read
 * {@code average, value}, write {@code average}.
 */
public class EwmaBenchmark extends StreamState {

    // Inputs in non-final fields, so that C2 cannot fold them into the benchmark as constants.
    private double decay = 0.9;
    private MemorySegment average;
    private MemorySegment value;
    private float[] averageArray;
    private float[] valueArray;

    @Override
    protected int bufferCount() {
        return 2;
    }

    @Override
    protected void bind(TrialBuffers buffers) {
        average = buffers.segment(TrialBuffers.PARAMETERS);
        value = buffers.segment(TrialBuffers.GRADIENTS);
        averageArray = buffers.array(TrialBuffers.PARAMETERS);
        valueArray = buffers.array(TrialBuffers.GRADIENTS);
    }

    @Override
    protected void callGradusOnce() {
        Ewma.update(decay, average, value, 0, 0);
    }

    /** The public API on native segments. */
    @Benchmark
    public void gradus() {
        Ewma.update(decay, average, value);
    }

    /** The scalar kernel on the same segments, with the coefficients {@code Ewma.update} passes. */
    @Benchmark
    public void scalarSegments() {
        ScalarKernels.INSTANCE.ewma(average, value, 0, n, (float) decay, (float) (1.0 - decay));
    }

    /** The loop a Java user would write over {@code float[]}; C2 auto-vectorizes it. */
    @Benchmark
    public void textbookArray() {
        float b = (float) decay;
        float[] a = averageArray;
        float[] x = valueArray;
        for (int i = 0; i < a.length; i++) {
            a[i] = b * a[i] + (1 - b) * x[i];
        }
    }

    /** The same traffic with one subtraction per element: the memory roofline. */
    @Benchmark
    public void roofline() {
        StreamKernels.readTwoWriteOne(average, value, n);
    }
}
