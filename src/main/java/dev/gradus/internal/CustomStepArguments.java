package dev.gradus.internal;

import dev.gradus.CustomRule;
import dev.gradus.CustomStep;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * The {@link CustomStep} Gradus hands to a {@link CustomRule}'s kernels: one per thread, refilled
 * for each call and emptied after it ({@link #forThisThread()}), so that a step allocates nothing.
 */
public final class CustomStepArguments implements CustomStep {

    private static final ThreadLocal<CustomStepArguments> PER_THREAD = ThreadLocal.withInitial(CustomStepArguments::new);

    private long step;
    private float learningRate;
    private boolean clipped;
    private float clipValue;
    private float gradientScale;
    private MemorySegment parameter;
    private MemorySegment gradient;
    private MemorySegment state0;
    private MemorySegment state1;
    private MemorySegment state2;
    private int states;

    /** The arguments of the calling thread's custom steps. */
    static CustomStepArguments forThisThread() {
        return PER_THREAD.get();
    }

    /**
     * Fills in a step.
     *
     * @param states how many of {@code state0..2} the rule keeps
     */
    public void set(long step, float learningRate, boolean clipped, float clipValue, float gradientScale,
                    MemorySegment parameter, MemorySegment gradient, MemorySegment state0, MemorySegment state1,
                    MemorySegment state2, int states) {
        this.step = step;
        this.learningRate = learningRate;
        this.clipped = clipped;
        this.clipValue = clipValue;
        this.gradientScale = gradientScale;
        this.parameter = parameter;
        this.gradient = gradient;
        this.state0 = state0;
        this.state1 = state1;
        this.state2 = state2;
        this.states = states;
    }

    /** Drops the buffers, so that a thread's arguments keep no memory reachable between steps. */
    void clear() {
        set(0, 0f, false, Float.POSITIVE_INFINITY, 1f, null, null, null, null, null, 0);
    }

    @Override
    public MemorySegment parameter() {
        return parameter;
    }

    @Override
    public MemorySegment gradient() {
        return gradient;
    }

    @Override
    public MemorySegment state(int index) {
        Objects.checkIndex(index, states);
        return index == 0 ? state0 : index == 1 ? state1 : state2;
    }

    @Override
    public long step() {
        return step;
    }

    @Override
    public float learningRate() {
        return learningRate;
    }

    @Override
    public boolean clipped() {
        return clipped;
    }

    @Override
    public float clipValue() {
        return clipValue;
    }

    @Override
    public float gradientScale() {
        return gradientScale;
    }
}
