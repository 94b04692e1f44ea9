package dev.gradus.internal;

import dev.gradus.internal.precision.ScalarConversions;
import dev.gradus.internal.precision.StorageChecks;
import dev.gradus.precision.StoragePlan;
import dev.gradus.precision.StorageType;
import dev.gradus.precision.Weights;
import dev.gradus.ParameterGroup;
import dev.gradus.UpdateRule;
import java.lang.foreign.MemorySegment;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of an optimizer by name, with the index of every buffer they own and the memory
 * of their state. Registration and removal take amortized {@code O(log n)} time for {@code n}
 * parameters: a hash map by name, the {@link OverlapIndex} for the overlap checks, and
 * {@link Roster}s rebuilt only at the next pass that needs them. Not thread-safe: the optimizer
 * calls it while it holds itself.
 */
public final class ParameterRegistry implements AutoCloseable {

    /** A thread other than any segment's owner: a segment it cannot access is confined. */
    private static final Thread PROBE = Thread.ofPlatform().unstarted(() -> { });

    private final Map<String, RegisteredParameter> byName = new LinkedHashMap<>();
    private final OverlapIndex index = new OverlapIndex();
    private final StateMemory memory = new StateMemory();
    private final int workers;
    private Roster stepping;
    private Roster all;

    /**
     * An empty registry.
     *
     * @param workers the workers of a parallel pass; with more than one, confined segments are rejected
     */
    public ParameterRegistry(int workers) {
        this.workers = workers;
    }

    /**
     * Checks a parameter's buffers, allocates its state and registers it.
     *
     * @param name     a name not registered yet
     * @param values   its values
     * @param gradient its gradient
     * @param group    its group
     * @param rule     the rule it follows
     * @return the registered parameter
     * @throws IllegalArgumentException if the name is taken, the buffers are of different lengths,
     *                                  not whole floats, read-only values, confined while there are
     *                                  several workers, or overlap each other or a registered buffer
     */
    public RegisteredParameter register(String name, MemorySegment values, MemorySegment gradient,
                                        ParameterGroup group, UpdateRule rule) {
        return register(name, values, gradient, group, rule, null);
    }

    /**
     * {@link #register(String, MemorySegment, MemorySegment, ParameterGroup, UpdateRule)} with the
     * parameter's shape, which sizes {@link dev.gradus.Adafactor}'s state.
     *
     * @param shape its dimensions, outermost first, or null for a vector
     * @throws IllegalArgumentException also if the shape does not multiply to the parameter's length
     */
    public RegisteredParameter register(String name, MemorySegment values, MemorySegment gradient,
                                        ParameterGroup group, UpdateRule rule, long[] shape) {
        if (byName.containsKey(name)) {
            throw new IllegalArgumentException("a parameter named " + name + " is already registered");
        }
        ArgumentChecks.requireCustomRule(rule);
        StoragePlan plan = group.storage();
        long n = StorageChecks.requireElements("values", values, plan.parameter(), true);
        long gradients = StorageChecks.requireElements("gradient", gradient, plan.gradient(), false);
        if (plan.gradient() == StorageType.FLOAT32) {
            SegmentChecks.requireSameLength("gradient", gradients, n);
        } else if (gradients != n) {
            throw new IllegalArgumentException("gradient holds " + gradients + " " + plan.gradient()
                    + " elements but values holds " + n);
        }
        if (workers > 1) {
            requireShared("values", values);
            requireShared("gradient", gradient);
        }
        OverlapIndex.Buffer[] buffers = new OverlapIndex.Buffer[2 + rule.stateBuffers()];
        buffers[0] = OverlapIndex.Buffer.values(name, values);
        buffers[1] = OverlapIndex.Buffer.gradient(name, gradient);
        OverlapIndex.requireNoConflict(buffers[0], buffers[1]);
        index.requireNoConflict(buffers[0]);
        index.requireNoConflict(buffers[1]);
        Factoring factoring = shape == null ? Factoring.vector(n) : Factoring.of(shape, n);
        MemorySegment[] state = new MemorySegment[4];
        StateMemory.Lease lease = memory.allocate(rule, n, factoring, plan, state);
        if (plan.weights() == Weights.FLOAT32_MASTER) {
            ScalarConversions.INSTANCE.widen(plan.parameter(), values, state[StateMemory.WEIGHTS], 0, n);
        }
        try {
            for (int i = 0; i < rule.stateBuffers(); i++) {
                buffers[2 + i] = OverlapIndex.Buffer.state(name, rule.stateName(i), state[i]);
                index.requireNoConflict(buffers[2 + i]);
                OverlapIndex.requireNoConflict(buffers[2 + i], buffers[0]);
                OverlapIndex.requireNoConflict(buffers[2 + i], buffers[1]);
            }
        } catch (IllegalArgumentException e) {
            memory.free(lease);
            throw e;
        }
        for (OverlapIndex.Buffer buffer : buffers) {
            index.add(buffer);
        }
        RegisteredParameter parameter = new RegisteredParameter(name, values, gradient, group, rule, state, lease,
                factoring);
        byName.put(name, parameter);
        changed();
        return parameter;
    }

    private static void requireShared(String name, MemorySegment segment) {
        if (!segment.isAccessibleBy(PROBE)) {
            throw new IllegalArgumentException(name + " is confined to its owner thread, but the optimizer steps "
                    + "with several threads: use a shared, global or auto arena, or one thread");
        }
    }

    /**
     * Unregisters parameter {@code name} and frees its state.
     *
     * @param name a registered parameter's name
     * @throws IllegalArgumentException if no parameter has that name
     */
    public void remove(String name) {
        RegisteredParameter parameter = get(name);
        byName.remove(name);
        index.remove(OverlapIndex.Buffer.values(name, parameter.values()));
        index.remove(OverlapIndex.Buffer.gradient(name, parameter.gradient()));
        for (int i = 0; i < parameter.rule().stateBuffers(); i++) {
            index.remove(OverlapIndex.Buffer.state(name, parameter.rule().stateName(i), parameter.state(i)));
        }
        memory.free(parameter.lease());
        changed();
    }

    /**
     * The parameter named {@code name}.
     *
     * @param name its name
     * @return the parameter
     * @throws NullPointerException     if {@code name} is null
     * @throws IllegalArgumentException if no parameter has that name
     */
    public RegisteredParameter get(String name) {
        RegisteredParameter parameter = byName.get(ArgumentChecks.requireNonNull("name", name));
        if (parameter == null) {
            throw new IllegalArgumentException("no parameter named " + name + " is registered");
        }
        return parameter;
    }

    /** {@return the parameters in registration order, an unmodifiable live view} */
    public Collection<RegisteredParameter> parameters() {
        return Collections.unmodifiableCollection(byName.values());
    }

    /** Drops the rosters: a parameter was registered, removed, frozen or unfrozen. */
    public void changed() {
        stepping = null;
        all = null;
    }

    /** {@return the unfrozen parameters, which a step updates} */
    public Roster stepping() {
        if (stepping == null) {
            stepping = Roster.of(byName.values().stream().filter(p -> !p.frozen()).toList(), workers);
        }
        return stepping;
    }

    /** {@return every parameter} */
    public Roster all() {
        if (all == null) {
            all = Roster.of(byName.values().stream().toList(), workers);
        }
        return all;
    }

    /** Frees every parameter's state; views of it throw {@link IllegalStateException} from now on. */
    @Override
    public void close() {
        for (RegisteredParameter parameter : byName.values()) {
            memory.free(parameter.lease());
        }
        memory.close();
    }
}
