package dev.gradus.jmh;

import dev.gradus.Adam;
import dev.gradus.Kernels;
import dev.gradus.internal.ScalarKernels;
import dev.gradus.internal.precision.StoredSteps;
import dev.gradus.precision.Rounding;
import dev.gradus.precision.StoragePlan;
import dev.gradus.precision.StorageType;
import dev.gradus.precision.Weights;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * One step of {@link Adam#DEFAULT} ({@code a = 1e-3}) over {@code n} elements stored as a
 * subclass's {@link StoragePlan} says, gradients float32, weights and state bfloat16 where the
 * plan says so: the report's rows for low-precision storage. The variants are those of every rule
 * benchmark: {@code gradus} ({@code Kernels.step} with the plan), {@code scalarSegments} (the same
 * tiled step on the scalar kernels and conversions), {@code textbookArray} ({@link StoredTextbook},
 * a plain loop over {@code short[]} and {@code float[]}) and {@code roofline} (the plan's bytes per
 * element with trivial math, {@link StreamKernels}).
 *
 * <p>Traffic, from the real types ({@link #bytesPerElement()}): the weights read and written in
 * their type, the gradient read in its type, {@code m} and {@code v} read and written; a Kahan
 * compensation read and written, a master's model copy written only. The trial's float buffers
 * hold the 16-bit buffers in their first half: parameters and gradients narrowed to nearest from
 * the trial's values, state zero.
 */
public abstract class StoredAdamBenchmark extends StreamState {

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final int M = 2;
    private static final int V = 3;
    private static final int COPY = 4;

    private final Adam rule = Adam.DEFAULT;
    // Inputs in non-final fields, so that C2 cannot fold them into the benchmark as constants.
    private StoragePlan plan;
    private double learningRate;
    private long step;
    private MemorySegment w;
    private MemorySegment copy;
    private MemorySegment g;
    private MemorySegment m;
    private MemorySegment v;
    private List<MemorySegment> state;
    private MemorySegment wideW;
    private MemorySegment wideState;
    private float[] textbookFloats;
    private short[] textbookWeights;
    private short[] textbookCopy;
    private float[] textbookGradient;
    private short[] textbookHalfGradient;
    private short[] textbookM;
    private short[] textbookV;

    /** The plan measured. */
    protected abstract StoragePlan plan();

    @Override
    protected final int bufferCount() {
        return plan().hasWeightCopy() ? 5 : 4;
    }

    /** The bytes one step reads and writes per element, from the plan's types (see the class Javadoc). */
    @Override
    public final int bytesPerElement() {
        StoragePlan p = plan();
        int copyBytes = switch (p.weights()) {
            case ROUNDED -> 0;
            case KAHAN -> 2 * p.parameter().bytes();
            case FLOAT32_MASTER -> p.parameter().bytes();
        };
        return 2 * p.paramBuffer().bytes() + copyBytes + p.gradient().bytes() + 2 * 2 * p.state().bytes();
    }

    @Override
    protected final void bind(TrialBuffers buffers) {
        plan = plan();
        learningRate = rule.defaultLearningRate();
        step = 0;
        wideW = buffers.segment(TrialBuffers.PARAMETERS);
        wideState = buffers.segment(M);
        w = stored(wideW, plan.paramBuffer(), true);
        g = stored(buffers.segment(TrialBuffers.GRADIENTS), plan.gradient(), true);
        m = stored(buffers.segment(M), plan.state(), false);
        v = stored(buffers.segment(V), plan.state(), false);
        copy = plan.hasWeightCopy() ? stored(buffers.segment(COPY), plan.parameter(), false) : null;
        state = List.of(m, v);
        textbookGradient = buffers.array(TrialBuffers.GRADIENTS);
        textbookHalfGradient = plan.gradient() == StorageType.FLOAT32 ? null : StoredTextbook.halves(textbookGradient);
        textbookFloats = buffers.array(TrialBuffers.PARAMETERS);
        textbookWeights = StoredTextbook.halves(buffers.array(TrialBuffers.PARAMETERS));
        textbookCopy = new short[n];
        textbookM = new short[n];
        textbookV = new short[n];
    }

    /**
     * A trial buffer as {@code type}: itself for float32, else its first {@code 2n} bytes, the
     * trial's values narrowed to nearest into them if {@code values}, zero otherwise. Element
     * {@code i} is written after the floats it overwrites were read.
     */
    private MemorySegment stored(MemorySegment floats, StorageType type, boolean values) {
        if (type == StorageType.FLOAT32) {
            return floats;
        }
        for (long i = 0; i < n; i++) {
            short h = values ? StoredTextbook.nearest(floats.getAtIndex(FLOAT, i)) : 0;
            floats.setAtIndex(SHORT, i, h);
        }
        return floats.asSlice(0, (long) n * Short.BYTES);
    }

    /**
     * A step of {@link #gradus}'s kind (unclipped, so the same loops) on the first elements, so that
     * the one pass, the tiles' kernels and the conversions it uses are seen and warmed.
     */
    @Override
    protected final void callGradusOnce() {
        long k = Math.min(n, 64);
        Kernels.step(rule, learningRate, 1, plan, head(w, plan.paramBuffer(), k),
                copy == null ? null : head(copy, plan.parameter(), k), head(g, plan.gradient(), k),
                List.of(head(m, plan.state(), k), head(v, plan.state(), k)));
    }

    private static MemorySegment head(MemorySegment buffer, StorageType type, long elements) {
        return buffer.asSlice(0, elements * type.bytes());
    }

    /** The public API on native segments. */
    @Benchmark
    public void gradus() {
        Kernels.step(rule, learningRate, ++step, plan, w, copy, g, state);
    }

    /** The same tiled step on the scalar kernels and conversions. */
    @Benchmark
    public void scalarSegments() {
        StoredSteps.step(ScalarKernels.INSTANCE, rule, learningRate, ++step, plan, w, copy, g, m, v, null, n, 0, n,
                false, Float.POSITIVE_INFINITY, 1f);
    }

    /** Adam over {@code short[]} and {@code float[]}, as a Java user would write it ({@link StoredTextbook}). */
    @Benchmark
    public void textbookArray() {
        float lr = (float) learningRate;
        float b1 = (float) rule.beta1();
        float b2 = (float) rule.beta2();
        float eps = (float) rule.epsilon();
        long t = ++step;
        switch (plan.weights()) {
            case KAHAN -> StoredTextbook.kahan(textbookWeights, textbookCopy, textbookGradient, textbookHalfGradient,
                    textbookM, textbookV, t, lr, b1, b2, eps);
            case FLOAT32_MASTER -> StoredTextbook.master(textbookFloats, textbookWeights, textbookGradient, textbookM,
                    textbookV, t, lr, b1, b2, eps);
            case ROUNDED -> {
                if (plan.parameter() == StorageType.FLOAT32) {
                    StoredTextbook.state(textbookFloats, textbookGradient, textbookM, textbookV, t, lr, b1, b2, eps,
                            plan.rounding() == Rounding.STOCHASTIC);
                } else {
                    StoredTextbook.rounded(textbookWeights, textbookGradient, textbookM, textbookV, t, lr, b1, b2, eps);
                }
            }
        }
    }

    /**
     * The plan's bytes with trivial math: {@code m} and {@code v}'s 16-bit streams as one float
     * stream of the same bytes, 16-bit weights with their Kahan compensation as another; 16-bit
     * weights alone, a master's model copy or a 16-bit gradient as a half-rate stream. The stored
     * benchmarks take a 16-bit gradient only with Kahan weights.
     */
    @Benchmark
    public void roofline() {
        if (plan.gradient() != StorageType.FLOAT32) {
            StreamKernels.readTwoWriteTwoPlusHalfRead(wideW, wideState, g, n);
        } else if (plan.weights() == Weights.FLOAT32_MASTER) {
            StreamKernels.readThreeWriteTwoPlusHalfWrite(wideW, g, wideState, copy, n);
        } else if (plan.paramBuffer() == StorageType.FLOAT32 || plan.weights() == Weights.KAHAN) {
            StreamKernels.readThreeWriteTwo(wideW, g, wideState, n);
        } else {
            StreamKernels.readTwoWriteOnePlusHalf(g, wideState, w, n);
        }
    }
}
