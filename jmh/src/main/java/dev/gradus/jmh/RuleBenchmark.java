package dev.gradus.jmh;

import dev.gradus.Kernels;
import dev.gradus.UpdateRule;
import dev.gradus.internal.RuleSteps;
import dev.gradus.internal.ScheduleFreeAveraging;
import dev.gradus.internal.ScalarKernels;
import java.lang.foreign.Arena;
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
 * buffers, which also give the traffic per element ({@link StreamState#bytesPerElement()}). A
 * schedule-free rule's {@code averaging} (4 floats, not one per element) is no trial buffer and no
 * traffic: it is a scratch segment of its own, and the rule steps whole parameters, so its
 * {@code callGradusOnce} steps empty slices with a scratch averaging of its own.
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
        UpdateRule measured = measuredRule();
        return 2 + measured.stateBuffers() - (ScheduleFreeAveraging.is(measured) ? 1 : 0);
    }

    /** State buffer {@code index}: trial buffer {@code 2 + index}, or a scratch averaging. */
    private static MemorySegment stateBuffer(UpdateRule rule, TrialBuffers buffers, int index) {
        return ScheduleFreeAveraging.isAveraging(rule, index)
                ? Arena.ofAuto().allocate(ScheduleFreeAveraging.FLOATS * Float.BYTES, 64)
                : buffers.segment(2 + index);
    }

    @Override
    protected final void bind(TrialBuffers buffers) {
        rule = measuredRule();
        learningRate = rule.defaultLearningRate();
        step = 0;
        w = buffers.segment(TrialBuffers.PARAMETERS);
        g = buffers.segment(TrialBuffers.GRADIENTS);
        state = IntStream.range(0, rule.stateBuffers()).mapToObj(i -> stateBuffer(rule, buffers, i)).toList();
        state0 = state.isEmpty() ? null : state.get(0);
        state1 = state.size() < 2 ? null : state.get(1);
        state2 = state.size() < 3 ? null : state.get(2);
        this.buffers = buffers;
    }

    @Override
    protected final void callGradusOnce() {
        if (ScheduleFreeAveraging.is(rule)) {
            List<MemorySegment> empty = IntStream.range(0, rule.stateBuffers())
                    .mapToObj(i -> ScheduleFreeAveraging.isAveraging(rule, i)
                            ? Arena.ofAuto().allocate(ScheduleFreeAveraging.FLOATS * Float.BYTES, 64)
                            : state.get(i).asSlice(0, 0))
                    .toList();
            Kernels.step(rule, learningRate, 1, w.asSlice(0, 0), g.asSlice(0, 0), empty);
        } else {
            Kernels.step(rule, learningRate, 1, w, g, state, 0, 0);
        }
    }

    /**
     * Heap array {@code index} of {@code textbookArray}: 0 parameters, 1 gradients, then the state
     * in the rule's order (a schedule-free averaging excepted).
     */
    protected final float[] array(int index) {
        return buffers.array(index);
    }

    /** The public API on native segments. */
    @Benchmark
    public void gradus() {
        Kernels.step(rule, learningRate, ++step, w, g, state);
    }

    /**
     * The scalar kernel on the same segments, with the per-step scalars the facade computes (a
     * schedule-free rule's averaging is not advanced: it costs nothing per element).
     */
    @Benchmark
    public void scalarSegments() {
        RuleSteps.step(ScalarKernels.INSTANCE, rule, learningRate, ++step, w, g, state0, state1, state2, 0, n);
    }

    /** The same traffic with one subtraction per element and written buffer: the memory roofline. */
    @Benchmark
    public void roofline() {
        switch (bufferCount() - 2) {
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
