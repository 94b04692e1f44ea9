package dev.gradus.jmh;

import dev.gradus.Kernels;
import dev.gradus.UpdateRule;
import dev.gradus.internal.RuleSteps;
import dev.gradus.internal.ScalarKernels;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * The variants every rule benchmark shares (the report pairs them by method name): {@code gradus} (the public API on native
 * segments), {@code scalarSegments} (the scalar kernel over the same segments, with the per-step
 * scalars the facade computes) and {@code roofline} (the rule's memory traffic with trivial math).
 * A subclass names its rule and writes {@code textbookArray}, the rule's formula over
 * {@code float[]} as a Java user would write it. The step number counts up from 1 in each trial.
 *
 * <p>Buffers: parameters, gradients, then the rule's {@link UpdateRule#stateBuffers()} state
 * buffers, which also give the traffic per element ({@link StreamState#bytesPerElement()}).
 */
public abstract class RuleBenchmark extends StreamState {

    // Inputs in non-final fields, so that C2 cannot fold them into the benchmark as constants.
    protected UpdateRule rule;
    protected double learningRate;
    protected long step;
    protected MemorySegment w;
    protected MemorySegment g;
    private List<MemorySegment> state;
    private MemorySegment state0;
    private MemorySegment state1;
    private MemorySegment state2;

    /** The rule measured. */
    protected abstract UpdateRule measuredRule();

    private TrialBuffers buffers;

    @Override
    protected final int bufferCount() {
        return 2 + measuredRule().stateBuffers();
    }

    @Override
    protected final void bind(TrialBuffers buffers) {
        rule = measuredRule();
        learningRate = rule.defaultLearningRate();
        step = 0;
        w = buffers.segment(TrialBuffers.PARAMETERS);
        g = buffers.segment(TrialBuffers.GRADIENTS);
        state = IntStream.range(0, rule.stateBuffers()).mapToObj(i -> buffers.segment(2 + i)).toList();
        state0 = state.isEmpty() ? null : state.get(0);
        state1 = state.size() < 2 ? null : state.get(1);
        state2 = state.size() < 3 ? null : state.get(2);
        this.buffers = buffers;
    }

    @Override
    protected final void callGradusOnce() {
        Kernels.step(rule, learningRate, 1, w, g, state, 0, 0);
    }

    /** Heap array {@code index} of {@code textbookArray}: 0 parameters, 1 gradients, then the state in the rule's order. */
    protected final float[] array(int index) {
        return buffers.array(index);
    }

    /** The public API on native segments. */
    @Benchmark
    public void gradus() {
        Kernels.step(rule, learningRate, ++step, w, g, state);
    }

    /** The scalar kernel on the same segments, with the per-step scalars the facade computes. */
    @Benchmark
    public void scalarSegments() {
        RuleSteps.step(ScalarKernels.INSTANCE, rule, learningRate, ++step, w, g, state0, state1, state2, 0, n);
    }

    /** The same traffic with one subtraction per element and written buffer: the memory roofline. */
    @Benchmark
    public void roofline() {
        switch (state.size()) {
            case 0 -> StreamKernels.readTwoWriteOne(w, g, n);
            case 1 -> StreamKernels.readThreeWriteTwo(w, g, state0, n);
            case 2 -> StreamKernels.readFourWriteThree(w, g, state0, state1, n);
            default -> StreamKernels.readFiveWriteFour(w, g, state0, state1, state2, n);
        }
    }

    /**
     * The rule's textbook formula over {@code float[]}, as a Java user would write it (JMH allows
     * no abstract benchmark method; the call to the subclass is monomorphic and inlined).
     */
    @Benchmark
    public void textbookArray() {
        textbook();
    }

    /** One step of the textbook formula over the heap arrays. */
    protected abstract void textbook();
}
