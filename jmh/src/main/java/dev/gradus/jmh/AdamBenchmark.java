package dev.gradus.jmh;

import dev.gradus.Adam;
import dev.gradus.Kernels;
import dev.gradus.internal.RuleSteps;
import dev.gradus.internal.ScalarKernels;
import java.lang.foreign.MemorySegment;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * One step of {@link Adam#DEFAULT} ({@code a = 1e-3}) over {@code n} elements, in the four
 * {@link Variant}s. The step number counts up from 1 at the start of each trial, with the moments
 * zero as the rule requires. Traffic: {@value #BYTES_PER_ELEMENT} bytes per element (read
 * {@code w, g, m, v}, write {@code w, m, v}).
 */
public class AdamBenchmark extends StreamState {

    /** Bytes read and written per element by one step. */
    public static final int BYTES_PER_ELEMENT = 7 * Float.BYTES;

    // Inputs in non-final fields, so that C2 cannot fold them into the benchmark as constants.
    private Adam rule = Adam.DEFAULT;
    private double learningRate = Adam.DEFAULT_LEARNING_RATE;
    private float beta1 = (float) Adam.DEFAULT.beta1();
    private float beta2 = (float) Adam.DEFAULT.beta2();
    private float epsilon = (float) Adam.DEFAULT.epsilon();
    private float learningRateFloat = (float) Adam.DEFAULT_LEARNING_RATE;

    private long step;
    private MemorySegment w;
    private MemorySegment g;
    private MemorySegment m;
    private MemorySegment v;
    private float[] wArray;
    private float[] gArray;
    private float[] mArray;
    private float[] vArray;

    @Override
    protected int bufferCount() {
        return 4;
    }

    @Override
    protected void bind(Buffers buffers) {
        step = 0;
        w = buffers.segment(Buffers.PARAMETERS);
        g = buffers.segment(Buffers.GRADIENTS);
        m = buffers.segment(2);
        v = buffers.segment(3);
        wArray = buffers.array(Buffers.PARAMETERS);
        gArray = buffers.array(Buffers.GRADIENTS);
        mArray = buffers.array(2);
        vArray = buffers.array(3);
    }

    /** The public API on native segments. */
    @Benchmark
    public void gradus() {
        Kernels.adam(rule, learningRate, ++step, w, g, m, v);
    }

    /** The scalar kernel on the same segments, with the per-step scalars the facade computes. */
    @Benchmark
    public void scalarSegments() {
        RuleSteps.step(ScalarKernels.INSTANCE, rule, learningRate, ++step, w, g, m, v, null, 0, n);
    }

    /**
     * Algorithm 1 of the paper as a Java user would write it over {@code float[]}: three divides
     * and a square root per element. C2 auto-vectorizes it.
     */
    @Benchmark
    public void textbookArray() {
        long t = ++step;
        float b1 = beta1;
        float b2 = beta2;
        float eps = epsilon;
        float lr = learningRateFloat;
        float bc1 = (float) (1 - Math.pow(b1, t));
        float bc2 = (float) (1 - Math.pow(b2, t));
        float[] wa = wArray;
        float[] ga = gArray;
        float[] ma = mArray;
        float[] va = vArray;
        for (int i = 0; i < wa.length; i++) {
            float gi = ga[i];
            float mi = b1 * ma[i] + (1 - b1) * gi;
            float vi = b2 * va[i] + (1 - b2) * gi * gi;
            ma[i] = mi;
            va[i] = vi;
            float mHat = mi / bc1;
            float vHat = vi / bc2;
            wa[i] -= lr * mHat / ((float) Math.sqrt(vHat) + eps);
        }
    }

    /** The same traffic with one subtraction per element and buffer: the memory roofline. */
    @Benchmark
    public void roofline() {
        StreamKernels.readFourWriteThree(w, g, m, v, n);
    }
}
