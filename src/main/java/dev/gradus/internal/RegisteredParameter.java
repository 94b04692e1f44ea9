package dev.gradus.internal;

import dev.gradus.precision.StoragePlan;
import dev.gradus.precision.Weights;
import dev.gradus.ParameterGroup;
import dev.gradus.UpdateRule;
import java.lang.foreign.MemorySegment;

/**
 * One registered parameter of a {@link dev.gradus.Optimizer}: the caller's values and gradient,
 * its group with the rule and learning-rate factor it resolves to, the state the optimizer
 * allocated for it, and what changes as it trains: its own step count and whether it is frozen.
 * The optimizer changes it only while it holds itself.
 */
public final class RegisteredParameter {

    private final String name;
    private final MemorySegment values;
    private final MemorySegment gradient;
    private final ParameterGroup group;
    private final UpdateRule rule;
    private final MemorySegment state0;
    private final MemorySegment state1;
    private final MemorySegment state2;
    private final StateMemory.Lease lease;
    private final Factoring factoring;
    private final StoragePlan storage;
    private final MemorySegment weights;
    private long stepCount;
    private boolean frozen;

    /**
     * A parameter with its state, not frozen, before its first step.
     *
     * @param name     its unique name
     * @param values   the caller's values
     * @param gradient the caller's gradient
     * @param group    its group
     * @param rule     the rule it follows: {@code group.resolve(optimizer rule)}
     * @param state    its {@code rule.stateBuffers()} state buffers, in the rule's order, nulls past them
     * @param lease    the memory of its state
     * @param factoring its shape as a batch of matrices
     * @param state    also the optimizer's weights' buffer in position {@link StateMemory#WEIGHTS}, if its
     *                 group's storage keeps one
     */
    public RegisteredParameter(String name, MemorySegment values, MemorySegment gradient, ParameterGroup group,
                               UpdateRule rule, MemorySegment[] state, StateMemory.Lease lease, Factoring factoring) {
        StoragePlan plan = group.storage();
        this.storage = plan.withRounding(plan.rounding(), seed(plan.seed(), name));
        this.weights = state.length > StateMemory.WEIGHTS ? state[StateMemory.WEIGHTS] : null;
        this.name = name;
        this.values = values;
        this.gradient = gradient;
        this.group = group;
        this.rule = rule;
        this.state0 = state[0];
        this.state1 = state[1];
        this.state2 = state[2];
        this.lease = lease;
        this.factoring = factoring;
    }

    /**
     * The seed of a parameter's stochastic rounding: its group's seed and its name, so that
     * parameters round independently and a resume repeats each one's bits.
     *
     * @param groupSeed the group's seed
     * @param name      the parameter's name
     * @return {@code groupSeed + 0x9e3779b97f4a7c15L * name.hashCode()}
     */
    public static long seed(long groupSeed, String name) {
        return groupSeed + 0x9e3779b97f4a7c15L * name.hashCode();
    }

    /** {@return its group's storage, with the seed of this parameter's rounding} */
    public StoragePlan storage() {
        return storage;
    }

    /** {@return whether its steps go through the storage's conversions: some buffer is not float32} */
    public boolean stored() {
        return storage.narrows();
    }

    /** {@return the buffer the rule steps as its weights: the float32 master if the storage keeps one, else the values} */
    public MemorySegment steppedWeights() {
        return storage.weights() == Weights.FLOAT32_MASTER ? weights : values;
    }

    /** {@return the second weights' buffer of a step: the Kahan compensation, the values beside a master, or null} */
    public MemorySegment weightCopy() {
        return switch (storage.weights()) {
            case ROUNDED -> null;
            case KAHAN -> weights;
            case FLOAT32_MASTER -> values;
        };
    }

    /** {@return the optimizer's weights' buffer (the float32 master or the Kahan compensation), or null} */
    public MemorySegment ownWeights() {
        return weights;
    }

    /** {@return its shape as a batch of matrices: a vector unless registered with a shape} */
    public Factoring factoring() {
        return factoring;
    }

    /** {@return its unique name} */
    public String name() {
        return name;
    }

    /** {@return the caller's values, written by every step} */
    public MemorySegment values() {
        return values;
    }

    /** {@return the caller's gradient, read by every step} */
    public MemorySegment gradient() {
        return gradient;
    }

    /** {@return the group it was registered in} */
    public ParameterGroup group() {
        return group;
    }

    /** {@return the rule it follows (its group's, with the group's weight decay)} */
    public UpdateRule rule() {
        return rule;
    }

    /** {@return its group's factor on the scheduled learning rate} */
    public double learningRateFactor() {
        return group.learningRateFactor();
    }

    /** {@return the first state buffer, or null if the rule keeps none} */
    public MemorySegment state0() {
        return state0;
    }

    /** {@return the second state buffer, or null} */
    public MemorySegment state1() {
        return state1;
    }

    /** {@return the third state buffer, or null} */
    public MemorySegment state2() {
        return state2;
    }

    /**
     * State buffer {@code index}.
     *
     * @param index from 0
     * @return the buffer, or null past the rule's count
     */
    public MemorySegment state(int index) {
        return switch (index) {
            case 0 -> state0;
            case 1 -> state1;
            case 2 -> state2;
            default -> null;
        };
    }

    /** {@return the memory its state was allocated from} */
    public StateMemory.Lease lease() {
        return lease;
    }

    /** {@return the number of elements} */
    public long length() {
        return values.byteSize() / storage.parameter().bytes();
    }

    /** {@return the steps it has taken: its next step is its {@code t = stepCount() + 1}} */
    public long stepCount() {
        return stepCount;
    }

    /**
     * Sets its step count, after a step or from a checkpoint.
     *
     * @param steps the steps it has taken, {@code >= 0}
     */
    public void stepCount(long steps) {
        this.stepCount = steps;
    }

    /** {@return whether steps leave it alone} */
    public boolean frozen() {
        return frozen;
    }

    /**
     * Freezes or unfreezes it.
     *
     * @param frozen whether steps leave it alone
     */
    public void frozen(boolean frozen) {
        this.frozen = frozen;
    }
}
