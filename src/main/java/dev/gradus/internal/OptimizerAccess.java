package dev.gradus.internal;

import dev.gradus.Optimizer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the checkpoint code needs of an {@link Optimizer} beyond its public API: the registered
 * parameters with their state, exclusive access, and the restore of its counters. The optimizer
 * installs the one implementation when its class initializes, so the package
 * {@code dev.gradus.checkpoint} reaches these operations without public methods on
 * {@code Optimizer}; this package is not exported.
 */
public abstract class OptimizerAccess {

    private static volatile OptimizerAccess installed;

    /** For the optimizer's subclass alone. */
    protected OptimizerAccess() {
    }

    /**
     * Installs the implementation; called once, by {@link Optimizer}'s static initializer.
     *
     * @param access the implementation
     * @throws IllegalStateException if one is installed already
     */
    public static void install(OptimizerAccess access) {
        Objects.requireNonNull(access, "access");
        if (installed != null) {
            throw new IllegalStateException("the optimizer access is installed already");
        }
        installed = access;
    }

    /**
     * The implementation. An optimizer instance exists whenever this is needed, so its class has
     * installed it.
     *
     * @return the installed implementation
     */
    public static OptimizerAccess get() {
        OptimizerAccess access = installed;
        if (access == null) {
            throw new IllegalStateException("no optimizer access: dev.gradus.Optimizer is not initialized");
        }
        return access;
    }

    /**
     * The registered parameters in registration order.
     *
     * @param optimizer the optimizer
     * @return its parameters
     */
    public abstract List<RegisteredParameter> registered(Optimizer optimizer);

    /**
     * Runs {@code action} with the optimizer held as by a step: no step, registration or close runs
     * meanwhile, and a concurrent one fails with {@link IllegalStateException}. While the
     * optimizer is failed (a step stopped part-way), every operation but {@code "load"} is
     * refused with {@link IllegalStateException}.
     *
     * @param optimizer the optimizer
     * @param operation what runs, for the message of a conflicting call
     * @param action    what to run
     * @param <T>       the result type
     * @return what {@code action} returned
     */
    public abstract <T> T exclusively(Optimizer optimizer, String operation, Supplier<T> action);

    /**
     * The number of steps parameter {@code name} has taken: the steps since it was registered,
     * less those it was frozen for. Its next step is this plus one, which is the {@code t} of
     * its rule's bias corrections.
     *
     * @param optimizer the optimizer
     * @param name      a registered parameter's name
     * @return its step count, {@code >= 0}
     */
    public abstract long parameterStepCount(Optimizer optimizer, String name);

    /**
     * Sets the counters of a restored checkpoint, and clears a failure; call it under
     * {@link #exclusively}. Every count is checked before any is set.
     *
     * @param optimizer           the optimizer
     * @param stepCount           the number of steps taken, in {@code [0, Long.MAX_VALUE - 1]}
     * @param skippedSteps        the number of steps skipped, in {@code [0, Long.MAX_VALUE - 1]}
     * @param parameterStepCounts each registered parameter's step count, by name, in
     *                            {@code [0, stepCount]}; empty puts every parameter at {@code stepCount}
     * @throws IllegalArgumentException if a count is negative, {@code stepCount} or
     *                                  {@code skippedSteps} is {@link Long#MAX_VALUE} (counting
     *                                  could not go on), or the map is not empty and does not hold
     *                                  exactly the registered names
     */
    public abstract void restoreCounters(Optimizer optimizer, long stepCount, long skippedSteps,
                                         Map<String, Long> parameterStepCounts);
}
